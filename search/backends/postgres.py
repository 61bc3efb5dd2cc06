"""PostgreSQL full-text search ranked once per match, with the GIN indexes doing the matching (see ranked.py).

The stock backend matches `title || body`, a tsvector concatenated per row that none of modelsearch's indexes
cover, so every search reads the whole index table. Matching each column on its own lets PostgreSQL combine
the two GIN indexes, and only the matches are scored, with the stock formula.

Left to itself the planner still reads the whole table once a query matches a good share of it: it prices @@
like any cheap operator, while on a guide's tsvectors it costs about a microsecond a row. At 10,000 guides
that is 15-25 ms per search against 3-7 ms through the indexes, so the statements that match run without
sequential scans (`planned`).

The page queryset's own restriction (the site's tree, live, public, the filters) is joined inside the match,
so that PostgreSQL scores only the pages a search may show. Matched first and restricted after, a site's search
for 身份证 at 100,000 guides over 20 sites read and scored the whole province's 78,176 matching entries to keep
the site's 3,885 (EXPLAIN ANALYZE: 17,500 heap blocks, 520 of the 730 ms). Joined inside, the planner has two
ways, and the join is written so that it can take either: from each allowed page to its entry through
modelsearch's unique (content_type_id, object_id) index (`object_id = CAST(pk AS TEXT)`), which costs the site's
5,000 pages whatever the query; or from the GIN indexes to the pages' primary key (`CAST(object_id AS INTEGER) =
pk`), which costs the query's matches over every site. It takes the first for a common word within a site
(身份证, 3,885 of the site's 5,000: 20,000 buffer hits, no reads, 90-140 ms at load 9-13 against 500-730 ms),
and the second for a rare one (火星移民: 2 ms). The content type is checked in the join, with the page's key:
checked alone, it would offer the planner the content type index, which reads every guide's entry.

Joined inside, a search over most of the index costs as much as its allowed pages, and the planner walks them
all even for a common word: the whole province's search (scope=province, 100,000 pages) for 身份证 took 1.2-1.9 s
that way against 0.3-0.5 s matched first. So the allowed pages are joined inside only when they are a small share
of the index (SELECTIVE, by the planner's own estimates, kept per statement): a city's or a district's search
among a province's sites. Otherwise the matches come first and each is checked against the allowed pages after
(ranked.allowed_after), as before: the whole province, and a one-city installation whose site is all the index.

Matched first, SCORED is the whole matches alone (ranked.py's TITLED tier ranks the partial ones in the title when
a page reaches them), found through the GIN indexes too (NARROWED): tested on the concatenated tsvectors, which no
index serves, each match of any word cost about 5 µs, and the whole query's words are common ones (a district's
name, 登记). Where those words decide a whole match (WHOLE), the concatenation is not tested at all: the
12,323 whole matches of 出生医学证明 over the province took 84 ms of the server's CPU with it, 70 without. The
counted parts leave the whole test out as well: ranked.first drops SCORED's matches by key.

The counted matches (ranked.py: counted up to the count limit) check their pages one by one, in a subquery that
the planner may not turn into a join (OFFSET 0 keeps it a SubPlan), so that the count stops at the limit: as a
join, the planner sorted the province's 75,759 text matches of 身份证 to merge them with the allowed pages, and
read them all (17,430 heap blocks, 466 ms at load 6). Checked one by one it stops at 10,001 (2,326 blocks and
10,001 probes of the pages' keys, 125 ms at load 6).
"""

import json
from contextlib import contextmanager, suppress
from functools import lru_cache

from django.db import DatabaseError, connections
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import And, Or, PlainText

from .analysed import AnalysedQueryMixin
from .ranked import REST, SCORED, TITLED, RankedQueryCompilerMixin, RankedResultsMixin, allowed_after

