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

Over the whole province (scope=province) neither way is cheap for a common word: 身份证 matches 78,176 of the
100,000 guides, and counting them exactly reads every one, through either index. See the note of issue 14.
"""

from contextlib import contextmanager, suppress

from django.db import DatabaseError, connections
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)

from .analysed import AnalysedQueryMixin
from .ranked import FIRST, REST, RankedQueryCompilerMixin, RankedResultsMixin

MATCHES_SQL = (
    "SELECT CAST(object_id AS INTEGER) AS object_id, score, untitled, partial FROM ("
    "SELECT entry.object_id, {score} AS score, {untitled} AS untitled, {partial} AS partial"
    " FROM ({allowed}) AS allowed JOIN {entries} AS entry ON entry.content_type_id IN ({content_types})"
    " AND entry.object_id = CAST(allowed.pk AS TEXT) AND CAST(entry.object_id AS INTEGER) = allowed.pk,"
    " (SELECT {tsquery} AS query) AS matching, (SELECT {whole} AS query) AS whole"
    " WHERE {where} OFFSET 0"
    ") AS scored"
)
# The stock formula; ts_rank is higher for better matches, ranked.py wants lower first.
SCORE = (
    "-(ts_rank(%s::float4[], entry.title, matching.query) * entry.title_norm"
    " + ts_rank(%s::float4[], entry.body, matching.query))"
)
IN_TITLE = "entry.title @@ matching.query"
# The whole query matches a guide's words wherever they are: in the title and the text together. Without a
# whole query, {whole} is FALSE and every match is whole (partial 0).
WHOLE = "(entry.title || entry.body) @@ whole.query"
TIERS = {  # tier: (score, untitled, partial, condition)
    FIRST: (
        f"CASE WHEN {IN_TITLE} OR {{whole}} THEN {SCORE} END",
        f"CASE WHEN {IN_TITLE} THEN 0 ELSE 1 END",
        "CASE WHEN {whole} THEN 0 ELSE 1 END",
        f"{IN_TITLE} OR entry.body @@ matching.query",
    ),
    REST: (SCORE, "1", "1", f"entry.body @@ matching.query AND NOT {IN_TITLE} AND NOT {{whole}}"),
}


class RankedPostgresSearchQueryCompiler(RankedQueryCompilerMixin, PostgresSearchQueryCompiler):
    @contextmanager
    def planned(self):
        connection = connections[self.queryset.db]
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            try:
                yield
            finally:
                # In a transaction the failed statement aborted, the rollback undoes the SET as well.
                with suppress(DatabaseError):
                    cursor.execute("RESET enable_seqscan")

    def match_sql(self, query, content_types, tier, allowed):
        if self.fields is not None:  # searching named model fields, not the index: the stock path
            return None
        entries = IndexEntry.objects.all()
        compiler = entries.query.get_compiler(using=entries.db)

        def tsquery(query):
            built = self.build_tsquery(query, config=self.get_config(self.backend)).resolve_expression(entries.query)
            return built.as_sql(compiler, compiler.connection)

        matching_sql, matching_params = tsquery(query)
        whole_sql, whole_params = ("NULL::tsquery", []) if self.whole_query is None else tsquery(self.whole_query)
        whole = "FALSE" if self.whole_query is None else WHOLE
        score, untitled, partial, where = (part.format(whole=whole) for part in TIERS[tier])
        if self.whole_query is None and tier == FIRST:
            partial = "0"
        allowed_sql, allowed_params = allowed
        sql = MATCHES_SQL.format(
            allowed=allowed_sql,
            entries=IndexEntry._meta.db_table,
            tsquery=matching_sql,
            whole=whole_sql,
            score=score,
            untitled=untitled,
            partial=partial,
            where=where,
            content_types=", ".join(["%s"] * len(content_types)),
        )
        weights = [self.sql_weights, self.sql_weights]
        return sql, [*weights, *allowed_params, *content_types, *matching_params, *whole_params]


class RankedPostgresSearchResults(RankedResultsMixin, PostgresSearchResults):
    NO_LIMIT = None  # LIMIT NULL is LIMIT ALL


class RankedPostgresSearchBackend(AnalysedQueryMixin, PostgresSearchBackend):
    query_compiler_class = RankedPostgresSearchQueryCompiler
    results_class = RankedPostgresSearchResults
