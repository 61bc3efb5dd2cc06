"""What each page and snippet puts in the search index: analysed (segmented, normalised) text plus pinyin keys.

Models list `AnalysedField`s in their search_fields: pages through `search_fields_for`, snippets, documents and
images through `analysed_fields`. Their texts come from the model's `search_texts()` (names, body texts), or
its title or name alone. The text is computed once per object (`document_for` caches it on the instance)
because the index backends read search_fields several times per object.
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


def analysed_fields(name_field, *sortable):
    """Search fields for a snippet: its analysed names under the model's own name field (`name_field`, e.g.
    "name"; a field the engines' mappings know), and its analysed body texts. The autocomplete field makes the
    admin ask for an autocomplete, which also completes pinyin being typed. `sortable` are the fields an admin
    list sorts found items by (the columns it shows)."""
    return [
        AnalysedField(name_field, "title", boost=3),
        AnalysedField("search_texts", "body"),
        index.AutocompleteField(name_field),
        *(index.FilterField(name) for name in sortable),
    ]


def texts_of(obj):
    """(names, body texts) of an object: its own `search_texts()`, or else its title or name alone."""
    search_texts = getattr(obj, "search_texts", None)
    return search_texts() if callable(search_texts) else ([str(obj)], [])


def document_for(obj):
    """{"title": ..., "body": ...} analysed text of a page or snippet, computed once per instance.

    The pinyin of a model whose names are in the vocabulary (`vocabulary_words`) comes from the query's side:
    shenfenzheng is read as 身份证. The vocabulary does not know other models' names (departments, halls,
    documents): their index carries the pinyin of each word of their names, so gongan finds 市公安局.
    """
    cached = getattr(obj, CACHE_ATTRIBUTE, None)
    if cached is None:
        words_in_pinyin = not hasattr(type(obj), "vocabulary_words")
        cached = build_document(vocabulary.current().tokenizer, *texts_of(obj), words_in_pinyin=words_in_pinyin)
        setattr(obj, CACHE_ATTRIBUTE, cached)
    return cached


def build_document(tokenizer, names, body_texts, *, words_in_pinyin=False):
    """Analysed title part (names + their pinyin) and body part from a page's texts.

    `names` are the title and colloquial names: the words people call the service by. The raw names stay in
    the title part too, so a query typed exactly as a title still matches it on every engine. With
    `words_in_pinyin`, the pinyin of each word of the names follows that of the whole names.
    """
    names = [name for name in names if name]
    analysed_names = [analysis.analyse(tokenizer, name) for name in names]
    words = [word for text in analysed_names for word in text.split() if len(word) > 1] if words_in_pinyin else []
    title = " ".join(
        [
            " ".join(analysis.normalise(name).replace(" ", "") for name in names),
            *analysed_names,
            analysis.pinyin_text([*names, *words]),
        ]
    )
    body = " ".join(analysis.analyse(tokenizer, text) for text in body_texts if text)
    return {"title": title, "body": body}
