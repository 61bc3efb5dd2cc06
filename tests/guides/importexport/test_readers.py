"""Files that cannot be read are refused at preview with a Chinese message, never a 500 and never first at confirm."""

import csv
import io
import json
import re
import struct
import time
import zipfile

import pytest
from openpyxl import load_workbook

from guides.importexport import export_guides, import_guides, readers
from guides.models import GuidePage

from .support import csv_text, refused_report, upload

NEW_CODE = "11330100MB0000003X4000333C003"


def test_a_bom_followed_by_gbk_text_names_the_row_and_column(content, admin_client):
    text = csv_text().replace("材料齐全当场办结", "@@")
    data = b"\xef\xbb\xbf" + text.encode("utf-8").replace(b"@@", "当场办结".encode("gbk"))
    report = refused_report(data, "list.csv")
    # A row is a CSV record (a cell may hold several lines), as Excel numbers them.
    row = next(number for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1) if "@@" in cells)
    assert f"第 {row} 行「时限说明」列：" in report and "UTF-8" in report
    response = upload(admin_client, data, "list.csv")
    assert response.status_code == 400 and "「时限说明」列" in response.content.decode()


def test_json_nested_too_deep_is_refused(content, admin_client):
    data = b'{"guides": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert "嵌套" in refused_report(data, "list.json")
    assert upload(admin_client, data, "list.json").status_code == 400


def test_a_json_field_must_be_a_plain_value(content):
    def change(guides):
        guides[0]["title"] = {"text": "居民身份证换领"}
        guides[0]["materials"][0]["copies"] = [1]

    document = json.loads(export_guides("json", GuidePage.objects.live()))
    change(document["guides"])
    report = refused_report(json.dumps(document, ensure_ascii=False).encode(), "list.json")
    assert "第 1 条事项「事项名称」列：应为文字、数字或 true/false" in report
    assert "第 1 条事项的第 1 项材料「份数」列：应为文字、数字或 true/false" in report


def _with_dimension(data, sheet_number, ref):
    """The XLSX `data` with the <dimension ref> of one worksheet replaced, as a generator that lies might write."""
    source, output = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == f"xl/worksheets/sheet{sheet_number}.xml":
                content, count = re.subn(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), content)
                assert count == 1
            target.writestr(item, content)
    return output.getvalue()


def test_xlsx_rows_beyond_the_declared_dimension_are_read(content):
    workbook = load_workbook(io.BytesIO(export_guides("xlsx", GuidePage.objects.live())))
    guides, materials = workbook["事项"], workbook["材料"]
    new_guide = [cell.value for cell in guides[3]]
    new_guide[0], new_guide[1], new_guide[2] = NEW_CODE, "食品经营许可", ""
    for position, value in enumerate(new_guide, start=1):
        guides.cell(41, position, value)
    for position, cell in enumerate(materials[4], start=1):
        materials.cell(5, position, NEW_CODE if position == 1 else cell.value)
    output = io.BytesIO()
    workbook.save(output)
    data = _with_dimension(output.getvalue(), 1, "A1:AB40")
    plan = import_guides(data, "list.xlsx", dry_run=True)
    assert [change.record.item_code for change in plan.created] == [NEW_CODE]


def _zip_with(padded, padding, lie=False):
    """An export whose member `padded` ends with `padding` spaces (XML allows them after the root element); with
    `lie`, the zip declares the member's size without the padding, as a zip bomb would."""
    output = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(export_guides("xlsx", GuidePage.objects.live())))
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != padded:
                target.writestr(item, source.read(item.filename))
                continue
            original = source.read(item.filename)
            with target.open(padded, "w", force_zip64=False) as member:
                member.write(original)
                chunk = b" " * (1024 * 1024)
                for _ in range(padding // len(chunk)):
                    member.write(chunk)
            real = len(original) + padding // len(chunk) * len(chunk)
    data = output.getvalue()
    if lie:
        data = _declare_size(data, padded.encode(), real, len(original))
    return data


# (signature, offset of the uncompressed size, offset of the name length, offset of the name) in a zip's
# local file headers and central directory entries.
ZIP_HEADERS = ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46))


def _declare_size(data, name, real, declared):
    """Rewrite the uncompressed size of member `name` in its local header and in the central directory."""
    data = bytearray(data)
    for signature, size_at, name_length_at, name_at in ZIP_HEADERS:
        start = data.find(signature)
        while start != -1:
            (length,) = struct.unpack_from("<H", data, start + name_length_at)
            if bytes(data[start + name_at : start + name_at + length]) == name:
                assert struct.unpack_from("<I", data, start + size_at)[0] == real
                struct.pack_into("<I", data, start + size_at, declared)
            start = data.find(signature, start + 4)
    return bytes(data)


def test_an_xlsx_that_unpacks_too_large_is_refused_before_it_is_opened(content, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not open it")

    monkeypatch.setattr(readers, "load_workbook", never)
    data = _zip_with("xl/worksheets/sheet2.xml", readers.UPLOAD.unpacked_bytes + 1024 * 1024)
    assert len(data) < readers.UPLOAD.bytes
    started = time.monotonic()
    assert "解压后超过" in refused_report(data, "list.xlsx")
    assert time.monotonic() - started < 5


def test_an_xlsx_lying_about_its_sizes_is_refused(content):
    data = _zip_with("xl/worksheets/sheet2.xml", 64 * 1024 * 1024, lie=True)
    started = time.monotonic()
    assert "文件已损坏" in refused_report(data, "list.xlsx")
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_every_reader_refuses_a_preview_before_confirm(content, admin_client, fmt):
    """The admin preview refuses what the confirmation would refuse: no 500 on the way."""
    data = b"\xef\xbb\xbf" + "事项".encode("gbk") if fmt == "csv" else b"\x00" * 64
    response = upload(admin_client, data, f"list.{fmt}")
    assert response.status_code == 400
