"""Field-level change summaries for the public update log (更新记录).

Pure functions: `snapshot` reduces a guide revision's stored content to what the public summary compares,
`summarize` lists what changed between two snapshots, `material_changes` does the same for a library
material, and `same_content` tells whether a draft says anything the live version does not. Nothing here reads
the database; guides/models/changelog_entries.py and the guide model feed them.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guides import limits
from guides.choices import (
    MaterialCategory,
    MaterialForm,
    MaterialMedium,
    MaterialSource,
    OnlineLevel,
    Requirement,
)

MATERIAL_ROW_FIELDS = (
    ("form", gettext_lazy("材料形式"), MaterialForm),
    ("medium", gettext_lazy("载体"), MaterialMedium),
    ("copies", gettext_lazy("份数"), None),
    ("requirement", gettext_lazy("必要性"), Requirement),
    ("source", gettext_lazy("来源渠道"), MaterialSource),
    ("notes", gettext_lazy("填报要求"), None),
    ("exempt_by_data_sharing", gettext_lazy("免提交"), None),
    ("pledge_allowed", gettext_lazy("可告知承诺"), None),
    ("applies_to", gettext_lazy("适用情形"), None),
)
# Guide fields the summary names: (field, label, whether the old and new values are short enough to show).
TEXT_FIELDS = (
    ("title", gettext_lazy("事项名称"), True),
    ("summary", gettext_lazy("一句话说明"), False),
    ("colloquial_names", gettext_lazy("常用叫法"), False),
    ("legal_basis", gettext_lazy("设定依据"), False),
    ("conditions", gettext_lazy("受理条件"), False),
    ("limit_note", gettext_lazy("时限说明"), False),
    ("appointment_note", gettext_lazy("预约方式"), False),
    ("enquiry_phone", gettext_lazy("咨询电话"), True),
    ("complaint_phone", gettext_lazy("监督投诉电话"), True),
    ("result_name", gettext_lazy("办理结果"), True),
    ("result_delivery", gettext_lazy("结果送达方式"), False),
)
# Inline lists the summary names as a whole: (relation, label, the fields of a row that count).
LIST_FIELDS = (
    ("situations", gettext_lazy("情形引导"), None),
    ("steps", gettext_lazy("办理流程"), ("title", "description")),
    ("halls", gettext_lazy("办理地点"), ("hall", "window")),
    ("faqs", gettext_lazy("常见问题"), ("question", "answer")),
)
OTHER_CHANGES = gettext_lazy("其他设置有修改（如网址、所属主题、定时发布），请与线上版本逐项比较")
LIBRARY_FIELDS = (
    ("name", gettext_lazy("材料名称"), None),
    ("description", gettext_lazy("材料说明"), None),
    ("category", gettext_lazy("类别"), MaterialCategory),
    ("source", gettext_lazy("来源渠道"), MaterialSource),
    ("issuing_body", gettext_lazy("出具单位"), None),
    ("blank_form_id", gettext_lazy("空白表格"), "document"),
    ("example_id", gettext_lazy("示例样表"), "document"),
    ("electronic_certificate", gettext_lazy("可用电子证照替代"), None),
)
# Revision content that records where and when a version was saved, not what the guide says: two versions that
# differ only in these say the same thing. Child rows also carry their own ids, their parent's and their position
# number (their order in the list is what counts).
BOOKKEEPING_KEYS = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "translation_key",
        "locale",
        "latest_revision",
        "latest_revision_created_at",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "draft_title",
        "content_type",
        "url_path",
        "owner",
        "alias_of",
        "wagtail_admin_comments",
    }
)
ROW_BOOKKEEPING_KEYS = frozenset({"pk", "id", "guide", "sort_order"})


def _what_it_says(content):
    # As stored: a revision freshly saved holds dates and decimals that the stored one holds as text. A browser
    # posts a textarea's line breaks as CRLF, which says nothing new either.
    content = json.loads(json.dumps(content, cls=DjangoJSONEncoder).replace("\\r\\n", "\\n"))
    said = {}
    for key, value in content.items():
        if key in BOOKKEEPING_KEYS:
            continue
        if isinstance(value, list) and all(isinstance(row, dict) for row in value):
            value = [{k: v for k, v in row.items() if k not in ROW_BOOKKEEPING_KEYS} for row in value]
        said[key] = value
    return said


def same_content(draft, live):
    """True when the revision content `draft` says what `live` says: only bookkeeping differs, and its change
    note is empty or still the live one (the editor's form starts a new change with an empty note)."""
    draft, live = _what_it_says(draft), _what_it_says(live)
    if (draft.get("change_note") or "") in ("", live.get("change_note") or ""):
        draft.pop("change_note", None)
        live.pop("change_note", None)
    return draft == live


def _show(value, choices=None):
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if value in (None, ""):
        return _("（空）")
    if choices is not None:
        try:
            return str(choices(value).label)
        except ValueError:
            return str(value)
    return str(value)


def _change(label, old, new, choices=None):
    return _("%(label)s：%(old)s → %(new)s") % {"label": label, "old": _show(old, choices), "new": _show(new, choices)}


def _material_key(row):
    return f"library:{row['material']}" if row.get("material") else f"name:{(row.get('name') or '').strip()}"


def snapshot(content, material_names):
    """What the public summary compares, from a GuidePage revision's content dict.

    `material_names` maps library material ids to their names (library names are shown live, so the name
    is looked up rather than stored in the revision).
    """
    materials = {}
    for row in content.get("materials", []):
        name = material_names.get(row.get("material")) or row.get("name") or ""
        fields = {key: row.get(key) for key, _label, _choices in MATERIAL_ROW_FIELDS}
        materials[_material_key(row)] = {"name": name, **fields}
    return {
        "legal_limit_days": (
            content.get("legal_limit_days"),
            content.get("legal_limit_unit") or limits.LimitUnit.WORKING,
        ),
        "committed_limit_days": (
            content.get("committed_limit_days"),
            content.get("committed_limit_unit") or limits.LimitUnit.WORKING,
        ),
        "is_free": content.get("is_free"),
        "fees": {
            (fee.get("name") or "").strip(): (fee.get("standard") or "", fee.get("basis") or "")
            for fee in content.get("fees", [])
        },
        "online_level": content.get("online_level"),
        "online_url": content.get("online_url") or "",
        "visits_required": content.get("visits_required"),
        "materials": materials,
        "texts": {
            field: (content.get(field) or "").replace("\r\n", "\n").strip() for field, _label, _short in TEXT_FIELDS
        },
        "lists": {
            relation: [_list_row(row, fields) for row in content.get(relation) or []]
            for relation, _label, fields in LIST_FIELDS
        },
    }


def _list_row(row, fields):
    if fields is None:  # a StreamField block: what it says, without its id
        return row.get("value") if isinstance(row, dict) else row
    return tuple(row.get(field) for field in fields)


def _text_summary(old, new):
    lines = []
    for field, label, short in TEXT_FIELDS:
        before, after = old.get("texts", {}).get(field, ""), new.get("texts", {}).get(field, "")
        if before != after:
            lines.append(_change(label, before, after) if short else _("%(label)s已修改") % {"label": label})
    for relation, label, _fields in LIST_FIELDS:
        if old.get("lists", {}).get(relation, []) != new.get("lists", {}).get(relation, []):
            lines.append(_("%(label)s已修改") % {"label": label})
    return lines


def _material_summary(old, new):
    lines = [_("新增材料「%(name)s」") % {"name": new[key]["name"]} for key in new if key not in old]
    lines += [_("删除材料「%(name)s」") % {"name": old[key]["name"]} for key in old if key not in new]
    for key in new:
        if key not in old:
            continue
        details = [
            _change(label, old[key][field], new[key][field], choices)
            for field, label, choices in MATERIAL_ROW_FIELDS
            if (old[key][field] or "") != (new[key][field] or "")
        ]
        if details:
            lines.append(_("材料「%(name)s」：%(details)s") % {"name": new[key]["name"], "details": "；".join(details)})
    return lines


def _limit_summary(old, new):
    lines = []
    for field, label in (("legal_limit_days", _("法定办结时限")), ("committed_limit_days", _("承诺办结时限"))):
        if old[field] != new[field]:
            lines.append(
                _("%(label)s：%(old)s → %(new)s")
                % {"label": label, "old": limits.describe(*old[field]), "new": limits.describe(*new[field])}
            )
    return lines


def _fee_summary(old, new):
    lines = []
    if old["is_free"] != new["is_free"]:
        free = {True: _("不收费"), False: _("收费")}
        old_label, new_label = free[bool(old["is_free"])], free[bool(new["is_free"])]
        lines.append(_("收费：%(old)s → %(new)s") % {"old": old_label, "new": new_label})
    old_fees, new_fees = old["fees"], new["fees"]
    lines += [_("新增收费项目「%(name)s」") % {"name": name} for name in new_fees if name not in old_fees]
    lines += [_("删除收费项目「%(name)s」") % {"name": name} for name in old_fees if name not in new_fees]
    for name in new_fees:
        if name in old_fees and old_fees[name] != new_fees[name]:
            old_text, new_text = ("，".join(filter(None, fees[name])) for fees in (old_fees, new_fees))
            template = _("收费项目「%(name)s」：%(old)s → %(new)s")
            lines.append(template % {"name": name, "old": old_text, "new": new_text})
    return lines


def _online_summary(old, new):
    lines = []
    if old["online_level"] != new["online_level"]:
        lines.append(_change(_("网上办理深度"), old["online_level"], new["online_level"], OnlineLevel))
    if old["online_url"] != new["online_url"]:
        lines.append(_change(_("网上办理地址"), old["online_url"], new["online_url"]))
    if old["visits_required"] != new["visits_required"]:
        lines.append(_change(_("到办事现场次数"), old["visits_required"], new["visits_required"]))
    return lines


def summarize(old, new):
    """Human-readable lines (Chinese) for what changed from snapshot `old` to `new`; `old` None is a first publish."""
    if old is None:
        return [_("首次发布")]
    return (
        _material_summary(old["materials"], new["materials"])
        + _limit_summary(old, new)
        + _fee_summary(old, new)
        + _online_summary(old, new)
        + _text_summary(old, new)
    )


def material_changes(old, new):
    """Lines for what changed in a library material; `old` and `new` map LIBRARY_FIELDS keys to values."""
    lines = []
    for field, label, choices in LIBRARY_FIELDS:
        if old.get(field) == new.get(field):
            continue
        if choices == "document":
            lines.append(_("%(label)s已更新") % {"label": label})
        else:
            lines.append(_change(label, old.get(field), new.get(field), choices))
    return lines
