"""Open data: JSON API, OpenAPI document, Atom feed, JSON-LD (the sitemap: test_sitemap.py)."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from guides.importexport import export_guides, import_guides
from guides.models import GuidePage
from guides.opendata import downloads
from guides.opendata.openapi import SCHEMAS
from tests.factories import add_hall, make_department, make_guide

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(our_own_xml):
    return ET.fromstring(our_own_xml)  # noqa: S314 - the site's own answer, not untrusted input


@pytest.fixture
def guides(guide_index):
    police = make_department(name="临江市公安局", code="gongan")
    civil = make_department(name="临江市民政局", code="minzheng")
    return [
        make_guide(guide_index, title="居民身份证换领", department=police, audience="person"),
        make_guide(guide_index, title="户口迁移", department=police, audience="person"),
        make_guide(guide_index, title="社会团体成立登记", department=civil, audience="business"),
    ]


def test_guide_list_filters_and_pages(client, guides):
    body = client.get("/api/v1/guides/", {"department": "gongan", "page_size": 1}).json()
    assert body["count"] == 2
    assert len(body["results"]) == 1
    assert body["next"].endswith("page=2") or "page=2" in body["next"]
    assert body["previous"] is None
    business = client.get("/api/v1/guides/", {"audience": "business"}).json()
    assert [guide["title"] for guide in business["results"]] == ["社会团体成立登记"]


def test_unpublished_guides_are_not_listed(client, guide_index, guides):
    make_guide(guide_index, title="草稿事项", publish=False, live=False)
    titles = [guide["title"] for guide in client.get("/api/v1/guides/").json()["results"]]
    assert "草稿事项" not in titles
    assert len(titles) == 3


def test_guide_detail_has_the_whole_guide(client, guides):
    guide = guides[0]
    add_hall(guide, window="3 号窗口")
    response = client.get(f"/api/v1/guides/{guide.item_code}/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["title"] == "居民身份证换领"
    assert body["department"]["code"] == "gongan"
    assert body["materials"][0]["name"] == "居民身份证"
    assert body["materials"][0]["requirement"] == {"code": "required", "label": "必需"}
    assert [step["title"] for step in body["steps"]] == ["受理", "审核", "办结"]
    assert "3 号窗口" in [hall["window"] for hall in body["halls"]]  # beside the factory's own hall
    assert set(SCHEMAS["Material"]["required"]) == set(body["materials"][0])


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"page": "0"}, 400, "参数 page 应为 1 到 100000 之间的整数"),
        ({"page": "abc"}, 400, "参数 page"),
        ({"page": "٣"}, 400, "参数 page"),
        ({"page_size": "1000"}, 400, "参数 page_size"),
        ({"audience": "alien"}, 400, "参数 audience 应为以下之一"),
        ({"page": "99"}, 404, "没有第 99 页"),
        ({"department": "a\x00b"}, 200, ""),
    ],
)
def test_bad_parameters_get_a_chinese_message(client, guides, params, status, message):
    response = client.get("/api/v1/guides/", params)
    assert response.status_code == status
    assert message in response.json().get("error", "")


def test_unknown_guide_and_department_are_404_in_chinese(client, guides):
    assert client.get("/api/v1/guides/nope/").json() == {"error": "没有事项编码为 nope 的办事指南"}
    assert client.get("/api/v1/guides/a%00b/").status_code == 404
    assert client.get("/api/v1/departments/nope/").status_code == 404


def test_departments(client, guides):
    codes = [department["code"] for department in client.get("/api/v1/departments/").json()["results"]]
    assert {"gongan", "minzheng"} <= set(codes)
    police = client.get("/api/v1/departments/gongan/").json()
    assert {guide["title"] for guide in police["guides"]} == {"户口迁移", "居民身份证换领"}


def test_the_api_is_read_only(client, guides):
    assert client.post("/api/v1/guides/").status_code == 405


def test_openapi_document_describes_every_route(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/guides/",
        "/guides/{item_code}/",
        "/departments/",
        "/departments/{code}/",
        "/sites/",
    }
    assert document["servers"][0]["url"].endswith("/api/v1")


def test_feed_has_an_entry_per_publish(client, guides):
    guide = guides[0]
    guide.summary = "换领说明已更新"
    guide.change_note = "内容更新"  # a guide that was live before needs one to go live again
    guide.save_revision().publish()
    response = client.get("/feeds/guides.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = parse(response.content).findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles.count("居民身份证换领") == 2
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == len(entries)
    assert entries[0].findtext(f"{ATOM}summary") == "换领说明已更新"


def test_guide_pages_carry_government_service_json_ld(client, guides):
    guide = guides[0]
    guide.summary = "</script><script>alert(1)</script>"
    guide.change_note = "内容更新"  # a guide that was live before needs one to go live again
    guide.save_revision().publish()
    html = client.get(guide.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "GovernmentService"
    assert data["identifier"] == guide.item_code
    assert data["provider"]["name"] == "临江市公安局"
    assert data["description"] == "</script><script>alert(1)</script>"
    assert "<script>alert" not in html


def test_open_data_page_links_every_format(client, guides):
    html = client.get("/open-data/").content.decode()
    for fmt in ("xlsx", "csv", "json"):
        assert f"/open-data/implementation-list.{fmt}" in html


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_the_implementation_list_reads_back_with_import_guides(client, guides, fmt):
    response = client.get(f"/open-data/implementation-list.{fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="implementation-list.{fmt}"'
    plan = import_guides(response.getvalue(), f"implementation-list.{fmt}", dry_run=True)
    assert plan.changes == []  # the export is exactly what is published
    assert len(plan.unchanged) == len(guides)


@pytest.mark.parametrize("fmt", sorted(downloads.STREAMED))
def test_a_streamed_list_is_the_same_file_as_one_written_whole(client, guides, fmt, monkeypatch):
    monkeypatch.setattr(downloads, "BATCH", 2)  # three guides: two batches
    response = client.get(f"/open-data/implementation-list.{fmt}")
    assert response.streaming
    whole = export_guides(fmt, GuidePage.objects.live())
    if fmt == "csv":
        assert response.getvalue() == whole
    else:
        assert json.loads(response.getvalue()) == json.loads(whole)
        assert [guide["title"] for guide in json.loads(whole)["guides"]] == [guide.title for guide in guides]


def test_a_streamed_list_of_no_guides_is_a_file_with_headers_only(client, db):
    assert client.get("/open-data/implementation-list.csv").getvalue() == export_guides("csv", GuidePage.objects.none())
    assert json.loads(client.get("/open-data/implementation-list.json").getvalue()) == {"guides": []}


def test_an_unknown_format_is_404(client, db):
    assert client.get("/open-data/implementation-list.pdf").status_code == 404
