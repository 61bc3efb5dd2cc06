"""Guide list filters shared by the guide index, department pages and the commitments board's links.

Filters are plain GET parameters so every list can be linked to and bookmarked, e.g. /guides/?instant=1.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guides.models.choices import Audience, OnlineLevel


@dataclass(frozen=True)
class Filter:
    param: str
    label: str
    allowed: tuple[str, ...]


FILTERS = (
    Filter("department", _("实施部门"), ()),
    Filter("audience", _("服务对象"), (Audience.PERSON, Audience.BUSINESS)),
    Filter("instant", _("即办件"), ("1",)),
    Filter("online", _("网上办理深度"), tuple(OnlineLevel.values)),
    Filter("visits_max", _("到现场次数不超过"), ("0", "1", "2")),
    Filter("exempt", _("含免提交材料"), ("1",)),
    Filter("pledge", _("含可告知承诺材料"), ("1",)),
    Filter("free", _("不收费"), ("1",)),
)
FILTER_PARAMS = tuple(f.param for f in FILTERS)


class FilterError(ValueError):
    """A filter parameter with a value the list does not know; the message is shown to the citizen."""


def parse_filters(params, department_codes):
    """The filters in `params` as {param: value}; raises FilterError naming the first unknown value."""
    chosen = {}
    for spec in FILTERS:
        value = (params.get(spec.param) or "").strip()
        if not value:
            continue
        allowed = department_codes if spec.param == "department" else spec.allowed
        if value not in allowed:
            message = _("筛选条件“%(label)s”的取值无效：%(value)s")
            raise FilterError(message % {"label": spec.label, "value": value[:40]})
        chosen[spec.param] = value
    return chosen


def apply_filters(guides, chosen):
    """Narrow a GuidePage queryset by parsed filters."""
    if "department" in chosen:
        guides = guides.filter(department__code=chosen["department"])
    if "audience" in chosen:
        guides = guides.filter(audience__in=[chosen["audience"], Audience.BOTH])
    if "instant" in chosen:
        guides = guides.filter(committed_limit_days=0)
    if "online" in chosen:
        guides = guides.filter(online_level=chosen["online"])
    if "visits_max" in chosen:
        guides = guides.filter(visits_required__lte=int(chosen["visits_max"]))
    if "exempt" in chosen:
        guides = guides.filter(materials__exempt_by_data_sharing=True)
    if "pledge" in chosen:
        guides = guides.filter(materials__pledge_allowed=True)
    if "free" in chosen:
        guides = guides.filter(is_free=True)
    return guides.distinct()


def describe_filters(chosen, department_names):
    """Human-readable labels of the chosen filters, for the list heading."""
    labels = []
    for spec in FILTERS:
        value = chosen.get(spec.param)
        if value is None:
            continue
        if spec.param == "department":
            labels.append(department_names.get(value, value))
        elif spec.param == "audience":
            labels.append(Audience(value).label)
        elif spec.param == "online":
            labels.append(OnlineLevel(value).label)
        elif spec.param == "visits_max":
            labels.append(_("到现场不超过 %(n)s 次") % {"n": value})
        else:
            labels.append(spec.label)
    return labels
