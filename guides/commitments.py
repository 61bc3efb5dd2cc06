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


def department_table(rows):
    """One line per department, in the order departments first appear in `rows`."""
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
                "filters": {"department": code},
            }
        )
    return table


def board(rows):
    """Every figure of the board, as plain data (also what /api/commitments/ returns)."""
    rows = list(rows)
    return {
        "count": len(rows),
        "shares": [asdict(share) | {"ratio": share.ratio} for share in shares(rows)],
        "compression": compression_summary(rows),
        "materials": material_counts(rows),
        "departments": department_table(rows),
        "guides": [asdict(row) | row.limits_shown() | {"compression": row.compression} for row in rows],
    }
