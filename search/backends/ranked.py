"""Ranking at the right depth for the database backends: one full-text match with its score, then a page.

The stock backends score every candidate row through the ORM: SQLite with a subquery that re-runs the full-text
match per row (p95 12.7 s at 10,000 guides), PostgreSQL by concatenating two tsvectors per row, which no index
serves (p95 341 ms). Here each vendor module writes one SQL statement selecting (object id, score) of every
index entry that matches among the pages the page queryset allows (live, public, on the site, department, ...),
lower scores first, joining those pages where its planner does best (SQLite after the match, PostgreSQL inside
it); this module pages it in the database and counts facets in one grouped pass.

Guides whose title matches come first, then those that match only in their text. Scoring is what costs,
about 3 µs a match, and a common word (身份证, 申请) is in the text of most guides but in few titles. So the
FIRST statement counts every match but scores only those in the title (the others' score is NULL), and only
a page that runs past them ranks the REST, the matches in the text alone: the tiers, in order, are FIRST's
scored matches, then each LATER tier's.

With a whole query (`whole_first`: search.query.AnalysedQuery.whole_query), the matches that also answer it
come before all the others, whole matches in the title first, then in the text, then the partial ones in the
title (TITLED), then in the text (REST). The FIRST statement marks each match whole or partial, and scores only
the whole ones (they are few: they match every word of the query); the partial ones in the title are ranked
only when a page reaches them, as the REST are. A query whose words are in many titles has most of its matches
there: 建设工程规划许可证转移登记 has 41,448 title matches over a province of 100,000 guides, 187 whole ones.
A vendor may score TITLED's matches in FIRST all the same (SQLite, and PostgreSQL within a site: see
match_sql); the order is the same either way.

The count stops at the search's count limit (`whole_first`; search.service.SearchParams.count_limit, the paginator's
reach): FIRST is the
SCORED matches (whole, or without a whole query in the title), every one, then at most the limit and one of the
LATER tiers' matches, unscored (counted: TITLED's, then the REST's), which is where a common word's matches are
(身份证: 2,417 in titles, 78,176 in all, over a province of 100,000 guides; counting them all took 388-430 ms, up
to the limit 70-90 ms). A count above the limit is shown as "more than" it (`count_capped`). Facets are counted over
the same matches, in the same statement: all of them unless the count is capped, and then they are no count of the
results (the first matches in the index's order are the first sites' guides, no sample of the others), which
search.service does not show.
"""

import weakref
from collections import Counter, OrderedDict
from contextlib import contextmanager
from functools import cache, cached_property

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import BooleanField, Count, ForeignKey
from django.db.models.base import ModelState
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_init
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

# Every match, the SCORED ones scored; the partial matches in the title; the partial matches in the text only.
FIRST, TITLED, REST = "first", "titled", "rest"
SCORED = "scored"  # FIRST's matches that it scores: of the whole query (without one, those in the title)
LATER = (TITLED, REST)  # the tiers ranked when a page reaches them, in order; FIRST counts their matches

# Page queryset -> {fields: (SQL, params) of its rows' values}. A queryset the caller keeps for a content generation
# (search.service.visible_guides) is compiled once in that generation; one built per request, once per request.
_compiled = weakref.WeakKeyDictionary()


