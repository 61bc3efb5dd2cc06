"""The search vocabulary: words the segmenter must keep whole, synonym groups and pinyin keys.

Built from the names people call things by and the synonyms (shipped and editor-managed). The names come from
the indexed models that define two classmethods, beside their search texts: `vocabulary_words()` (the names a
citizen may see: guide titles and everyday names, material names) and `vocabulary_version()` (a cheap value
that changes when those do). A model whose names belong to one site (guides) sets `vocabulary_by_site` and its
`vocabulary_words(sites)` takes the sites; suggestions leave out what only other sites carry (foreign_names).
`current()` loads the vocabulary once per process and rebuilds it when they change
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
from web.sites import EVERY_SITE, scope_key

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

    def __init__(self, tokenizer, normalised, synonym_groups, lexicon_entries=(), words_of=None):
        """`normalised` maps each name to its normalised form; `words_of` is a previous vocabulary's words of each
        normalised name, still right while the segmenter's dictionary has not changed (see `build`)."""
        self.tokenizer = tokenizer
        self.lexicon = lexicon.Lexicon(lexicon_entries)
        self.synonyms = {}
        for group in synonym_groups:
            terms = list(dict.fromkeys(analysis.normalise(term) for term in group))
            for term in terms:
                self.synonyms.setdefault(term, set()).update(t for t in terms if t != term)
        self.normalised = normalised
        self.names = sorted(set(normalised.values()))
        words_of = words_of or {}
        self.words_of = {
            name: words_of[name]
            if name in words_of
            else tuple(word for word in analysis.segment(tokenizer, name) if len(word) > 1)
            for name in self.names
        }
        keyed = set(self.names) | set(self.synonyms)
        keyed.update(word for words in self.words_of.values() for word in words)
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
        """What the lexicon's entries add to a query (search.lexicon.Lexicon.matching_terms)."""
        return self.lexicon.matching_terms(text, words)

    def terms_for_pinyin(self, key):
        """Terms spelt `key` in full pinyin or initials (shebao → 社保, bdcdj → 不动产登记)."""
        return self.by_pinyin.get(key, set())

    def complete(self, prefix, limit=8, foreign=frozenset()):
        """Names (titles, colloquial names) that start with `prefix`, in characters or in pinyin; none of
        `foreign` (foreign_names: the names only other sites' guides carry)."""
        found = [name for name in _starting_with(self.names, prefix, limit + len(foreign)) if name not in foreign]
        if len(found) < limit and analysis.is_latin_query(prefix):
            for key in _starting_with(self.pinyin_keys, prefix.replace(" ", ""), limit * 4):
                found.extend(term for term in sorted(self.by_pinyin[key]) if term not in foreign)
        return list(dict.fromkeys(found))[:limit]

    def close_to(self, text, limit=5, foreign=frozenset()):
        """Names and pinyin spellings close to a query that found nothing (typos), as terms; none of `foreign`."""
        if analysis.is_latin_query(text):
            keys = difflib.get_close_matches(text.replace(" ", ""), self.pinyin_keys, n=limit, cutoff=0.75)
            terms = (term for key in keys for term in sorted(self.by_pinyin[key]) if term not in foreign)
            return list(dict.fromkeys(terms))[:limit]
        names = [name for name in self.names if name not in foreign] if foreign else self.names
        return difflib.get_close_matches(text, names, n=limit, cutoff=0.5)


def _starting_with(sorted_values, prefix, limit):
    start = bisect.bisect_left(sorted_values, prefix)
    found = []
    for value in sorted_values[start : start + limit]:
        if not value.startswith(prefix):
            break
        found.append(value)
    return found


def user_words(normalised_names, synonym_groups):
    """The words jieba must keep whole: short names and every synonym term."""
    words = {analysis.normalise(term) for group in synonym_groups for term in group}
    words.update(normalised_names)
    return {word for word in words if 1 < len(word) <= MAX_USER_WORD_LENGTH and analysis.is_cjk(word)}


