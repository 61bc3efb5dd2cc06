"""SQLite FTS5 search ranked by FTS5's own bm25, computed once per match (see ranked.py)."""

from modelsearch.backends.database.sqlite.query import AndNot, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import And, Or, Phrase, PlainText

from .analysed import AnalysedQueryMixin
from .ranked import REST, TITLED, RankedQueryCompilerMixin, RankedResultsMixin, allowed_after

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
# would change the order. TITLED and the counted parts are none; SQLite serves one city, not a province
# (benchmarks/province.py).
NO_MATCHES = "SELECT 0 AS object_id, NULL AS score, 1 AS untitled, 1 AS partial WHERE 0"
# Each match looks its page up among the allowed ones (ranked.allowed_after) as a join, the matches first: SQLite
# runs a CROSS JOIN in the order written, by key, where EXISTS ran a correlated subquery per match (身份证 at
# 10,000 guides, 7,836 matches: 4.6 → 2.7 ms). The allowed pages are one row each, as RankedResultsMixin.PAGE_SQL's
# join takes them too.
ALLOWED_JOIN = " CROSS JOIN ({allowed}) AS allowed ON allowed.pk = matches.object_id"
# The rows of a second full-text query (on the title alone, or the whole query): SQLite runs it once.
MATCHING = "{fts}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"  # noqa: S608 - constants


class RankedSQLiteSearchQueryCompiler(RankedQueryCompilerMixin, SQLiteSearchQueryCompiler):
    def normalized_query(self):
        return normalize(self.query)  # FTS5 has no unary NOT: the stock backend's rewrite

    def fts_query(self, query):
        """The FTS5 text of `query` (after its columns), as modelsearch's expressions compile it (build_search_query:
        a PlainText's terms from the last, nested OR and AND in parentheses, quotes and backslashes doubled), written
        directly: through Django's expressions it cost about 0.15 ms a tier, each Lexeme a Value with a new Field.
        A query of another kind goes through modelsearch."""
        text = fts_text(query, self.LAST_TERM_IS_PREFIX)
        if text is None:
            entries = SQLiteFTSIndexEntry.objects.all()
            sql, params = entries.query.get_compiler(using=entries.db).compile(self.build_search_query(query))
            text = sql % tuple(params)
        return text

    def match_sql(self, query, content_types, tier, allowed, counted=False):
        if self.fields is not None:  # searching named model fields, not the index: the stock path
            return None
        if counted or tier == TITLED:
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
        return allowed_after(sql, [*params, *content_types], allowed, lookup=ALLOWED_JOIN)


class RankedSQLiteSearchResults(RankedResultsMixin, SQLiteSearchResults):
    NO_LIMIT = -1


class RankedSQLiteSearchBackend(AnalysedQueryMixin, SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    results_class = RankedSQLiteSearchResults


def fts_text(query, prefix_last=False):
    """FTS5 query text for a PlainText, a Phrase, or And, Or and AndNot of them, as modelsearch's SQLite backend
    writes it (test_sqlite_fts.py compares the two); None for any other query."""
    if isinstance(query, PlainText):
        *terms, last = query.query_string.split() or [None]
        if last is None:
            return None
        text = _lexeme(last, prefix_last)
        for term in terms:
            text = f"{text} {'AND' if query.operator.upper() == 'AND' else 'OR'} {_lexeme(term)}"
        return text
    if isinstance(query, Phrase):
        return f'"{query.query_string}"'
    if isinstance(query, AndNot):
        parts = [fts_text(query.subquery_a, prefix_last), fts_text(query.subquery_b, prefix_last)]
        connector = "NOT"
    elif isinstance(query, (And, Or)) and query.subqueries:
        parts = [fts_text(subquery, prefix_last) for subquery in query.subqueries]
        connector = "AND" if isinstance(query, And) else "OR"
    else:
        return None
    if None in parts:
        return None
    text = parts[0]
    for part in parts[1:]:  # reduce(a | b): nested from the left, each pair in parentheses
        text = f"({text} {connector} {part})"
    return text


def _lexeme(term, prefix=False):
    escaped = term.replace("'", "''").replace("\\", "\\\\")
    return f'"{escaped}"*' if prefix else f'"{escaped}"'
