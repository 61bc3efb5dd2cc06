"""SQLite FTS5 search ranked by FTS5's own bm25, computed once per match (see ranked.py)."""

from modelsearch.backends.database.sqlite.query import normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)

from .analysed import AnalysedQueryMixin
from .ranked import COUNTED, REST, RankedQueryCompilerMixin, RankedResultsMixin, allowed_after

# Column weights for bm25(), in the FTS table's column order: autocomplete, body, title.
COLUMN_WEIGHTS = (0.0, 1.0, 4.0)

# FTS5 first, then the index entries: SQLite runs a CROSS JOIN left to right. With a plain join it may loop
# over the entries and run the full-text match once per entry (half a second at 1,000 pages). bm25() is lower
# for better matches, as ranked.py expects.
MATCHES_SQL = (
    "SELECT CAST(entry.object_id AS INTEGER) AS object_id, {score} AS score, {untitled} AS untitled,"
    " {partial} AS partial"
    " FROM {fts} CROSS JOIN {entries} AS entry ON entry.id = {fts}.rowid"
    " WHERE {fts} MATCH %s AND entry.content_type_id IN ({content_types})"
)
SCORE = "bm25({fts}, {weights})"
# SCORED holds every match (ranked.py allows it), scored in the title or of the whole query: FTS5 matches them in
# one pass, and its bm25 scores the MATCH expression, so that a narrower one (the title's, or the whole query's)
# would change the order. COUNTED is none; SQLite serves one city, not a province (benchmarks/province.py).
NO_MATCHES = "SELECT 0 AS object_id, NULL AS score, 1 AS untitled, 1 AS partial WHERE 0"
# The rows of a second full-text query (on the title alone, or the whole query): SQLite runs it once.
MATCHING = "{fts}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"  # noqa: S608 - constants


class RankedSQLiteSearchQueryCompiler(RankedQueryCompilerMixin, SQLiteSearchQueryCompiler):
    def normalized_query(self):
        return normalize(self.query)  # FTS5 has no unary NOT: the stock backend's rewrite

    def fts_query(self, query):
        """The FTS5 text of `query` (after its columns), compiled once per compiler: each tier's statement matches
        the same query on several columns, and compiling one through Django's expressions cost about 0.1 ms."""
        compiled = self.__dict__.setdefault("_fts_queries", {})
        if repr(query) not in compiled:
            entries = SQLiteFTSIndexEntry.objects.all()
            compiler = entries.query.get_compiler(using=entries.db)
            sql, params = compiler.compile(self.build_search_query(query))
            compiled[repr(query)] = sql % tuple(params)
        return compiled[repr(query)]

    def match_sql(self, query, content_types, tier, allowed):
        if self.fields is not None:  # searching named model fields, not the index: the stock path
            return None
        if tier == COUNTED:
            return NO_MATCHES, []

        def match(
            columns, query
        ):  # FTS5 query syntax, as modelsearch's MatchExpression writes it: {title body} : (...)
            return f"{{{' '.join(columns)}}} : ({self.fts_query(query)})"

        title = match(["title"], query)
        whole = None if self.whole_query is None else match(self.FTS_TABLE_FIELDS, normalize(self.whole_query))
        if tier == REST:  # the partial matches in the text only (the whole ones are scored in FIRST)
            columns = {"score": SCORE, "untitled": "1", "partial": "1"}
            params = [" NOT ".join([match(["body"], query), title, *([whole] if whole else [])])]
        else:  # SCORED: every match, scored where the title matches or the whole query does
            answers = MATCHING if whole else "0"
            columns = {
                "score": f"CASE WHEN {MATCHING} OR {answers} THEN {SCORE} END",
                "untitled": f"CASE WHEN {MATCHING} THEN 0 ELSE 1 END",
                "partial": f"CASE WHEN {answers} THEN 0 ELSE 1 END" if whole else "0",
            }
            answers_params = [whole] if whole else []
            params = [title, *answers_params, title, *answers_params, match(self.FTS_TABLE_FIELDS, query)]
        names = {"fts": SQLiteFTSIndexEntry._meta.db_table, "entries": IndexEntry._meta.db_table}
        weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
        columns = {name: sql.format(weights=weights, **names) for name, sql in columns.items()}
        sql = MATCHES_SQL.format(content_types=", ".join(["%s"] * len(content_types)), **columns, **names)
        return allowed_after(sql, [*params, *content_types], allowed)


class RankedSQLiteSearchResults(RankedResultsMixin, SQLiteSearchResults):
    NO_LIMIT = -1


class RankedSQLiteSearchBackend(AnalysedQueryMixin, SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    results_class = RankedSQLiteSearchResults
