"""The guide filters: one parser for the guide list, search and the open-data API.

Filters are plain GET parameters, so every list can be linked to and bookmarked (/guides/?instant=1). Each
channel names the parameters it takes; a value it does not know is a `FilterError` whose message (one per
parameter, in Chinese) is shown to the citizen or the client with a 400. Every channel gives a parameter the
same meaning: `audience=person` lists the guides for persons, those for persons and businesses alike included.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guides.choices import Audience, OnlineLevel


@dataclass(frozen=True)
class Filter:
    param: str
    label: str
    allowed: tuple[str, ...]  # empty: the department codes, which come from the database


FILTERS = (
    Filter("department", _("实施部门"), ()),
    Filter("audience", _("服务对象"), tuple(Audience.values)),
    Filter("instant", _("即办件"), ("1",)),
    Filter("online", _("网上办理深度"), tuple(OnlineLevel.values)),
    Filter("visits_max", _("到现场次数不超过"), ("0", "1", "2")),
    Filter("exempt", _("含免提交材料"), ("1",)),
    Filter("pledge", _("含可告知承诺材料"), ("1",)),
    Filter("free", _("是否收费"), ("1", "0")),
)
BY_PARAM = {spec.param: spec for spec in FILTERS}
ALL = tuple(BY_PARAM)
# What the search engines can filter on: GuidePage's FilterFields (materials are not in the index).
SEARCHABLE = ("department", "audience", "instant", "online", "visits_max", "free")


class FilterError(ValueError):
    """A parameter with a value the channel does not know; the message is shown to the citizen, in Chinese."""


def parse(params, department_codes, accepted=ALL):
    """The filters of `accepted` in `params` (a QueryDict or dict) as {param: value}, in FILTERS order.

    Raises FilterError naming the first parameter whose value is not allowed."""
    chosen = {}
    for param in accepted:
        spec = BY_PARAM[param]
        value = (params.get(param) or "").strip()
        if not value:
            continue
        if spec.allowed and value not in spec.allowed:
            raise FilterError(
                _("筛选条件“%(label)s”（参数 %(param)s）应为以下之一：%(values)s")
                % {"label": spec.label, "param": param, "values": "、".join(spec.allowed)}
            )
        if not spec.allowed and value not in department_codes:
            raise FilterError(_("没有代码为“%(value)s”的实施部门（参数 department）") % {"value": value[:40]})
        chosen[param] = value
    return chosen


def whole_number(params, param, default, highest, lowest=1):
    """A page number or size from `params`: ASCII digits between `lowest` and `highest`, else FilterError."""
    raw = (params.get(param) or "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit() and lowest <= int(raw) <= highest):
        raise FilterError(
            _("参数 %(param)s 应为 %(lowest)s 到 %(highest)s 之间的整数")
            % {"param": param, "lowest": lowest, "highest": highest}
        )
    return int(raw)


def audiences(value):
    """The stored audiences a chosen audience lists: a guide for both counts for persons and for businesses."""
    return [value] if value == Audience.BOTH else [value, Audience.BOTH]


def lookups(chosen):
    """Field lookups on GuidePage for the chosen filters (the department by its code)."""
    found = {}
    if "department" in chosen:
        found["department__code"] = chosen["department"]
    if "audience" in chosen:
        found["audience__in"] = audiences(chosen["audience"])
    if "instant" in chosen:
        found["committed_limit_days"] = 0
    if "online" in chosen:
        found["online_level"] = chosen["online"]
    if "visits_max" in chosen:
        found["visits_required__lte"] = int(chosen["visits_max"])
    if "free" in chosen:
        found["is_free"] = chosen["free"] == "1"
    return found


def apply(guides, chosen):
    """Narrow a GuidePage queryset by parsed filters."""
    guides = guides.filter(**lookups(chosen))
    materials = Q()
    if "exempt" in chosen:
        materials &= Q(materials__exempt_by_data_sharing=True)
    if "pledge" in chosen:
        materials &= Q(materials__pledge_allowed=True)
    return guides.filter(materials).distinct() if materials else guides


def search_lookups(chosen, department_ids):
    """The chosen filters as lookups on GuidePage's search FilterFields; `department_ids`: the ids of the
    departments the chosen code names on the sites searched (one on a site, one per site over a province)."""
    found = lookups({param: value for param, value in chosen.items() if param in SEARCHABLE})
    if found.pop("department__code", None) is not None:
        found["department__in"] = department_ids
    return found


def describe(chosen, department_names):
    """Human-readable labels of the chosen filters, for a list's heading."""
    labels = []
    for param, value in chosen.items():
        spec = BY_PARAM[param]
        if param == "department":
            labels.append(department_names.get(value, value))
        elif param == "audience":
            labels.append(Audience(value).label)
        elif param == "online":
            labels.append(OnlineLevel(value).label)
        elif param == "visits_max":
            labels.append(_("到现场不超过 %(n)s 次") % {"n": value})
        elif param == "free":
            labels.append(_("不收费") if value == "1" else _("收费"))
        else:
            labels.append(spec.label)
    return labels
