"""The guide editing form: runs the publishing rules on publish and submit, never on a plain draft save."""

from wagtail.admin.forms import WagtailAdminPageForm


def _rows(formset):
    """The child forms that will be saved, in the editor's order."""
    if formset.can_order:
        return formset.ordered_forms
    return [form for form in formset.forms if form not in formset.deleted_forms and form.has_changed()]


class GuidePageForm(WagtailAdminPageForm):
    def is_valid(self):
        valid = super().is_valid()
        # A draft keeps whatever the editor wrote; the rules guard what goes live.
        if not valid or self.is_deferred_validation:
            return valid
        from guides.rules import check_guide

        row_forms = {name: _rows(formset) for name, formset in self.formsets.items()}
        errors = check_guide(
            self.instance,
            [form.instance for form in row_forms.get("materials", [])],
            [form.instance for form in row_forms.get("fees", [])],
        )
        for error in errors:
            relation, _, child_field = error.field.partition(".")
            if child_field and error.row is not None:
                row_forms[relation][error.row].add_error(None, error.message)
                self.add_error(None, error.message)
            elif relation in self.fields:
                self.add_error(relation, error.message)
            else:
                self.add_error(None, error.message)
        return not errors
