"""The printed checklists (一次性告知单): one guide's, for the applicant's situation, with its 补正 mode, and a
life event's combined checklist.

Every sheet carries its own number, so no sheet is ever served from a cache.
"""

from urllib.parse import unquote

from django import forms
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import PageLogEntry

from guides import checklist, situations
from guides.models.site_settings import page_full_url

APPLICANT_MAX_LENGTH = 40
CROWDED_LINES = 10


class CorrectionForm(forms.Form):
    """补正: the window ticks the materials the applicant brought; the sheet then lists what is missing."""

    applicant = forms.CharField(label=gettext_lazy("申请人姓名"), max_length=APPLICANT_MAX_LENGTH, required=False)
    brought = forms.MultipleChoiceField(
        label=gettext_lazy("申请人已提交的材料"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, materials, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.materials = materials
        self.fields["brought"].choices = [(str(row.pk), row.display_name) for row in materials]

    def correction(self):
        """{applicant, missing rows, brought rows} of a valid form."""
        brought = set(self.cleaned_data["brought"])
        return {
            "applicant": self.cleaned_data["applicant"].strip(),
            "missing": [row for row in self.materials if str(row.pk) not in brought],
            "brought": [row for row in self.materials if str(row.pk) in brought],
        }


def published_version(page):
    """指南版本号: how many times this guide has been published (1, 2, 3 …), counted from its own history."""
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").count()


def sheet(request, page, questions, answers):
    """What every printed sheet carries: the link back (with the answers) and its QR code, the date and a
    number of its own."""
    link = checklist.guide_link(page_full_url(page, request), questions, answers)
    now = timezone.localtime()
    return {
        "guide_link_text": unquote(link),
        "qr_code": checklist.qr_svg(link, _("二维码：扫码打开本页（保留您选择的情形）")),
        "printed_on": now.date(),
        "sheet_number": checklist.sheet_number(now),
    }


def render_sheet(request, template, context, status=200):
    response = TemplateResponse(request, template, context, status=status)
    patch_cache_control(response, no_store=True)
    return response


def numbered_groups(groups):
    """[(condition, [(number, row)])]: the rows numbered on through the groups, as the sheet lists them."""
    numbered, number = [], 0
    for condition, rows in groups:
        numbered.append((condition, [(number + offset, row) for offset, row in enumerate(rows, start=1)]))
        number += len(rows)
    return numbered


def print_checklist(page, request):
    """One guide's sheet. GET prints it for the answers in the query; POST (the 补正 form) prints the missing
    materials as the 一次性告知 note."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    context = page.get_context(request)
    materials = context["materials"]
    form = CorrectionForm(materials, request.POST if request.method == "POST" else None)
    correction = form.correction() if form.is_bound and form.is_valid() else None
    listed = correction["missing"] if correction else materials  # the 补正 sheet lists only what is missing
    # Grouped by the questions still open: a material for the situation the applicant chose is simply needed.
    groups = numbered_groups(situations.group_by_condition(listed, context["questions"], context["answers"]))
    context.update(
        sheet(request, page, context["questions"], context["answers"]),
        version=published_version(page),
        material_groups=groups,
        # A sheet of more than ten lines (materials and situation headings) prints smaller, to stay on one page
        crowded=len(listed) + sum(1 for condition, _rows in groups if condition) > CROWDED_LINES,
        correction_form=form,
        correction=correction,
    )
    return render_sheet(request, "guides/guide_print.html", context, status=400 if form.errors else 200)


def print_life_event(page, request):
    """A life event's combined checklist: its steps, totals and every material once."""
    context = page.get_context(request)
    context.update(sheet(request, page, context["questions"], context["answers"]))
    return render_sheet(request, "guides/life_event_print.html", context)
