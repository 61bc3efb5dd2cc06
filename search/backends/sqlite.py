"""SQLite FTS5 search ranked by FTS5's own bm25, computed once per match (see ranked.py)."""

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)

from .analysed import AnalysedQueryMixin
from .ranked import FIRST, REST, RankedQueryCompilerMixin, RankedResultsMixin

# Column weights for bm25(), in the FTS table's column order: autocomplete, body, title.
COLUMN_WEIGHTS = (0.0, 1.0, 4.0)

# FTS5 first, then the index entries: SQLite runs a CROSS JOIN left to right. With a plain join it may loop
# over the entries and run the full-text match once per entry (half a second at 1,000 pages). bm25() is lower
# for better matches, as ranked.py expects.
MATCHES_SQL = (
    "SELECT CAST(entry.object_id AS INTEGER) AS object_id, {score} AS score"
    " FROM {fts} CROSS JOIN {entries} AS entry ON entry.id = {fts}.rowid"
    " WHERE {fts} MATCH %s AND entry.content_type_id IN ({content_types})"
)
SCORE = "bm25({fts}, {weights})"
# Scored only where the title matches: the rows of a second full-text query, on the title alone.
TITLE_SCORE = "CASE WHEN {fts}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s) THEN " + SCORE + " END"  # noqa: S608 - constants


class RankedSQLiteSearchQueryCompiler(RankedQueryCompilerMixin, SQLiteSearchQueryCompiler):
    def normalized_query(self):
        return normalize(self.query)  # FTS5 has no unary NOT: the stock backend's rewrite

    def match_sql(self, query, content_types, tier):
        if self.fields is not None:  # searching named model fields, not the index: the stock path
            return None
        entries = SQLiteFTSIndexEntry.objects.all()
        compiler = entries.query.get_compiler(using=entries.db)
        search_query = self.build_search_query(query)

        def match(columns):  # FTS5 query syntax: {title body} : (...)
            return MatchExpression(columns, search_query).as_sql(compiler, compiler.connection)[1][0]

        title = match(["title"])
        score, params = {  # tier: (score, MATCH parameters)
            FIRST: (TITLE_SCORE, [title, match(self.FTS_TABLE_FIELDS)]),
            REST: (SCORE, [f"{match(['body'])} NOT {title}"]),
        }[tier]
        names = {"fts": SQLiteFTSIndexEntry._meta.db_table, "entries": IndexEntry._meta.db_table}
        weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
        sql = MATCHES_SQL.format(
            score=score.format(weights=weights, **names),
            content_types=", ".join(["%s"] * len(content_types)),
            **names,
        )
        return sql, [*params, *content_types]


class RankedSQLiteSearchResults(RankedResultsMixin, SQLiteSearchResults):
    NO_LIMIT = -1


class RankedSQLiteSearchBackend(AnalysedQueryMixin, SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    results_class = RankedSQLiteSearchResults
