"""The public implementation list (/open-data/implementation-list.<fmt>) holds only what any visitor may see."""

import io

import pytest
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction

from guides.importexport import FORMATS
from tests.factories import make_guide

MARKER = "仅限登录7f3a9c"


@pytest.fixture
def login_only_guide(content, guide_index):
    guide = make_guide(
        guide_index,
        department=content["police"],
        title=f"内部事项{MARKER}",
        item_code="11330100MB0000008X4000888Y008",
        materials=[{"name": "内部材料", "notes": f"备注{MARKER}"}],
    )
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    return guide


def _text(data, fmt):
    if fmt != "xlsx":
        return data.decode("utf-8-sig")
    workbook = load_workbook(io.BytesIO(data))
    return "\n".join(str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_login_only_guide_is_in_no_public_download(client, login_only_guide, fmt):
    response = client.get(f"/open-data/implementation-list.{fmt}")
    assert response.status_code == 200
    text = _text(response.getvalue(), fmt)
    assert "居民身份证换领" in text  # the public guides are there
    assert MARKER not in text and login_only_guide.item_code not in text
