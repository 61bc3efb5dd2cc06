"""What each page puts in the search index: analysed (segmented, normalised) text plus pinyin keys.

Pages list `AnalysedField`s in their search_fields. The text is computed once per object (`document_for`
caches it on the instance) because the index backends read search_fields several times per object.
"""

from wagtail.search import index

from . import analysis, vocabulary

CACHE_ATTRIBUTE = "_zhinan_search_document"


class AnalysedField(index.SearchField):
    """A search field whose value is one part ("title" or "body") of the page's analysed document.

    Named "title" it replaces Page's raw title field, so database backends store it in their title column
    and rank it higher; the engines get it as a boosted field.
    """

    def __init__(self, field_name, part, **kwargs):
        super().__init__(field_name, **kwargs)
        self.part = part

    def get_value(self, obj):
        return document_for(obj)[self.part]


def search_fields_for(page_class, *extra):
    """Page.search_fields plus the analysed title and body (the analysis of the page's `search_texts()`).

    The raw title field stays (Wagtail checks for it); the analysed one comes later under the same name, so
    the engines' mappings keep the analysed value and the database backends store both in the title column.
    """
    return [
        *page_class.search_fields,
        AnalysedField("title", "title", boost=3),
        AnalysedField("search_texts", "body"),
        *extra,
    ]


def document_for(page):
    """{"title": ..., "body": ...} analysed text of a page, computed once per instance."""
    cached = getattr(page, CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = build_document(vocabulary.current().tokenizer, *page.search_texts())
        setattr(page, CACHE_ATTRIBUTE, cached)
    return cached


def build_document(tokenizer, names, body_texts):
    """Analysed title part (names + their pinyin) and body part from a page's texts.

    `names` are the title and colloquial names: the words people call the service by. The raw names stay in
    the title part too, so a query typed exactly as a title still matches it on every engine.
    """
    names = [name for name in names if name]
    title = " ".join(
        [
            " ".join(analysis.normalise(name).replace(" ", "") for name in names),
            *(analysis.analyse(tokenizer, name) for name in names),
            analysis.pinyin_text(names),
        ]
    )
    body = " ".join(analysis.analyse(tokenizer, text) for text in body_texts if text)
    return {"title": title, "body": body}
