"""Running a guide search: parameters, filters, engine fallback, facets, suggestions and the query log."""

from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote_plus

from django.conf import settings
from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.search.backends import get_search_backend

from guides import filters
from guides.choices import Audience, OnlineLevel
from guides.models import Department, GuidePage, LifeEventPage
from guides.models.site_settings import sites_below
from web.kept import Kept
from web.sites import EVERY_SITE, scope_key

from . import analysis, querylog, vocabulary
from .backends import fallback
from .engines import DATABASE_ALIAS
from .query import MAX_QUERY_LENGTH, analyse_query

PAGE_SIZE = 10
MAX_PAGE = 1000
FACET_LABELS = {
    "department": gettext_lazy("实施部门"),
    "audience": gettext_lazy("服务对象"),
    "online": gettext_lazy("网上办理"),
    "free": gettext_lazy("是否收费"),
}
FACET_FIELDS = {"department": "department_id", "audience": "audience", "online": "online_level"}
# What a result shows (search_page.html, the API). Loading a guide's other fields as well, its stream of
# materials above all, took 3 of the 5 ms spent on a page of result objects; test_behaviour.py checks that a
# result reads nothing else.
RESULT_FIELDS = (
    "title",
    "url_path",
    "item_code",
    "summary",
    "committed_limit_days",
    "committed_limit_unit",
    "online_level",
    "department__name",
)

# A wrong parameter: the message (in Chinese) is shown to the citizen or the client with a 400.
BadRequest = filters.FilterError

_kept = Kept(size=256)

PROVINCE = "province"  # scope=province: the request's site and the sites below it (SiteSettings.parent_site)
SCOPES = ("", PROVINCE)


@dataclass
class SearchParams:
    q: str = ""
    chosen: dict = field(default_factory=dict)  # guides.filters.parse(): {param: value}
    page: int = 1
    site: object = EVERY_SITE  # the request's site (EVERY_SITE: benchmarks, commands)
    scope: str = ""  # "" (the request's site) or "province": it and the sites below it

    @cached_property
    def wider(self):
        """The request's site and the sites below it (SiteSettings.parent_site); kept for the content generation
        of every site, since a change to any site's parent changes it."""
        if not isinstance(self.site, Site):
            return [self.site]
        return _kept.get(("sites below", self.site.pk), lambda: sites_below(self.site))

    @property
    def sites(self):
        """The sites searched."""
        return self.wider if self.scope == PROVINCE else self.site

    @property
    def widens(self):
        """Whether scope=province searches more sites than the request's."""
        return len(self.wider) > 1

    def scope_link(self):
        """(label, URL) of the link that widens the search to the province or narrows it back; None when the
        site has no sites below it."""
        if self.scope == PROVINCE:
            return _("只搜本站"), "?" + self.query_string(scope="", page="")
        if self.widens:
            return _("在全省范围搜索"), "?" + self.query_string(scope=PROVINCE, page="")
        return None

    @property
    def count_limit(self):
        """How many matches the search counts up to ("more than" it above): settings.SEARCH_PROVINCE_COUNT_LIMIT
        over several sites, else settings.SEARCH_COUNT_LIMIT."""
        if self.scope == PROVINCE and self.widens:
            return settings.SEARCH_PROVINCE_COUNT_LIMIT
        return settings.SEARCH_COUNT_LIMIT

    def lookups(self):
        """Lookups on GuidePage's search FilterFields for the chosen filters. A department code means every
        department with that code on the sites searched: each site has its own (a county's 公安局 is `gongan` as
        the city's is), and a province-wide search covers them all."""
        if not self.chosen:
            return {}
        code = self.chosen.get("department")
        named = Department.objects.on(self.sites).filter(code=code).values_list("pk", flat=True) if code else []
        return filters.search_lookups(self.chosen, list(named))

    def selected(self, name):
        """The URL value of filter `name` ("department", "audience", "online", "free", …), or ""."""
        return self.chosen.get(name, "")

    def query_string(self, **changes):
        """URL parameters for these params with `changes` applied (for filter and page links): urlencode's, with
        each value quoted once (a results page links each facet option, tens of them, with the same query)."""
        values = {"q": self.q, "scope": self.scope, **self.chosen, **changes}
        return "&".join(f"{key}={_quoted(value)}" for key, value in values.items() if value not in ("", None))


@lru_cache(maxsize=1024, typed=True)
def _quoted(value):
    """`value` as urlencode writes it (a parameter's name is a plain word, which it leaves as it is)."""
    return quote_plus(str(value))


def typed_query(data):
    """The query of request.GET as the pages echo it. Control characters mean nothing in a query, and PostgreSQL
    cannot store NUL: dropped at the door. Cut as the analysis cuts it, so that no page repeats more than
    MAX_QUERY_LENGTH characters of a query."""
    return analysis.CONTROL_RE.sub(" ", data.get("q", "")).strip()[:MAX_QUERY_LENGTH]


