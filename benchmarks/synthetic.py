"""Synthetic guides for the search benchmarks: realistic words, in realistic proportions, made fast.

Pages are written with their tree paths computed here instead of one `add_child` each, and without search
indexing on save, so that the benchmarks can time `update_index` on its own.
"""

import datetime
import random

from django.utils import timezone

DISTRICT_NAMES = "临江 东湖 西山 南屏 北岸 城东 城西 高新 滨海 江北 江南 新城 老城 湖滨 山前 港区 河口 桥南 桥北 开发"
DISTRICTS = [f"{name}区" for name in DISTRICT_NAMES.split()]
OBJECTS = (
    "不动产 营业执照 居民身份证 社会保险 结婚 护照 驾驶证 住房公积金 基本医疗保险 食品经营许可证 建设工程规划许可证"
    " 排污许可证 户口 出生医学证明 残疾人证 老年人优待证 社会保障卡 失业保险金 最低生活保障 临时救助 发票 公章 消防安全"
    " 卫生许可证 道路运输证 施工许可证 投资项目 户外广告 排水许可证 药品经营许可证 人力资源服务许可证 义务教育入学"
    " 异地就医 养老保险 工伤认定 居住证 港澳通行证 机动车 个体工商户 企业"
).split()
ACTIONS = "首次登记 变更登记 注销登记 转移登记 补领 换领 申请 审批 备案 核发 延续 查询 认定 迁移 签发".split()
MATERIALS = (
    "居民身份证 户口簿 结婚证 营业执照 不动产权证书 申请表 授权委托书 房屋买卖合同 出生医学证明 照片 体检证明"
    " 劳动合同 租赁合同 社会保障卡 驾驶证 护照 银行卡 承诺书 平面图 检测报告"
).split()
SUMMARIES = [
    "申请人按规定提交材料，{o}{a}，材料齐全的当场受理",
    "办理{o}{a}，可网上申请，也可到市民中心窗口办理",
    "符合条件的{o}{a}，审核通过后发放结果，支持免费邮寄",
]


def make_departments(count=20, site=None, prefix="合成测试"):
    """`count` departments of `site` (None: the default site), named with `prefix` (the importer finds a
    department by name in every site, so each site's names must differ)."""
    from guides.models import Department

    on_site = {"site": site} if site is not None else {}
    return [
        Department.objects.create(
            name=f"{prefix}部门{n:02d}",
            short_name=f"部门{n:02d}",
            code=f"bench{n:02d}",
            enquiry_phone="12345",
            **on_site,
        )
        for n in range(count)
    ]


def make_guides(index, count, seed=20261126, departments=None):
    """`count` live guides under `index`, each with one to three materials, each of one of `departments`
    (default: 20 new ones of the default site).

    Written in bulk: Page rows with their tree paths computed here, then the GuidePage rows (Django cannot
    bulk-create a multi-table model in one call), with no signals, so nothing is indexed on the way.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from guides.models import GuideMaterial, GuidePage

    rng = random.Random(seed)
    departments = departments or make_departments()
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(GuidePage)
    last = index.get_last_child()  # after the guides already there (the demo's)
    first = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    guides = []
    for number in range(first, first + count):
        obj, action = rng.choice(OBJECTS), rng.choice(ACTIONS)
        title = f"{rng.choice(DISTRICTS)}{obj}{action}"
        guides.append(
            GuidePage(
                title=title,
                draft_title=title,
                slug=f"bench-{number}",
                url_path=f"{index.url_path}bench-{number}/",
                path=GuidePage._get_path(index.path, index.depth + 1, number),
                depth=index.depth + 1,
                content_type=content_type,
                locale_id=index.locale_id,
                live=True,
                first_published_at=now,
                last_published_at=now,
                item_code=f"99{number:020d}",
                item_type="licensing",
                audience=rng.choice(["person", "person", "business", "both"]),
                department=rng.choice(departments),
                summary=rng.choice(SUMMARIES).format(o=obj, a=action),
                legal_basis="《中华人民共和国行政许可法》",
                conditions=f"符合条件的申请人可以申请{obj}{action}",
                legal_limit_days=20,
                committed_limit_days=rng.choice([0, 1, 3, 5, 10]),
                is_free=rng.random() < 0.8,
                online_level=rng.choice(["full", "partial", "offline"]),
                visits_required=rng.choice([0, 1, 1, 2]),
                result_name=f"{obj}相关证明",
                last_reviewed=datetime.date(2026, 6, 1),
            )
        )
    page_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    pages = Page.objects.bulk_create(
        [Page(**{name: getattr(guide, name) for name in page_fields}) for guide in guides], batch_size=500
    )
    for guide, page in zip(guides, pages, strict=True):
        guide.page_ptr_id = guide.pk = page.pk
    for start in range(0, len(guides), 500):
        GuidePage.objects._insert(guides[start : start + 500], fields=GuidePage._meta.local_concrete_fields)
    materials = []
    for guide in guides:
        names = {"居民身份证"} if rng.random() < 0.75 else set()
        names.update(rng.sample(MATERIALS, rng.randint(1, 3)))
        materials.extend(GuideMaterial(guide=guide, name=name, sort_order=n) for n, name in enumerate(sorted(names)))
    GuideMaterial.objects.bulk_create(materials, batch_size=2000)
    # Counted on the tree itself: get_children() is empty while the index's stored numchild says it is a leaf.
    children = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).count()
    Page.objects.filter(pk=index.pk).update(numchild=children)
    index.numchild = children


def build_site(count):
    """The default site with `count` synthetic guides under its guide index."""
    from tests.factories import make_site

    _home, index = make_site()
    make_guides(index, count)
