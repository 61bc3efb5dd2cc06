"""What an import reports: every problem with where it is (sheet, row, column), in Chinese."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Location:
    """A place in the file, shown as `text`; reports list problems in `order` (sheet, row, …)."""

    text: str
    order: tuple = ()

    def __str__(self):
        return self.text


@dataclass(frozen=True)
class Problem:
    location: str
    message: str
    column: str = ""

    def __str__(self):
        if self.column:
            return _("%(location)s「%(column)s」列：%(message)s") % {
                "location": self.location,
                "column": self.column,
                "message": self.message,
            }
        return f"{self.location}：{self.message}"


class ImportRefused(Exception):
    """The file was refused as a whole; nothing was changed."""

    def __init__(self, problems):
        self.problems = sorted(problems, key=lambda problem: getattr(problem.location, "order", ()))
        super().__init__(report(self.problems))


def refuse(message):
    raise ImportRefused([Problem(_("文件"), message)])


def report(problems):
    """The Chinese error report shown by the command and the admin page."""
    lines = [_("导入被拒绝：发现 %(count)s 个问题，没有做任何修改。") % {"count": len(problems)}]
    lines += [f"{number}. {problem}" for number, problem in enumerate(problems, start=1)]
    return "\n".join(lines)