class RankedQueryCompilerMixin:
    """For a database query compiler: `match_sql()` gives the vendor's (SQL, params) of the scored matches."""

    total = None  # number of ranked matches (up to one more than the count limit), once a page or count is fetched
    whole_total = None  # of them, the matches that answer the whole query, once a page has been fetched
    whole_query = None  # set by RankedResultsMixin.whole_first
    facets = None  # {field name: Counter of values} of the bounded filter fields, once counted
    facets_wanted = False  # set by RankedResultsMixin.whole_first: count the facets with the first page
    count_limit = None  # set by RankedResultsMixin.whole_first: count up to it (None: settings.SEARCH_COUNT_LIMIT)

    backend = None  # set by the results, for settings such as PostgreSQL's text search configuration

    def match_sql(self, query, content_types, tier, allowed, counted=False):
        """(SQL, params) selecting (object_id, score, untitled, partial) of the index entries of `content_types`
        matching `query` in one tier, of the pages that `allowed` selects.

        `tier` is SCORED, TITLED or REST; `counted`, that tier's matches unscored (the score NULL), for FIRST to
        count. SCORED may hold the LATER tiers' matches as well, unscored, and their counted parts then none: where
        one walk costs less than several (SQLite; PostgreSQL driven by a site's pages), or where the vendor scores
        them all at once (SQLite scores the partial matches in the title in SCORED: TITLED is none). object_id is
        an integer (the index stores text), and lower scores are better matches. untitled is 0 where the title
        matches, else 1; partial is 0 where the entry matches `self.whole_query` too (every entry, when it is
        None), else 1. `allowed` is the (SQL, params) of the
        page queryset's keys, one column named pk: where the vendor joins it is the vendor's plan (see
        `allowed_after` for the simple way). None leaves the search to the stock backend.
        """
        raise NotImplementedError

    @contextmanager
    def planned(self):
        """Around each statement that matches: the vendor's planner settings, where it needs any."""
        yield

    def normalized_query(self):
        return self.query

    def _get_filterable_field(self, field_attname):
        """modelsearch's, from the model's filter fields by attname kept per model (it builds that dict on every call:
        once per facet and per filter of every search)."""
        return filterable_fields(self.queryset.model).get(field_attname)

    @cached_property
    def ranks(self):
        """False where the stock path applies (no ranking, MatchAll, Not, named fields)."""
        query = self.normalized_query()
        if not self.order_by_relevance or isinstance(query, (MatchAll, Not)):
            return False
        return self.matches(SCORED) is not None

    def matches(self, tier, counted=False):
        """(SQL, params) selecting (object_id, score, untitled, partial) of one tier's matches that the page
        queryset allows (`counted`: unscored, see match_sql); FIRST's counted parts bounded by the count limit
        (see first)."""
        built = self.__dict__.setdefault("_matches", {})
        key = (tier, counted)
        if key not in built:
            if tier == FIRST:
                built[key] = self.first()
            else:
                content_types = list(get_descendants_content_types_pks(self.queryset.model))
                query, allowed = self.normalized_query(), self.allowed("pk")
                built[key] = self.match_sql(query, content_types, tier, allowed, counted=counted)
        return built[key]

    def first(self):
        """(SQL, params) of the FIRST tier: every SCORED match, then the LATER tiers' matches, unscored, in turn,
        less the SCORED ones (a counted part may hold them: see match_sql), each only as many as make one more than
        the count limit with those before it (enough to tell that there are more), and none when these are as many
        (a query whose words most guides answer whole: 出生医学证明). Bounded in turn, the matches counted of a tier
        are all of them whenever a later tier's are there: what a page needs to know where that tier starts."""
        (scored, params), counted = self.matches(SCORED), [self.matches(tier, counted=True) for tier in LATER]
        ctes = [f"part_0 AS MATERIALIZED ({scored})"]
        for number, (part, part_params) in enumerate(counted, start=1):
            part = f"SELECT * FROM ({part}) AS counted WHERE object_id NOT IN (SELECT object_id FROM part_0)"  # noqa: S608
            # at most as many as make one more than the count limit with the parts before it
            before = " + ".join(f"(SELECT COUNT(*) FROM part_{each})" for each in range(number))  # noqa: S608
            part += (
                " LIMIT (SELECT CASE WHEN before < %s THEN %s - before ELSE 0 END"  # noqa: S608 - SQL built here
                f" FROM (SELECT {before} AS before) AS counts)"
            )
            params = [*params, *part_params, counted_up_to(self) + 1, counted_up_to(self) + 1]
            ctes.append(f"part_{number} AS MATERIALIZED ({part})")
        union = " UNION ALL ".join(f"SELECT * FROM part_{number}" for number in range(len(ctes)))  # noqa: S608
        return f"WITH {', '.join(ctes)} {union}", params

    def matched_queryset(self):
        """The page queryset (with its filters) narrowed to the counted matches (FIRST's), unordered."""
        sql, params = self.matches(FIRST)
        return self.queryset.filter(pk__in=RawSQL(f"SELECT object_id FROM ({sql}) AS matches", params)).order_by()  # noqa: S608, S611 - table names only

    def count(self):
        """How many matches the page queryset allows, up to one more than the count limit: match, score
        nothing."""
        with self.planned():
            return self.matched_queryset().count()

    def grouped(self, *names):
        """[{name: value, ..., "_count": n}]: the counted matches the page queryset allows (every one, unless the
        count is capped), counted by `names`."""
        with self.planned():
            return list(self.matched_queryset().values(*names).annotate(_count=Count("pk")).order_by())

    def allowed(self, *fields):
        """(SQL, params) selecting the `fields` values (by name: "pk", "department__name") of the rows the page
        queryset allows, compiled once per queryset object (see _compiled)."""
        compiled = _compiled.setdefault(self.queryset, {})
        if fields not in compiled:
            compiled[fields] = self.queryset.order_by().values(*fields).query.sql_with_params()
        return compiled[fields]

    def fetch(self, tier, sql_template, extra_params=(), **parts):
        """Rows of `sql_template` (with {ranked} standing for one tier's ranked matches and the other `parts`)."""
        sql, params = self.matches(tier)
        with self.planned(), connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql_template.format(ranked=sql, **parts), [*params, *extra_params])
            return cursor.fetchall()

    @cached_property
    def row_shape(self):
        """The RowShape of the page queryset's objects, None when it loads them whole (see RowShape.of)."""
        return RowShape.of(self.queryset)


