"""Writing the implementation list of some guides as XLSX (three sheets), CSV (one table) or JSON.

Spreadsheet cells never start like a formula (see formulas.py): XLSX and CSV texts are neutralised, and XLSX
writes every text as a string cell.

The writers take the records as an iterable and read it once: `streamed_records` reads a site's guides `size` at
a time, and the XLSX workbook is written row by row (openpyxl's write-only mode, each sheet to its own temporary
file), so an export of thousands of guides never holds them, or the workbook's cells, all at once.
"""

import csv
import io
import json

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from .columns import TABLES, to_cell
from .formulas import neutralise
from .readers import RECORD_TYPE
from .records import record_of

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


BATCH = 500
EXPORT_ORDER = ("department__ordering", "department__name", "item_code")


def export_records(guides):
    """Records of the guides of a GuidePage queryset, by department then item code."""
    pages = (
        guides.select_related("department", "catalogue_item")
        .prefetch_related("materials__material", "fees", "steps", "halls__hall")
        .order_by(*EXPORT_ORDER)
    )
    return [record_of(page) for page in pages]


def batches(guides, size=BATCH):
    """`guides` in the export's order (department, then item code), as querysets of `size` guides."""
    pks = list(guides.order_by(*EXPORT_ORDER).values_list("pk", flat=True))
    for start in range(0, len(pks), size):
        yield guides.filter(pk__in=pks[start : start + size])


def streamed_records(guides, size=BATCH):
    """The records of `guides`, in the export's order, read `size` guides at a time."""
    for batch in batches(guides, size):
        yield from export_records(batch)


def _table_rows(records, name, tabular):
    """(record type, row dict keyed by column key) for one table."""
    columns = TABLES[name][1]
    for record in records:
        rows = [record.fields] if name == "guides" else getattr(record, name)
        for row in rows:
            values = {**row, "guide": record.item_code}
            yield {column.key: to_cell(column, values[column.key], tabular) for column in columns}


def _xlsx_cell(worksheet, value, bold=False):
    cell = WriteOnlyCell(worksheet)
    if isinstance(value, str):
        # Control characters cannot be stored in a worksheet at all: they are dropped rather than fail the
        # export (a paste from another program must not break the public download); the import refuses them.
        cell.value = neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
    else:
        cell.value = value
    if bold:
        cell.font = Font(bold=True)
    return cell


def _xlsx(records):
    """Three sheets written side by side, one record at a time: openpyxl's write-only worksheets keep no cells."""
    workbook = Workbook(write_only=True)
    sheets = {}
    for name, (sheet, columns) in TABLES.items():
        worksheet = sheets[name] = workbook.create_sheet(sheet)
        worksheet.freeze_panes = "A2"
        worksheet.append([_xlsx_cell(worksheet, column.header, bold=True) for column in columns])
    for record in records:
        for name, (_sheet, columns) in TABLES.items():
            worksheet = sheets[name]
            for row in _table_rows([record], name, tabular=True):
                worksheet.append([_xlsx_cell(worksheet, row[column.key]) for column in columns])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _csv_cell(value):
    return neutralise("" if value is None else str(value))


def _csv(records):
    headers = [RECORD_TYPE]
    for _sheet, columns in TABLES.values():
        headers += [column.header for column in columns if column.header not in headers]
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(headers)
    for record in records:
        for name, (sheet, columns) in TABLES.items():
            for row in _table_rows([record], name, tabular=True):
                cells = {column.header: _csv_cell(row[column.key]) for column in columns}
                writer.writerow([sheet if header == RECORD_TYPE else cells.get(header, "") for header in headers])
    # The byte-order mark makes Excel open the file as UTF-8.
    return output.getvalue().encode("utf-8-sig")


def _json(records):
    guides = []
    for record in records:
        guide = next(_table_rows([record], "guides", tabular=False))
        for name in ("materials", "fees"):
            guide[name] = [
                {key: value for key, value in row.items() if key != "guide"}
                for row in _table_rows([record], name, tabular=False)
            ]
        guides.append(guide)
    return json.dumps({"guides": guides}, ensure_ascii=False, indent=2).encode("utf-8")


def write(records, fmt):
    """The bytes of an export file in `fmt` ("xlsx", "csv" or "json") of `records` (an iterable, read once)."""
    return {"xlsx": _xlsx, "csv": _csv, "json": _json}[fmt](records)
