"""Editors' lists of names: one text field holding several names (房产证、不动产证, 产权证)."""

import re

NAME_SEPARATORS = re.compile(r"[、,，;；\n\r]+")


def split_names(text):
    """Split an editor's list ("房产证、不动产证, 产权证") into distinct names, in order."""
    seen = []
    for part in NAME_SEPARATORS.split(text or ""):
        name = part.strip()
        if name and name not in seen:
            seen.append(name)
    return seen
