"""同事项同标准: how the sites implement one catalogue item, side by side, and where they differ.

Pure functions over plain values (`Implementation`); guides/admin/catalogue.py reads them from the database.
For each item every site gets a row, implemented or not; a compared field (承诺时限, 跑动次数, 网上办理深度,
收费) `differs` when the implementing sites do not all say the same, and a site is `behind` on a field where
another site does better for the citizen: a shorter commitment (in working days, guides/limits.py), fewer
visits, a deeper online level. Fees differ or not; no fee is ranked against another.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from guides import limits
from guides.choices import OnlineLevel

# Deeper online service first: the lower the rank, the better for the citizen.
ONLINE_RANK = {OnlineLevel.FULL: 0, OnlineLevel.PARTIAL: 1, OnlineLevel.OFFLINE: 2}
FIELDS = {
    "committed": _("承诺办结时限"),
    "visits": _("跑动次数"),
    "online_level": _("网上办理深度"),
    "fees": _("收费"),
}


@dataclass(frozen=True)
class Implementation:
    """One site's live guide for a catalogue item."""

    item_id: int
    site_id: int
    department: str
    item_code: str
    committed_days: int
    committed_unit: str
    visits: int
    online_level: str
    fees: str  # "不收费", or the fee items with their standards

    @property
    def committed_text(self):
        return limits.describe(self.committed_days, self.committed_unit)

    @property
    def online_level_text(self):
        return OnlineLevel(self.online_level).label if self.online_level in OnlineLevel.values else self.online_level

    def key(self, name):
        """The value compared for field `name`; lower is better where a field is ranked."""
        if name == "committed":
            return limits.working_days(self.committed_days, self.committed_unit)
        if name == "online_level":
            return ONLINE_RANK.get(self.online_level, len(ONLINE_RANK))
        return getattr(self, name)


def labels_of(names):
    """The Chinese labels of compared fields, in FIELDS order, joined with 、."""
    return "、".join(str(label) for name, label in FIELDS.items() if name in names)


@dataclass(frozen=True)
class SiteRow:
    site: object
    implementation: Implementation | None
    behind: frozenset = frozenset()

    @property
    def behind_text(self):
        return labels_of(self.behind)


@dataclass
class ItemComparison:
    item: object
    rows: list
    differs: list = field(default_factory=list)  # field names, in FIELDS order

    @property
    def implemented(self):
        return sum(1 for row in self.rows if row.implementation)

    @property
    def differs_text(self):
        return labels_of(self.differs)


RANKED = ("committed", "visits", "online_level")


def compare_item(item, sites, implementations):
    """The comparison of one catalogue item over `sites` (in order), given its `implementations`.

    A site with more than one guide for the item shows each of them (the report makes the duplicate visible)."""
    by_site = {}
    for implementation in implementations:
        by_site.setdefault(implementation.site_id, []).append(implementation)
    differs = [name for name in FIELDS if len({each.key(name) for each in implementations}) > 1]
    best = {name: min(each.key(name) for each in implementations) for name in RANKED if name in differs}
    rows = []
    for site in sites:
        for implementation in by_site.get(site.pk, [None]):
            behind = (
                frozenset(name for name, value in best.items() if implementation.key(name) > value)
                if implementation
                else frozenset()
            )
            rows.append(SiteRow(site, implementation, behind))
    return ItemComparison(item, rows, differs)


def compare(items, sites, implementations):
    """[ItemComparison] for each of `items`, in order."""
    by_item = {}
    for implementation in implementations:
        by_item.setdefault(implementation.item_id, []).append(implementation)
    return [compare_item(item, sites, by_item.get(item.pk, [])) for item in items]
