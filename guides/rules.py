"""Publish-blocking rules for guides: the one place that decides whether a guide may go live.

Each rule is a function of the guide and its rows (`Rows`) that yields `RuleError`s. The rules read attributes only,
so they run the same on a page being edited in the admin, a page built by an import, or a test's stand-in;
the one fact that needs the database (is the item code taken?) is given to `check_guide` by the caller,
`GuidePage.publishing_problems`. Every message names the field (and the row, for materials and fees) in Chinese.
Time limits are compared in working days, whatever unit each is counted in (guides/limits.py).
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guides import limits
from guides.choices import ItemType, MaterialMedium, OnlineLevel, Requirement
from guides.phones import effective_phones
from guides.situations import questions_from_stream

MAX_LIMIT_DAYS = 365
# An implementation code (事项编码) begins with the implementing body's unified social credit code, then the
# catalogue item's basic code (GB/T 39554.1-2020; guides/models/catalogue.py).
CREDIT_CODE_LENGTH = 18
MAX_VISITS = 10
CATCH_ALL_MATERIAL = re.compile(
    r"(其[他它]|相关|有关|等|所需|必要|其余)的?(材料|资料|证明|证件|文件)|^(其[他它]|材料|资料)$"
)


@dataclass(frozen=True)
class Rows:
    """A guide's inline rows as they will go live: from the editor's formsets, an import, or the saved guide."""

    materials: list
    fees: list
    halls: list
    steps: list


@dataclass(frozen=True)
class RuleError:
    """One broken rule. `field` is a page field, or "<relation>.<field>" with `row` the 0-based row index."""

    field: str
    message: str
    row: int | None = None


def _row_label(kind, index, name):
    return _("%(kind)s第 %(number)s 项「%(name)s」") % {"kind": kind, "number": index + 1, "name": name or "—"}


def _unit(guide, field):
    return getattr(guide, field.replace("_days", "_unit"), None) or limits.LimitUnit.WORKING


def check_limits(guide, rows):
    legal, committed = guide.legal_limit_days, guide.committed_limit_days
    for field, label, value in (
        ("legal_limit_days", _("法定办结时限"), legal),
        ("committed_limit_days", _("承诺办结时限"), committed),
    ):
        if value is None:
            yield RuleError(field, _("%(label)s必须填写") % {"label": label})
        elif value < 0:
            yield RuleError(field, _("%(label)s不能为负数") % {"label": label})
        elif value > MAX_LIMIT_DAYS:
            yield RuleError(
                field,
                _("%(label)s为 %(limit)s，超过 %(max)s 天，请核对")
                % {"label": label, "limit": limits.describe(value, _unit(guide, field)), "max": MAX_LIMIT_DAYS},
            )
    if legal is None or committed is None or legal < 0 or committed < 0:
        return
    legal_unit, committed_unit = _unit(guide, "legal_limit_days"), _unit(guide, "committed_limit_days")
    # Like with like: both in working days (guides/limits.py says how natural days count).
    if limits.working_days(committed, committed_unit) > limits.working_days(legal, legal_unit):
        yield RuleError(
            "committed_limit_days",
            _("承诺办结时限（%(committed)s）不能超过法定办结时限（%(legal)s）")
            % {"committed": limits.describe(committed, committed_unit), "legal": limits.describe(legal, legal_unit)},
        )


def check_fees(guide, rows):
    fees = rows.fees
    if guide.is_free and fees:
        yield RuleError("is_free", _("已勾选“不收费”，但列出了 %(count)s 个收费项目") % {"count": len(fees)})
    if not guide.is_free and not fees:
        yield RuleError("is_free", _("收费的事项必须至少列出一个收费项目（含收费标准和依据）"))
    for index, fee in enumerate(fees):
        label = _row_label(_("收费项目"), index, fee.name)
        if not (fee.standard or "").strip():
            yield RuleError("fees.standard", _("%(row)s缺少收费标准") % {"row": label}, index)
        if not (fee.basis or "").strip():
            yield RuleError("fees.basis", _("%(row)s缺少收费依据") % {"row": label}, index)


def check_online(guide, rows):
    visits = guide.visits_required
    if visits is None or visits < 0:
        yield RuleError("visits_required", _("到办事现场次数不能为空或负数"))
    elif visits > MAX_VISITS:
        yield RuleError("visits_required", _("到办事现场次数超过 %(max)s 次，请核对") % {"max": MAX_VISITS})
    if guide.online_level == OnlineLevel.FULL and visits and visits > 0:
        yield RuleError("visits_required", _("全程网办的事项到办事现场次数应为 0"))
    if guide.online_level in (OnlineLevel.FULL, OnlineLevel.PARTIAL) and not (guide.online_url or "").strip():
        yield RuleError(
            "online_url",
            _("%(level)s的事项必须填写网上办理地址") % {"level": OnlineLevel(guide.online_level).label},
        )


def check_materials(guide, rows):
    materials = rows.materials
    if not materials:
        yield RuleError("materials", _("申请材料至少需要一项"))
    for index, row in enumerate(materials):
        name = row.display_name
        label = _row_label(_("申请材料"), index, name)
        if not (name or "").strip():
            yield RuleError(
                "materials.name", _("%(row)s缺少材料名称：请从材料库选择或填写名称") % {"row": label}, index
            )
        elif CATCH_ALL_MATERIAL.search(name.replace(" ", "")):
            yield RuleError(
                "materials.name",
                _("%(row)s是兜底表述，请写明具体材料名称") % {"row": label},
                index,
            )
        if (
            row.exempt_by_data_sharing
            and row.requirement == Requirement.REQUIRED
            and row.medium == MaterialMedium.PAPER
        ):
            yield RuleError(
                "materials.medium",
                _("%(row)s已标为免提交（数据共享获取），不能同时要求必须提交纸质材料") % {"row": label},
                index,
            )


def check_situations(guide, rows):
    materials = rows.materials
    seen = set()
    for question in questions_from_stream(guide.situations):
        for option in question.options:
            if option in seen:
                yield RuleError(
                    "situations", _("情形选项「%(option)s」重复出现，选项在整篇指南内不能重名") % {"option": option}
                )
            seen.add(option)
    for index, row in enumerate(materials):
        for option in row.applies_to_options:
            if option not in seen:
                yield RuleError(
                    "materials.applies_to",
                    _("%(row)s的适用情形「%(option)s」在“情形”中不存在")
                    % {"row": _row_label(_("申请材料"), index, row.display_name), "option": option},
                    index,
                )


def check_phones(guide, rows):
    phones = effective_phones(guide, guide.department if guide.department_id else None)
    if not phones.enquiry:
        yield RuleError("enquiry_phone", _("咨询电话未填写，所属部门也没有咨询电话"))
    if not phones.complaint:
        yield RuleError("complaint_phone", _("监督投诉电话未填写，所属部门也没有监督投诉电话"))


def check_places(guide, rows):
    if (guide.visits_required or 0) > 0 and not rows.halls:
        yield RuleError(
            "halls",
            _("这项事项需要到办事现场 %(visits)s 次，请在“办理地点”中至少列出一个办事大厅")
            % {"visits": guide.visits_required},
        )
    if not rows.steps:
        yield RuleError("steps", _("办理流程至少需要一个步骤"))


def check_review_dates(guide, rows):
    for field, label in (("last_reviewed", _("上次复核日期")), ("next_review_due", _("下次复核日期"))):
        if not getattr(guide, field):
            yield RuleError(field, _("%(label)s必须填写") % {"label": label})
    if guide.last_reviewed and guide.next_review_due and guide.next_review_due < guide.last_reviewed:
        yield RuleError("next_review_due", _("下次复核日期不能早于上次复核日期"))


def basis_lines(text):
    """The laws of a 设定依据 text, one a line, without blank lines or the spaces around them."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def implements_code(item_code, basic_code):
    """True when the implementation code `item_code` carries the catalogue's `basic_code` after the credit code."""
    return (item_code or "").strip()[CREDIT_CODE_LENGTH:].startswith(basic_code)


