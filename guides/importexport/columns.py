"""The implementation list's columns: one definition per field, shared by every file format.

Tabular files (XLSX, CSV) carry Chinese headers and Chinese choice labels; JSON carries the field keys and
the choice codes. Both are read by the same `to_value`, so a cell means the same thing in every format.

`to_value` also judges each value as its model field would, so that nothing the database or the editor form
would refuse gets past the preview: the field's own validators (length, choices, URL, slug), an integer range
every database holds (PostgreSQL's, the narrowest), http(s) only for links, no control characters in texts
(PostgreSQL refuses NUL; a worksheet cannot hold the others), the lengths of the 情形 block's questions and
options, and no file path as the name of a document (材料名称, 办理结果).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _

from guides.choices import (
    Audience,
    ItemType,
    MaterialForm,
    MaterialMedium,
    MaterialSource,
    OnlineLevel,
    Requirement,
    ServiceScope,
)
from guides.limits import LimitUnit
from guides.models import GuideFee, GuideMaterial, GuidePage

TRUE_WORDS = {"是", "true", "1", "y", "yes"}
FALSE_WORDS = {"否", "false", "0", "n", "no"}
DATE_PATTERN = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
INTEGER_PATTERN = re.compile(r"^-?\d+$")
# Python reads at most 4300 digits; no integer column holds more than 19.
MAX_INTEGER_DIGITS = 20
QUESTION_SEPARATOR = "："
WINDOW_SEPARATOR = "｜"
OPTION_SEPARATORS = re.compile(r"[／/]")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A path where the name of a document is expected: ../x, a/../b, ./x, /etc/passwd, \\server\x, ~/x.
PATH_LIKE = re.compile(r"(^|[/\\])\.{1,2}([/\\]|$)|^[/\\~]")
WEB_LINK = URLValidator(schemes=("http", "https"))
SHOWN_CHARACTERS = 40


class CellError(ValueError):
    """A cell that cannot be read; the message says what was expected, in Chinese."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text, name (of a document), int, bool, date, choice, situations
    choices: type | None = None
    required: bool = False
    model_field: models.Field | None = field(default=None, compare=False, repr=False)

    @property
    def max_length(self):
        return getattr(self.model_field, "max_length", None) if self.kind in ("text", "name") else None


def _columns(model, specs):
    return tuple(
        Column(key, header, kind, choices, required, model._meta.get_field(key))
        for key, header, kind, choices, required in specs
    )


GUIDE_COLUMNS = _columns(
    GuidePage,
    [
        ("item_code", "事项编码", "text", None, True),
        ("title", "事项名称", "text", None, True),
        ("slug", "网址名称", "text", None, False),
        ("item_type", "事项类型", "choice", ItemType, True),
        ("audience", "服务对象", "choice", Audience, True),
        ("department", "实施主体", "text", None, True),
        ("summary", "一句话说明", "text", None, True),
        ("colloquial_names", "常用叫法", "text", None, False),
        ("legal_basis", "设定依据", "text", None, True),
        ("conditions", "受理条件", "text", None, True),
        ("legal_limit_days", "法定办结时限", "int", None, True),
        ("legal_limit_unit", "法定时限单位", "choice", LimitUnit, True),
        ("committed_limit_days", "承诺办结时限", "int", None, True),
        ("committed_limit_unit", "承诺时限单位", "choice", LimitUnit, True),
        ("limit_note", "时限说明", "text", None, False),
        ("is_free", "不收费", "bool", None, True),
        ("online_level", "网上办理深度", "choice", OnlineLevel, True),
        ("online_url", "网上办理地址", "text", None, False),
        ("visits_required", "到办事现场次数", "int", None, True),
        ("appointment", "支持预约办理", "bool", None, True),
        ("appointment_note", "预约方式", "text", None, False),
        ("postal_delivery", "支持结果邮寄", "bool", None, True),
        ("service_scope", "通办范围", "choice", ServiceScope, True),
        ("enquiry_phone", "咨询电话", "text", None, False),
        ("complaint_phone", "监督投诉电话", "text", None, False),
        ("result_name", "办理结果", "name", None, True),
        ("result_delivery", "结果送达方式", "text", None, False),
        ("last_reviewed", "上次复核日期", "date", None, False),
        ("next_review_due", "下次复核日期", "date", None, False),
        ("situations", "情形", "situations", None, False),
        ("steps", "办理流程", "steps", None, False),
        ("halls", "办理地点", "halls", None, False),
        ("catalogue_item", "目录编码", "text", None, False),
    ],
)
MATERIAL_COLUMNS = _columns(
    GuideMaterial,
    [
        ("guide", "事项编码", "text", None, True),
        ("material", "材料库材料", "text", None, False),
        ("name", "材料名称", "name", None, False),
        ("form", "材料形式", "choice", MaterialForm, True),
        ("medium", "载体", "choice", MaterialMedium, True),
        ("copies", "份数", "int", None, True),
        ("requirement", "必要性", "choice", Requirement, True),
        ("source", "来源渠道", "choice", MaterialSource, False),
        ("notes", "填报要求", "text", None, False),
        ("exempt_by_data_sharing", "免提交", "bool", None, True),
        ("pledge_allowed", "可告知承诺", "bool", None, True),
        ("applies_to", "适用情形", "text", None, False),
    ],
)
FEE_COLUMNS = _columns(
    GuideFee,
    [
        ("guide", "事项编码", "text", None, True),
        ("name", "收费项目", "text", None, True),
        ("standard", "收费标准", "text", None, False),
        ("basis", "收费依据", "text", None, False),
    ],
)
# Columns added after lists were first written: a file without one leaves that value of each guide as it is
# (and a new guide without it); every other column must be present.
ADDED_LATER = frozenset({"catalogue_item"})
# Foreign keys are written by name (department, library material) or by code (guide, catalogue item), never by id.
TABLES = {"guides": ("事项", GUIDE_COLUMNS), "materials": ("材料", MATERIAL_COLUMNS), "fees": ("收费", FEE_COLUMNS)}


