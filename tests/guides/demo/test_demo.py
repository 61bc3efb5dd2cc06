"""The demo content: loads idempotently, passes the publishing rules and covers every feature's data."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision, Site

from guides import rules
from guides.demo import documents, loader
from guides.demo.common import SAMPLE
from guides.demo.halls import HALLS
from guides.demo.loader import DemoContentError, load, slug_for
from guides.models import (
    CatalogueItem,
    CommitmentsPage,
    Department,
    GuideIndexPage,
    GuideMaterial,
    GuidePage,
    HomePage,
    LifeEventPage,
    Material,
    ServiceHall,
    TopicPage,
)
from guides.models.site_settings import SiteSettings
from tests.factories import make_department, make_hall
from tests.sites.builders import add_site

REQUIRED_NAMES = [
    "居民身份证换领",
    "户口迁移（市内迁入）",
    "出生登记",
    "机动车驾驶证有效期满换证",
    "普通护照签发",
    "最低生活保障申请",
    "临时救助申请",
    "结婚登记",
    "社会保险关系转移接续",
    "失业保险金申领",
    "社会保障卡申领",
    "就业困难人员认定",
    "异地就医备案",
    "城乡居民基本医疗保险参保登记",
    "住房公积金提取（租房）",
    "不动产首次登记",
    "不动产抵押登记",
    "不动产转移登记（二手房买卖）",
    "出生医学证明签发",
    "残疾人证办理",
    "老年人优待证办理",
    "义务教育阶段新生入学登记",
    "企业设立登记",
    "个体工商户设立登记",
    "企业注销登记",
    "企业变更登记",
    "食品经营许可（新办）",
    "药品零售企业经营许可",
    "建筑工程施工许可证核发",
    "建设工程规划许可证核发",
    "企业投资项目备案",
    "排污许可证核发",
    "发票领用",
    "公章刻制备案",
    "公众聚集场所投入使用、营业前消防安全检查",
    "公共场所卫生许可",
    "人力资源服务许可",
    "道路货物运输经营许可",
    "户外广告设施设置审批",
    "城镇污水排入排水管网许可",
]
# Added with issue 16: the four items citizens missed first, then the most common personal and business items.
ISSUE_16_NAMES = [
    "居民身份证补领",
    "不动产转移登记（新建商品房）",
    "基本医疗保险关系转移接续",
    "企业职工退休及基本养老金申领",
    "居住证申领",
    "往来港澳通行证及签注签发",
    "机动车驾驶证补领",
    "离婚登记（内地居民）",
    "生育登记",
    "高龄津贴申领",
    "失业登记",
    "生育津贴申领",
    "社会保障卡补领、换领",
    "灵活就业人员参保登记",
    "门诊慢特病待遇认定",
    "不动产抵押注销登记",
    "住房公积金提取（购买自住住房）",
    "住房公积金提取（离休、退休）",
    "个体工商户注销登记",
    "食品经营许可（延续）",
    "新办纳税人涉税事项办理",
    "用人单位社会保险登记",
    "特种设备使用登记",
    "建设工程消防验收",
]
TODAY = datetime.date(2026, 11, 26)


@pytest.fixture
def guides(demo, db):
    return list(GuidePage.objects.live().select_related("department"))


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Department, ServiceHall, Material, Page, GuideMaterial, Revision, Site, get_document_model())
    }


def test_first_load_creates_everything(demo):
    assert demo["created"] >= 12 + 3 + 40 + 40 + 8 + 3
    assert demo["updated"] == 0


def test_second_load_changes_nothing(demo, db):
    before = _counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "新建 0，更新 0" in out.getvalue()
    assert _counts() == before


def test_changed_guide_is_restored_with_one_revision(demo, db):
    guide = GuidePage.objects.get(title="发票领用")
    guide.summary = "改过的说明"
    guide.materials = guide.materials.all()[:1]
    guide.save()
    revisions = Revision.objects.count()
    tally = load()
    assert tally["updated"] == 1
    assert Revision.objects.count() == revisions + 1
    guide.refresh_from_db()
    assert guide.summary != "改过的说明"
    assert guide.materials.count() == 4


def test_a_guide_that_breaks_a_rule_is_refused(demo, db, monkeypatch):
    bad = {**loader.GUIDES[0], "committed_limit_days": 99, "summary": "另一个说明"}
    monkeypatch.setattr(loader, "GUIDES", [bad])
    with pytest.raises(DemoContentError, match="居民身份证换领.*承诺办结时限"):
        load()


def test_each_required_name_is_in_exactly_one_live_guide_title(guides):
    titles = [guide.title for guide in guides]
    for name in REQUIRED_NAMES + ISSUE_16_NAMES:
        assert sum(name in title for title in titles) == 1, name


def test_every_live_guide_passes_the_publishing_rules(guides):
    for guide in guides:
        guide.change_note = "复核"  # what the next publish of a guide that was live before must give
        assert guide.publishing_problems() == [], guide.title


def test_every_demo_guide_implements_its_own_catalogue_item(guides):
    assert CatalogueItem.objects.count() == len(guides) == len({guide.catalogue_item_id for guide in guides})
    for guide in guides:
        item = guide.catalogue_item
        assert (item.name, item.item_type, item.legal_basis) == (guide.title, guide.item_type, guide.legal_basis)
        assert rules.implements_code(guide.item_code, item.code), guide.title


def test_counts_and_uniqueness(demo, db):
    assert Department.objects.count() >= 12
    assert ServiceHall.objects.count() == 3
    assert TopicPage.objects.live().count() == 8
    assert LifeEventPage.objects.live().count() == 3
    assert GuidePage.objects.live().count() == len(loader.GUIDES) >= len(REQUIRED_NAMES) + len(ISSUE_16_NAMES)
    codes = GuidePage.objects.values_list("item_code", flat=True)
    assert len(set(codes)) == len(codes)
    assert 40 <= Material.objects.count() <= 100


def test_reference_data_is_complete(demo, db):
    for department in Department.objects.all():
        assert department.code.isascii() and department.short_name and department.website
        assert department.enquiry_phone and department.complaint_phone
    for hall in ServiceHall.objects.all():
        assert hall.opening_hours.count() >= 2 and hall.latitude and hall.transit_note and hall.holiday_note


def test_site_tree(demo, db):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.slug == "home"
    assert site.root_url == settings.WAGTAILADMIN_BASE_URL  # migrate gave it SITE_URL's address
    assert not Page.objects.filter(depth=2).exact_type(Page).exists()
    index = GuideIndexPage.objects.child_of(home).get(slug="guides")
    assert CommitmentsPage.objects.child_of(home).filter(slug="commitments").exists()
    assert GuidePage.objects.child_of(index).count() == GuidePage.objects.count()
    assert TopicPage.objects.child_of(home).count() == 8
    assert LifeEventPage.objects.child_of(home).count() == 3


def test_guide_slugs_are_ascii_pinyin():
    assert slug_for("户口迁移（市内迁入）") == "hu-kou-qian-yi-shi-nei-qian-ru"
    long_slug = slug_for("公众聚集场所投入使用、营业前消防安全检查")
    assert len(long_slug) <= 60 and not long_slug.endswith("-") and long_slug.isascii()


def test_every_guide_fills_its_fields(guides):
    for guide in guides:
        assert 4 <= guide.materials.count() <= 10, guide.title
        assert 3 <= guide.steps.count() <= 6, guide.title
        assert guide.faqs.count() >= 1, guide.title
        assert guide.halls.exists() and guide.topics.exists(), guide.title
        assert guide.summary and guide.colloquial_names and guide.legal_basis and guide.conditions
        assert guide.result_name and guide.result_delivery and guide.last_reviewed and guide.next_review_due
        assert guide.committed_limit_days <= guide.legal_limit_days


def test_guides_mostly_use_the_material_library(demo, db):
    rows = GuideMaterial.objects.all()
    assert rows.filter(material__isnull=False).count() >= 0.7 * rows.count()


def test_guides_cover_every_kind(guides):
    assert {guide.is_instant for guide in guides} == {True, False}
    assert {guide.is_free for guide in guides} == {True, False}
    assert {guide.online_level for guide in guides} == {"full", "partial", "offline"}
    assert {0, 1, 2} <= {guide.visits_required for guide in guides}
    assert len({guide.service_scope for guide in guides}) == 4
    rows = GuideMaterial.objects.all()
    for flag in ("exempt_by_data_sharing", "pledge_allowed"):
        assert rows.filter(**{flag: True}).exists()
    assert rows.filter(requirement="deferrable").exists()


def test_guides_with_situations_tailor_their_materials(guides):
    tailored = []
    for guide in guides:
        options = {option for question in guide.situation_questions for option in question.options}
        used = {option for row in guide.materials.all() for option in row.applies_to_options}
        if options and used:
            assert used <= options, guide.title
            tailored.append(guide)
    assert len(tailored) >= 8
    guide = next(guide for guide in tailored if "二手房" in guide.title)
    everyone = guide.materials_for({})
    by_agent = guide.materials_for({1: "委托代理人办理"})
    in_person = guide.materials_for({1: "双方本人办理"})
    assert len(everyone) > len(in_person) and len(by_agent) > len(in_person)


def test_review_dates_include_overdue_and_soon_due(guides):
    overdue = [guide for guide in guides if guide.next_review_due < TODAY]
    soon = [guide for guide in guides if TODAY <= guide.next_review_due <= TODAY + datetime.timedelta(days=30)]
    assert 2 <= len(overdue) <= 3
    assert 2 <= len(soon) <= 3
    assert len(guides) - len(overdue) - len(soon) >= 30


def test_life_events_bundle_guides_with_notes(demo, db):
    for event in LifeEventPage.objects.live():
        items = list(event.bundle.all())
        assert len(items) >= 2 and all(item.note for item in items)
        assert len(event.visible_items()) == len(items)


def test_every_demo_guide_renders_with_its_committed_limit(guides, client):
    for guide in guides:
        response = client.get(guide.url)
        assert response.status_code == 200, guide.title
        html = response.content.decode()
        expected = "即办" if guide.is_instant else f"{guide.committed_limit_days} 个工作日"
        assert expected in html, guide.title


def test_demo_phones_and_addresses_belong_to_nobody(demo, db):
    """Phones: area code 0000 or a national hotline; web addresses: the reserved .example domain."""
    phone = re.compile(r"^(0000-\d{4,8}|12\d{3})$")
    phones = [
        *Department.objects.values_list("enquiry_phone", "complaint_phone"),
        *ServiceHall.objects.values_list("phone", "phone"),
        *GuidePage.objects.values_list("enquiry_phone", "complaint_phone"),
    ]
    assert [number for pair in phones for number in pair if number and not phone.match(number)] == []
    texts = " ".join(
        str(value)
        for values in GuidePage.objects.values_list("online_url", "appointment_note", "limit_note", "conditions")
        for value in values
    )
    assert re.findall(r"\b0(?!000)\d{2,3}-\d{7,8}\b", texts) == []
    urls = [
        *Department.objects.values_list("website", flat=True),
        *GuidePage.objects.values_list("online_url", flat=True),
    ]
    assert [url for url in urls if url and ".example/" not in url] == []


def test_sample_forms_hold_only_fictional_values(demo, db):
    """Identity numbers and credit codes in the region 339001, phones under 0000, addresses under .example."""
    texts = [_pdf_text(document) for document in get_document_model().objects.all()]
    assert len(texts) == 2 * len(documents.FORMS)
    text = "\n".join(texts)
    assert SAMPLE["name"] in text
    codes = re.findall(r"\b[0-9A-Z]{18}\b", text)
    identity_numbers = [code for code in codes if code[:17].isdigit()]
    credit_codes = [code for code in codes if not code[:17].isdigit()]
    assert identity_numbers and credit_codes
    assert [number for number in identity_numbers if number[:6] != "339001"] == []
    assert [code for code in credit_codes if code[2:8] != "339001"] == []
    assert re.findall(r"\b0(?!000)\d{2,3}-\d{7,8}\b|\b1[3-9]\d{9}\b", text) == []
    assert [domain for domain in re.findall(r"[a-z]+\.[a-z.]+", text) if not domain.endswith(".example")] == []


def _pdf_text(document):
    with document.open_file() as file:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(file.read())).pages)


def test_every_attached_document_opens_and_reads_in_chinese(demo, client):
    materials = Material.objects.filter(blank_form__isnull=False).select_related("blank_form", "example")
    assert {material.name for material in materials} == {form.material for form in documents.FORMS}
    for material in materials:
        assert material.example is not None, material.name
        for document, filled in ((material.blank_form, False), (material.example, True)):
            response = client.get(document.url)
            assert response.status_code == 200, document.title
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert body.startswith(b"%PDF-1.4") and response["Content-Type"] == "application/pdf"
            reader = PdfReader(io.BytesIO(body))
            text = reader.pages[0].extract_text()
            assert material.name in text and ("示例样表" if filled else "空白表格") in text, document.title
            assert (SAMPLE["id_number"] in text) == filled, document.title
            assert reader.metadata.title == document.title


def test_guide_material_rows_link_their_forms(guides, client):
    guide = next(guide for guide in guides if guide.title == "不动产转移登记（新建商品房）")
    material = Material.objects.get(name="不动产登记申请书")
    html = client.get(guide.url).content.decode()
    assert f'href="{material.blank_form.url}"' in html and f'href="{material.example.url}"' in html
    assert "下载空白表格" in html and "查看示例样表" in html


def test_documents_are_rewritten_only_when_their_bytes_change(demo, db):
    document = get_document_model().objects.get(title="授权委托书（空白表格）")
    count = 2 * len(documents.FORMS)
    assert documents.load() == {"unchanged": count}
    document.file_hash = "0" * 40
    document.save()
    assert documents.load() == {"updated": 1, "unchanged": count - 1}
    document.refresh_from_db()
    assert document.file_hash != "0" * 40


def test_the_demo_writes_its_site_settings_harmlessly(demo, db):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert site_settings.site_name and site_settings.city_name == "临江市" and site_settings.default_hall
    assert site_settings.hotline == "12345" and re.match(r"^0000-\d{4,8}$", site_settings.complaint_phone)
    assert site_settings.contact.endswith(".example") and not site_settings.base_url


def test_loading_again_beside_another_site_leaves_its_departments_and_halls_alone(demo, db):
    """Each site has its own departments under the codes every site uses (and may name a hall as the demo does):
    the demo's rows are the default site's, so a second load neither takes the other site's for its own nor finds
    two of them."""
    north, _index = add_site("jiangbei.example", "江北市")
    police = make_department(site=north, code="gongan", name="江北市公安局", short_name="公安", ordering=0)
    hall = ServiceHall.objects.get(site__is_default_site=True, name=HALLS[0]["name"])
    own_hall = make_hall(site=north, name=hall.name, address="江北市北岸路 1 号")
    assert load()["updated"] == 0
    police.refresh_from_db()
    own_hall.refresh_from_db()
    assert (police.name, own_hall.address) == ("江北市公安局", "江北市北岸路 1 号")
