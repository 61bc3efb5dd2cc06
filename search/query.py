"""From what a citizen typed to the tokens the engine searches for (pure: takes a Vocabulary)."""

from dataclasses import dataclass

from . import analysis

MAX_QUERY_LENGTH = 100  # characters kept from a query; guide titles are far shorter
MAX_TOKENS = 48


@dataclass(frozen=True)
class AnalysedQuery:
    text: str  # normalised query, as logged and shown back
    tokens: tuple  # whitespace-free tokens the engine matches (any of them)
    marks: tuple  # words to highlight in titles and summaries

    @property
    def engine_query(self):
        return " ".join(self.tokens)


def clean(raw):
    """The normalised query: width, case, script, control characters, spaces; cut to MAX_QUERY_LENGTH."""
    return " ".join(analysis.normalise(raw[: MAX_QUERY_LENGTH * 2]).split())[:MAX_QUERY_LENGTH]


def analyse_query(vocabulary, raw):
    """Segment the query, add synonyms and the words a pinyin or homophone spelling stands for."""
    text = clean(raw)
    typed = vocabulary.segment(text)
    terms = list(typed)
    for chunk in text.split():
        if analysis.is_latin_query(chunk):
            terms.extend(vocabulary.terms_for_pinyin(chunk))
        else:
            terms.extend(vocabulary.terms_for_pinyin(analysis.pinyin_keys(chunk)[0]))
    if analysis.is_latin_query(text) and " " in text:
        terms.extend(vocabulary.terms_for_pinyin(text.replace(" ", "")))
    for term in list(terms):
        terms.extend(vocabulary.synonyms_of(term))
    tokens = []
    for term in dict.fromkeys(terms):
        tokens.append(term)
        tokens.extend(vocabulary.segment(term))
    tokens = _meaningful(list(dict.fromkeys(token for token in tokens if " " not in token)))
    marks = sorted({token for token in tokens if analysis.is_cjk(token)} | set(text.split()), key=len, reverse=True)
    return AnalysedQuery(text=text, tokens=tuple(tokens[:MAX_TOKENS]), marks=tuple(marks))


def _meaningful(tokens):
    """Drop question words and lone characters when the query has real words too."""
    words = [token for token in tokens if token not in analysis.QUERY_STOPWORDS]
    long_words = [token for token in words if not analysis.is_cjk(token) or len(token) > 1]
    return long_words or words or tokens
