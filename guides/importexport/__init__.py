"""Import and export of the implementation list (实施清单): XLSX, CSV and JSON, keyed by item code.

    export_guides(fmt, guides) -> bytes            (guides: a GuidePage queryset; site_guides(site): one site's)
    import_guides(data, filename, fmt=None, dry_run=False, user=None, site=None) -> Plan, or raises ImportRefused
    chosen_site(value) -> Site                     (an id or hostname; raises ImportRefused in Chinese)

An import goes into one site (the default site unless told): departments, halls and item codes are that site's.

An import is all or nothing, validated by the same rules as the editor form, and idempotent: a guide whose
record equals the file's is left alone, so the same file twice makes no new revisions.

readers (the file: size, zip bombs, encodings, sheets, headers) → parse and columns (each cell, judged by its
model field) → matching (which guide an item code is about: drafts hold none) → plan (the editor form's rules;
apply). writers and formulas write exports that no spreadsheet runs as formulas; previews keeps an admin
upload privately between its preview and its confirmation.
"""

from django.utils.translation import gettext as _
from wagtail.models import Site

from guides.models import GuidePage
from guides.models.querysets import on_sites
from web.sites import default_site_id

from .parse import parse
from .plan import IMPORT_NOTE, Plan, apply, build_plan
from .problems import ImportRefused, Problem, report
from .readers import FORMATS, ON_SERVER, UPLOAD, read, too_large
from .writers import CONTENT_TYPES, streamed_records, write

__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "IMPORT_NOTE",
    "ON_SERVER",
    "UPLOAD",
    "ImportRefused",
    "Plan",
    "chosen_site",
    "export_guides",
    "too_large",
    "import_guides",
    "report",
    "site_guides",
]


def chosen_site(value):
    """The site named by `value`: its id or its hostname (the default site when empty)."""
    value = str(value or "").strip()
    sites = Site.objects.select_related("root_page")
    if not value:
        found = sites.filter(pk=default_site_id()).first()
    elif value.isdigit():
        found = sites.filter(pk=int(value)).first()
    else:
        found = sites.filter(hostname__iexact=value).order_by("pk").first()
    if found is None:
        raise ImportRefused([Problem(_("站点"), _("没有这个站点：「%(site)s」") % {"site": value or "-"})])
    return found


def site_guides(site):
    """The live guides of `site` (its tree), as an export writes them."""
    return GuidePage.objects.live().filter(on_sites(site))


def export_guides(fmt, guides):
    return write(streamed_records(guides), fmt)


def import_guides(data, filename, fmt=None, dry_run=False, user=None, site=None, limits=UPLOAD):
    site = site or chosen_site("")
    tables = read(data, filename, fmt, limits)
    records, problems = parse(tables)
    try:
        plan = build_plan(records, site)
    except ImportRefused as refused:
        problems += refused.problems
    if problems:
        raise ImportRefused(problems)
    plan.notes += tables.notes
    if not dry_run:
        apply(plan, user=user)
    return plan
