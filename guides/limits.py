"""Time limits (办结时限): 即办件 or 承诺件 and the compression, computed from the limits, never typed in."""

from django.utils.translation import gettext_lazy as _


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