def parse_params(data, site):
    """SearchParams from request.GET for a search on `site` (the request's); raises BadRequest
    (guides.filters.FilterError) with a message in Chinese."""
    q = typed_query(data)
    scope = data.get("scope", "")
    if scope not in SCOPES:
        raise BadRequest(_("搜索范围 scope 只能是 %(scope)s") % {"scope": PROVINCE})
    params = SearchParams(q=q, site=site, scope=scope, page=filters.whole_number(data, "page", 1, MAX_PAGE))
    if data.get("department"):
        departments = set(Department.objects.on(params.sites).values_list("code", flat=True))
    else:
        departments = set()
    params.chosen = filters.parse(data, departments, accepted=filters.SEARCHABLE)
    return params


@dataclass
class SearchOutcome:
    params: SearchParams
    query: object  # AnalysedQuery, or None for an empty query
    total: int = 0
    whole: int = 0  # of the total, the guides that answer the whole query, not only some of its words
    capped: bool = False  # more guides match than the total says: it is the count limit (params.count_limit)
    page: object = None  # django Page of GuidePage results
    facets: dict = field(default_factory=dict)
    engine: str = "default"  # or "database" when the engine was unreachable
    suggestions: list = field(default_factory=list)

    @property
    def whole_capped(self):
        """Whether more guides answer the whole query than `whole` says: as many as the capped total."""
        return self.capped and self.whole == self.total

    @property
    def partial(self):
        """How many guides match only some words of the query; None when the total is capped (not known)."""
        return None if self.capped else self.total - self.whole


def answer(run):
    """`run(backend)` on the configured backend, and which answered it: "default", or "database" when the engine
    was unreachable and its searches answered from the database (search/backends/fallback.py).

    Publishing never depends on this: the engine backends catch indexing errors.
    """
    with fallback.watch() as fell_back:
        result = run(get_search_backend())
    return result, DATABASE_ALIAS if fell_back else "default"


def search(params, *, facets=True, log=True):
    """Search live, public guides for `params`."""
    if not params.q:
        return SearchOutcome(params=params, query=None)
    analysed = analyse_query(vocabulary.current(), params.q)
    outcome = SearchOutcome(params=params, query=analysed)
    if analysed.tokens:
        (outcome.total, outcome.whole, outcome.page, outcome.facets, outcome.capped), outcome.engine = answer(
            lambda backend: run_search(backend, params, analysed, facets)
        )
    if outcome.total == 0:
        outcome.suggestions = vocabulary.current().close_to(
            analysed.text, foreign=vocabulary.foreign_names(params.sites)
        )
    if log:
        log_search(params, analysed.text, outcome.total, outcome.engine)
    return outcome


def log_search(params, normalised, total, engine):
    """Count a search in the query log (its first page only: turning pages is not searching again)."""
    if params.page == 1:
        querylog.record(params.q, normalised, total, engine)


