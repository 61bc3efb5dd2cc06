"""Load the demo content: generic and idempotent.

Every data row is a dict keyed by model field names. A foreign key, page reference or many-to-many value is
written as the natural key of the object it points at (see NATURAL_KEYS); a child relation (materials,
fees, opening hours, …) is a list of row dicts. Objects are found by their identity (Department.code and
ServiceHall.name among the default site's, Material.name, CatalogueItem.code, GuidePage.item_code, any other
page's slug under its parent); an object whose fields already match its data is left alone, so a second run
writes nothing and adds no revisions. The catalogue (事项目录) is made from the demo guides (catalogue.py), and
each guide implements its item.
"""

from collections import Counter
from functools import partial

from django.db import transaction
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from pypinyin import lazy_pinyin
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from guides import filters
from guides.choices import Audience
from guides.models import (
    CatalogueItem,
    CommitmentsPage,
    Department,
    GuideIndexPage,
    GuidePage,
    HomePage,
    LifeEventPage,
    Material,
    ServiceHall,
    TopicPage,
)
from guides.models.site_settings import SiteSettings
from search.models import PopularPin

from . import (
    catalogue,
    departments,
    documents,
    guides_business,
    guides_construction,
    guides_housing,
    guides_more_business,
    guides_more_housing,
    guides_more_person,
    guides_more_social,
    guides_person,
    guides_social,
    halls,
    life_events,
    materials,
    site_pages,
    site_settings,
    topics,
)

GUIDES = [
    guide
    for module in (
        guides_person,
        guides_social,
        guides_housing,
        guides_business,
        guides_construction,
        guides_more_person,
        guides_more_social,
        guides_more_housing,
        guides_more_business,
    )
    for guide in module.GUIDES
]
NATURAL_KEYS = {
    CatalogueItem: "code",
    Department: "code",
    ServiceHall: "name",
    Material: "name",
    TopicPage: "title",
    GuidePage: "title",
    get_document_model(): "title",
}
# A site's reference data: each site has its own under the codes and names every site uses (a county's 公安局 is
# gongan as the city's is); the demo's are the default site's.
SITE_OWNED = (Department, ServiceHall)
SLUG_LENGTH = 60
DEMO_UPDATE_NOTE = "演示数据更新"


class DemoContentError(Exception):
    """The demo data is wrong: a reference that does not resolve, or a guide that breaks a publishing rule."""


def slug_for(title):
    """An ASCII pinyin slug for a Chinese title, cut at a syllable boundary: 户口迁移 → hu-kou-qian-yi."""
    slug = slugify("-".join(lazy_pinyin(title)))
    if len(slug) > SLUG_LENGTH:
        slug = slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return slug


def load():
    """Create or update all demo content in one transaction; returns counts of created/updated/unchanged.

    The reference index (the admin's "usage" of materials, halls, departments) is updated once per saved
    object at the end rather than on every child row's save, which would redo a page's index per row.
    """
    loader = _Loader()
    with transaction.atomic():
        with disable_reference_index_auto_update():
            tally = loader.run()
        for obj in loader.saved:
            ReferenceIndex.create_or_update_for_object(obj)
    return tally


