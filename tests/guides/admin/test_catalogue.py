"""The project's catalogues: each compiled .mo says what its .po says (CI compiles nothing: both are checked in),
and every string the project marks for translation has an entry in its own zh_Hans catalogue."""

import ast
import gettext
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"))
OWN_CATALOGUE = Path(settings.BASE_DIR, "locale/zh_Hans/LC_MESSAGES/django.po")
NOT_SOURCES = {"tests", "benchmarks", "static", "staticfiles", "media", "node_modules"}
# Django's makemessages passes these to xgettext besides its default Python keywords (gettext, ngettext, _ ...).
KEYWORDS = [
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
]


def po_entries(text):
    """Each entry of a .po text but its header, as {"msgid": ..., "msgstr": ... or "msgid_plural", "msgstr[0]"}."""
    entries, entry, key = [], {}, None
    for line in [*text.splitlines(), ""]:
        if line.startswith("#") or not line.strip():
            if entry.get("msgid"):
                entries.append(entry)
            entry, key = ({}, None) if not line.strip() else (entry, key)
            continue
        if line.startswith('"'):
            entry[key] += ast.literal_eval(line)
            continue
        key, _space, value = line.partition(" ")
        entry[key] = ast.literal_eval(value)
    return entries


def read_po(path):
    """{msgid: msgstr} of a .po file (plural entries by their singular msgid and msgstr[0], as gettext keys them)."""
    return {
        entry["msgid"]: entry.get("msgstr", entry.get("msgstr[0]", ""))
        for entry in po_entries(path.read_text(encoding="utf-8"))
    }


def own_strings(workdir):
    """The entries (po_entries) of every string the project's code and templates mark for translation, found as
    `manage.py makemessages` finds them: its templatize for templates, then xgettext with its keywords."""
    base = Path(settings.BASE_DIR)
    sources = []
    for path in sorted(base.rglob("*")):
        parts = path.relative_to(base).parts
        if parts[0] in NOT_SOURCES or any(part.startswith(".") for part in parts) or not path.is_file():
            continue
        if path.suffix == ".py":
            sources.append(path)
        elif path.suffix in (".html", ".txt") and "templates" in parts:
            converted = workdir / ("__".join(parts) + ".py")
            converted.write_text(templatize(path.read_text(encoding="utf-8"), origin=str(path)), encoding="utf-8")
            sources.append(converted)
    xgettext = ["xgettext", "--language=Python", "--from-code=UTF-8", "--no-location", "--sort-output", "--output=-"]
    command = [*xgettext, *(f"--keyword={keyword}" for keyword in KEYWORDS), *map(str, sources)]
    found = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 - from PATH, as makemessages runs it
    return po_entries(found.stdout)


def own_entry(entry):
    """The .po text of `entry` for the project's catalogue: translated as Chinese pages show it now (the msgid
    itself for the project's Chinese strings, Wagtail's translation for the few English ones the admin templates
    override), so the look-up stops at the first catalogue instead of missing every other one."""
    with translation.override("zh-hans"):
        if "msgid_plural" in entry:
            shown = translation.ngettext(entry["msgid"], entry["msgid_plural"], 1)
            lines = [("msgid", entry["msgid"]), ("msgid_plural", entry["msgid_plural"]), ("msgstr[0]", shown)]
        else:
            lines = [("msgid", entry["msgid"]), ("msgstr", translation.gettext(entry["msgid"]))]
    return "".join(f"{key} {_po_string(value)}\n" for key, value in lines)


def _po_string(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


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


def test_every_string_the_project_marks_has_an_entry_in_its_catalogue(db, tmp_path):
    """A string missing from locale/zh_Hans is looked up in every other catalogue and their fallbacks (about 25 µs
    instead of 5 on each use, 0.3 ms a search page): the test prints the entries to add, then compile (above)."""
    catalogued = read_po(OWN_CATALOGUE)
    missing = [entry for entry in own_strings(tmp_path) if entry["msgid"] not in catalogued]
    assert not missing, "add to " + str(OWN_CATALOGUE) + ":\n\n" + "\n".join(map(own_entry, missing))
