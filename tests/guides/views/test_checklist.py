"""The print checklist page (一次性告知单): answers kept, version, place, phones, signature; drafts private."""

import pytest

from tests.factories import add_hall, make_guide


@pytest.fixture
def guide(guide_index):
    guide = make_guide(
        guide_index,
        title="结婚登记",
        materials=[{"name": "居民身份证"}, {"name": "离婚证", "applies_to": "离异"}],
        situations={"婚姻状况": ["未婚", "离异"]},
    )
    add_hall(guide, window="二楼 12 号窗口")
    return guide


@pytest.mark.django_db
def test_checklist_keeps_the_answers(client, guide):
    html = client.get(guide.url + "print/", {"q1": "未婚"}).content.decode()
    assert "一次性告知单" in html
    assert "居民身份证" in html and "离婚证" not in html
    assert "婚姻状况 未婚" in html
    assert "/guides/" in html and "?q1=未婚" in html  # the printed link back keeps the answers
    assert '<svg role="img"' in html
    assert html.count('class="tick"') == 1


@pytest.mark.django_db
def test_checklist_shows_version_place_phones_and_signature(client, guide):
    html = client.get(guide.url + "print/").content.decode()
    assert f"指南版本号：{guide.live_revision.pk}" in html
    assert "二楼 12 号窗口" in html
    assert guide.phones.enquiry in html and guide.phones.complaint in html
    assert "窗口工作人员签名" in html
    assert html.count('class="tick"') == 2


@pytest.mark.django_db
def test_guide_page_links_to_the_checklist_with_the_answers(client, guide):
    html = client.get(guide.url, {"q1": "离异"}).content.decode()
    assert f'href="{guide.url}print/?q1=%E7%A6%BB%E5%BC%82"' in html


@pytest.mark.django_db
def test_checklist_of_a_draft_is_not_public(client, guide_index):
    draft = make_guide(guide_index, publish=False, live=False)
    assert client.get(draft.url + "print/").status_code == 404
