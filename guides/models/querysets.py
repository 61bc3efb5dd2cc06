"""Questions the public pages and the admin ask of the pages, answered in one place (the models' managers).

`visible(site)` decides what an anonymous visitor of a site may see; every public channel (pages, lists, search,
the board, the API, downloads, feeds) starts from it with the request's site (`Site.find_for_request`). Only admin
code and commands ask for EVERY_SITE.
"""

import datetime
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, PageManager, PageQuerySet, PageViewRestriction, Revision, Site

from guides import commitments, filters, review_dates
from search.models import GuideClick, PopularPin
from web.kept import Kept
from web.sites import EVERY_SITE

from .snippets import Department

POPULAR_COUNT = 8
POPULAR_DAYS = 30  # the usage 热门事项 are ranked by: clicks on search results in the last 30 days
POPULAR_RANKED = 200  # the most-used guides kept: enough to fill each audience's list
POPULAR_CACHE_SECONDS = 3600  # the ranking is computed at most once an hour (and the home page is cached)


def usage_ranking(today=None):
    """Ids of the guides most opened from search results in the last POPULAR_DAYS days, most first; computed at
    most once an hour, in the shared cache (a degraded cache only means computing it again)."""
    today = today or timezone.localdate()
    key = f"zhinan:popular-usage:{today.isoformat()}"
    ranking = cache.get(key)
    if ranking is None:
        ranking = GuideClick.objects.ranking(POPULAR_DAYS, today, POPULAR_RANKED)
        cache.set(key, ranking, POPULAR_CACHE_SECONDS)
    return ranking


def on_sites(sites):
    """Q for the pages in the trees of `sites` (a Site or several): their paths start with a site's root path.

    Roots that are next siblings in the tree (…0001, …0002, …0003) make one range of paths, from the first root to
    the path after the last one's tree (`path >= …0001 AND path < …0004`): a province's sites are most often
    siblings, and its search checked twenty ORed prefixes on every page it looked at. A root inside another's tree
    adds nothing; a root not searched between two that are (a gap) splits the range. Page.search_fields index
    `path`, so the search engines filter by it too (a prefix or a range query).

    Sites that hold every page below the tree's root (a province whose sites are all there is) are `depth > 1`:
    on the engines a range or a prefix of paths enumerates every path it holds, one term a page (OpenSearch's
    profile: 450 ms of a province search's 460), where a number range is read from its points."""
    sites = [sites] if isinstance(sites, Site) else list(sites)
    if len(sites) > 1 and holds_every_home(site.root_page for site in sites):
        return Q(depth__gt=1)
    ranges = path_ranges(site.root_page.path for site in sites)
    scope = Q(pk__in=[])
    for first, end in ranges:
        scope |= Q(path__startswith=first) if end is None else Q(path__gte=first, path__lt=end)
    return scope


def holds_every_home(roots):
    """Whether the pages `roots` include every child of the tree's root, and so hold every page below it.

    Counted against the root's `numchild` (treebeard keeps it), and the root checked to be the only one, by the
    path index: Wagtail's pages have no index on depth, and listing the pages of depth 2 read every page of the
    table (41 ms at 100,000 guides, on each province search that derives its page queryset)."""
    steplen = Page.steplen
    homes = {page.path for page in roots if page.depth == 2}
    tops = {path[:steplen] for path in homes}
    if len(tops) != 1:
        return False
    top = tops.pop()
    numchild = Page.objects.filter(path=top).values_list("numchild", flat=True).first()
    others = Page.objects.filter(Q(path__lt=top) | Q(path__gte=next_sibling(top)))
    return numchild == len(homes) and not others.exists()


def path_ranges(roots):
    """[(first, end)] covering the trees of the page paths `roots`: (a root, None) for its tree alone (a prefix);
    (first, end) for the paths from `first` up to, not including, `end`: the trees of next siblings, `end` the
    path of the sibling after the last."""
    ranges = []  # [first, last root, end]
    for path in sorted(set(roots)):
        if ranges and path < ranges[-1][2]:  # in the trees of the range so far (sorted: not before its first)
            continue
        if ranges and path == ranges[-1][2]:  # the next sibling of the range's last root
            ranges[-1][1:] = [path, next_sibling(path)]
        else:
            ranges.append([path, path, next_sibling(path)])
    return [(first, None if first == last else end) for first, last, end in ranges]


