"""热门事项 without usage: what a fresh site shows (the guides its 一件事 need), and the demo city's pins."""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from guides.demo.site_settings import POPULAR_PINS
from guides.models import Feedback, GuidePage, LifeEventPage, TopicPage
from guides.models.pages import LifeEventItem
from guides.models.querysets import POPULAR_COUNT
from tests.factories import make_guide


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def popular_titles(client, audience=""):
    """The titles of the home page's 热门事项, in their order on the page."""
    html = client.get("/", {"audience": audience} if audience else {}).content.decode()
    section = html.split('id="popular-heading"', 1)[1].split("</section>", 1)[0]
    titles = [title for title in GuidePage.objects.values_list("title", flat=True) if title in section]
    return sorted(titles, key=section.index)


def life_event(home, title, audience, *bundle):
    """A live 一件事 of `bundle`: (guide, optional) pairs in step order."""
    rows = [LifeEventItem(guide=guide, optional=optional, sort_order=n) for n, (guide, optional) in enumerate(bundle)]
    return home.add_child(
        instance=LifeEventPage(title=title, slug=f"event-{audience}", audience=audience, intro=title, bundle=rows)
    )


def shelve(home, title, audience, guides):
    """A live 主题 for `audience` holding `guides`."""
    topic = home.add_child(instance=TopicPage(title=title, slug=f"topic-{audience}", audience=audience))
    for guide in guides:
        guide.topics.add(topic)
        guide.save()


def test_a_fresh_site_lists_the_guides_its_life_events_need_before_industrial_permits(client, site_tree):
    home, index = site_tree
    industrial = [
        make_guide(index, title=title, audience=audience)
        for title, audience in (
            ("建设工程消防验收", "business"),
            ("特种设备使用登记", "both"),
            ("排污许可证核发", "both"),
        )
    ]
    for guide in industrial:  # much feedback: the former ranking put them first
        Feedback.objects.bulk_create([Feedback(guide=guide, kind="rating", rating=1) for _ in range(5)])
    birth, card, insurance = (make_guide(index, title=title) for title in ("出生登记", "社会保障卡申领", "医保参保"))
    licence, invoice, drains = (
        make_guide(index, title=title, audience="business")
        for title in ("个体工商户设立登记", "发票领用", "城镇污水排入排水管网许可")
    )
    fillers = [make_guide(index, title=f"其他个人事项{n}") for n in range(POPULAR_COUNT)]
    shelve(home, "社会保障与就业", "person", fillers)
    shelve(home, "工程建设与环保", "business", industrial)
    life_event(home, "新生儿出生一件事", "person", (birth, False), (insurance, True), (card, False))
    life_event(home, "开办餐饮店一件事", "business", (licence, False), (invoice, False), (drains, True))

    person = popular_titles(client, "person")
    assert person[:3] == ["社会保障卡申领", "出生登记", "医保参保"]  # required (newest first), then optional
    assert len(person) == POPULAR_COUNT and not {guide.title for guide in industrial} & set(person)
    assert fillers[-1].title in person  # then the guides on the persons' 主题 shelves, newest first
    business = popular_titles(client, "business")
    assert business[:3] == ["发票领用", "个体工商户设立登记", "城镇污水排入排水管网许可"]
    assert "建设工程消防验收" in business  # a business 主题: after the 一件事 steps
    everyone = popular_titles(client)
    assert set(everyone[:4]) == {"出生登记", "社会保障卡申领", "个体工商户设立登记", "发票领用"}
    assert set(everyone[4:6]) == {"医保参保", "城镇污水排入排水管网许可"}


def test_a_life_event_taken_offline_no_longer_counts(client, site_tree):
    home, index = site_tree
    bundle = [(make_guide(index, title=title), False) for title in ("最低生活保障申请", "临时救助申请")]
    make_guide(index, title="较新的事项")
    event = life_event(home, "困难救助一件事", "person", *bundle)
    assert popular_titles(client, "person")[:2] == ["临时救助申请", "最低生活保障申请"]
    event.unpublish()
    cache.clear()
    assert popular_titles(client, "person")[0] == "较新的事项"


def test_the_demo_pins_its_common_items_per_audience(demo, db, client):
    Site.objects.filter(is_default_site=True).update(hostname="testserver")
    for audience, pinned in POPULAR_PINS.items():
        assert popular_titles(client, audience)[: len(pinned)] == pinned
    everyone = popular_titles(client)
    assert everyone[:4] == [
        POPULAR_PINS["person"][0],
        POPULAR_PINS["business"][0],
        *[POPULAR_PINS[audience][1] for audience in ("person", "business")],
    ]
    assert not {"建设工程消防验收", "特种设备使用登记"} & set(everyone)
