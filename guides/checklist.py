"""一次性告知单 (the printed checklist): its link back to the guide, with the same answers, and its QR code."""

from urllib.parse import urlencode

import segno
from django.utils.html import format_html
from django.utils.safestring import mark_safe


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