def counted_up_to(compiler):
    """The number of matches the search of `compiler` counts up to (its count_limit, else
    settings.SEARCH_COUNT_LIMIT); above it, "more than" it."""
    return getattr(compiler, "count_limit", None) or settings.SEARCH_COUNT_LIMIT


def page_order(row):
    """RankedResultsMixin.PAGE_SQL's order, for the page's rows once joined to their values."""
    return (row[4], row[3], row[2] is None, row[2] or 0, -row[1])


class RowShape:
    """How a page queryset that names what it loads (`only("title", "department__name")`) builds its objects from a
    row of values, so that the statement that ranks a page returns its rows too: no second query loads them.

    `fields` are the names to select (values()), the model's own first, in its field order, then one relation's
    fields each; build() makes the object, with each relation's object cached on it, as the queryset would."""

    def __init__(self, model, local, related):
        self.model = model
        concrete = [field.attname for field in model._meta.concrete_fields]
        self.local = [name for name in concrete if name in local]
        self.related = []  # (relation field, its model's attnames loaded, pk first)
        for name, loaded in related.items():
            relation = model._meta.get_field(name)
            target = relation.related_model._meta
            names = [field.attname for field in target.concrete_fields if field.name in loaded or field.primary_key]
            self.related.append((relation, names))
        self.fields = (
            *self.local,
            *(f"{relation.name}__{name}" for relation, names in self.related for name in names),
        )

    @classmethod
    def of(cls, queryset):
        """The shape of `queryset`'s objects, or None when it loads every field or a relation of a relation, or
        when something receives post_init for a model it would build (objects are built without the constructor,
        which sends it)."""
        names, deferred = queryset.query.deferred_loading
        if deferred or not names:
            return None
        model = queryset.model
        local = {field.attname for field in model._meta.concrete_fields if field.primary_key}
        related = {}
        for name in names:
            relation, _, field = name.partition("__")
            if "__" in field:
                return None
            if field:
                related.setdefault(relation, set()).add(field)
            local.add(model._meta.get_field(relation).attname)
        built = [model, *(model._meta.get_field(name).related_model for name in related)]
        if any(post_init.has_listeners(each) for each in built):
            return None
        return cls(model, local, related)

    def build(self, db, values):
        """The object of one row of `fields` values."""
        obj = loaded(self.model, db, self.local, values[: len(self.local)])
        at = len(self.local)
        for relation, names in self.related:
            values_of_relation = values[at : at + len(names)]
            at += len(names)
            target = (
                None if values_of_relation[0] is None else loaded(relation.related_model, db, names, values_of_relation)
            )
            relation.set_cached_value(obj, target)
        return obj