MATCHES_SQL = (
    "SELECT CAST(object_id AS INTEGER) AS object_id, score, untitled, partial FROM ("
    "SELECT entry.content_type_id, entry.object_id, {score} AS score, {untitled} AS untitled, {partial} AS partial"
    " FROM {source}, (SELECT {tsquery} AS query) AS matching, (SELECT {whole} AS query{words}) AS whole"
    " WHERE {where} OFFSET 0"
    ") AS scored"
)
# Driven by the allowed pages: both ways of joining them are written out (see the module's docstring).
DRIVEN = (
    "({allowed}) AS allowed JOIN {entries} AS entry ON entry.content_type_id IN ({content_types})"
    " AND entry.object_id = CAST(allowed.pk AS TEXT) AND CAST(entry.object_id AS INTEGER) = allowed.pk"
)
# Matched first: the content type checked behind the fence, where it cannot offer its index to the planner.
MATCHED_FIRST = "{entries} AS entry"
MATCHED_FIRST_TYPES = " WHERE content_type_id IN ({content_types})"
SELECTIVE = 0.25  # the allowed pages' share of the index entries below which they drive the match
# The stock formula; ts_rank is higher for better matches, ranked.py wants lower first.
SCORE = (
    "-(ts_rank(%s::float4[], entry.title, matching.query) * entry.title_norm"
    " + ts_rank(%s::float4[], entry.body, matching.query))"
)
IN_TITLE = "entry.title @@ matching.query"
IN_TEXT = "entry.body @@ matching.query"
# The whole query matches a guide's words wherever they are: in the title and the text together. No index serves
# the concatenation, which costs about a microsecond a row. A guide answers the whole query only if it has, for each
# of its words, one of the word's lexemes in its title or in its text (NARROWED, once per word), which the GIN
# indexes find. Where a word's tsquery is lexemes joined by | alone (SINGLE_LEXEMES: no &, phrase, prefix, weight or
# negation), the narrowed word is the word itself, and matching it in the title or in the text is matching it in the
# two together; where every word is such, the narrowed words decide (whole.decided) and the concatenation is left
# out. The tsquery's text decides, not the spellings: to_tsquery makes a phrase of a spelling its parser cuts (x'y,
# a_b). Every value is a constant, so PostgreSQL decides while it plans and runs one test or the other.
WHOLE = "({narrowed}(whole.decided OR (entry.title || entry.body) @@ whole.query))"  # {whole} in the tiers
NARROWED = "(entry.title @@ whole.word_{number} OR entry.body @@ whole.word_{number}) AND "
SINGLE_LEXEMES = r"^'([^']|'')*'( \| '([^']|'')*')*$"
SINGLE = "CAST({word} AS text) ~ %s"
WORD = ", CASE WHEN {single} THEN {word} ELSE {any_lexeme} END AS word_{number}"
UNTITLED = f"CASE WHEN {IN_TITLE} THEN 0 ELSE 1 END"
IN_TEXT_ONLY = f"{IN_TEXT} AND NOT {IN_TITLE}"
# tier: (untitled, partial, condition, condition of its counted part: ranked.first leaves out SCORED's matches)
TIERS = {  # with a whole query
    SCORED: (UNTITLED, "0", f"{{whole}} AND ({IN_TITLE} OR {IN_TEXT})", None),
    TITLED: ("0", "1", f"{IN_TITLE} AND NOT {{whole}}", IN_TITLE),
    REST: ("1", "1", f"{IN_TEXT_ONLY} AND NOT {{whole}}", IN_TEXT_ONLY),
}
EVERY_MATCH_WHOLE = {  # without one: SCORED is the matches in the title (its GIN index)
    SCORED: ("0", "0", IN_TITLE, None),
    TITLED: ("0", "0", "FALSE", "FALSE"),
    REST: ("1", "0", IN_TEXT_ONLY, IN_TEXT_ONLY),
}
# Driven by a site's pages, the tiers would walk them once each: SCORED is every match in one walk, those in the
# title scored as well (TITLED is none: a page past the few whole matches would walk them again to rank it), the
# others unscored; the counted parts are none. The site's pages bound the count already.
ONE_WALK = f"{IN_TITLE} OR {IN_TEXT}"