def next_sibling(path):
    """The path of the page after `path` among its siblings, as treebeard numbers them (Page.alphabet, steplen);
    every path of `path`'s tree sorts before it. Past the last number of a step: a path after every other."""
    steplen = Page.steplen
    number = Page._str2int(path[-steplen:]) + 1
    key = Page._int2str(number)
    if len(key) > steplen:
        return path[:-steplen] + "\uffff"
    return path[:-steplen] + key.rjust(steplen, Page.alphabet[0])


def visible(pages, site):
    """What an anonymous visitor of `site` may see of a page queryset: live, public (no view restriction on the
    page or above it) and in the site's tree. The one rule every public channel applies.

    `site` is a Site, several sites (a search widened to a province), or EVERY_SITE; None (a request that matches
    no site) sees nothing."""
    pages = pages.live().exclude(private_q())
    if site is EVERY_SITE:
        return pages
    if site is None:
        return pages.none()
    return pages.filter(on_sites(site))


_restricted = Kept(size=1)


def restricted_sections():
    """(path, depth) of each page with a view restriction. With the page caches on, read once per content
    generation (web.kept): a restriction saved or deleted, a page moved or deleted starts a new one, as it drops
    every cached page. Wagtail's public() reads them on every call, up to four times a search page."""
    return _restricted.get(
        "sections", lambda: tuple(PageViewRestriction.objects.values_list("page__path", "page__depth"))
    )