def loaded(model, db, attnames, values):
    """An instance of `model` read from `db` with `attnames` loaded and its other fields deferred, as Model.from_db
    makes it, without the constructor: a page's (ClusterableModel's) looks up every child relation of the model,
    about 70 µs a guide, to take child objects no row has. RowShape.of makes sure nothing receives post_init."""
    obj = model.__new__(model)
    obj._state = ModelState()
    obj._state.adding, obj._state.db = False, db
    obj.__dict__.update(zip(attnames, values, strict=True))
    return obj


# How allowed_after looks each match's page up among the allowed ones ({allowed}, whose column is named pk).
ALLOWED_EXISTS = " WHERE EXISTS (SELECT 1 FROM ({allowed}) AS allowed WHERE allowed.pk = matches.object_id{probe})"


def allowed_after(sql, params, allowed, probe="", lookup=ALLOWED_EXISTS):
    """(SQL, params) of the matches `sql` selects that the pages `allowed` selects: the simple way for
    `match_sql`, checked after the match.

    Only SQL built here, by a vendor module and by Django's compiler is joined; every value is a parameter.
    Materialised, the matches are scored once, in one pass. Then each match looks its page up among the allowed
    ones by key (`lookup`; EXISTS unless the vendor has a better way): SQLite would gather every allowed page first
    for IN, a pass over all the pages that costs more than the whole search when few guides match.
    """
    allowed_sql, allowed_params = allowed
    restricted = (
        f"WITH matches AS MATERIALIZED ({sql})"  # noqa: S608
        " SELECT object_id, score, untitled, partial FROM matches" + lookup.format(allowed=allowed_sql, probe=probe)
    )
    return restricted, [*params, *allowed_params]


@cache
def filterable_fields(model):
    """{attname: FilterField} of `model`'s search fields (class attributes: the same for the process's life)."""
    return {field.get_attname(model): field for field in model.get_filterable_search_fields()}


@cache
def bounded_fields(model):
    """{name: FilterField} of the model's filter fields that facets count together.

    Bounded: a foreign key, a boolean or a field with choices, so that the combinations stay few. Fields
    inherited from a parent model (Wagtail's Page: owner, locale, ...) are left to their own queries.
    """
    return {field.field_name: field for field in model.get_filterable_search_fields() if _is_bounded(model, field)}


def _is_bounded(model, filter_field):
    try:
        field = model._meta.get_field(filter_field.field_name)
    except FieldDoesNotExist:
        return False
    if field.model is not model:
        return False
    return isinstance(field, (ForeignKey, BooleanField)) or bool(field.concrete and field.choices)


