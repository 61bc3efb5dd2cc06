"""承诺公示: the commitments board's figures, computed from plain rows (one per published guide).

Pure functions, so the figures are unit-tested without a database; the page and the JSON API share them.
Every figure carries the list filter (see guides.filters) that lists the guides behind it.
"""

import statistics
from dataclasses import asdict, dataclass, field

from guides import limits


@dataclass(frozen=True)
class GuideRow:
    title: str
    url: str
    department: str
    department_code: str
    legal_limit_days: int
    committed_limit_days: int
    online_level: str
    visits_required: int
    materials: int = 0
    exempt_materials: int = 0
    pledge_materials: int = 0
    legal_limit_unit: str = limits.LimitUnit.WORKING
    committed_limit_unit: str = limits.LimitUnit.WORKING
    pk: int = 0

    @property
    def compression(self):
        """In working days on both sides, whatever unit each limit is counted in (guides/limits.py)."""
        return limits.compression(
            self.legal_limit_days, self.committed_limit_days, self.legal_limit_unit, self.committed_limit_unit
        )

    def limits_shown(self):
        """The limits in words (即办 for 0 days) and in working days, for the board's table and bars."""
        return {
            "legal_limit_text": limits.describe(self.legal_limit_days, self.legal_limit_unit),
            "committed_limit_text": limits.describe(self.committed_limit_days, self.committed_limit_unit),
            "legal_working_days": limits.working_days(self.legal_limit_days, self.legal_limit_unit),
            "committed_working_days": limits.working_days(self.committed_limit_days, self.committed_limit_unit),
        }


@dataclass(frozen=True)
class HandlingRow:
    """One 纠错 or 差评 about a published guide: its department, whether it is a 差评, and how long its handling
    took in days (None while it waits)."""

    department_code: str
    bad_rating: bool
    handling_days: float | None = None

    @property
    def handled(self):
        return self.handling_days is not None


def handling_figures(rows):
    """差评整改率 (差评 handled ÷ 差评 received) and the mean handling time in days (of the 纠错 and 差评 handled);
    None where there is nothing to compute from."""
    bad = [row for row in rows if row.bad_rating]
    handled = [row.handling_days for row in rows if row.handled]
    return {
        "bad_ratings": len(bad),
        "bad_ratings_handled": sum(1 for row in bad if row.handled),
        "rectification_rate": sum(1 for row in bad if row.handled) / len(bad) if bad else None,
        "mean_handling_days": statistics.fmean(handled) if handled else None,
    }


@dataclass(frozen=True)
class Share:
    key: str
    count: int
    total: int
    filters: dict = field(default_factory=dict)

    @property
    def ratio(self):
        return self.count / self.total if self.total else 0.0


# key -> (test on a row, list filter that shows the same guides)
SHARE_RULES = {
    "instant": (lambda row: row.committed_limit_days == 0, {"instant": "1"}),
    "fully_online": (lambda row: row.online_level == "full", {"online": "full"}),
    "zero_visits": (lambda row: row.visits_required == 0, {"visits_max": "0"}),
    "at_most_one_visit": (lambda row: row.visits_required <= 1, {"visits_max": "1"}),
}


def shares(rows):
    """The four headline shares, in a fixed order."""
    total = len(rows)
    return [
        Share(key, sum(1 for row in rows if test(row)), total, filters) for key, (test, filters) in SHARE_RULES.items()
    ]


def compression_summary(rows):
    """Mean and median compression over the guides that have a legal limit; None when there are none."""
    values = [row.compression for row in rows if row.compression is not None]
    if not values:
        return {"count": 0, "mean": None, "median": None}
    return {"count": len(values), "mean": statistics.fmean(values), "median": statistics.median(values)}


def material_counts(rows):
    """Material rows over all guides: all of them, those exempt by data sharing, those a pledge may replace."""
    return [
        {"key": "all", "count": sum(row.materials for row in rows), "filters": {}},
        {"key": "exempt", "count": sum(row.exempt_materials for row in rows), "filters": {"exempt": "1"}},
        {"key": "pledge", "count": sum(row.pledge_materials for row in rows), "filters": {"pledge": "1"}},
    ]


def department_table(rows, handling=()):
    """One line per department, in the order departments first appear in `rows`, with its feedback handling
    (`handling`: HandlingRow) beside its guides' figures."""
    handling_by_department = {}
    for row in handling:
        handling_by_department.setdefault(row.department_code, []).append(row)
    groups = {}
    for row in rows:
        groups.setdefault((row.department_code, row.department), []).append(row)
    table = []
    for (code, name), members in groups.items():
        share_by_key = {share.key: share.count for share in shares(members)}
        table.append(
            {
                "department": name,
                "code": code,
                "count": len(members),
                "instant": share_by_key["instant"],
                "fully_online": share_by_key["fully_online"],
                "at_most_one_visit": share_by_key["at_most_one_visit"],
                "mean_compression": compression_summary(members)["mean"],
                **handling_figures(handling_by_department.get(code, [])),
                "filters": {"department": code},
            }
        )
    return table


def board(rows, handling=(), listed=None):
    """Every figure of the board, as plain data (also what /api/commitments/ returns). `handling`: the 纠错 and
    差评 about these guides (HandlingRow), for each department's 差评整改率 and handling time. `listed`: the rows
    whose limits the board lists one by one (a page of them; default: every row)."""
    rows, handling = list(rows), list(handling)
    listed = rows if listed is None else listed
    return {
        "count": len(rows),
        "shares": [asdict(share) | {"ratio": share.ratio} for share in shares(rows)],
        "compression": compression_summary(rows),
        "materials": material_counts(rows),
        "departments": department_table(rows, handling),
        "handling": handling_figures(handling),
        "longest_legal_working_days": max(
            (limits.working_days(row.legal_limit_days, row.legal_limit_unit) for row in rows), default=0
        ),
        "guides": [asdict(row) | row.limits_shown() | {"compression": row.compression} for row in listed],
    }