def run_search(backend, params, analysed, with_facets):
    """(total, whole, page of guides, facets, capped) for an analysed query on one backend.

    `whole` counts the guides that answer the whole query (AnalysedQuery.whole_query): they come first, then the
    guides that match only some of its words, each part in the order the query ranks them; it is the total when
    every match answers the whole query. The backends count up to the paginator's reach (params.count_limit):
    `capped` says that more guides match than `total` (then the limit) says, and than `whole` says if it is as many.
    One ranked search does it all (the backends' `whole_first`): the order, the page, both counts and, from the same
    matches, the facets. Those are counts of the results only when the count is not capped: above the limit there
    are none (the filters the citizen chose stay, to be undone: search.views)."""
    queryset = visible_guides(params)
    results = backend.search(analysed.engine_query, queryset, operator="or")
    results = results.whole_first(analysed.whole_query, facets=with_facets, count_limit=params.count_limit)
    paginator = Paginator(results, PAGE_SIZE)
    # The page first: the pass that ranks it counts the matches, and on the engines their facets as well.
    guides = list(results[(params.page - 1) * PAGE_SIZE : params.page * PAGE_SIZE])
    total = paginator.count
    if not total:
        return 0, 0, None, {}, False
    number = min(params.page, paginator.num_pages)  # past the end: show the last page
    if number != params.page:
        guides = list(results[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
    capped = results.count_capped()
    facets = facet_counts(backend, results, analysed, queryset) if with_facets and not capped else {}
    return total, results.whole_count(), ResultsPage(guides, number, paginator), facets, capped


def visible_guides(params):
    """The guides a search for `params` may find: live, public, on the sites searched, with the chosen filters;
    loading only what a result shows. Kept per scope, filters and content generation (a publish, a view restriction
    or a moved page starts a new one), so that the database backends compile its SQL once in that generation
    (search/backends/ranked.py), not on every request."""
    sites = params.sites
    key = ("visible guides", scope_key(sites), tuple(sorted(params.chosen.items())))
    return _kept.get(
        key,
        lambda: GuidePage.objects.visible(sites).filter(**params.lookups()).only(*RESULT_FIELDS),
        site_id=sites.pk if isinstance(sites, Site) else None,
    )


def facet_counts(backend, results, analysed, queryset):
    """{filter name: options} for the results, with how many guides each option would leave."""
    facets = {name: facet_options(name, results.facet(field)) for name, field in FACET_FIELDS.items()}
    if getattr(results, "FACETS_BOOLEANS", False):
        free = results.facet("is_free")
    else:  # engines cannot facet a boolean (Wagtail's terms aggregation sends "missing": 0): count the free ones
        count = backend.search(analysed.engine_query, queryset.filter(is_free=True), operator="or").count()
        free = {True: count, False: results.count() - count}
    facets["free"] = facet_options("free", free)
    return facets


def facet_options(name, counts):
    """[{"value", "label", "count"}] for one facet, from the engine's {raw value: count}."""
    labels = facet_labels(get_language())
    if name == "department":
        labelled = department_options(counts)
    elif name == "free":
        labelled = {"1" if key else "0": (labels["free"][bool(key)], n) for key, n in counts.items() if n}
    elif name == "audience":  # as the filter means it: a guide for both counts for persons and for businesses
        labelled = {
            key: (labels["audience"][key], sum(counts.get(stored, 0) for stored in filters.audiences(key)))
            for key in (Audience.PERSON, Audience.BUSINESS)
        }
        labelled = {key: value for key, value in labelled.items() if value[1]}
    else:
        labelled = {key: (labels["online"][key], n) for key, n in counts.items() if key in OnlineLevel.values}
    options = [{"value": value, "label": label, "count": n} for value, (label, n) in labelled.items()]
    return sorted(options, key=lambda option: -option["count"])


@lru_cache(maxsize=8)
def facet_labels(language):
    """The facets' headings and their fixed options' labels, translated once per language: a Chinese text that no
    catalogue translates is looked up in every fallback catalogue (about 25 us), a dozen times per results page."""
    return {
        "headings": {name: str(label) for name, label in FACET_LABELS.items()},
        "free": {True: _("不收费"), False: _("收费")},
        "audience": {key: str(label) for key, label in Audience.choices},
        "online": {key: str(label) for key, label in OnlineLevel.choices},
    }


def department_options(counts):
    """{code: (label, count)} from the engine's {department pk: count}. The filter takes a code, which each site
    gives its own department (a province-wide search finds every county's 公安 under `gongan`): one option per
    code, counting the guides of all its departments."""
    departments = department_names()
    by_code = {}
    for pk, n in counts.items():
        if pk in departments:
            code, name, short_name = departments[pk]
            by_code.setdefault(code, []).append((name, short_name, n))
    return {code: (department_label(found), sum(n for *_names, n in found)) for code, found in by_code.items()}


def department_label(found):
    """The label of one code's option from its departments' [(name, short name, count)]: their name when they
    share it (always on one site: one department a code), else their short name when they share it (公安), else
    the name of the one with the most guides and how many departments the option covers."""
    for shared in ({name for name, _short, _n in found}, {short for _name, short, _n in found}):
        if len(shared) == 1:
            return shared.pop()
    most = max(found, key=lambda department: department[2])
    return _("%(name)s等 %(count)s 个部门") % {"name": most[0], "count": len(found)}


def department_names():
    """{pk: (code, name, short name)} of every department, kept for the content generation (a change to one starts
    a new one)."""
    return _kept.get(
        "departments",
        lambda: {
            pk: (code, name, short)
            for pk, code, name, short in Department.objects.values_list("pk", "code", "name", "short_name")
        },
    )


def best_bet(analysed, related, guides=()):
    """The 一件事 or topic to show above the guides: the first of `related` (life events first) whose title holds
    a term of the query (as typed, spelt or meant, not its parts: 保险 alone is in too many). A life event's
    introduction counts too when none of the `guides` shown has such a term in its title: 开餐馆 finds
    开办餐饮店一件事 ("开一家餐馆…"), but 社保 answered by its guides does not need 新生儿出生一件事 ("…社保卡…").
    A page matched only through the guide titles it lists is no answer of its own."""
    words = {term for term, _parts in analysed.terms if len(term) > 1}
    guides_answer = any(word in analysis.normalise(guide.title) for guide in guides for word in words)
    for page in related:
        said = analysis.normalise(page.title)
        if isinstance(page, LifeEventPage) and not guides_answer:
            said += analysis.normalise(page.intro)
        if any(word in said for word in words):
            return page
    return None


def popular_guides(params):
    """The popular guides (for the audience the citizen chose, if any), offered when a search finds none."""
    return list(GuidePage.objects.popular(params.site, params.selected("audience")))
