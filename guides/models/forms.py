"""The guide editing form: runs the publishing rules on publish and submit, never on a plain draft save.

It is GuidePage's base_form_class, so it lives beside the model: Wagtail builds the admin form from it. It also
spares the editor two chores: the slug, made from the Chinese title in pinyin when left empty, and the
department, pre-filled when the editor writes for one department only.
"""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pypinyin import lazy_pinyin
from wagtail.admin.forms import WagtailAdminPageForm

from guides.text import split_names

from .permissions import writable_department_ids

SLUG_LENGTH = 80  # a readable URL; Wagtail allows 255
FROM_LIBRARY = "沿用材料库的设置"
APPLIES_TO_HELP = "都不勾：所有情形都需要。新加的情形选项保存后出现。"
OTHER_OPTIONS = "不在本指南情形选项中的（请改正或取消勾选）"


def fold_line_breaks(value):
    """A browser posts a textarea's line breaks as CRLF; stored text uses LF, so an unchanged text stays unchanged."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _fold_cleaned_text(form):
    for name, value in list(getattr(form, "cleaned_data", {}).items()):
        folded = fold_line_breaks(value)
        if folded is not value:
            form.cleaned_data[name] = folded
            if isinstance(getattr(form.instance, name, None), str):
                setattr(form.instance, name, folded)


class SituationOptionsWidget(forms.CheckboxSelectMultiple):
    """适用情形 as ticks of the guide's own situation options, grouped by question; stored as before (顿号-joined)."""

    def __init__(self, questions, attrs=None):
        super().__init__(attrs)
        self.option_groups = [
            (question.text, [(option, option) for option in question.options]) for question in questions
        ]
        self.known = {option for question in questions for option in question.options}
        self.choices = list(self.option_groups)

    def format_value(self, value):
        return split_names(value) if isinstance(value, str) else list(value or [])

    def get_context(self, name, value, attrs):
        unknown = [option for option in self.format_value(value) if option not in self.known]
        self.choices = self.option_groups + (
            [(OTHER_OPTIONS, [(option, option) for option in unknown])] if unknown else []
        )
        return super().get_context(name, value, attrs)

    def value_from_datadict(self, data, files, name):
        return "、".join(split_names("、".join(super().value_from_datadict(data, files, name) or [])))


def _material_row_form(base, questions):
    """The 申请材料 row form: 来源渠道's empty choice said in words; 适用情形 ticked from the guide's options."""

    class MaterialRowForm(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            _adapt_material_row(self, questions)

    MaterialRowForm.__name__ = base.__name__
    return MaterialRowForm


def _adapt_material_row(form, questions):
    if "source" in form.fields:
        field = form.fields["source"]
        field.choices = [("", FROM_LIBRARY), *[choice for choice in field.choices if choice[0]]]
        field.help_text = "选一项只对本指南生效"
    if "applies_to" in form.fields and questions:
        form.fields["applies_to"].widget = SituationOptionsWidget(questions)
        form.fields["applies_to"].help_text = APPLIES_TO_HELP


def pinyin_slug(title):
    """居民身份证换领 → ju-min-shen-fen-zheng-huan-ling (letters and digits kept, the rest dropped)."""
    return slugify(" ".join(lazy_pinyin(title or "")))[:SLUG_LENGTH].strip("-")


def _rows(formset):
    """The child forms that will be saved, in the editor's order."""
    if formset.can_order:
        return formset.ordered_forms
    return [form for form in formset.forms if form not in formset.deleted_forms and form.has_changed()]


class GuidePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance if self.instance.pk else getattr(self, "parent_page", None)
        self.site = site = page.get_site() if page is not None else None
        if site is not None and "department" in self.fields:  # a guide's department is one of its own site
            self.fields["department"].queryset = self.fields["department"].queryset.filter(site=site)
        departments = writable_department_ids(self.for_user) if self.for_user else None
        if departments is not None and "department" in self.fields:
            field = self.fields["department"]
            field.queryset = field.queryset.filter(pk__in=departments)
            # Wagtail's snippet chooser would list every department: a plain list of the editor's own instead.
            field.widget = forms.Select(choices=field.choices)
            if len(departments) == 1 and not self.instance.department_id:
                self.initial["department"] = next(iter(departments))
        if "slug" in self.fields:  # filled from the title in clean() when left empty
            self.fields["slug"].required = False
        materials = self.formsets.get("materials") if hasattr(self, "formsets") else None
        if materials is not None:
            questions = self.instance.situation_questions
            materials.form = _material_row_form(materials.form, questions)
            for form in materials.__dict__.get("forms", []):  # rows already built keep up
                _adapt_material_row(form, questions)
        # The live page's note described the last publish; a new change needs a new note.
        if self.instance.pk and not self.instance.has_unpublished_changes:
            self.initial["change_note"] = ""

    def clean(self):
        if not self.cleaned_data.get("slug") and "slug" not in self.errors:
            self.cleaned_data["slug"] = pinyin_slug(self.cleaned_data.get("title"))
        _fold_cleaned_text(self)
        return super().clean()

    def is_valid(self):
        valid = super().is_valid()
        for formset in getattr(self, "formsets", {}).values():
            for form in formset.forms:
                _fold_cleaned_text(form)
        if valid and not self._halls_of_own_site():
            return False
        # A draft keeps whatever the editor wrote; the rules guard what goes live.
        if not valid or self.is_deferred_validation:
            return valid
        row_forms = {name: _rows(formset) for name, formset in self.formsets.items()}
        errors = self.instance.publishing_problems(
            **{
                name: [form.instance for form in row_forms.get(name, [])]
                for name in ("materials", "fees", "halls", "steps")
            }
        )
        for error in errors:
            relation, _, child_field = error.field.partition(".")
            if child_field and error.row is not None:
                row_forms[relation][error.row].add_error(None, error.message)
                self.add_error(None, error.message)
            elif relation in self.fields:
                self.add_error(relation, error.message)
            elif relation in self.formsets:
                self.formsets[relation].non_form_errors().append(error.message)
                self.add_error(None, error.message)
            else:
                self.add_error(None, error.message)
        return not errors

    def _halls_of_own_site(self):
        """A guide's halls are its own site's. The chooser offers no other, but a hand-made POST could name one,
        and the guide would then send citizens to another city's hall."""
        halls = getattr(self, "formsets", {}).get("halls")
        if self.site is None or halls is None:
            return True
        own = True
        for form in _rows(halls):
            hall = form.cleaned_data.get("hall")
            if hall is not None and hall.site_id != self.site.pk:
                form.add_error("hall", _("只能选择本站点的办理地点。"))
                own = False
        return own
