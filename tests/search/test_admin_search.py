"""The admin's searches in Chinese: every list and chooser with a search box, through public search's analysis.

Runs on SQLite, PostgreSQL, OpenSearch and Elasticsearch (engine-marked in tests/search/conftest.py).
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from search.models import Synonym
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
        "other_guide": make_guide(
            guide_index, title="企业设立登记", summary="新开办企业领取营业执照", materials=[{"name": "营业执照"}]
        ),
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


SNIPPETS = "/admin/snippets/guides"
# (list or chooser URL, what it lists, the other item it must leave out); {index} is the guide index's id
LISTS = {
    "material list": (f"{SNIPPETS}/material/", "居民身份证", "营业执照"),
    "material chooser": ("/admin/snippets/choose/guides/material/results/", "居民身份证", "营业执照"),
    "department list": (f"{SNIPPETS}/department/", "市公安局", "市市场监督管理局"),
    "department chooser": ("/admin/snippets/choose/guides/department/results/", "市公安局", "市市场监督管理局"),
    "hall list": (f"{SNIPPETS}/servicehall/", "市民服务中心", "不动产登记大厅"),
    "hall chooser": ("/admin/snippets/choose/guides/servicehall/results/", "市民服务中心", "不动产登记大厅"),
    "document list": ("/admin/documents/", "身份证申请表", "营业执照样本"),
    "document chooser": ("/admin/documents/chooser/results/", "身份证申请表", "营业执照样本"),
    "page search": ("/admin/pages/search/", "居民身份证换领", "企业设立登记"),
    "explorer": ("/admin/pages/{index}/", "居民身份证换领", "企业设立登记"),
    "page chooser": ("/admin/choose-page/search/", "居民身份证换领", "企业设立登记"),
}
# What an editor types for each list: Chinese inside a longer name, full pinyin, initials, pinyin being typed.
QUERIES = {
    "material": ["身份证", "shenfenzheng", "sfz", "身份", "shenf"],
    "department": ["公安", "gongan", "gongan ju", "公安局"],
    "hall": ["市民", "shimin", "服务中心", "江滨大道"],
    "document": ["身份证", "shenfenzheng", "申请表"],
    "page": ["身份证", "shenfenzheng", "换领", "huanling"],
}


def cases():
    for name, (url, found, left_out) in LISTS.items():
        kind = "material" if "material" in name else name.split()[0]
        kind = "page" if kind in ("explorer", "page") else kind
        for q in QUERIES[kind]:
            yield pytest.param(url, q, found, left_out, id=f"{name}-{q}")


@pytest.mark.parametrize(("url", "q", "found", "left_out"), list(cases()))
def test_each_admin_list_and_chooser_finds_in_chinese_and_pinyin(admin_client, library, url, q, found, left_out):
    response = admin_client.get(url.format(index=library["guide"].get_parent().pk), {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    assert found in html
    assert left_out not in html


@pytest.mark.parametrize("url", [LISTS["material list"][0], "/admin/pages/search/"])
def test_a_sorted_search_keeps_the_matches_only(admin_client, library, url):
    response = admin_client.get(url, {"q": "身份证", "ordering": "-name" if "snippets" in url else "-title"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "居民身份证" in html
    assert "营业执照" not in html


def test_a_query_of_punctuation_finds_nothing_and_breaks_nothing(admin_client, library):
    for url, _found, _left_out in LISTS.values():
        response = admin_client.get(url.format(index=library["guide"].get_parent().pk), {"q": "“”？"})
        assert response.status_code == 200


def test_synonyms_are_found_by_any_of_their_words(admin_client, db):
    Synonym.objects.create(terms="房产证、不动产权证书")
    Synonym.objects.create(terms="开公司、企业设立登记")
    response = admin_client.get("/admin/snippets/zhinan_search/synonym/", {"q": "产权"})
    assert response.status_code == 200
    assert "房产证" in response.content.decode()
    assert "开公司" not in response.content.decode()
