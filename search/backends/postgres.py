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
    "SELECT CAST(object_id AS INTEGER) AS object_id, score FROM ("
    "SELECT entry.content_type_id, entry.object_id, {score} AS score"
    " FROM {entries} AS entry, (SELECT {tsquery} AS query) AS matching"
    " WHERE {where} OFFSET 0"
    ") AS scored WHERE content_type_id IN ({content_types})"
)
# The stock formula; ts_rank is higher for better matches, ranked.py wants lower first.
SCORE = (
    "-(ts_rank(%s::float4[], entry.title, matching.query) * entry.title_norm"
    " + ts_rank(%s::float4[], entry.body, matching.query))"
)
IN_TITLE = "entry.title @@ matching.query"
TIERS = {  # tier: (score, condition)
    FIRST: (f"CASE WHEN {IN_TITLE} THEN {SCORE} END", f"{IN_TITLE} OR entry.body @@ matching.query"),
    REST: (SCORE, f"entry.body @@ matching.query AND NOT {IN_TITLE}"),
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
        tsquery = self.build_tsquery(query, config=self.get_config(self.backend)).resolve_expression(entries.query)
        tsquery_sql, tsquery_params = tsquery.as_sql(compiler, compiler.connection)
        sql = MATCHES_SQL.format(
            entries=IndexEntry._meta.db_table,
            tsquery=tsquery_sql,
            score=TIERS[tier][0],
            where=TIERS[tier][1],
            content_types=", ".join(["%s"] * len(content_types)),
        )
        return sql, [self.sql_weights, self.sql_weights, *tsquery_params, *content_types]


class RankedPostgresSearchResults(RankedResultsMixin, PostgresSearchResults):
    NO_LIMIT = None  # LIMIT NULL is LIMIT ALL


class RankedPostgresSearchBackend(AnalysedQueryMixin, PostgresSearchBackend):
    query_compiler_class = RankedPostgresSearchQueryCompiler
    results_class = RankedPostgresSearchResults
