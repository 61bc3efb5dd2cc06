"""一次性告知单 (the printed checklist): its link back to the guide, with the same answers, and its QR code;
the sheet number; a life event's combined material list."""

import datetime
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlencode

import segno
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from guides import situations
from guides.choices import Requirement

# Sheet numbers: no 0/O or 1/I, so that a number read out at the window is not mistaken.
SHEET_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
SHEET_RANDOM_LENGTH = 6


def answers_query(questions, answers):
    """The GET query string that reproduces `answers` (q1=…&q2=…), in question order; "" when none."""
    return urlencode([(q.param, answers[q.number]) for q in questions if q.number in answers])


def guide_link(absolute_url, questions, answers):
    """The guide's absolute URL with the same situation answers, so a scan opens the same materials list."""
    query = answers_query(questions, answers)
    return f"{absolute_url}?{query}" if query else absolute_url


def qr_svg(url, label):
    """An inline SVG QR code for `url`, labelled for screen readers."""
    svg = segno.make(url, error="m").svg_inline(scale=3, title=label, omitsize=True, svgclass="qr")
    return mark_safe(svg.replace("<svg ", format_html('<svg role="img" aria-label="{}" ', label), 1))  # noqa: S308


def sheet_number(now: datetime.datetime, token=None):
    """A sheet number the window can quote: the minute it was printed and six random letters (30 bits, so two
    sheets printed in the same minute share a number about once in a billion pairs)."""
    token = token or "".join(secrets.choice(SHEET_ALPHABET) for _ in range(SHEET_RANDOM_LENGTH))
    return f"{now:%Y%m%d-%H%M}-{token}"


@dataclass
class Use:
    """One guide's row of a combined material: which step asks for it, and when (situations.condition)."""

    step: int
    guide: object
    row: object
    condition: list

    @property
    def condition_text(self):
        return situations.describe(self.condition)


@dataclass
class CombinedMaterial:
    """A material listed once for a whole life event, with every step that needs it."""

    name: str
    uses: list = field(default_factory=list)

    @property
    def row(self):
        """The first use's row: its form, medium and copies stand for the material."""
        return self.uses[0].row

    @property
    def steps(self):
        return sorted({use.step for use in self.uses})

    @property
    def required(self):
        return any(use.row.requirement == Requirement.REQUIRED for use in self.uses)

    @property
    def exempt(self):
        """免提交 only when no step needs it on paper."""
        return all(use.row.exempt_by_data_sharing for use in self.uses)

    @property
    def everyone(self):
        """Needed whatever the situation, by at least one step."""
        return any(not use.condition for use in self.uses)


def combine(uses):
    """Materials once each (a library material by its identity, a free-named one by its name), in the order
    first met, from `uses` in step order."""
    combined = {}
    for use in uses:
        key = ("library", use.row.material_id) if use.row.material_id else ("name", use.row.display_name)
        combined.setdefault(key, CombinedMaterial(name=use.row.display_name)).uses.append(use)
    return list(combined.values())
