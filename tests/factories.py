"""Test data builders: a valid guide by default, so a test changes only what it is about."""

import datetime
import itertools

from wagtail.models import Page, Site

from guides.models import (
    CatalogueItem,
    Department,
    GuideFee,
    GuideHall,
    GuideIndexPage,
    GuideMaterial,
    GuidePage,
    GuideStep,
    HomePage,
    Material,
    ServiceHall,
)

_sequence = itertools.count(1)


def make_site():
    """A home page as the default site's root, with a guide index under it."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for welcome in root.get_children():
        welcome.delete()
    home = HomePage(title="临江市政务服务", slug="home")
    root.add_child(instance=home)
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    index = GuideIndexPage(title="办事指南", slug="guides")
    home.add_child(instance=index)
    return home, index


def make_department(**fields):
    number = next(_sequence)
    values = {
        "name": f"测试局{number}",
        "short_name": f"测试{number}",
        "code": f"dept{number}",
        "enquiry_phone": "0000-87000001",
        "complaint_phone": "12345",
    }
    values.update(fields)
    return Department.objects.create(**values)


def make_material(**fields):
    values = {"name": f"居民身份证{next(_sequence)}", "category": "identity"}
    values.update(fields)
    return Material.objects.create(**values)


def make_hall(**fields):
    values = {"name": f"市民中心{next(_sequence)}", "address": "临江市江滨大道 1 号"}
    values.update(fields)
    return ServiceHall.objects.create(**values)


CREDIT_CODE = "11330100MB0000001X"


def make_catalogue_item(**fields):
    """A catalogue item that `guide_fields()` with `catalogue_guide_fields(item)` implements."""
    number = next(_sequence)
    values = {
        "code": f"1000{number:04d}",
        "name": f"目录事项{number}",
        "item_type": "licensing",
        "audience": "person",
        "legal_basis": "《中华人民共和国行政许可法》",
        "legal_limit_days": 20,
    }
    values.update(fields)
    return CatalogueItem.objects.create(**values)


def catalogue_guide_fields(item, credit_code=CREDIT_CODE, **overrides):
    """Fields of a guide that implements the catalogue item `item` as the rules want, for the body `credit_code`."""
    values = {
        "catalogue_item": item,
        "title": item.name,
        "item_code": f"{credit_code}{item.code}A001",
        "item_type": item.item_type,
        "legal_basis": item.legal_basis,
    }
    values.update(overrides)
    return values


def guide_fields(**overrides):
    """Field values of a guide that passes every rule."""
    number = next(_sequence)
    values = {
        "title": f"测试事项{number}",
        "slug": f"test-item-{number}",
        "item_code": f"1133010000000000{number:04d}",
        "item_type": "licensing",
        "audience": "person",
        "summary": "一句话说明",
        "legal_basis": "《中华人民共和国行政许可法》",
        "conditions": "符合条件的申请人",
        "legal_limit_days": 20,
        "committed_limit_days": 5,
        "is_free": True,
        "online_level": "offline",
        "visits_required": 1,
        "result_name": "批准文书",
        "last_reviewed": datetime.date(2026, 6, 1),
        "next_review_due": datetime.date(2027, 6, 1),
    }
    values.update(overrides)
    return values


def make_guide(index, *, department=None, materials=None, fees=(), situations=None, halls=None, publish=True, **fields):
    """A guide under `index`. `materials` is a list of GuideMaterial field dicts (default: one valid row);
    `situations` maps each situation question to its options; `halls` lists its halls (default: a new one)."""
    guide = GuidePage(department=department or make_department(), **guide_fields(**fields))
    guide.situations = [
        ("situation", {"question": question, "options": list(options)})
        for question, options in (situations or {}).items()
    ]
    rows = materials if materials is not None else [{"name": "居民身份证"}]
    guide.materials = [GuideMaterial(sort_order=i, **row) for i, row in enumerate(rows)]
    guide.fees = [GuideFee(sort_order=i, **fee) for i, fee in enumerate(fees)]
    guide.steps = [GuideStep(sort_order=i, title=title) for i, title in enumerate(("受理", "审核", "办结"))]
    halls = [make_hall()] if halls is None else halls
    guide.halls = [GuideHall(sort_order=i, hall=hall, window="1 号窗口") for i, hall in enumerate(halls)]
    index.add_child(instance=guide)
    revision = guide.save_revision()
    if publish:
        revision.publish()
        guide.refresh_from_db()
    return guide


def add_hall(guide, hall=None, window="1 号窗口"):
    GuideHall.objects.create(guide=guide, hall=hall or make_hall(), window=window)
