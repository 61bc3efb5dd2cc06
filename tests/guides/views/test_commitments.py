"""The commitments board page and /api/commitments/: figures from the visible guides only."""

import pytest

from tests.factories import make_department, make_guide


@pytest.fixture
def live_guides(guide_index):
    police = make_department(name="公安局", code="gongan")
    make_guide(
        guide_index,
        department=police,
        committed_limit_days=0,
        legal_limit_days=20,
        online_level="full",
        online_url="https://zwfw.example.gov.cn/sfz",
        visits_required=0,
        materials=[{"name": "身份证", "exempt_by_data_sharing": True, "medium": "electronic"}, {"name": "照片"}],
    )
    make_guide(
        guide_index,
        department=police,
        committed_limit_days=10,
        legal_limit_days=20,
        visits_required=1,
        materials=[{"name": "承诺书", "pledge_allowed": True}],
    )
    make_guide(guide_index, title="草稿事项", publish=False, live=False)
    return police


@pytest.mark.django_db
def test_api_figures_come_from_live_guides_only(client, live_guides):
    data = client.get("/api/commitments/").json()
    assert data["count"] == 2
    assert {share["key"]: share["count"] for share in data["shares"]} == {
        "instant": 1,
        "fully_online": 1,
        "zero_visits": 1,
        "at_most_one_visit": 2,
    }
    assert data["compression"]["mean"] == pytest.approx(0.75)
    assert [item["count"] for item in data["materials"]] == [3, 1, 1]
    assert data["departments"][0]["code"] == "gongan"
    assert data["guide_list_url"] == "/guides/"
    assert "草稿事项" not in str(data)


@pytest.mark.django_db
def test_api_refuses_writes(client, live_guides):
    assert client.post("/api/commitments/").status_code == 405


@pytest.mark.django_db
def test_board_page_links_each_figure_to_its_guides(client, site_tree, live_guides):
    from guides.models import CommitmentsPage

    home, _index = site_tree
    home.add_child(instance=CommitmentsPage(title="承诺公示", slug="commitments"))
    html = client.get("/commitments/").content.decode()
    assert 'href="/guides/?instant=1"' in html
    assert 'href="/guides/?visits_max=0"' in html
    assert 'href="/guides/?exempt=1"' in html
    assert 'href="/guides/?department=gongan"' in html
    assert html.count('role="img"') >= 6  # every chart has a text alternative
    assert "75.0%" in html
    listed = client.get("/guides/", {"instant": "1"}).content.decode()
    assert listed.count("guide-list__item") == 1


@pytest.mark.django_db
def test_api_pages_the_guides_it_lists_but_counts_them_all(client, live_guides, guide_index):
    first = client.get("/api/commitments/", {"page_size": 1}).json()
    second = client.get("/api/commitments/", {"page_size": 1, "page": 2}).json()
    assert first["count"] == second["count"] == 2
    assert first["shares"] == second["shares"]
    assert len(first["guides"]) == len(second["guides"]) == 1
    assert first["guides"][0]["title"] != second["guides"][0]["title"]
    assert all(guide["url"].startswith("/guides/") for guide in first["guides"] + second["guides"])
    assert first["paging"]["pages"] == 2
    assert first["paging"]["previous"] is None and "page=2" in first["paging"]["next"]
    assert second["paging"]["next"] is None and "page=1" in second["paging"]["previous"]
    assert first["longest_legal_working_days"] == 20
    assert client.get("/api/commitments/", {"page_size": 1, "page": 3}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params", [{"page": "0"}, {"page": "x"}, {"page": "１"}, {"page_size": "0"}, {"page_size": "1001"}, {"page": "-1"}]
)
def test_api_refuses_bad_paging_in_chinese(client, live_guides, params):
    response = client.get("/api/commitments/", params)
    assert response.status_code == 400
    assert "应为" in response.json()["error"]


@pytest.mark.django_db
def test_board_page_lists_a_page_of_guides(client, site_tree, live_guides, guide_index, monkeypatch):
    from guides.models import CommitmentsPage, pages

    home, _index = site_tree
    home.add_child(instance=CommitmentsPage(title="承诺公示", slug="commitments"))
    monkeypatch.setattr(pages.commitments_board, "__defaults__", (1, 1))
    first = client.get("/commitments/").content.decode()
    second = client.get("/commitments/", {"page": 2}).content.decode()
    assert "第 1 页，共 2 页" in first and 'href="?page=2#guide-limits"' in first
    assert "第 2 页，共 2 页" in second and 'href="?page=1#guide-limits"' in second
    assert first.count('<tr>\n                            <th scope="row"><a href="/guides/') == 1
    assert client.get("/commitments/", {"page": 3}).status_code == 404
    assert client.get("/commitments/", {"page": "x"}).status_code == 404