def check_catalogue(guide, rows):
    """四级四同: a guide that implements a catalogue item has its name, basic code, type and legal basis, and
    commits to no more than its legal limit (in working days, guides/limits.py)."""
    if not guide.catalogue_item_id:
        return
    item = guide.catalogue_item
    shown = {"item": item.name, "code": item.code}
    if (guide.title or "").strip() != item.name:
        yield RuleError(
            "title",
            _("事项名称「%(title)s」与目录事项「%(item)s」不一致，请使用目录中的名称")
            % {**shown, "title": guide.title or ""},
        )
    if not implements_code(guide.item_code, item.code):
        yield RuleError(
            "item_code",
            _("事项编码「%(value)s」与目录编码「%(code)s」不一致：18 位统一社会信用代码之后应接目录编码")
            % {**shown, "value": (guide.item_code or "").strip()},
        )
    if guide.item_type != item.item_type:
        labels = dict(ItemType.choices)
        yield RuleError(
            "item_type",
            _("事项类型「%(value)s」与目录事项「%(item)s」的「%(type)s」不一致")
            % {**shown, "value": labels.get(guide.item_type, guide.item_type or "—"), "type": labels[item.item_type]},
        )
    if basis_lines(guide.legal_basis) != basis_lines(item.legal_basis):
        yield RuleError("legal_basis", _("设定依据与目录事项「%(item)s」的设定依据不一致，请按目录填写") % shown)
    committed, unit = guide.committed_limit_days, _unit(guide, "committed_limit_days")
    if committed is not None and limits.working_days(committed, unit) > limits.working_days(
        item.legal_limit_days, item.legal_limit_unit
    ):
        yield RuleError(
            "committed_limit_days",
            _("承诺办结时限（%(committed)s）不能超过目录事项「%(item)s」的法定办结时限（%(legal)s）")
            % {**shown, "committed": limits.describe(committed, unit), "legal": item.legal_limit_text},
        )


RULES = (
    check_limits,
    check_fees,
    check_online,
    check_materials,
    check_situations,
    check_phones,
    check_places,
    check_review_dates,
    check_catalogue,
)


def check_guide(guide, rows, *, item_code_taken=False, published_before=False):
    """Every broken rule of a guide with these rows (`Rows`); an empty list means it may go live.

    `item_code_taken`: another guide already has this guide's item code. `published_before`: the guide has been
    live before, so going live again needs a public change note (更新说明)."""
    errors = [error for rule in RULES for error in rule(guide, rows)]
    if item_code_taken:
        code = guide.item_code.strip()
        errors.append(RuleError("item_code", _("事项编码「%(code)s」已被另一篇指南使用") % {"code": code}))
    if published_before and not (guide.change_note or "").strip():
        errors.append(RuleError("change_note", _("请填写更新说明：它会公开显示在指南的“更新记录”中")))
    return errors


class PublishingRefused(ValidationError):
    """A guide that breaks the rules was about to go live. A ValidationError by field, so that Wagtail's admin
    API answers it with a 400; `errors` keeps the RuleErrors."""

    def __init__(self, errors):
        self.errors = errors
        by_field = {}
        for error in errors:
            by_field.setdefault(error.field.partition(".")[0], []).append(error.message)
        super().__init__(by_field)
