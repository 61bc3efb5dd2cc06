"""PostgreSQL full-text search ranked once per match, with the GIN indexes doing the matching (see ranked.py).

The stock backend matches `title || body`, a tsvector concatenated per row that none of modelsearch's indexes
cover, so every search reads the whole index table. Matching each column on its own lets PostgreSQL combine
the two GIN indexes, and only the matches are scored, with the stock formula.
"""

from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)

from .ranked import RankedQueryCompilerMixin, RankedResultsMixin

# ts_rank is higher for better matches; ranked.py wants lower first.
MATCHES_SQL = (
    "SELECT CAST(entry.object_id AS INTEGER) AS object_id,"
    " -(ts_rank(%s::float4[], entry.title, matching.query) * entry.title_norm"
    " + ts_rank(%s::float4[], entry.body, matching.query)) AS score"
    " FROM {entries} AS entry, (SELECT {tsquery} AS query) AS matching"
    " WHERE (entry.title @@ matching.query OR entry.body @@ matching.query)"
    " AND entry.content_type_id IN ({content_types})"
)


class RankedPostgresSearchQueryCompiler(RankedQueryCompilerMixin, PostgresSearchQueryCompiler):
    def match_sql(self, query, content_types):
        if self.fields is not None:  # searching named model fields, not the index: the stock path
            return None
        entries = IndexEntry.objects.all()
        compiler = entries.query.get_compiler(using=entries.db)
        tsquery = self.build_tsquery(query, config=self.get_config(self.backend)).resolve_expression(entries.query)
        tsquery_sql, tsquery_params = tsquery.as_sql(compiler, compiler.connection)
        sql = MATCHES_SQL.format(
            entries=IndexEntry._meta.db_table,
            tsquery=tsquery_sql,
            content_types=", ".join(["%s"] * len(content_types)),
        )
        return sql, [self.sql_weights, self.sql_weights, *tsquery_params, *content_types]


class RankedPostgresSearchResults(RankedResultsMixin, PostgresSearchResults):
    NO_LIMIT = None  # LIMIT NULL is LIMIT ALL


class RankedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = RankedPostgresSearchQueryCompiler
    results_class = RankedPostgresSearchResults
