"""The admin's searches in Chinese: every list and chooser with a search box, through public search's analysis.

Runs on SQLite, PostgreSQL, OpenSearch and Elasticsearch (engine-marked in tests/search/conftest.py).
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.factories import make_department, make_guide, make_hall, make_material


@pytest.fixture
def library(guide_index, search_index):
    """Reference data, guides and a document an editor would look for, indexed."""
    made = {
        "id_card": make_material(name="居民身份证", description="有效期内的身份证原件"),
        "household": make_material(name="居民户口簿", description="户主页和本人页"),
        "licence": make_material(name="营业执照", category="business"),
        "police": make_department(name="市公安局", short_name="公安", code="gongan", address="临江市人民路 2 号"),
        "market": make_department(name="市市场监督管理局", short_name="市场监管", code="market"),
        "hall": make_hall(name="市民服务中心", address="临江市江滨大道 1 号"),
        "other_hall": make_hall(name="不动产登记大厅", address="临江市建设路 8 号"),
        "guide": make_guide(guide_index, title="居民身份证换领", summary="有效期满换领新证"),
        "other_guide": make_guide(guide_index, title="企业设立登记", summary="新开办企业领取营业执照"),
    }
    made["document"] = get_document_model().objects.create(
        title="身份证申请表", file=ContentFile(b"%PDF-1.4", name="shenqingbiao.pdf")
    )
    get_document_model().objects.create(title="营业执照样本", file=ContentFile(b"%PDF-1.4", name="yangben.pdf"))
    search_index.refresh()
    return made


def listed(admin_client, url, q, needle):
    response = admin_client.get(url, {"q": q})
    assert response.status_code == 200, response.content[:2000]
    return needle in response.content.decode()
