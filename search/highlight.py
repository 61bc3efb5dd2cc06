"""Highlighting: mark the searched words in a title or summary, HTML-escaped."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe


def highlight(text, marks):
    """`text` escaped, with every occurrence of a mark (longest first) wrapped in <mark>."""
    text = text or ""
    marks = [mark for mark in marks if mark]
    if not marks:
        return escape(text)
    pattern = re.compile("|".join(re.escape(mark) for mark in sorted(marks, key=len, reverse=True)), re.IGNORECASE)
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
