"""The analysis pipeline as pure functions: normalisation, segmentation, pinyin, query expansion, highlighting."""

import jieba
import pytest
from django.core.exceptions import ImproperlyConfigured

from search import analysis, vocabulary
from search import query as query_module
from search.engines import search_backends
from search.highlight import highlight
from search.query import MAX_QUERY_LENGTH, AnalysedQuery, analyse_query


@pytest.fixture(scope="module")
def vocab():
    names = ["不动产首次登记", "房产证", "企业设立登记", "开公司", "社会保险关系转移", "居民身份证", "营业执照变更登记"]
    groups = [["房产证", "不动产权证书", "不动产登记"], ["社保", "社会保险"], ["开公司", "企业设立登记"]]
    return vocabulary.build(jieba.Tokenizer(), names, groups)


def test_normalise_folds_width_case_script_and_controls():
    assert analysis.normalise("ＳＨＥＢＡＯ") == "shebao"
    assert analysis.normalise("不動產登記") == "不动产登记"
    assert analysis.normalise("身份证\x00\x1f号") == "身份证  号"


def test_segment_keeps_words_inside_longer_words(vocab):
    tokens = vocab.segment("营业执照变更登记")
    assert "营业执照" in tokens
    assert "登记" in tokens
    assert "不动产" in vocab.segment("不动产首次登记")


def test_user_dictionary_keeps_colloquial_names_whole(vocab):
    assert "开公司" in vocab.segment("我要开公司")


def test_pinyin_keys_give_full_spelling_and_initials():
    assert analysis.pinyin_keys("身份证") == ("shenfenzheng", "sfz")
    assert analysis.pinyin_keys("abc") == ("", "")


def test_pinyin_text_indexes_titles_and_names():
    assert analysis.pinyin_text(["不动产登记"]).split() == ["budongchandengji", "bdcdj"]


def test_query_adds_synonyms(vocab):
    query = analyse_query(vocab, "房产证")
    assert "不动产" in query.tokens
    assert "不动产权证书" in query.tokens


def test_query_keeps_parts_of_words_but_not_parts_of_parts(vocab):
    tokens = analyse_query(vocab, "房产证").tokens
    # 不动产登记's parts reach guides whose text was cut as 不动产|登记 ...
    assert {"不动产登记", "不动产", "登记"} <= set(tokens)
    # ... but 不动产's own parts would only add guides about 动产 (movable property).
    assert "动产" not in tokens
    assert "不动" not in tokens
    assert "不动" in analyse_query(vocab, "不动").tokens  # typed on its own, a word is kept


def test_engine_query_asks_for_all_parts_only_where_none_stands_alone():
    query = AnalysedQuery(
        text="身份证",
        tokens=(),
        marks=(),
        terms=(("身份证", ()), ("居民身份证", ("居民", "身份证")), ("不动产登记", ("不动产", "登记"))),
    )
    alternatives = [(each.query_string, each.operator) for each in query.engine_query.subqueries]
    # 居民 and 身份证 together find nothing that 身份证 alone does not.
    assert alternatives == [("身份证", "and"), ("居民身份证", "and"), ("不动产登记", "and"), ("不动产 登记", "and")]


def test_query_maps_pinyin_and_initials_to_words(vocab):
    assert "社会保险" in analyse_query(vocab, "shebao").tokens
    assert "不动产" in analyse_query(vocab, "bdcdj").tokens
    assert "企业设立登记" in analyse_query(vocab, "kai gong si").tokens


def test_query_tolerates_homophone_typos(vocab):
    assert "房产证" in analyse_query(vocab, "房产正").tokens


def test_query_drops_question_words(vocab):
    tokens = analyse_query(vocab, "怎么办理房产证").tokens
    assert "怎么" not in tokens
    assert "办理" not in tokens
    assert "房产证" in tokens


def test_query_is_bounded_and_safe(vocab):
    assert len(analyse_query(vocab, "身" * 10_000).text) == MAX_QUERY_LENGTH
    assert analyse_query(vocab, '" * - NEAR( ) {title}:').tokens == ("near", "title")


def test_highlight_marks_words_and_escapes_html():
    assert highlight("<b>不动产</b>首次登记", ["不动产", "登记"]) == (
        "&lt;b&gt;<mark>不动产</mark>&lt;/b&gt;首次<mark>登记</mark>"
    )


def test_complete_by_prefix_and_pinyin(vocab):
    assert "不动产首次登记" in vocab.complete("不动")
    assert "社保" in vocab.complete("sheb")


def test_close_to_suggests_for_typos(vocab):
    assert "社保" in vocab.close_to("shebap")


