"""Posting the guide editor as a browser would: the form's own HTML, with some fields changed."""

from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html


def edit_form_data(client, guide, **changes):
    """The guide's edit form as `client` receives it, with `changes` applied, ready to post back."""
    url = reverse("wagtailadmin_pages:edit", args=[guide.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    # The StreamField editor is drawn by JavaScript, so its (empty) inputs are not in the HTML.
    data["situations-count"] = "0"
    # Browsers send "on" for a ticked checkbox without a value; the HTML helper sends "".
    for name in ("is_free", "appointment", "postal_delivery"):
        if getattr(guide, name):
            data[name] = "on"
    for key, value in changes.items():
        data[key] = value
    return data
