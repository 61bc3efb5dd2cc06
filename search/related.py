"""The life events (一件事) and topics (主题) beside a search's guides, matched in this process.

A site has a few dozen of them, so no search request is spent on them: their analysed documents (the text the index
holds for them, search.documents) are kept per site and content generation (web.kept), and the query's alternatives
(AnalysedQuery.alternatives: a term, or all the parts of a term) are matched against each document's words as the
engines match them. A page scores TITLE_WEIGHT for each alternative its title part holds and 1 for each its text
holds, as the index weighs its fields; among equals the shorter document first (it says less besides), then the
newest page, as the search backends order equals.
"""

from dataclasses import dataclass

from wagtail.models import Site

from guides.models import LifeEventPage, TopicPage
from web.kept import Kept
from web.sites import scope_key

from .documents import document_for

TITLE_WEIGHT = 3
MODELS = (LifeEventPage, TopicPage)  # in the order the page lists them

_kept = Kept(size=256)


@dataclass(frozen=True)
class Candidate:
    page: object
    title: frozenset  # the words of its analysed title part
    words: frozenset  # the words of its whole analysed document
    length: int


def candidates(sites):
    """[[Candidate] of each model] for the live, public life events and topics of `sites` (a Site, several, or
    EVERY_SITE), kept for the content generation."""
    site_id = sites.pk if isinstance(sites, Site) else None
    return _kept.get(scope_key(sites), lambda: _derive(sites), site_id=site_id)


def _derive(sites):
    found = []
    for model in MODELS:
        pages = []
        for page in model.objects.visible(sites).order_by("-pk"):
            document = document_for(page)
            title, body = document["title"].split(), document["body"].split()
            pages.append(Candidate(page, frozenset(title), frozenset(title + body), len(title) + len(body)))
        found.append(pages)
    return found


def score(candidate, alternatives):
    """How well `candidate` answers the query's alternatives (each a tuple of words it must all hold); 0: not."""
    total = 0
    for words in alternatives:
        if candidate.words.issuperset(words):
            total += TITLE_WEIGHT if candidate.title.issuperset(words) else 1
    return total


def related_pages(analysed, sites, limit=3):
    """Life events and topics of `sites` matching the query, up to `limit` of each, life events first."""
    if not analysed.alternatives:
        return []
    related = []
    for pages in candidates(sites):
        scored = [(score(candidate, analysed.alternatives), candidate) for candidate in pages]
        ranked = sorted(
            ((points, candidate) for points, candidate in scored if points),
            key=lambda pair: (-pair[0], pair[1].length),  # stable: newest page first among equals
        )
        related += [candidate.page for _points, candidate in ranked[:limit]]
    return related
