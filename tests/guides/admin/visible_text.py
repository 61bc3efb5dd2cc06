"""The words a person sees (or hears, through a screen reader) on an admin page, for the untranslated-English check.

Text outside <script> and <style>, including what is hidden until JavaScript shows it (`hidden` elements,
<template> contents), and the attributes that are read or shown: placeholder, title, aria-label, alt, tooltips,
the value of a button. A word is a run of two or more Latin
letters; the few that are names, codes or units (PDF, URL, XLSX) are allowed by the test that uses this.
"""

import re
from html.parser import HTMLParser

WORD_RE = re.compile(r"[A-Za-z][A-Za-z']+")
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "data-w-tooltip-content-value")
BUTTON_TYPES = ("submit", "button", "reset")
SKIPPED = ("script", "style")


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
            return
        attributes = dict(attrs)
        self.texts.extend(attributes[name] for name in SHOWN_ATTRIBUTES if attributes.get(name))
        if tag == "input" and attributes.get("type") in BUTTON_TYPES and attributes.get("value"):
            self.texts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data.strip())


def visible_texts(html):
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.texts


def english_words(html, allowed=frozenset()):
    """{word: the text it was seen in} for each Latin word outside `allowed` (compared case-insensitively)."""
    found = {}
    for text in visible_texts(html):
        for word in WORD_RE.findall(text):
            if word.lower() not in allowed:
                found.setdefault(word, text[:120])
    return found