class _Loader:
    def __init__(self):
        self.tally = Counter()
        self.saved = []
        self.broken = {}

    def run(self):
        self.tally.update(documents.load())
        # The site first: the departments and halls made below belong to it (the default site).
        home, site = self.home_page()
        for model, rows in (
            (Department, departments.DEPARTMENTS),
            (ServiceHall, halls.HALLS),
            (Material, materials.MATERIALS),
            (CatalogueItem, catalogue.catalogue(GUIDES)),
        ):
            for row in rows:
                key = NATURAL_KEYS[model]
                self.upsert(_demo_rows(model).filter(**{key: row[key]}).first(), model, row, lambda obj: obj.save())
        self.upsert(
            SiteSettings.objects.filter(site=site).first(),
            partial(SiteSettings, site=site),
            site_settings.SITE_SETTINGS,
            lambda obj: obj.save(),
        )
        index = self.page(home, GuideIndexPage, site_pages.GUIDE_INDEX)
        self.page(home, CommitmentsPage, site_pages.COMMITMENTS)
        for row in topics.TOPICS:
            self.page(home, TopicPage, row)
        for row in GUIDES:
            self.page(
                index,
                GuidePage,
                {"is_free": not row["fees"], "catalogue_item": catalogue.catalogue_item(row)["code"], **row},
            )
        if self.broken:
            raise DemoContentError(
                "演示指南未通过发布规则：\n"
                + "\n".join(f"「{title}」{error.message}" for title, errors in self.broken.items() for error in errors)
            )
        for row in life_events.LIFE_EVENTS:
            self.page(home, LifeEventPage, row)
        self.pins(site)
        return self.tally

    def pins(self, site):
        """The demo's 热门事项置顶, alternating person and business items; pins editors added are kept."""
        for audience, titles in site_settings.POPULAR_PINS.items():
            for position, title in enumerate(titles):
                guide = _lookup(GuidePage, title)
                if guide.audience not in filters.audiences(audience):
                    raise DemoContentError(f"热门事项置顶「{title}」不面向{Audience(audience).label}")
                order = 2 * position + (audience == "business")
                pin, created = PopularPin.objects.get_or_create(
                    page=guide, audience=audience, site=site, defaults={"sort_order": order}
                )
                if created:
                    self.tally["created"] += 1
                elif pin.sort_order != order:
                    pin.sort_order = order
                    pin.save(update_fields=["sort_order"])
                    self.tally["updated"] += 1
                else:
                    self.tally["unchanged"] += 1

    def upsert(self, existing, model, data, save):
        """Apply `data` to the existing object (or a new one) and save it only if something changed.

        A guide is checked against the publishing rules every time, changed or not, and never saved if it
        breaks one; the broken rules are collected for one error at the end.
        """
        before = _state(existing, data) if existing else None
        obj = _apply(existing or model(), data)
        if isinstance(obj, GuidePage) and existing is not None and not obj.change_note.strip():
            obj.change_note = DEMO_UPDATE_NOTE  # going live again needs a public change note, like any republish
        if isinstance(obj, GuidePage) and (errors := obj.publishing_problems()):
            self.broken[obj.title] = errors
            return obj
        current = getattr(obj, "live", True) and not getattr(obj, "has_unpublished_changes", False)
        if before is not None and current and before == _state(obj, data):
            self.tally["unchanged"] += 1
        else:
            save(obj)
            self.tally["updated" if existing else "created"] += 1
            self.saved.append(obj)
        return obj

    def page(self, parent, model, data):
        """Create or update a page under `parent` and publish it with a new revision."""
        data = {"slug": slug_for(data["title"]), **data}
        if model is GuidePage:
            existing = GuidePage.objects.filter(item_code=data["item_code"]).first()
        else:
            existing = model.objects.child_of(parent).filter(slug=data["slug"]).first()

        def publish(page):
            if page.pk is None:
                parent.add_child(instance=page)
            page.save_revision().publish()

        return self.upsert(existing, model, data, publish)

    def home_page(self):
        """The demo home page as the default site's root, replacing Wagtail's welcome page; (home, site)."""
        data = site_pages.HOME
        site = Site.objects.filter(is_default_site=True).first()
        address = {"hostname": site.hostname, "port": site.port} if site else {"hostname": "localhost", "port": 80}
        if not HomePage.objects.exists():
            for welcome in Page.objects.filter(depth=2, slug=data["slug"]).exact_type(Page):
                welcome.delete()  # and with it the site whose root it was: the new one keeps its address
        home = self.page(Page.get_first_root_node(), HomePage, data)
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True, **address)
        if site.root_page_id != home.pk or site.site_name != site_pages.SITE_NAME:
            site.root_page, site.site_name = home, site_pages.SITE_NAME
            site.save()
        return home, site


def _demo_rows(model):
    """The rows among which the demo's natural keys identify its objects: the default site's for a site's
    reference data (SITE_OWNED), else all."""
    return model.objects.filter(site__is_default_site=True) if model in SITE_OWNED else model.objects.all()


def _lookup(model, key):
    try:
        return _demo_rows(model).get(**{NATURAL_KEYS[model]: key})
    except model.DoesNotExist:
        raise DemoContentError(f"演示数据引用的{model._meta.verbose_name}「{key}」不存在") from None


def _apply(obj, data):
    """Set the fields named in `data` on `obj` (in memory), resolving references and child rows."""
    for name, value in data.items():
        field = obj._meta.get_field(name)
        if field.one_to_many:
            # Number the rows: Orderable rows saved without sort_order come back in no set order on PostgreSQL.
            setattr(obj, name, [_apply(field.related_model(sort_order=i), row) for i, row in enumerate(value)])
        elif field.many_to_many:
            setattr(obj, name, [_lookup(field.related_model, key) for key in value])
        elif field.many_to_one:
            setattr(obj, name, _lookup(field.related_model, value))
        else:
            setattr(obj, name, field.to_python(value))
    return obj


def _state(obj, names):
    """Comparable values of the fields named in `names`, as stored (child rows without ids or order)."""
    return {name: _value(obj, obj._meta.get_field(name)) for name in names}


def _value(obj, field):
    if field.one_to_many:
        return [_row(child) for child in getattr(obj, field.name).all()]
    if field.many_to_many:
        return sorted(item.pk for item in getattr(obj, field.name).all())
    if isinstance(field, StreamField):
        return [
            (child.block_type, child.block.get_api_representation(child.value))
            for child in field.value_from_object(obj)
        ]
    return field.value_from_object(obj)


def _row(child):
    return {
        field.attname: field.value_from_object(child)
        for field in child._meta.concrete_fields
        if not (field.primary_key or isinstance(field, ParentalKey) or field.name == "sort_order")
    }