def _text(raw):
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime.datetime | datetime.date):
        raw = raw.isoformat()
    return str(raw).replace("\r\n", "\n").replace("\r", "\n").strip()


def _is_blank(raw):
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _choice_of(column, raw):
    text = _text(raw)
    for value, label in column.choices.choices:
        if text in (value, str(label)):
            return value
    labels = "、".join(str(label) for _value, label in column.choices.choices)
    raise CellError(_("应为以下之一：%(labels)s；现为「%(value)s」") % {"labels": labels, "value": text})


def _shown(text):
    text = str(text)
    return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS] + "…"


def _integer_range(column):
    """The range every supported database stores for the column's field (SQLite's is wider than PostgreSQL's)."""
    return BaseDatabaseOperations.integer_field_ranges[column.model_field.get_internal_type()]


def _int_of(column, raw):
    if isinstance(raw, bool):
        raise CellError(_("应填写整数"))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int):
        number = text = raw
    else:
        text = _text(raw)
        if not INTEGER_PATTERN.match(text):
            raise CellError(_("应填写整数，现为「%(value)s」") % {"value": _shown(text)})
        number = int(text) if len(text) <= MAX_INTEGER_DIGITS else None
    low, high = _integer_range(column)
    if number is None or not low <= number <= high:
        message = _("应为 %(min)s 到 %(max)s 之间的整数，现为「%(value)s」")
        raise CellError(message % {"min": low, "max": high, "value": _shown(text)})
    return number


def _bool_of(raw):
    if isinstance(raw, bool):
        return raw
    text = _text(raw).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(_("应填写“是”或“否”，现为「%(value)s」") % {"value": _text(raw)})


def _date_of(raw):
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    match = DATE_PATTERN.match(_text(raw))
    try:
        if match:
            return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        pass
    raise CellError(_("应为日期，例如 2026-06-01；现为「%(value)s」") % {"value": _text(raw)})


def parse_situations(text):
    """[(question, [options])] from the 情形 cell: one question per line, 问题：选项一／选项二."""
    questions = []
    for line in filter(None, (line.strip() for line in text.split("\n"))):
        question, separator, options = line.rpartition(QUESTION_SEPARATOR)
        choices = [option.strip() for option in OPTION_SEPARATORS.split(options) if option.strip()]
        if not separator or not question.strip() or len(choices) < 2:
            raise CellError(
                _("每行写一个问题及至少两个选项，例如“由谁办理？：本人办理／委托代理人办理”；无法读取「%(line)s」")
                % {"line": line}
            )
        questions.append((question.strip(), choices))
    return questions


def parse_steps(text):
    """[(title, description)] from the 办理流程 cell: one step per line, 环节：说明 (the 说明 may be left out)."""
    steps = []
    limit = GuidePage._meta.get_field("steps").related_model._meta.get_field("title").max_length
    for line in filter(None, (line.strip() for line in text.split("\n"))):
        title, _separator, description = line.partition(QUESTION_SEPARATOR)
        if len(title.strip()) > limit:
            raise CellError(_("环节名称不能超过 %(max)s 个字：「%(text)s」") % {"max": limit, "text": _shown(title)})
        steps.append((title.strip(), description.strip()))
    return steps


def steps_text(steps):
    """The canonical 办理流程 cell for [(title, description)]."""
    return "\n".join(
        f"{title}{QUESTION_SEPARATOR}{description}" if description else title for title, description in steps
    )


