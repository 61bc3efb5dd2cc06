"""The project's catalogues: each compiled .mo says what its .po says (CI compiles nothing: both are checked in)."""

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"))


def read_po(path):
    """{msgid: msgstr} of a .po file (plural entries by their singular msgid and msgstr[0], as gettext keys them)."""
    entries, entry, key = {}, {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#") or not line.strip():
            if "msgid" in entry and entry["msgid"]:
                entries[entry["msgid"]] = entry.get("msgstr", entry.get("msgstr[0]", ""))
            entry, key = ({}, None) if not line.strip() else (entry, key)
            continue
        if line.startswith('"'):
            entry[key] += ast.literal_eval(line)
            continue
        key, _space, value = line.partition(" ")
        entry[key] = ast.literal_eval(value)
    return entries


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda path: path.name)
def test_the_compiled_catalogue_matches_its_source(po):
    with po.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    source = read_po(po)
    assert source
    compiled_strings = {
        (key[0] if isinstance(key, tuple) else key): value
        for key, value in compiled.items()
        if key not in ("", ("", 0))
    }
    assert {msgid: compiled_strings.get(msgid) for msgid in source} == source


def test_the_admin_strings_wagtail_lacks_are_chinese(db):
    with translation.override("zh-hans"):
        assert translation.gettext("Go to the first error") == "转到第一个错误"
        assert translation.gettext("Search all pages…") == "搜索所有页面…"
