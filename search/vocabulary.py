"""The search vocabulary: words the segmenter must keep whole, synonym groups and pinyin keys.

Built from the names people call things by and the synonyms (shipped and editor-managed). The names come from
the indexed models that define two classmethods, beside their search texts: `vocabulary_words()` (the names a
citizen may see: guide titles and everyday names, material names) and `vocabulary_version()` (a cheap value
that changes when those do). `current()` loads the vocabulary once per process and rebuilds it when they change
(signals mark it stale; the versions catch changes made by other processes).
"""

import bisect
import difflib
import logging
import threading
import time
from collections import defaultdict

import jieba
from django.db.models import Count, Max
from wagtail.search.index import get_indexed_models

from guides.text import split_names

from . import analysis, lexicon
from .models import LexiconEntry, Synonym
from .synonyms import DEFAULT_SYNONYM_GROUPS

jieba.setLogLevel(logging.WARNING)

MAX_USER_WORD_LENGTH = 4  # longer phrases would hide the words inside them from search-mode segmentation
MIN_INITIALS_LENGTH = 3  # two-letter initials (sf, dj) name too many different things: guide words need three
EVERYDAY_INITIALS_LENGTH = 2  # but the two-character everyday names of the synonym groups are typed so: sb → 社保
RECHECK_SECONDS = 30


class Vocabulary:
    """Everything query analysis needs to know about the site's words. Built by `build`."""

    def __init__(self, tokenizer, names, synonym_groups, lexicon_entries=()):
        self.tokenizer = tokenizer
        self.lexicon = tuple(lexicon_entries)
        self.synonyms = {}
        for group in synonym_groups:
            terms = list(dict.fromkeys(analysis.normalise(term) for term in group))
            for term in terms:
                self.synonyms.setdefault(term, set()).update(t for t in terms if t != term)
        self.names = sorted({analysis.normalise(name) for name in names})
        keyed = set(self.names) | set(self.synonyms)
        keyed.update(word for name in self.names for word in analysis.segment(tokenizer, name) if len(word) > 1)
        self.by_pinyin = defaultdict(set)
        for term in keyed:
            full, initials = analysis.pinyin_keys(term)
            if full:
                self.by_pinyin[full].add(term)
            if len(initials) >= MIN_INITIALS_LENGTH or (
                len(initials) == EVERYDAY_INITIALS_LENGTH == len(term) and term in self.synonyms
            ):
                self.by_pinyin[initials].add(term)
        self.pinyin_keys = sorted(self.by_pinyin)

    def segment(self, text):
        return analysis.segment(self.tokenizer, analysis.normalise(text))

    def synonyms_of(self, term):
        return self.synonyms.get(term, set())

    def situation_terms(self, text, words):
        """What the lexicon's entries add to a query (search.lexicon.matching_terms)."""
        return lexicon.matching_terms(self.lexicon, text, words)

    def terms_for_pinyin(self, key):
        """Terms spelt `key` in full pinyin or initials (shebao → 社保, bdcdj → 不动产登记)."""
        return self.by_pinyin.get(key, set())

    def complete(self, prefix, limit=8):
        """Names (titles, colloquial names) that start with `prefix`, in characters or in pinyin."""
        found = _starting_with(self.names, prefix, limit)
        if len(found) < limit and analysis.is_latin_query(prefix):
            for key in _starting_with(self.pinyin_keys, prefix.replace(" ", ""), limit * 4):
                found.extend(sorted(self.by_pinyin[key]))
        return list(dict.fromkeys(found))[:limit]

    def close_to(self, text, limit=5):
        """Names and pinyin spellings close to a query that found nothing (typos), as terms."""
        if analysis.is_latin_query(text):
            keys = difflib.get_close_matches(text.replace(" ", ""), self.pinyin_keys, n=limit, cutoff=0.75)
            return list(dict.fromkeys(term for key in keys for term in sorted(self.by_pinyin[key])))[:limit]
        return difflib.get_close_matches(text, self.names, n=limit, cutoff=0.5)


def _starting_with(sorted_values, prefix, limit):
    start = bisect.bisect_left(sorted_values, prefix)
    found = []
    for value in sorted_values[start : start + limit]:
        if not value.startswith(prefix):
            break
        found.append(value)
    return found


def user_words(names, synonym_groups):
    """The words jieba must keep whole: short names and every synonym term."""
    words = {analysis.normalise(term) for group in synonym_groups for term in group}
    words.update(analysis.normalise(name) for name in names)
    return {word for word in words if 1 < len(word) <= MAX_USER_WORD_LENGTH and analysis.is_cjk(word)}


def sync_user_words(tokenizer, words):
    """Make `words` the tokenizer's user dictionary (adds new ones, forgets removed ones)."""
    previous = getattr(tokenizer, "zhinan_user_words", set())
    for word in previous - words:
        tokenizer.del_word(word)
    for word in words - previous:
        tokenizer.add_word(word)
    tokenizer.zhinan_user_words = set(words)


def build(tokenizer, names, synonym_groups, lexicon_entries=()):
    """A vocabulary from names (titles, colloquial and material names), synonym groups (lists of terms) and
    the lexicon's entries (search.lexicon.Entry)."""
    groups = [list(group) for group in synonym_groups]
    sync_user_words(tokenizer, user_words(names, groups))
    return Vocabulary(tokenizer, names, groups, lexicon_entries)


# ----------------------------------------------------------------------------------------------------------
# Loading from the database (one vocabulary per process)

_tokenizer = jieba.Tokenizer()
_lock = threading.Lock()
_state = {"vocabulary": None, "signature": None, "checked": 0.0}


def word_sources():
    """The indexed models that name things people search for (see the module docstring)."""
    return [model for model in get_indexed_models() if hasattr(model, "vocabulary_words")]


def _signature():
    return (
        tuple(Synonym.objects.aggregate(n=Count("pk"), at=Max("updated_at")).values()),
        tuple(LexiconEntry.objects.aggregate(n=Count("pk"), at=Max("updated_at")).values()),
        *(model.vocabulary_version() for model in word_sources()),
    )


def _load():
    names = [name for model in word_sources() for name in model.vocabulary_words()]
    groups = [split_names(group) for group in DEFAULT_SYNONYM_GROUPS]
    groups.extend(synonym.term_list for synonym in Synonym.objects.all())
    entries = [
        lexicon.entry(row.phrase, row.term_list) for row in LexiconEntry.objects.filter(enabled=True).order_by("pk")
    ]
    return build(_tokenizer, names, groups, entries)


def current():
    """The vocabulary for this process, rebuilt when guides, materials or synonyms changed."""
    with _lock:
        now = time.monotonic()
        if _state["vocabulary"] is None or now - _state["checked"] > RECHECK_SECONDS:
            signature = _signature()
            if _state["vocabulary"] is None or signature != _state["signature"]:
                _state["vocabulary"] = _load()
                _state["signature"] = signature
            _state["checked"] = now
        return _state["vocabulary"]


def mark_stale(**kwargs):
    """Signal receiver: check the database again on the next use."""
    _state["checked"] = 0.0
