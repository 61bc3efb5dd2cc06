"""Per-process copies (web/kept.py) follow their own site's content generation: a publish on one site leaves the
other sites' copies kept."""

from wagtail.models import Site

from web.kept import Kept
from web.pagecache import start_new_generation


def test_a_change_on_one_site_leaves_the_other_sites_values_kept(site_tree, page_caches):
    home, _index = site_tree
    first = Site.objects.get()
    second = Site.objects.create(hostname="jiangbei.example", root_page=home)
    kept, derived = Kept(size=10), []

    def value(site):
        return kept.get(site.pk, lambda: derived.append(site.pk) or len(derived), site_id=site.pk)

    assert (value(first), value(second)) == (1, 2)
    assert (value(first), value(second)) == (1, 2)  # kept: nothing derived again
    start_new_generation({second.pk})
    assert (value(first), value(second)) == (1, 3)  # only the changed site's value is derived afresh
    start_new_generation()  # a change to every site
    assert (value(first), value(second)) == (4, 5)


def test_with_the_page_caches_off_every_call_derives(site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 0
    kept, derived = Kept(size=10), []
    assert [kept.get("key", lambda: derived.append(1) or len(derived), site_id=1) for _ in range(2)] == [1, 2]
