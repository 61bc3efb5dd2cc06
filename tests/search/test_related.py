"""The life events and topics beside the results (search/related.py): matched in this process, no search request,
kept per site and content generation."""

from guides.models import LifeEventPage, TopicPage
from search import vocabulary
from search.query import analyse_query
from search.related import related_pages


def related(q, site):
    return [page.title for page in related_pages(analyse_query(vocabulary.current(), q), site)]


def test_life_events_then_topics_title_matches_first(site_tree):
    home = site_tree[0]
    home.add_child(instance=TopicPage(title="社会保障与就业", slug="social", intro="社保、低保、养老"))
    home.add_child(instance=TopicPage(title="养老服务", slug="care", intro="老年人办事"))
    home.add_child(instance=LifeEventPage(title="退休一件事", slug="retire", intro="退休养老要办的事"))
    home.add_child(instance=TopicPage(title="婚姻登记", slug="marriage", intro="结婚离婚"))
    site = home.get_site()
    assert related("养老", site) == ["退休一件事", "养老服务", "社会保障与就业"]
    assert related("火星", site) == []


def test_kept_until_the_content_changes(
    site_tree, page_caches, django_assert_num_queries, django_capture_on_commit_callbacks
):
    home = site_tree[0]
    home.add_child(instance=TopicPage(title="养老服务", slug="care", intro="老年人办事"))
    site = home.get_site()
    assert related("养老", site) == ["养老服务"]
    with django_assert_num_queries(0):  # no search, and the documents kept
        assert related("养老", site) == ["养老服务"]
    event = home.add_child(
        instance=LifeEventPage(title="退休一件事", slug="retire", intro="退休养老要办的事", live=False)
    )
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()  # a new content generation, once the publish commits
    assert related("养老", site) == ["退休一件事", "养老服务"]
