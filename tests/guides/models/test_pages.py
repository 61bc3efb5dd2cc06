"""Public rendering of guides and browse pages."""

import pytest

from tests.factories import make_guide


@pytest.fixture
def guide(guide_index):
    guide = make_guide(
        guide_index,
        title="结婚登记",
        legal_limit_days=0,
        committed_limit_days=0,
        materials=[
            {"name": "居民身份证"},
            {"name": "离婚证", "applies_to": "离异"},
            {"name": "户口簿", "applies_to": "本人办理"},
        ],
        colloquial_names="领结婚证、扯证",
        situations={"婚姻状况": ["未婚", "离异"], "由谁办理": ["本人办理", "其他"]},
    )
    return guide


@pytest.mark.django_db
def test_guide_page_shows_key_facts_first(client, guide):
    html = client.get(guide.url).content.decode()
    facts = html.index("key-facts")
    assert facts < html.index("申请材料清单")
    assert "即办" in html[facts:] and "法定当场办结" in html and "0 个工作日" not in html
    assert "领结婚证、扯证" in html
    assert guide.item_code in html and guide.department.name in html


@pytest.mark.django_db
def test_situation_answers_filter_materials(client, guide):
    everything = client.get(guide.url).content.decode()
    assert all(name in everything for name in ("居民身份证", "离婚证", "户口簿"))
    first_marriage = client.get(guide.url, {"q1": "未婚", "q2": "本人办理"}).content.decode()
    assert "居民身份证" in first_marriage and "户口簿" in first_marriage
    assert "离婚证" not in first_marriage
    assert 'value="未婚" checked' in first_marriage


@pytest.mark.django_db
def test_nonsense_answers_are_ignored(client, guide):
    response = client.get(guide.url, {"q1": "<script>", "q9": "x"})
    assert response.status_code == 200
    assert "离婚证" in response.content.decode()


@pytest.mark.django_db
def test_home_and_index_list_guides(client, site_tree, guide):
    home, index = site_tree
    assert client.get(home.url).status_code == 200
    assert "结婚登记" in client.get(index.url).content.decode()
