"""Highlighting: mark the searched words in a title or summary, HTML-escaped."""

import html
import re
from functools import lru_cache

from django.utils.safestring import mark_safe


@lru_cache(maxsize=256)
def _pattern(marks):
    """The pattern of `marks` (a tuple), longest first: compiled once for a query's titles and summaries."""
    return re.compile("|".join(re.escape(mark) for mark in sorted(marks, key=len, reverse=True)), re.IGNORECASE)


def highlight(text, marks):
    """`text` escaped, with every occurrence of a mark (longest first) wrapped in <mark>."""
    text = text or ""
    marks = tuple(mark for mark in marks if mark)
    if not marks:
        return mark_safe(html.escape(text))  # noqa: S308 - escaped
    pieces = []
    position = 0
    for match in _pattern(marks).finditer(text):
        pieces.append(html.escape(text[position : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    pieces.append(html.escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
