"""PostgreSQL full-text search ranked once per match, with the GIN indexes doing the matching (see ranked.py).

The stock backend matches `title || body`, a tsvector concatenated per row that none of modelsearch's indexes
cover, so every search reads the whole index table. Matching each column on its own lets PostgreSQL combine
the two GIN indexes, and only the matches are scored, with the stock formula.

Left to itself the planner still reads the whole table once a query matches a good share of it: it prices @@
like any cheap operator, while on a guide's tsvectors it costs about a microsecond a row. At 10,000 guides
that is 15-25 ms per search against 3-7 ms through the indexes, so the statements that match run without
sequential scans (`planned`). The content type is checked after the match, behind a fence (OFFSET 0): checked
inside, it would offer the planner the content type index, which reads every guide's entry just the same.
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
    "SELECT entry.content_type_id, entry.object_id, {score} AS score, {untitled} AS untitled, {partial} AS partial"
    " FROM {entries} AS entry, (SELECT {tsquery} AS query) AS matching, (SELECT {whole} AS query) AS whole"
    " WHERE {where} OFFSET 0"
    ") AS scored WHERE content_type_id IN ({content_types})"
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

    def match_sql(self, query, content_types, tier):
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
        sql = MATCHES_SQL.format(
            entries=IndexEntry._meta.db_table,
            tsquery=matching_sql,
            whole=whole_sql,
            score=score,
            untitled=untitled,
            partial=partial,
            where=where,
            content_types=", ".join(["%s"] * len(content_types)),
        )
        return sql, [self.sql_weights, self.sql_weights, *matching_params, *whole_params, *content_types]


class RankedPostgresSearchResults(RankedResultsMixin, PostgresSearchResults):
    NO_LIMIT = None  # LIMIT NULL is LIMIT ALL


class RankedPostgresSearchBackend(AnalysedQueryMixin, PostgresSearchBackend):
    query_compiler_class = RankedPostgresSearchQueryCompiler
    results_class = RankedPostgresSearchResults
