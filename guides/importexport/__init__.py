"""Import and export of the implementation list (实施清单): XLSX, CSV and JSON, keyed by item code.

    export_guides(fmt, guides) -> bytes            (guides: a GuidePage queryset)
    import_guides(data, filename, fmt=None, dry_run=False, user=None) -> Plan, or raises ImportRefused

An import is all or nothing, validated by the same rules as the editor form, and idempotent: a guide whose
record equals the file's is left alone, so the same file twice makes no new revisions.

readers (the file: size, zip bombs, encodings, sheets, headers) → parse and columns (each cell, judged by its
model field) → matching (which guide an item code is about: drafts hold none) → plan (the editor form's rules;
apply). writers and formulas write exports that no spreadsheet runs as formulas; previews keeps an admin
upload privately between its preview and its confirmation.
"""

from .parse import parse
from .plan import IMPORT_NOTE, Plan, apply, build_plan
from .problems import ImportRefused, report
from .readers import FORMATS, MAX_BYTES, read
from .writers import CONTENT_TYPES, export_records, write

__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "IMPORT_NOTE",
    "MAX_BYTES",
    "ImportRefused",
    "Plan",
    "export_guides",
    "import_guides",
    "report",
]


def export_guides(fmt, guides):
    return write(export_records(guides), fmt)


def import_guides(data, filename, fmt=None, dry_run=False, user=None):
    tables = read(data, filename, fmt)
    records, problems = parse(tables)
    try:
        plan = build_plan(records)
    except ImportRefused as refused:
        problems += refused.problems
    if problems:
        raise ImportRefused(problems)
    plan.notes += tables.notes
    if not dry_run:
        apply(plan, user=user)
    return plan
