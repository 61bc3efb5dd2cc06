"""From what a citizen typed to the tokens the engine searches for (pure: takes a Vocabulary)."""

from dataclasses import dataclass

from modelsearch.query import MATCH_NONE, And, Or, PlainText

from . import analysis

MAX_QUERY_LENGTH = 100  # characters kept from a query; guide titles are far shorter
MAX_TOKENS = 48
# Queries analysed, per vocabulary: the long tail repeats (another page of results, a filter, the API, a page cache
# that dropped its copy), and a new vocabulary (names, synonyms or the lexicon changed) starts with none.
MAX_KEPT_ANALYSES = 10_000
ANALYSES_ATTRIBUTE = "zhinan_analysed_queries"


@dataclass(frozen=True)
class AnalysedQuery:
    text: str  # normalised query, as logged and shown back
    tokens: tuple  # whitespace-free tokens the engine matches: the terms and their parts
    marks: tuple  # words to highlight in titles and summaries
    terms: tuple = ()  # (term, its parts) for each word typed, spelt in pinyin or added as a synonym
    concepts: tuple = ()  # for each meaningful word typed: the word, its spellings and synonyms
    situations: tuple = ()  # the terms the lexicon's situations added (search.lexicon)

    @property
    def engine_query(self):
        """A guide matches a term, or all of the term's parts: 不动产登记, or 不动产 and 登记 together.

        The parts find guides whose text was cut differently (不动产首次登记); one part alone would find every
        guide about any 登记, which is neither what the citizen asked for nor cheap to rank. Where one of the
        parts is a term of its own (身份证, beside 居民身份证), it finds those guides already: requiring the
        other parts as well would only make the engine intersect two long lists for nothing.
        """
        if not self.terms:  # nothing left to search for (only punctuation, say)
            return MATCH_NONE
        return Or([PlainText(" ".join(words)) for words in self.alternatives])  # PlainText: all its words

    @property
    def alternatives(self):
        """What a document holds to match the query (engine_query): each a tuple of words it holds all of."""
        alone = {term for term, _parts in self.terms}
        found = []
        for term, parts in self.terms:
            found.append((term,))
            if parts and alone.isdisjoint(parts):
                found.append(tuple(parts))
        return tuple(found)

    @property
    def whole_query(self):
        """The guides that answer the whole query, not only some of its words; None when every match does.

        When the query describes a situation the lexicon knows, the guides its terms name: they answer the
        sentence (身份证丢了怎么办 → 补领), while a guide that merely lists 身份证 among its materials does not.
        Otherwise the guides that match each meaningful word typed, or a spelling or synonym of it; a query of
        one such word has no partial matches.
        """
        if self.situations:  # the terms as such: their parts would find any guide that says 社会保障卡 and 申领
            return Or([PlainText(term) for term in self.situations])
        if len(self.concepts) < 2:
            return None
        return And([Or([PlainText(word) for word in concept]) for concept in self.concepts])


def clean(raw):
    """The normalised query: width, case, script, control characters, spaces; cut to MAX_QUERY_LENGTH."""
    return " ".join(analysis.normalise(raw[: MAX_QUERY_LENGTH * 2]).split())[:MAX_QUERY_LENGTH]


def analyse_query(vocabulary, raw):
    """Segment the query, add synonyms, the words a pinyin or homophone spelling stands for, and the terms of the
    lexicon's situations the query describes (search.lexicon). Kept on the vocabulary, at most MAX_KEPT_ANALYSES
    queries (then it starts again): an AnalysedQuery is a function of the two, and cannot be changed."""
    kept = vocabulary.__dict__.setdefault(ANALYSES_ATTRIBUTE, {})
    analysed = kept.get(raw)
    if analysed is None:
        if len(kept) >= MAX_KEPT_ANALYSES:
            kept.clear()
        analysed = kept[raw] = _analysed(vocabulary, raw)
    return analysed


