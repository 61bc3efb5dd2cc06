"""The guide editing form: runs the publishing rules on publish and submit, never on a plain draft save.

It is GuidePage's base_form_class, so it lives beside the model: Wagtail builds the admin form from it. It also
spares the editor two chores: the slug, made from the Chinese title in pinyin when left empty, and the
department, pre-filled when the editor writes for one department only.
"""

from django import forms
from django.utils.text import slugify
from pypinyin import lazy_pinyin
from wagtail.admin.forms import WagtailAdminPageForm

from .permissions import writable_department_ids

SLUG_LENGTH = 80  # a readable URL; Wagtail allows 255


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
        # The live page's note described the last publish; a new change needs a new note.
        if self.instance.pk and not self.instance.has_unpublished_changes:
            self.initial["change_note"] = ""

    def clean(self):
        if not self.cleaned_data.get("slug") and "slug" not in self.errors:
            self.cleaned_data["slug"] = pinyin_slug(self.cleaned_data.get("title"))
        return super().clean()

    def is_valid(self):
        valid = super().is_valid()
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