def test_engine_settings_from_environment():
    assert search_backends({})["default"]["BACKEND"] == "search.backends.database"
    backends = search_backends({"SEARCH_ENGINE": "opensearch", "SEARCH_URL": "http://127.0.0.1:9201"})
    assert backends["default"]["ENGINE"] == "wagtail.search.backends.opensearch3"
    assert backends["default"]["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]["tokenizer"] == (
        "whitespace"
    )
    assert backends["database"]["BACKEND"] == "search.backends.database"
    with pytest.raises(ImproperlyConfigured):
        search_backends({"SEARCH_ENGINE": "elasticsearch"})
    with pytest.raises(ImproperlyConfigured):
        search_backends({"SEARCH_ENGINE": "solr", "SEARCH_URL": "http://x"})


def test_a_word_no_guide_names_any_more_keeps_jiebas_own_frequency():
    """An everyday word that was a user word (a guide's name) and is no longer: still one word, not 落/户."""
    tokenizer = jieba.Tokenizer()
    vocabulary.build(tokenizer, ["落户", "新生儿落户"], [])
    vocabulary.build(tokenizer, [], [])
    assert "落户" in list(tokenizer.cut("落户、社保卡申领一次办"))
    assert list(tokenizer.cut("新生儿落户")) != ["新生儿落户"]  # a word of ours alone is forgotten


def test_a_rebuild_reuses_each_known_names_words_until_the_dictionary_changes():
    """At a province's size a rebuild after each publish must not segment every name again; but a new user word
    (a short name) can change how the others split, so then every name is segmented again."""
    tokenizer = jieba.Tokenizer()
    first = vocabulary.build(tokenizer, ["企业设立登记", "不动產首次登记"], [])
    second = vocabulary.build(tokenizer, ["企业设立登记", "不动產首次登记", "结婚登记申请"], [], previous=first)
    assert second.words_of["企业设立登记"] is first.words_of["企业设立登记"]  # not segmented again
    assert "不动产首次登记" in second.names  # normalised once, reused
    assert "结婚" in second.words_of["结婚登记申请"]  # the new name segmented
    assert "结婚" in second.terms_for_pinyin("jiehun")
    third = vocabulary.build(tokenizer, ["企业设立登记", "设立登", "结婚登记申请"], [], previous=second)
    assert third.words_of["企业设立登记"] is not second.words_of["企业设立登记"]  # a new user word: split again
    assert "设立登" in third.words_of["企业设立登记"]
    assert "不动产首次登记" not in third.names  # a name no guide carries any more is gone


def test_segmented_runs_are_kept_until_the_dictionary_changes():
    """A run of ideographs is cut once per dictionary (indexing a province repeats 居民身份证 a million times), and
    cut again once a new user word can split it differently."""
    tokenizer = jieba.Tokenizer()
    vocabulary.build(tokenizer, ["企业设立登记"], [])
    before = analysis.segment(tokenizer, "企业设立登记，居民身份证")
    assert "设立登" not in before
    cut = tokenizer.cut
    tokenizer.cut = None  # a kept run is not cut again
    assert analysis.segment(tokenizer, "企业设立登记 居民身份证") == before
    tokenizer.cut = cut
    vocabulary.build(tokenizer, ["企业设立登记", "设立登"], [])
    assert "设立登" in analysis.segment(tokenizer, "企业设立登记")


def test_a_query_is_analysed_once_per_vocabulary_and_afresh_by_a_new_one():
    tokenizer = jieba.Tokenizer()
    before = vocabulary.build(tokenizer, ["社会保险关系转移"], [])
    assert analyse_query(before, "社保转移") is analyse_query(before, "社保转移")  # kept
    assert "社会保险" not in analyse_query(before, "社保转移").tokens
    after = vocabulary.build(tokenizer, ["社会保险关系转移"], [["社保", "社会保险"]])  # an editor added a synonym
    assert "社会保险" in analyse_query(after, "社保转移").tokens
    assert "社会保险" not in analyse_query(before, "社保转移").tokens  # a request still on the old one


def test_the_analyses_kept_are_bounded(monkeypatch):
    monkeypatch.setattr(query_module, "MAX_KEPT_ANALYSES", 3)
    vocab = vocabulary.build(jieba.Tokenizer(), ["房产证", "开公司"], [["房产证", "不动产权证书"]])
    for text in ["房产证", "开公司", "社保", "居民身份证", "营业执照"]:
        analyse_query(vocab, text)
        assert len(vocab.__dict__[query_module.ANALYSES_ATTRIBUTE]) <= 3
    assert "不动产权证书" in analyse_query(vocab, "房产证").tokens  # analysed again once forgotten