def _analysed(vocabulary, raw):
    text = clean(raw)
    typed = []  # every word typed, those inside others too (改名 in 改名字): each may have synonyms
    words = []  # the words of what the site does not know as a whole: each matches on its own
    names = []  # names the site knows, typed whole, spelt alike or synonyms: a guide needs all their parts
    spellings = {}  # each word typed: the names its chunk is a spelling of (sfz → 身份证)
    for chunk in (run for typed_chunk in text.split() for run in analysis.script_runs(typed_chunk)):
        key = chunk if analysis.is_latin_query(chunk) else analysis.pinyin_keys(chunk)[0]
        spelt_alike = vocabulary.terms_for_pinyin(key)
        segmented = vocabulary.segment(chunk)
        typed.extend(segmented)
        for word in segmented:
            spellings.setdefault(word, set()).update(spelt_alike)
        if chunk in spelt_alike:
            names.append(chunk)
        else:
            words.extend(segmented)
        names.extend(spelt_alike)
    if analysis.is_latin_query(text) and " " in text:
        names.extend(vocabulary.terms_for_pinyin(text.replace(" ", "")))
    for word in [*typed, *names]:
        names.extend(vocabulary.synonyms_of(word))
    situations = vocabulary.situation_terms(text, {*typed, *names})
    names.extend(situations)
    parts = {word: () for word in words if " " not in word}
    for name in names:
        if " " not in name:
            parts.setdefault(name, [part for part in vocabulary.segment(name) if part != name])
    tokens = [token for term, its_parts in parts.items() for token in (term, *its_parts)]
    tokens = _meaningful(_shallow(list(dict.fromkeys(tokens))))[:MAX_TOKENS]
    kept = set(tokens)
    groups = {}
    for term, its_parts in parts.items():
        kept_parts = tuple(part for part in dict.fromkeys(its_parts) if part in kept)
        if term in kept:
            groups.setdefault(term, kept_parts)
        else:  # a question word or a lone character: what is left of it stands on its own
            groups.update((part, ()) for part in kept_parts if part not in groups)
    marks = sorted({token for token in tokens if analysis.is_cjk(token)} | set(text.split()), key=len, reverse=True)
    meaningful = _meaningful([*spellings])
    outer = [word for word in meaningful if not any(word != other and word in other for other in meaningful)]
    concepts = (_alternatives(vocabulary, word, spellings[word], kept) for word in outer)
    return AnalysedQuery(
        text=text,
        tokens=tuple(tokens),
        marks=tuple(marks),
        terms=tuple(groups.items()),
        concepts=tuple(dict.fromkeys(concept for concept in concepts if concept)),
        situations=tuple(term for term in dict.fromkeys(situations) if term in groups),
    )


def _alternatives(vocabulary, word, spelt, searched):
    """A word typed, the names it is a spelling of and the synonyms of each: any of them matches the word; those
    of them the engine searches for (`searched`), sorted."""
    found = {word, *spelt}
    return tuple(sorted(found.union(*(vocabulary.synonyms_of(name) for name in found)) & searched))


def _shallow(tokens):
    """Drop the words inside a word that is itself inside another: 不动 and 动产 (in 不动产, in 不动产登记).

    Indexing keeps every dictionary word inside a word (analysis.segment), so a guide with 不动产 has 不动 and
    动产 as well. A word's parts are kept, for guides whose text was cut differently (不动产|登记); the parts of
    a part only reach guides that have neither, where they are noise (动产 finds 动产抵押), and each costs the
    engine a term in matching and ranking.
    """
    inner = {word for word in tokens if any(word != other and word in other for other in tokens)}
    return [word for word in tokens if not any(word != part and word in part for part in inner)]


def _meaningful(tokens):
    """Drop question and generic words (申请, 办理: alone they would match every guide), and lone characters when
    the query has real words too."""
    words = [token for token in tokens if token not in analysis.QUERY_STOPWORDS]
    long_words = [token for token in words if not analysis.is_cjk(token) or len(token) > 1]
    return long_words or words
