"""Values derived from a guide's fields. They are computed, never typed in by an editor."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

NAME_SEPARATORS = re.compile(r"[、,，;；\n\r]+")


def is_instant(committed_limit_days):
    """即办件: the city commits to finishing on the spot (0 working days)."""
    return committed_limit_days == 0


def limit_kind(committed_limit_days):
    """即办件 or 承诺件, as shown to the public."""
    return _("即办件") if is_instant(committed_limit_days) else _("承诺件")


def compression(legal_limit_days, committed_limit_days):
    """压缩比: 1 − committed ÷ legal, or None where there is no legal limit to compress."""
    if legal_limit_days is None or committed_limit_days is None or legal_limit_days <= 0:
        return None
    return 1 - committed_limit_days / legal_limit_days


@dataclass(frozen=True)
class Phones:
    enquiry: str
    complaint: str


def effective_phones(guide, department):
    """A guide's own phones, each falling back to its department's when left blank."""
    return Phones(
        enquiry=(guide.enquiry_phone or "").strip() or (getattr(department, "enquiry_phone", "") or "").strip(),
        complaint=(guide.complaint_phone or "").strip() or (getattr(department, "complaint_phone", "") or "").strip(),
    )


def split_names(text):
    """Split an editor's list ("房产证、不动产证, 产权证") into distinct names, in order."""
    seen = []
    for part in NAME_SEPARATORS.split(text or ""):
        name = part.strip()
        if name and name not in seen:
            seen.append(name)
    return seen