class RankedResultsMixin:
    """For a database results class whose compiler has RankedQueryCompilerMixin."""

    # Whole matches first, title matches first within each part, then lower scores first, unscored ones last
    # (the partial matches in the text only: the last part); newer pages first among equals, as the stock
    # backends do (page_order sorts the joined rows again). The counts give the total, the number scored and the
    # number of whole matches from the same pass: counted over the materialised matches, which SQLite does faster
    # than with window functions (COUNT(*) OVER ()), for the same result. Each row of the page joins its values in
    # the page queryset ({allowed}: its pk, then RowShape.fields), so the objects come with their ranks.
    PAGE_SQL = (
        "WITH ranked AS MATERIALIZED ({ranked}),"
        " page_rows AS (SELECT object_id, score, untitled, partial FROM ranked"
        " ORDER BY partial, untitled, score NULLS LAST, object_id DESC LIMIT %s OFFSET %s)"
        " SELECT 0, page_rows.*, (SELECT COUNT(*) FROM ranked), (SELECT COUNT(score) FROM ranked),"
        " (SELECT COUNT(*) FROM ranked WHERE partial = 0),"
        " (SELECT COUNT(*) FROM ranked WHERE score IS NULL AND untitled = 0), allowed.*"
        " FROM page_rows JOIN ({allowed}) AS allowed ON allowed.pk = page_rows.object_id"
        "{facets}"
    )
    # With the first tier's page, in the same statement, over the same materialised matches: the bounded filter
    # fields' combinations, counted (in the total's column; the page's columns blank). The matches are of allowed
    # pages already, so each looks up its fields in the model's own table alone (bounded_fields are the model's
    # own): joined to the whole page queryset, each of thousands of matches took three lookups and the site's path
    # check again, half of the statement for a common word at 10,000 guides.
    FACETS_SQL = (
        " UNION ALL SELECT 1, NULL, NULL, NULL, NULL, COUNT(*), NULL, NULL, NULL, {columns}"
        " FROM ranked JOIN {table} AS facet ON facet.{pk} = ranked.object_id GROUP BY {names}"
    )
    PAGE, FACETS = 0, 1  # the first column of each row: which part of the statement it belongs to
    NO_LIMIT = None  # the LIMIT value meaning "all rows" on this vendor
    FACETS_BOOLEANS = True  # unlike the engines' terms aggregation (see search.service.facet_counts)

    def __init__(self, backend, query_compiler, *args, **kwargs):
        super().__init__(backend, query_compiler, *args, **kwargs)
        query_compiler.backend = backend

    def whole_first(self, whole_query, facets=False, count_limit=None):
        """These results with the matches of `whole_query` as well first (None: every match counts as whole);
        `whole_count()` says how many there are. With `facets`, the statement that ranks the first page counts
        the facets too (a caller that shows none does not pay for them). The matches are counted up to
        `count_limit` (None: settings.SEARCH_COUNT_LIMIT)."""
        compiler = self.query_compiler
        compiler.whole_query = whole_query
        compiler.facets_wanted = facets
        compiler.count_limit = count_limit
        compiler.__dict__.pop("_matches", None)
        return self

    def whole_count(self):
        """How many of the results answer the whole query (see whole_first): every one on the stock path."""
        compiler = self.query_compiler
        if not self.ranks:
            return self.count()
        if compiler.whole_total is None:
            compiler.whole_total = self.page_rows(FIRST, 1, 0)[0][7] if self.count() else 0
        return min(compiler.whole_total, self.count())  # of a capped count, as many

    @property
    def ranks(self):
        """False for the stock path, and for the stock autocomplete compiler, which shares this results class."""
        compiler = self.query_compiler
        return isinstance(compiler, RankedQueryCompilerMixin) and compiler.ranks

    def _do_search(self):
        compiler = self.query_compiler
        if not self.ranks:
            return super()._do_search()
        limit = self.NO_LIMIT if self.stop is None else self.stop - self.start
        rows = self.page_rows(FIRST, limit, self.start)
        if rows:
            compiler.total, scored, compiler.whole_total, titled = rows[0][5:9]
        elif not self.start:
            compiler.total = compiler.whole_total = 0
        ranked = [row for row in rows if row[2] is not None]
        # The page runs on into the unscored matches: rank those of each tier it reaches, from where that tier
        # starts (a page with no end runs through both).
        unranked = Counter(row[3] for row in rows if row[2] is None)  # untitled: 0 in TITLED, 1 in REST
        for tier, untitled, ahead in ((TITLED, 0, scored), (REST, 1, scored + titled)) if unranked else ():
            if unranked[untitled] or self.stop is None:
                more = self.NO_LIMIT if self.stop is None else unranked[untitled]
                ranked += self.page_rows(tier, more, max(0, self.start - ahead))
        results = []
        for row, obj in zip(ranked, self.page_objects(ranked), strict=True):
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, -row[2])
                results.append(obj)
        return results

    def page_rows(self, tier, limit, offset):
        """(PAGE, object id, score, untitled, partial, total, scored, whole, titled, pk, *RowShape.fields values) of one
        tier's page of matches, in order; with the first tier, the facet counts as well (compiler.facets)."""
        compiler = self.query_compiler
        row_fields = compiler.row_shape.fields if compiler.row_shape else ()
        names = list(bounded_fields(compiler.queryset.model)) if tier == FIRST and compiler.facets_wanted else []
        values = ("pk", *row_fields, *(name for name in names if name not in row_fields))  # values() has each once
        allowed_sql, allowed_params = compiler.allowed(*values)
        facets, params = "", [limit, offset, *allowed_params]
        if names:
            quote = connections[compiler.queryset.db].ops.quote_name
            meta = compiler.queryset.model._meta
            column = {name: f"facet.{quote(meta.get_field(name).column)}" for name in names}
            facets = self.FACETS_SQL.format(
                columns=", ".join(column.get(value, "NULL") for value in values),
                names=", ".join(column.values()),
                table=quote(meta.db_table),
                pk=quote(meta.pk.column),
            )
        rows = compiler.fetch(tier, self.PAGE_SQL, params, allowed=allowed_sql, facets=facets)
        page = sorted((row for row in rows if row[0] == self.PAGE), key=page_order)
        if names:
            self.count_facets(
                [row for row in rows if row[0] == self.FACETS], {name: 9 + values.index(name) for name in names}
            )
        return page

    def count_facets(self, rows, columns):
        """compiler.facets from the FACETS rows of the page statement (`columns`: {field name: its column})."""
        compiler = self.query_compiler
        compiler.facets = {name: Counter() for name in columns}
        for row in rows:
            for name, column in columns.items():
                compiler.facets[name][row[column]] += row[5]
        if compiler.total is None:  # every match is in one group or another: the total, for free
            compiler.total = sum(row[5] for row in rows)

    def page_objects(self, rows):
        """The object of each of the page's `rows`, built from their values (RowShape) or else loaded by id."""
        compiler = self.query_compiler
        shape = compiler.row_shape
        if shape is not None:
            return [shape.build(compiler.queryset.db, row[10 : 10 + len(shape.fields)]) for row in rows]
        objects = compiler.queryset.order_by().in_bulk([row[1] for row in rows])
        return [objects.get(row[1]) for row in rows]

    def _do_count(self):
        compiler = self.query_compiler
        if not self.ranks:
            return super()._do_count()
        if compiler.total is None:
            compiler.total = compiler.count()
        return min(compiler.total, counted_up_to(compiler))

    def count_capped(self):
        """Whether more results match than count() says: it stopped at the count limit."""
        if not self.ranks:
            return False
        self.count()
        return self.query_compiler.total > counted_up_to(self.query_compiler)

    def facet(self, field_name):
        compiler = self.query_compiler
        if not self.ranks or compiler._get_filterable_field(field_name) is None:
            return super().facet(field_name)  # the stock path, or its FilterFieldError
        name = compiler.queryset.model._meta.get_field(field_name).name  # "department_id" counts as "department"
        if compiler.facets is None:  # not counted with a page: the statement that ranks one, for none
            compiler.facets_wanted = True
            self.page_rows(FIRST, 0, 0)
        if name in compiler.facets:
            counts = compiler.facets[name]
        else:  # an unbounded field: its own grouped query
            counts = Counter({row[field_name]: row["_count"] for row in compiler.grouped(field_name)})
        return OrderedDict(counts.most_common())
