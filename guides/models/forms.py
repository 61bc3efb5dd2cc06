"""The guide editing form: runs the publishing rules on publish and submit, never on a plain draft save.

It is GuidePage's base_form_class, so it lives beside the model: Wagtail builds the admin form from it.
"""

from wagtail.admin.forms import WagtailAdminPageForm

from .permissions import writable_department_ids


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
            self.fields["department"].queryset = self.fields["department"].queryset.filter(pk__in=departments)
        # The live page's note described the last publish; a new change needs a new note.
        if self.instance.pk and not self.instance.has_unpublished_changes:
            self.initial["change_note"] = ""

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
