"""The lexicon of situations and intents: what a citizen's sentence describes, and what search then looks for.

An entry (the 情形与意图 snippet, `LexiconEntry`) holds a phrase, a few words that must all be in the query
(身份证 丢失), and the terms search adds when they are (居民身份证补领, or official words: 注销). Editors write
entries; `propose_lexicon` proposes them from the guides' own words: their everyday names, FAQ questions and the
clauses of their conditions, each cut to its distinctive words and pointing at the guide it came from.

A word of a phrase is in the query when the query has it, or one of its synonyms, or, for a two-character word,
one of its characters standing alone: everyday speech shortens 丢失 to 丢 ("身份证丢了") and 被盗 to 被偷 (被).
One word of the phrase at least must be typed whole, so that lone characters never match a phrase on their own.

Pure: entries are plain tuples; search/vocabulary.py loads them with the synonyms.
"""

import re
from dataclasses import dataclass

from . import analysis

MAX_PHRASE_WORDS = 3
MAX_GUIDES_PER_PHRASE = 2  # a phrase whose words are all in the texts of more guides says nothing distinctive
CLAUSE_RE = re.compile(r"[，。；：！？、,.;:!?（）()\s]+")


@dataclass(frozen=True)
class Entry:
    words: tuple  # normalised words of the phrase, all of which must be in the query
    terms: tuple  # what search looks for when they are


def entry(phrase, terms):
    """An Entry from an editor's phrase ("身份证 丢失") and terms ("居民身份证补领、补领")."""
    words = tuple(dict.fromkeys(analysis.normalise(phrase).split()))
    return Entry(words=words, terms=tuple(dict.fromkeys(analysis.normalise(term) for term in terms)))


class Lexicon:
    """The entries, indexed by their words: a query is checked against the entries that have a word in it only, not
    against all of them (a few hundred, which took 70% of a query's analysis)."""

    def __init__(self, entries=()):
        self.entries = tuple(entries)
        self.positions = {}  # word -> the positions of the entries that have it
        for position, candidate in enumerate(self.entries):
            for word in candidate.words:
                self.positions.setdefault(word, []).append(position)
        self.lengths = sorted({len(word) for word in self.positions})

    def matching_terms(self, text, words):
        """Terms of the entries whose phrase is in the query: `text` (normalised) with its `words` and synonyms, in
        the entries' order."""
        inside = {text[at : at + size] for size in self.lengths for at in range(len(text) - size + 1)}
        typed = (inside | set(words)) & self.positions.keys()
        found = []
        lone = {word for word in words if len(word) == 1 and word not in analysis.QUERY_STOPWORDS}
        for position in sorted({position for word in typed for position in self.positions[word]}):
            candidate = self.entries[position]
            if all(word in words or word in text or _shortened(word, lone) for word in candidate.words):
                found.extend(candidate.terms)
        return found


def _shortened(word, lone):
    return len(word) == 2 and analysis.is_cjk(word) and any(character in lone for character in word)


# ----------------------------------------------------------------------------------------------------------
# Proposals from content


def phrase_words(tokenizer, text):
    """The meaningful words of a clause, as jieba cuts it (no inner words), at most MAX_PHRASE_WORDS."""
    words = [
        word
        for word in tokenizer.cut(analysis.normalise(text))
        if len(word) > 1 and analysis.is_cjk(word) and word not in analysis.QUERY_STOPWORDS
    ]
    return tuple(dict.fromkeys(words))


def clauses(names, questions, conditions):
    """Where a guide describes situations in its own words: everyday names, FAQ questions, condition clauses."""
    yield from names
    yield from questions
    yield from (clause for text in conditions for clause in CLAUSE_RE.split(text) if clause)


def propose(tokenizer, guides, synonyms=lambda word: ()):
    """{phrase: [guide titles]} from `guides`: [(title, everyday names, FAQ questions, conditions texts)].

    A phrase is 2 to MAX_PHRASE_WORDS words of one clause, not the guide's title itself, and distinctive: all
    its words are in the texts of at most MAX_GUIDES_PER_PHRASE guides.

    A clause may name what another guide does: 社会保障卡申领 lists the everyday name 社保卡补办, but 补办 is what
    社会保障卡补领、换领 does, and its text says so too. So of the guides whose texts hold the phrase, it goes to
    those whose titles say the most of its words (title_agrees: the word, a synonym of it, or the same kind of
    act), and to the guide it came from only while no other guide's title says more of them.
    """
    texts = {
        title: analysis.normalise(" ".join([title, *names, *questions, *conditions]))
        for title, names, questions, conditions in guides
    }
    title_words = {title: _title_words(tokenizer, title) for title in texts}
    proposals = {}
    for title, names, questions, conditions in guides:
        normalised_title = analysis.normalise(title)
        for clause in clauses(names, questions, conditions):
            words = phrase_words(tokenizer, clause)[:MAX_PHRASE_WORDS]
            if len(words) < 2 or all(word in normalised_title for word in words):
                continue
            sharing = [other for other, text in texts.items() if all(word in text for word in words)]
            if len(sharing) > MAX_GUIDES_PER_PHRASE:
                continue
            said = {other: sum(title_agrees(word, title_words[other], synonyms) for word in words) for other in sharing}
            best = max(said.values())
            chosen = [title] if said[title] == best else [other for other, count in said.items() if count == best]
            proposals.setdefault(" ".join(words), set()).update(chosen)
    return {phrase: sorted(titles) for phrase, titles in sorted(proposals.items())}


def title_agrees(word, title_words, synonyms):
    """Whether a guide's title (its words) says `word`: the word or a synonym is in it, or, for a two-character
    word, a two-character title word begins with the same character: the same kind of act (补办 and 补领, 换证
    and 换领), as the first character of an official act names it."""
    if any(alternative in title_word for alternative in (word, *synonyms(word)) for title_word in title_words):
        return True
    return len(word) == 2 and any(len(title_word) == 2 and title_word[0] == word[0] for title_word in title_words)


def _title_words(tokenizer, title):
    return {word for word in tokenizer.cut(analysis.normalise(title)) if len(word) > 1 and analysis.is_cjk(word)}