class RankedPostgresSearchQueryCompiler(RankedQueryCompilerMixin, PostgresSearchQueryCompiler):
    @contextmanager
    def planned(self):
        connection = connections[self.queryset.db]
        allowed_sql, allowed_params = self.allowed("pk")
        # Driven by a site's pages, in parallel the planner hashed all the guides' keys (100,000) in each of three
        # processes to join the site's 5,000; alone, it walks the site's pages, for the same time and a third of
        # the CPU.
        serial = selective(self.queryset.db, allowed_sql, tuple(allowed_params))
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            if serial:
                cursor.execute("SET max_parallel_workers_per_gather = 0")
            try:
                yield
            finally:
                # In a transaction the failed statement aborted, the rollback undoes the SET as well.
                with suppress(DatabaseError):
                    cursor.execute("RESET enable_seqscan")
                    if serial:
                        cursor.execute("RESET max_parallel_workers_per_gather")

    def match_sql(self, query, content_types, tier, allowed, counted=False):
        if self.fields is not None:  # searching named model fields, not the index: the stock path
            return None
        entries = IndexEntry.objects.all()
        compiler = entries.query.get_compiler(using=entries.db)

        def tsquery(query):
            built = self.build_tsquery(query, config=self.get_config(self.backend)).resolve_expression(entries.query)
            return built.as_sql(compiler, compiler.connection)

        matching_sql, matching_params = tsquery(query)
        whole_sql, whole_params = ("NULL::tsquery", []) if self.whole_query is None else tsquery(self.whole_query)
        words_sql, words_params, whole = whole_words(narrowing(self.whole_query), tsquery)
        untitled, partial, where, counted_where = (EVERY_MATCH_WHOLE if self.whole_query is None else TIERS)[tier]
        score = "CAST(NULL AS float8)" if counted else SCORE
        allowed_sql, allowed_params = allowed
        driven = selective(self.queryset.db, allowed_sql, tuple(allowed_params))
        if driven and tier == SCORED:
            scored = IN_TITLE if self.whole_query is None else f"{IN_TITLE} OR {whole}"
            score, untitled, where = f"CASE WHEN {scored} THEN {score} END", UNTITLED, ONE_WALK
            if self.whole_query is not None:
                partial = f"CASE WHEN {whole} THEN 0 ELSE 1 END"
        elif driven and (counted or tier == TITLED):
            where = "FALSE"
        elif counted:
            where = counted_where
        where = where.format(whole=whole)
        parts = {"entries": IndexEntry._meta.db_table, "content_types": ", ".join(["%s"] * len(content_types))}
        sql = MATCHES_SQL.format(
            source=(DRIVEN if driven else MATCHED_FIRST).format(allowed=allowed_sql, **parts),
            tsquery=matching_sql,
            whole=whole_sql,
            words=words_sql,
            score=score,
            untitled=untitled,
            partial=partial,
            where=where,
        )
        weights = [] if counted else [self.sql_weights, self.sql_weights]  # SCORE's
        if driven:
            return sql, [*weights, *allowed_params, *content_types, *matching_params, *whole_params, *words_params]
        sql += MATCHED_FIRST_TYPES.format(**parts)
        probe = " OFFSET 0" if counted else ""
        params = [*weights, *matching_params, *whole_params, *words_params, *content_types]
        return allowed_after(sql, params, allowed, probe)


def narrowing(whole_query):
    """For each word of `whole_query` (an And of words, each a PlainText or an Or of them: what
    search.query.AnalysedQuery.whole_query builds), the word and a query of any of its lexemes: a guide that
    answers the whole query matches the latter in its title or its text. Empty for a query of another shape, or
    none."""
    if whole_query is None:
        return []
    words = []
    for word in whole_query.subqueries if isinstance(whole_query, And) else [whole_query]:
        spellings = word.subqueries if isinstance(word, Or) else [word]
        if not all(isinstance(spelling, PlainText) for spelling in spellings):
            return []
        words.append((word, PlainText(" ".join(spelling.query_string for spelling in spellings), operator="or")))
    return words


def whole_words(words, tsquery):
    """(SQL, params) of the `whole` row's columns beside its query for `words` (narrowing's), and the condition
    of a whole match (WHOLE) that reads them: whole.word_N, the word where it is single lexemes (SINGLE_LEXEMES),
    else any of its lexemes; whole.decided, whether every word is single lexemes (false without words)."""
    singles, singles_params, columns, columns_params, narrowed = [], [], "", [], ""
    for number, (word, any_lexeme) in enumerate(words):
        word_sql, word_params = tsquery(word)
        any_sql, any_params = tsquery(any_lexeme)
        single = SINGLE.format(word=word_sql)
        singles.append(single)
        singles_params += [*word_params, SINGLE_LEXEMES]
        columns += WORD.format(single=single, word=word_sql, any_lexeme=any_sql, number=number)
        columns_params += [*word_params, SINGLE_LEXEMES, *word_params, *any_params]
        narrowed += NARROWED.format(number=number)
    decided = " AND ".join(singles) or "FALSE"
    return f", {decided} AS decided{columns}", [*singles_params, *columns_params], WHOLE.format(narrowed=narrowed)


@lru_cache(maxsize=512)
def selective(db, allowed_sql, allowed_params):
    """Whether the pages `allowed_sql` selects are fewer than SELECTIVE of the index entries, by the planner's
    estimates (kept per statement: a site's stays a site's)."""
    with connections[db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {allowed_sql}", allowed_params)
        plan = cursor.fetchone()[0]
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [IndexEntry._meta.db_table])
        entries = cursor.fetchone()[0]
    allowed = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]
    return entries > 0 and allowed < SELECTIVE * entries


class RankedPostgresSearchResults(RankedResultsMixin, PostgresSearchResults):
    NO_LIMIT = None  # LIMIT NULL is LIMIT ALL


class RankedPostgresSearchBackend(AnalysedQueryMixin, PostgresSearchBackend):
    query_compiler_class = RankedPostgresSearchQueryCompiler
    results_class = RankedPostgresSearchResults