def parse_halls(text):
    """[(hall name, window)] from the 办理地点 cell: one hall per line, 大厅名称｜窗口 (the 窗口 may be left out)."""
    return [
        tuple(part.strip() for part in line.replace("|", WINDOW_SEPARATOR).partition(WINDOW_SEPARATOR)[::2])
        for line in filter(None, (line.strip() for line in text.split("\n")))
    ]


def halls_text(halls):
    """The canonical 办理地点 cell for [(hall name, window)]."""
    return "\n".join(f"{name}{WINDOW_SEPARATOR}{window}" if window else name for name, window in halls)


def _check_situation_lengths(questions):
    """The lengths the editor form's 情形 block allows (guides.blocks.SituationBlock)."""
    block = GuidePage._meta.get_field("situations").stream_block.child_blocks["situation"]
    limits = {
        _("问题"): block.child_blocks["question"].field.max_length,
        _("选项"): block.child_blocks["options"].child_block.field.max_length,
    }
    for question, options in questions:
        for label, text in [(_("问题"), question)] + [(_("选项"), option) for option in options]:
            if len(text) > limits[label]:
                message = _("%(label)s不能超过 %(max)s 个字，现有 %(count)s 个字：「%(text)s」")
                raise CellError(
                    message % {"label": label, "max": limits[label], "count": len(text), "text": _shown(text)}
                )


def situations_text(questions):
    """The canonical 情形 cell for [(question, [options])]."""
    return "\n".join(f"{question}{QUESTION_SEPARATOR}{'／'.join(options)}" for question, options in questions)


def _check_field(column, value):
    """The model field's own validators, as the database and the editor form would apply them."""
    model_field = column.model_field
    if model_field is None or model_field.is_relation or column.kind == "situations":
        return
    try:
        if isinstance(model_field, models.URLField):
            WEB_LINK(value)
        model_field.run_validators(value)
    except ValidationError as error:
        shown = {"value": _shown(value)}
        if isinstance(model_field, models.URLField):
            message = _("应为以 http:// 或 https:// 开头的有效网址，现为「%(value)s」") % shown
        elif isinstance(model_field, models.SlugField):
            message = _("只能由字母、数字、汉字、下划线和连字符组成，现为「%(value)s」") % shown
        else:
            message = "；".join(error.messages) + _("（现为「%(value)s」）") % shown
        raise CellError(message) from None


def _text_value(column, raw):
    text = _text(raw)
    if CONTROL_CHARACTERS.search(text):
        raise CellError(_("含有看不见的控制字符（多半是从其他程序复制来的），请删除后再导入"))
    if column.kind == "situations":
        questions = parse_situations(text)
        _check_situation_lengths(questions)
        return situations_text(questions)
    if column.kind == "steps":
        return steps_text(parse_steps(text))
    if column.kind == "halls":
        return halls_text(parse_halls(text))
    if column.max_length and len(text) > column.max_length:
        message = _("不能超过 %(max)s 个字，现有 %(count)s 个字")
        raise CellError(message % {"max": column.max_length, "count": len(text)})
    if column.kind == "name" and PATH_LIKE.search(text):
        raise CellError(_("名称不能是文件路径，现为「%(value)s」") % {"value": _shown(text)})
    return text


def to_value(column, raw):
    """The canonical value of one cell (from any format), judged as its model field would judge it; or CellError."""
    if isinstance(raw, list | dict):
        # Only JSON can carry these; printed back they would be Python's notation, not the editor's text.
        raise CellError(_("应为文字、数字或 true/false，不能是列表或对象"))
    if _is_blank(raw):
        if column.required:
            raise CellError(_("必须填写"))
        return {"int": None, "bool": False, "date": None}.get(column.kind, "")
    if column.kind == "int":
        value = _int_of(column, raw)
    elif column.kind == "bool":
        value = _bool_of(raw)
    elif column.kind == "date":
        value = _date_of(raw)
    elif column.kind == "choice":
        value = _choice_of(column, raw)
    else:
        value = _text_value(column, raw)
    _check_field(column, value)
    return value


def to_cell(column, value, tabular):
    """What a canonical value looks like in a file: labels and 是/否 in tables, codes and booleans in JSON."""
    if column.kind == "date":
        return value.isoformat() if value else ("" if tabular else None)
    if not tabular:
        return value
    if column.kind == "bool":
        return _("是") if value else _("否")
    if column.kind == "choice":
        return str(column.choices(value).label) if value else ""
    return "" if value is None else value


def canonical(column, value):
    """A stored value in the form `to_value` gives, without judging it (exports never fail on odd data)."""
    if column.kind in ("text", "name", "situations", "steps", "halls", "choice"):
        return "" if value is None else _text(value)
    return value
