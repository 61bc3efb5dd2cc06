"""search.lexicon as pure functions: when a phrase is in a query, and what is proposed from a guide's words."""

import jieba
import pytest

from search import lexicon, vocabulary
from search.models import LexiconEntry
from search.query import analyse_query

LOST_CARD = lexicon.entry("身份证 丢失", ["居民身份证补领"])


def matching_terms(entries, text, words):
    return lexicon.Lexicon(entries).matching_terms(text, words)


def test_a_phrase_matches_when_all_its_words_are_in_the_query():
    assert matching_terms([LOST_CARD], "身份证丢失了", {"身份证", "丢失"}) == ["居民身份证补领"]
    assert matching_terms([LOST_CARD], "身份证过期了", {"身份证", "过期"}) == []


def test_a_lone_character_stands_for_a_two_character_word_but_never_alone():
    assert matching_terms([LOST_CARD], "身份证丢了", {"身份证", "丢", "了"}) == ["居民身份证补领"]
    assert matching_terms([LOST_CARD], "证丢了", {"证", "丢", "了"}) == []  # no word typed whole
    stolen = lexicon.entry("户口 被盗", ["户口"])
    assert matching_terms([stolen], "户口了", {"户口", "了"}) == []  # 了 is a question word, not 盗


def test_every_entry_whose_phrase_is_in_the_query_adds_its_terms_in_the_entries_order():
    entries = [
        lexicon.entry("户口 迁移", ["户口迁移"]),
        LOST_CARD,
        lexicon.entry("社保 转移", ["社会保险关系转移"]),
        lexicon.entry("身份证 被盗", ["居民身份证补领", "报案"]),
        lexicon.entry("社会保险 迁移", ["社会保险关系转移"]),
    ]
    # 社会保险 only as a synonym (in the words, not the text); 丢 and 盗 shortened; 迁移 in the text, not the words.
    words = {"身份证", "丢", "盗", "社保", "社会保险", "转移"}
    assert matching_terms(entries, "身份证丢了被盗了社保怎么转移迁移", words) == [
        "居民身份证补领",
        "社会保险关系转移",
        "居民身份证补领",
        "报案",
        "社会保险关系转移",
    ]
    assert matching_terms(entries, "户口", {"户口"}) == []  # 迁移 in neither


@pytest.fixture(scope="module")
def tokenizer():
    vocabulary.build(tokenizer := jieba.Tokenizer(), ["居民身份证补领", "身份证"], [])
    return tokenizer


def test_proposals_come_from_names_questions_and_conditions_and_are_distinctive(tokenizer):
    guides = [
        ("居民身份证补领", ["身份证丢失"], ["补领期间坐火车怎么办？"], ["居民身份证丢失、被盗的，应当申请补领。"]),
        ("居民身份证换领", ["身份证过期"], [], ["居民身份证有效期满的，应当换领。"]),
        ("护照补发", ["护照丢失"], [], ["护照丢失的，应当申请补发。"]),
    ]
    proposed = lexicon.propose(tokenizer, guides)
    assert proposed["身份证 丢失"] == ["居民身份证补领"]
    assert proposed["身份证 过期"] == ["居民身份证换领"]
    assert not any("申请" in phrase.split() for phrase in proposed)  # generic words are never a phrase's word
    assert "居民身份证 补领" not in proposed  # the title itself says nothing new


def test_a_phrase_naming_another_guides_act_goes_to_that_guide():
    """社会保障卡申领 lists 社保卡补办 among its everyday names, but 补办 is what the 补领 guide does: the phrase goes
    to the guide whose title says it (补办 and 补领: the same act), not to the one whose name happened to say it."""
    titles = ["社会保障卡申领", "社会保障卡补领、换领", "居民身份证补领"]
    vocabulary.build(tokenizer := jieba.Tokenizer(), titles, [["社保卡", "社会保障卡"]])
    synonyms = {"社保卡": {"社会保障卡"}, "社会保障卡": {"社保卡"}}
    guides = [
        ("社会保障卡申领", ["社保卡补办", "办社保卡"], [], ["首次申领"]),
        ("社会保障卡补领、换领", ["补办社保卡", "社保卡坏了"], [], ["社保卡遗失的"]),
        ("居民身份证补领", ["身份证丢失"], [], ["居民身份证遗失的"]),
    ]
    proposed = lexicon.propose(tokenizer, guides, lambda word: synonyms.get(word, ()))
    assert proposed["社保卡 补办"] == ["社会保障卡补领、换领"]
    assert proposed["身份证 丢失"] == ["居民身份证补领"]  # a title that says as much as any other keeps its phrase
    assert lexicon.title_agrees("补办", {"社会保障卡", "补领"}, lambda word: ())
    assert not lexicon.title_agrees("补办", {"社会保障卡", "申领"}, lambda word: ())
    assert lexicon.title_agrees("社保卡", {"社会保障卡", "申领"}, lambda word: synonyms.get(word, ()))


def test_the_query_gains_the_terms_of_the_situation_it_describes(tokenizer):
    vocab = vocabulary.build(tokenizer, ["居民身份证补领", "身份证"], [], [LOST_CARD])
    assert "居民身份证补领" in analyse_query(vocab, "身份证丢了怎么办").tokens
    assert "居民身份证补领" not in analyse_query(vocab, "身份证过期了怎么办").tokens


def test_generic_words_alone_search_for_nothing(tokenizer):
    vocab = vocabulary.build(tokenizer, ["居民身份证补领", "身份证"], [])
    assert analyse_query(vocab, "怎么申请需要什么").tokens == ()
    tokens = analyse_query(vocab, "身份证怎么申请").tokens
    assert "身份证" in tokens and "申请" not in tokens and "怎么" not in tokens


def test_two_letter_initials_name_only_everyday_names(tokenizer):
    vocab = vocabulary.build(tokenizer, ["社会保险登记", "水保"], [["社保", "社会保险"]])
    assert vocab.terms_for_pinyin("sb") == {"社保"}  # not 水保 (sb too), a guide word, not an everyday name


@pytest.mark.django_db
def test_editors_manage_entries_in_the_admin_with_clear_messages(admin_client):
    response = admin_client.post(
        "/admin/snippets/zhinan_search/lexiconentry/add/", {"phrase": "丢", "terms": "", "source": "editor"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "说法至少要有两个字" in html
    response = admin_client.post(
        "/admin/snippets/zhinan_search/lexiconentry/add/",
        {"phrase": "户口本 丢失", "terms": "户口簿补领", "source": "editor", "enabled": "on"},
    )
    assert response.status_code == 302
    assert LexiconEntry.objects.get().term_list == ["户口簿补领"]
    assert "户口本 丢失" in admin_client.get("/admin/snippets/zhinan_search/lexiconentry/").content.decode()
