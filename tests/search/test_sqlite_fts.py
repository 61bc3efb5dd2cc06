"""search/backends/sqlite.py: the FTS5 query text written directly is the text modelsearch's expressions compile."""

import pytest
from django.db import connection
from modelsearch.query import MATCH_ALL, And, Fuzzy, Not, Or, Phrase, PlainText

if connection.vendor != "sqlite":  # modelsearch's SQLite modules load their FTS5 model, which only SQLite has
    pytest.skip("SQLite FTS5 (the SQLite run)", allow_module_level=True)

from modelsearch.backends.database.sqlite.query import normalize  # noqa: E402
from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry, SQLiteSearchQueryCompiler  # noqa: E402

from search.backends.sqlite import fts_text  # noqa: E402

QUERIES = [
    PlainText("身份证"),
    PlainText("不动产 登记"),
    PlainText("不动产 首次 登记", operator="or"),
    Phrase("营业 执照"),
    Or([PlainText("身份证")]),
    Or([PlainText("身份证"), PlainText("居民身份证"), PlainText("补领 居民身份证")]),
    And([Or([PlainText("社保"), PlainText("社会保险")]), Or([PlainText("转移")]), PlainText("异地 就医")]),
    normalize(And([PlainText("护照"), Not(PlainText("港澳 通行证"))])),
    PlainText('it\'s a \\ back\\slash 100% "quoted"'),
]


def modelsearch_text(query, prefix_last):
    """What RankedSQLiteSearchQueryCompiler did before: build_search_query compiled through Django."""
    compiler = SQLiteSearchQueryCompiler.__new__(SQLiteSearchQueryCompiler)
    compiler.LAST_TERM_IS_PREFIX = prefix_last
    entries = SQLiteFTSIndexEntry.objects.all()
    sql, params = entries.query.get_compiler(using=entries.db).compile(compiler.build_search_query(query))
    return sql % tuple(params)


@pytest.mark.parametrize("prefix_last", [False, True])
@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_the_text_written_directly_is_modelsearchs(query, prefix_last):
    assert fts_text(query, prefix_last) == modelsearch_text(query, prefix_last)


OTHERS = [MATCH_ALL, Fuzzy("身份证"), PlainText(""), Or([PlainText("a"), Fuzzy("b")])]


@pytest.mark.parametrize("query", OTHERS, ids=repr)
def test_other_queries_are_left_to_modelsearch(query):
    assert fts_text(query) is None
