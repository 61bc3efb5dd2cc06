"""Deciding what an import would do, validating it with the editor form's rules, and applying it atomically.

`build_plan` changes nothing: it finds the guide each record is about (matching.py: by item code, among the
codes guides hold as published values; drafts hold none) and the catalogue item its 目录编码 names, builds
the changed or new guide in memory and runs its publishing rules on it (GuidePage.publishing_problems, as the
editor form does, so a guide that differs from its catalogue item is refused too; who holds an item code is
the same rule for both, GuideQuerySet.holders).
Any problem anywhere refuses the whole file. `apply` then writes one revision per changed guide, with the
change note 批量导入, and publishes it, all in one transaction.

An import goes into one site: its departments and halls are looked up by name among that site's, its item codes
are matched among that site's guides (another city's guide with the same code is another guide), and new guides
go under that site's guide index.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from guides.models import (
    CatalogueItem,
    Department,
    GuideFee,
    GuideHall,
    GuideIndexPage,
    GuideMaterial,
    GuidePage,
    GuideStep,
    Material,
    ServiceHall,
)
from search import indexing
from web.sites import site_of

from .columns import (
    ADDED_LATER,
    FEE_COLUMNS,
    GUIDE_COLUMNS,
    MATERIAL_COLUMNS,
    parse_halls,
    parse_situations,
    parse_steps,
)
from .matching import free_slug, holders, match
from .problems import ImportRefused, Problem
from .records import record_of

IMPORT_NOTE = "批量导入"
HEADERS = {
    "guide": {column.key: column.header for column in GUIDE_COLUMNS},
    "materials": {column.key: column.header for column in MATERIAL_COLUMNS},
    "fees": {column.key: column.header for column in FEE_COLUMNS},
}
RELATION_HEADERS = {"materials": _("申请材料"), "fees": _("收费项目")}


@dataclass
class Change:
    record: object
    page: GuidePage
    materials: list
    fees: list
    changed: list
    is_new: bool


@dataclass
class Plan:
    changes: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    index: GuideIndexPage | None = None  # where new guides go: the site's guide index

    @property
    def created(self):
        return [change for change in self.changes if change.is_new]

    @property
    def updated(self):
        return [change for change in self.changes if not change.is_new]


def _changed_headers(current, record):
    headers = [
        HEADERS["guide"][key] for key, value in record.fields.items() if current is None or current.fields[key] != value
    ]
    for relation in ("materials", "fees"):
        if current is None or getattr(current, relation) != getattr(record, relation):
            headers.append(str(RELATION_HEADERS[relation]))
    return headers


def _build(record, page, lookups):
    """The guide as the record wants it (unsaved), with its material and fee rows."""
    page = page or GuidePage(live=False)
    for key, value in record.fields.items():
        if key == "department":
            page.department = lookups["departments"][value]
        elif key == "catalogue_item":
            page.catalogue_item = lookups["catalogue"][value] if value else None
        elif key == "steps":
            page.steps = [
                GuideStep(sort_order=i, title=title, description=description)
                for i, (title, description) in enumerate(parse_steps(value))
            ]
        elif key == "halls":
            page.halls = [
                GuideHall(sort_order=i, hall=lookups["halls"][name], window=window)
                for i, (name, window) in enumerate(parse_halls(value))
            ]
        elif key == "situations":
            page.situations = [
                ("situation", {"question": question, "options": options})
                for question, options in parse_situations(value)
            ]
        else:
            setattr(page, key, value)
    # Rows are numbered: Orderable rows saved without sort_order come back in no set order on PostgreSQL.
    materials = [
        GuideMaterial(
            sort_order=i,
            material=lookups["materials"].get(row["material"]),
            **{k: v for k, v in row.items() if k != "material"},
        )
        for i, row in enumerate(record.materials)
    ]
    return page, materials, [GuideFee(sort_order=i, **row) for i, row in enumerate(record.fees)]


def _lookup_problems(record, lookups):
    problems = []
    if record.fields.get("department", "") not in lookups["departments"]:
        message = _("部门「%(name)s」不存在，请先在“基础数据 › 部门”中添加") % {"name": record.fields["department"]}
        problems.append(Problem(record.location, message, HEADERS["guide"]["department"]))
    code = record.fields.get("catalogue_item", "")
    if code and code not in lookups["catalogue"]:
        message = _("目录编码「%(code)s」不在事项目录中，请先在“基础数据 › 事项目录”中添加") % {"code": code}
        problems.append(Problem(record.location, message, HEADERS["guide"]["catalogue_item"]))
    for name, _window in parse_halls(record.fields.get("halls", "")):
        if name not in lookups["halls"]:
            message = _("办事大厅「%(name)s」不存在，请先在“基础数据 › 办事大厅”中添加") % {"name": name}
            problems.append(Problem(record.location, message, HEADERS["guide"]["halls"]))
    for location, row in zip(record.material_locations, record.materials, strict=True):
        if row.get("material") and row["material"] not in lookups["materials"]:
            message = _("材料库中没有「%(name)s」") % {"name": row["material"]}
            problems.append(Problem(location, message, HEADERS["materials"]["material"]))
    return problems


def _rule_problems(record, guide, materials, fees, held):
    """The rules the guide built from `record` breaks; `held`, the guides holding its item code, was asked once
    for the whole file, and the only guide a record updates is a live one (matching.match)."""
    problems = []
    for error in guide.publishing_problems(materials, fees, code_holders=held, published_before=guide.pk is not None):
        relation, _dot, child = error.field.partition(".")
        if child and error.row is not None:
            locations = record.material_locations if relation == "materials" else record.fee_locations
            problems.append(Problem(locations[error.row], error.message, HEADERS[relation].get(child, "")))
        else:
            problems.append(Problem(record.location, error.message, HEADERS["guide"].get(relation, "")))
    return problems


def _slug_problems(changes, index):
    problems, seen = [], {}
    # The index's children's slugs, asked once for the file: Page._slug_is_available would ask once a guide.
    taken = {} if index is None else dict(index.get_children().values_list("slug", "pk"))
    for change in changes:
        page, location = change.page, change.record.location
        header = HEADERS["guide"]["slug"]
        if page.slug in seen:
            message = _("网址名称「%(slug)s」与%(other)s重复") % {"slug": page.slug, "other": seen[page.slug]}
            problems.append(Problem(location, message, header))
        elif taken.get(page.slug, page.pk) != page.pk:
            problems.append(Problem(location, _("网址名称「%(slug)s」已被其他页面使用") % {"slug": page.slug}, header))
        seen[page.slug] = location
    return problems


def site_index(site):
    """The guide index of `site` where an import adds new guides: the first in the site's own tree (not in the tree
    of a site below it); None if it has none."""
    indexes = GuideIndexPage.objects.filter(path__startswith=site.root_page.path).order_by("path")
    return next((index for index in indexes if site_of(index.path) == site), None)


def build_plan(records, site):
    """What importing these records into `site` would do; ImportRefused with every problem if anything is wrong."""
    lookups = {
        "departments": {department.name: department for department in Department.objects.on(site)},
        "materials": {material.name: material for material in Material.objects.all()},  # one, province-wide
        "halls": {hall.name: hall for hall in ServiceHall.objects.on(site)},
    }
    held = holders((record.item_code for record in records), site)
    # The items the file names, and those its guides implement now (kept for a file without the column).
    implemented = {page.catalogue_item_id for pages in held.values() for group in pages for page in group}
    named = {record.fields.get("catalogue_item") for record in records}
    lookups["catalogue"] = {
        item.code: item for item in CatalogueItem.objects.filter(Q(code__in=named) | Q(pk__in=implemented))
    }
    index = site_index(site)
    file_slugs = {record.fields["slug"] for record in records if record.fields.get("slug")}
    plan, problems = Plan(index=index), []
    for record in records:
        page, match_problems = match(record, held[record.item_code], HEADERS["guide"]["item_code"])
        lookup_problems = _lookup_problems(record, lookups)
        problems += match_problems + lookup_problems
        if match_problems or lookup_problems or not record.complete:
            continue
        current = record_of(page) if page else None
        for key in ADDED_LATER - record.fields.keys():
            record.fields[key] = current.fields[key] if current else ""
        if not record.fields["slug"]:
            record.fields["slug"] = page.slug if page else free_slug(slugify(record.item_code), index, file_slugs)
            file_slugs.add(record.fields["slug"])
        if current is not None and current.content == record.content:
            plan.unchanged.append(record)
            continue
        if page is not None and page.has_unpublished_changes:
            message = _("这篇指南有尚未发布的修改（草稿或正在审核）；为免覆盖编辑的工作，请先发布或撤销后再导入")
            problems.append(Problem(record.location, message))
            continue
        guide, materials, fees = _build(record, page, lookups)
        guide.change_note = IMPORT_NOTE
        problems += _rule_problems(record, guide, materials, fees, held[record.item_code])
        plan.changes.append(Change(record, guide, materials, fees, _changed_headers(current, record), page is None))
    if plan.created and index is None:
        problems.append(Problem(_("文件"), _("站点还没有指南目录页，无法新建指南")))
    problems += _slug_problems(plan.changes, index)
    if problems:
        raise ImportRefused(problems)
    return plan


def apply(plan, user=None):
    """Write and publish every change of the plan, each as a revision with the change note 批量导入, all or nothing;
    then index the guides for search, in bulk (search.indexing: a guide is saved three times on the way)."""
    with indexing.deferred():
        _write(plan, user)


@transaction.atomic
def _write(plan, user):
    index = plan.index
    # Wagtail records a guide's references (its department, materials, halls: the snippets' usage) on every save
    # of the guide and of each of its rows, reading the guide back each time: here once a guide, when it is live.
    with disable_reference_index_auto_update():
        for change in plan.changes:
            page = change.page
            page.materials = change.materials
            page.fees = change.fees
            page.change_note = IMPORT_NOTE
            if change.is_new:
                index.add_child(instance=page)
            page.save_revision(user=user, log_action=True).publish(user=user)
            ReferenceIndex.create_or_update_for_object(page)