def private_q():
    """The pages in a private section (as Wagtail's PageQuerySet.private_q: the restricted page and below)."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return q if q else Q(pk__in=[])


def _count(rows, per):
    """The number of `rows` (a queryset correlated with OuterRef) for each outer row, 0 for none."""
    return Coalesce(Subquery(rows.order_by().values(per).annotate(n=Count("pk")).values("n")), 0)


class PublicPageQuerySet(PageQuerySet):
    def visible(self, site):
        return visible(self, site)


class GuideQuerySet(PublicPageQuerySet):
    def visible(self, site):
        return super().visible(site).select_related("department")

    def popular(self, site, audience=""):
        """热门事项 on `site`: the guides editors pinned, in their order; then the guides citizens opened most from
        search results in the last POPULAR_DAYS days; while these are short of POPULAR_COUNT, the fallback below.

        The fallback (a new site has no usage) puts first what citizens and businesses most often need, read from
        the content itself: a guide that a live 一件事 for this audience requires (a step not marked 视情况办理) is
        needed by everyone going through that life event, and the city bundled each 一件事 because many people
        go through it; then a guide such a 一件事 lists as needed only in some cases; then a guide filed under a
        主题 for this audience (the city's own browsing shelves for it); each in more of these first. Ties, and
        the rest of the guides: the most feedback, then the most recently published. A permit for builders or
        factories belongs to no 一件事 or 主题 of persons, so the 个人办事 list reaches it last."""
        guides = self.visible(site)
        if audience:
            guides = guides.filter(audience__in=filters.audiences(audience))
        ranked = list(dict.fromkeys([*PopularPin.objects.pinned(site, audience), *usage_ranking()]))
        found = guides.in_bulk(ranked)
        chosen = [found[pk] for pk in ranked if pk in found][:POPULAR_COUNT]
        if len(chosen) < POPULAR_COUNT:
            rest = guides.exclude(pk__in=[guide.pk for guide in chosen])
            chosen += rest.by_life_events(site, audience)[: POPULAR_COUNT - len(chosen)]
        return chosen

    def by_life_events(self, site, audience=""):
        """These guides, those the live 一件事 of `site` for `audience` require first, then those they list as
        optional, then those in its 主题 for `audience` (each: in more of them first), then by feedback count and
        newest: the fallback of popular()."""
        # pages.py builds its managers from this module, so its models are looked up, not imported.
        LifeEventItem = self.model._meta.apps.get_model("guides", "LifeEventItem")
        LifeEventPage = LifeEventItem._meta.get_field("life_event").related_model
        TopicPage = self.model._meta.get_field("topics").related_model
        events, topics = LifeEventPage.objects.visible(site), TopicPage.objects.visible(site)
        if audience:
            events = events.filter(audience__in=filters.audiences(audience))
            topics = topics.filter(audience__in=filters.audiences(audience))
        shelved = self.model.topics.through.objects.filter(topicpage__in=topics, guidepage=OuterRef("pk"))
        bundled = LifeEventItem.objects.filter(life_event__in=events, guide=OuterRef("pk"))
        return self.annotate(
            required_in=_count(bundled.filter(optional=False), "guide"),
            bundled_in=_count(bundled, "guide"),
            shelved_in=_count(shelved, "guidepage"),
            use_count=Count("feedback"),
        ).order_by("-required_in", "-bundled_in", "-shelved_in", "-use_count", "-first_published_at")

    def departments(self, site):
        """The departments of the guides visible on `site`, in their order, each with `guide_count`."""
        counts = dict(self.visible(site).order_by().values_list("department").annotate(n=Count("pk")))
        departments = list(Department.objects.filter(pk__in=counts))
        for department in departments:
            department.guide_count = counts[department.pk]
        return departments

    def board_rows(self, site):
        """One plain commitments row per guide visible on `site`, ordered by department then title; without its
        URL (the board finds those of the page of rows it lists: commitments_board). Read as plain values, not
        pages: a province's site holds thousands of guides."""
        guides = (
            self.visible(site)
            .annotate(
                materials_count=Count("materials", distinct=True),
                exempt_materials=Count("materials", filter=Q(materials__exempt_by_data_sharing=True), distinct=True),
                pledge_materials=Count("materials", filter=Q(materials__pledge_allowed=True), distinct=True),
            )
            .order_by("department__ordering", "department__name", "title")
            .values(
                "pk",
                "title",
                "legal_limit_days",
                "committed_limit_days",
                "legal_limit_unit",
                "committed_limit_unit",
                "online_level",
                "visits_required",
                "materials_count",
                "exempt_materials",
                "pledge_materials",
                department_name=F("department__name"),
                department_code=F("department__code"),
            )
        )
        return [
            commitments.GuideRow(
                url="",
                department=values.pop("department_name"),
                materials=values.pop("materials_count"),
                **values,
            )
            for values in guides
        ]

    def holders(self, codes, site=EVERY_SITE):
        """{code: (live guides, guides taken offline)} holding each of the item codes `codes` on `site` (an item
        code is unique within a site: each city implements a catalogue item under its own guide).

        Only a published value holds a code: a live guide its row's (the row of a live page is its published
        version; a later draft waits in a revision), a guide taken offline the code of its last published
        revision (its row is its latest draft). A draft holds nothing, so no editor's draft, in any department,
        can block another guide's publish or import (see guides/importexport/matching.py)."""
        codes = set(codes)
        live = defaultdict(list)
        pages = self if site is EVERY_SITE else self.filter(on_sites(site))
        for page in pages.live().filter(item_code__in=codes).order_by("path"):
            live[page.item_code].append(page)
        last_publish = (
            PageLogEntry.objects.filter(page_id=OuterRef("pk"), action="wagtail.publish", revision__isnull=False)
            .order_by("-timestamp", "-pk")
            .values("revision_id")[:1]
        )
        offline_pages = list(
            pages.not_live().exclude(first_published_at=None).annotate(published_revision=Subquery(last_publish))
        )
        published_codes = dict(
            Revision.objects.filter(pk__in=[page.published_revision for page in offline_pages]).values_list(
                "object_id", "content__item_code"
            )
        )
        offline = defaultdict(list)
        for page in offline_pages:
            # A guide published before publishes were logged keeps the code of its row.
            code = published_codes.get(str(page.pk), page.item_code)
            if code in codes:
                offline[code].append(page)
        return {code: (live.get(code, []), offline.get(code, [])) for code in codes}

    def due_for_review(self, department_ids=None, today=None):
        """Live guides due for review within DUE_SOON_DAYS, grouped by department (review_dates.DepartmentDue)."""
        today = today or timezone.localdate()
        guides = self.live().filter(next_review_due__lte=today + datetime.timedelta(days=review_dates.DUE_SOON_DAYS))
        if department_ids is not None:
            guides = guides.filter(department_id__in=department_ids)
        guides = guides.select_related("department").order_by("department__ordering", "department__name")
        return review_dates.due_by_department(list(guides), today)


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)
GuideManager = PageManager.from_queryset(GuideQuerySet)
