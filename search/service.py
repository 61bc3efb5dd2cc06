"""Running a guide search: parameters, filters, engine fallback, facets, suggestions and the query log."""

import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.search.backends import get_search_backend

from guides.models import Department, GuidePage, LifeEventPage, TopicPage
from guides.models.choices import Audience, OnlineLevel

from . import analysis, vocabulary
from .engines import DATABASE_ALIAS
from .models import QueryLog
from .query import analyse_query

logger = logging.getLogger(__name__)

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
    "online_level",
    "department__name",
)
TRUE_VALUES = {"1", "true", "yes", "是"}
FALSE_VALUES = {"0", "false", "no", "否"}


class BadRequest(ValueError):
    """A parameter the citizen (or a client) sent is wrong; the message is shown to them, in Chinese."""


@dataclass
class SearchParams:
    q: str = ""
    department: Department | None = None
    audience: str = ""
    online: str = ""
    free: bool | None = None
    page: int = 1

    def filters(self):
        """Keyword filters for GuidePage querysets (all are FilterFields in GuidePage.search_fields)."""
        chosen = {"department": self.department, "audience": self.audience, "online_level": self.online}
        chosen["is_free"] = self.free
        return {name: value for name, value in chosen.items() if value not in (None, "")}

    def selected(self, name):
        """The URL value of filter `name` ("department", "audience", "online", "free"), or ""."""
        return self.query_values()[name]

    def query_values(self):
        return {
            "q": self.q,
            "department": self.department.code if self.department else "",
            "audience": self.audience,
            "online": self.online,
            "free": "" if self.free is None else ("1" if self.free else "0"),
        }

    def query_string(self, **changes):
        """URL parameters for these params with `changes` applied (for filter and page links)."""
        values = {**self.query_values(), **changes}
        return urlencode({key: value for key, value in values.items() if value not in ("", None)})


def parse_params(data):
    """SearchParams from request.GET; raises BadRequest with a message in Chinese."""
    # Control characters mean nothing in a query, and PostgreSQL cannot store NUL: drop them at the door.
    params = SearchParams(q=analysis.CONTROL_RE.sub(" ", data.get("q", "")).strip())
    department = data.get("department", "").strip()
    if department:
        params.department = Department.objects.filter(code=department).first()
        if params.department is None:
            raise BadRequest(_("没有这个部门：%(value)s") % {"value": department[:40]})
    params.audience = _choice(data, "audience", Audience.values, _("服务对象"))
    params.online = _choice(data, "online", OnlineLevel.values, _("网上办理深度"))
    free = data.get("free", "").strip().lower()
    if free:
        if free not in TRUE_VALUES | FALSE_VALUES:
            raise BadRequest(_("“是否收费”只能是 1（不收费）或 0（收费）。"))
        params.free = free in TRUE_VALUES
    page = data.get("page", "1").strip() or "1"
    if not page.isdigit() or not 1 <= int(page) <= MAX_PAGE:
        raise BadRequest(_("页码必须是 1 到 %(max)s 之间的整数。") % {"max": MAX_PAGE})
    params.page = int(page)
    return params


def _choice(data, name, allowed, label):
    value = data.get(name, "").strip()
    if value and value not in allowed:
        raise BadRequest(_("%(label)s的取值不正确：%(value)s") % {"label": label, "value": value[:40]})
    return value


@dataclass
class SearchOutcome:
    params: SearchParams
    query: object  # AnalysedQuery, or None for an empty query
    total: int = 0
    page: object = None  # django Page of GuidePage results
    facets: dict = field(default_factory=dict)
    engine: str = "default"  # or "database" when the engine was unreachable
    suggestions: list = field(default_factory=list)


def engine_errors():
    """Exceptions that mean the search engine cannot be reached."""
    errors = []
    for module, names in (
        ("opensearchpy.exceptions", ("ConnectionError", "ConnectionTimeout")),
        ("elasticsearch.exceptions", ("ConnectionError", "ConnectionTimeout")),
    ):
        try:
            imported = __import__(module, fromlist=list(names))
        except ImportError:
            continue
        errors.extend(getattr(imported, name) for name in names)
    return tuple(errors)


def answer(run):
    """`run(backend)` on the configured engine, or on the database when the engine is unreachable.

    Returns (result, engine alias). Publishing never depends on this: the engine backends catch indexing errors.
    """
    try:
        return run(get_search_backend()), "default"
    except engine_errors():
        logger.warning("Search engine unreachable; answering from the database", exc_info=True)
        return run(get_search_backend(DATABASE_ALIAS)), DATABASE_ALIAS


def search(params, *, facets=True, log=True):
    """Search live, public guides for `params`."""
    if not params.q:
        return SearchOutcome(params=params, query=None)
    analysed = analyse_query(vocabulary.current(), params.q)
    outcome = SearchOutcome(params=params, query=analysed)
    if analysed.tokens:
        (outcome.total, outcome.page, outcome.facets), outcome.engine = answer(
            lambda backend: run_search(backend, params, analysed, facets)
        )
    if outcome.total == 0:
        outcome.suggestions = vocabulary.current().close_to(analysed.text)
    if log and params.page == 1:
        QueryLog.objects.create(
            query=params.q[:100], normalised=analysed.text, results=outcome.total, engine=outcome.engine
        )
    return outcome


def run_search(backend, params, analysed, with_facets):
    """(total, page of guides, facets) for an analysed query on one backend."""
    queryset = GuidePage.objects.live().public().filter(**params.filters())
    queryset = queryset.select_related("department").only(*RESULT_FIELDS)
    results = backend.search(analysed.engine_query, queryset, operator="or")
    paginator = Paginator(results, PAGE_SIZE)
    guides = list(results[(params.page - 1) * PAGE_SIZE : params.page * PAGE_SIZE])
    # The facets before the total: on the database, their grouped count of every match gives the total too.
    facets = facet_counts(backend, results, analysed, queryset) if with_facets else {}
    total = paginator.count
    if not total:
        return 0, None, {}
    number = min(params.page, paginator.num_pages)
    if number != params.page:  # past the end: show the last page
        guides = list(results[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
    return total, ResultsPage(guides, number, paginator), facets


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
    if name == "department":
        departments = Department.objects.in_bulk([key for key in counts if key])
        labelled = {
            departments[key].code: (departments[key].name, n) for key, n in counts.items() if key in departments
        }
    elif name == "free":
        labelled = {"1" if key else "0": (_("不收费") if key else _("收费"), n) for key, n in counts.items() if n}
    else:
        choices = dict(Audience.choices if name == "audience" else OnlineLevel.choices)
        labelled = {key: (choices[key], n) for key, n in counts.items() if key in choices}
    options = [{"value": value, "label": str(label), "count": n} for value, (label, n) in labelled.items()]
    return sorted(options, key=lambda option: -option["count"])


def related_pages(analysed, limit=3):
    """Topics and life events matching the query, for a box beside the guide results."""

    def run(backend):
        return [
            page
            for model in (TopicPage, LifeEventPage)
            for page in backend.search(analysed.engine_query, model.objects.live().public(), operator="or")[:limit]
        ]

    return answer(run)[0]