def sync_user_words(tokenizer, words):
    """Make `words` the tokenizer's user dictionary (adds new ones, forgets removed ones). A removed word that
    jieba's own dictionary has gets its own frequency back: deleting it would split an everyday word (落户 → 落/户)
    for the rest of the process once a guide no longer names it. Returns whether the dictionary changed."""
    tokenizer.check_initialized()
    previous = getattr(tokenizer, "zhinan_user_words", set())
    if previous == words:
        return False
    own = tokenizer.__dict__.setdefault("zhinan_own_frequencies", {})  # jieba's frequency of each word we added
    for word in previous - words:
        frequency = own.pop(word, 0)
        if frequency:
            tokenizer.add_word(word, frequency)
        else:
            tokenizer.del_word(word)
    for word in words - previous:
        own[word] = tokenizer.FREQ.get(word, 0)
        tokenizer.add_word(word)
    tokenizer.zhinan_user_words = set(words)
    analysis.forget_segmented_runs(tokenizer)
    return True


def build(tokenizer, names, synonym_groups, lexicon_entries=(), previous=None):
    """A vocabulary from names (titles, colloquial and material names), synonym groups (lists of terms) and
    the lexicon's entries (search.lexicon.Entry).

    With `previous` (the vocabulary this one replaces, on the same tokenizer), the work done for each name is
    reused: its normalised form always, its words while the segmenter's dictionary is unchanged (a new guide's
    title rarely adds a user word). At a province's 100,000 guides a rebuild after one publish is then dictionary
    lookups, not seconds of segmentation for every name."""
    groups = [list(group) for group in synonym_groups]
    known = previous.normalised if previous is not None else {}
    normalised = {name: known[name] if name in known else analysis.normalise(name) for name in dict.fromkeys(names)}
    changed = sync_user_words(tokenizer, user_words(normalised.values(), groups))
    reusable = previous is not None and previous.tokenizer is tokenizer and not changed
    return Vocabulary(tokenizer, normalised, groups, lexicon_entries, previous.words_of if reusable else None)


# ----------------------------------------------------------------------------------------------------------
# Loading from the database (one vocabulary per process)

_tokenizer = jieba.Tokenizer()
_lock = threading.Lock()
_state = {"vocabulary": None, "signature": None, "checked": 0.0}
_foreign = {"vocabulary": None, "by_scope": {}}  # foreign_names() per scope, for the current vocabulary
MAX_SCOPES = 256


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
    return build(_tokenizer, names, groups, entries, previous=_state["vocabulary"])


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


def foreign_names(sites):
    """The names, and the words of names, that only guides outside `sites` carry (a Site, several, or
    EVERY_SITE), so that suggestions on one site never offer another site's guide. The segmenter's dictionary
    stays one for the whole installation: words are not content, and a tokenizer per site would cost a whole
    dictionary in memory each. Kept per vocabulary and scope."""
    if sites is EVERY_SITE:
        return frozenset()
    vocabulary = current()
    scope = scope_key(sites)
    with _lock:
        if _foreign["vocabulary"] is not vocabulary:
            _foreign["vocabulary"], _foreign["by_scope"] = vocabulary, {}
        found = _foreign["by_scope"].get(scope)
    if found is not None:
        return found
    by_site = [model for model in word_sources() if getattr(model, "vocabulary_by_site", False)]
    own = {analysis.normalise(name) for model in by_site for name in model.vocabulary_words(sites or [])}
    every = {analysis.normalise(name) for model in by_site for name in model.vocabulary_words()}
    shared = {  # names of the other sources (the material library) and synonyms belong to every site
        *(
            analysis.normalise(name)
            for model in word_sources()
            if model not in by_site
            for name in model.vocabulary_words()
        ),
        *vocabulary.synonyms,
    }
    names = every - own - shared
    kept = own | shared
    kept_words = {word for name in kept for word in vocabulary.segment(name)}
    words = {word for name in names for word in vocabulary.segment(name)} - kept_words - kept
    found = frozenset(names | words)
    with _lock:
        if _foreign["vocabulary"] is vocabulary and len(_foreign["by_scope"]) < MAX_SCOPES:
            _foreign["by_scope"][scope] = found
    return found


def mark_stale(**kwargs):
    """Signal receiver: check the database again on the next use."""
    _state["checked"] = 0.0
