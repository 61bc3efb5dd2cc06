"""GuidePage: one published guide (办事指南) for one service item, with its inline rows."""

from django.db import models
from django.db.models import Count, Max
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Revision
from wagtail.search import index

from guides import changelog, checklist, limits, review_dates, rules, situations
from guides.blocks import SituationBlock
from guides.choices import (
    Audience,
    ItemType,
    MaterialForm,
    MaterialMedium,
    MaterialSource,
    OnlineLevel,
    Requirement,
    ServiceScope,
)
from guides.phones import effective_phones
from guides.text import split_names
from search.documents import search_fields_for
from web.sites import EVERY_SITE, sites_holding

from .editor_panels import PublishingCheckPanel
from .fields import optional_document
from .forms import GuidePageForm
from .permissions import DepartmentPermissionTester
from .querysets import GuideManager
from .routes import GuideRoutesMixin
from .snippets import Material


def library_names(*contents):
    """{material id: name} for the library materials named in these revision contents."""
    ids = {row.get("material") for content in contents for row in content.get("materials", []) if row.get("material")}
    return dict(Material.objects.filter(pk__in=ids).values_list("pk", "name"))


class GuidePage(GuideRoutesMixin, Page):
    """办事指南: everything a citizen needs to handle one service item."""

    objects = GuideManager()

    # 基本信息
    item_code = models.CharField(_("事项编码"), max_length=40, db_index=True, help_text=_("国家标准实施编码，全站唯一"))
    item_type = models.CharField(_("事项类型"), max_length=20, choices=ItemType.choices)
    audience = models.CharField(_("服务对象"), max_length=10, choices=Audience.choices)
    department = models.ForeignKey(
        "guides.Department", verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="guides"
    )
    catalogue_item = models.ForeignKey(
        "guides.CatalogueItem",
        verbose_name=_("目录事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guides",
        help_text=_("这篇指南实施的事项目录条目；名称、编码、类型和设定依据须与目录一致"),
    )
    topics = ParentalManyToManyField("guides.TopicPage", verbose_name=_("所属主题"), blank=True, related_name="guides")
    summary = models.CharField(_("一句话说明"), max_length=200, help_text=_("在搜索结果和列表中显示"))
    colloquial_names = models.CharField(
        _("常用叫法"),
        max_length=300,
        blank=True,
        help_text=_("群众平时的说法，多个用顿号分隔，例如：房产证、开公司"),
    )
    legal_basis = models.TextField(_("设定依据"), help_text=_("每条法律法规一行"))
    conditions = models.TextField(_("受理条件"))
    last_reviewed = models.DateField(_("上次复核日期"), null=True, blank=True)
    next_review_due = models.DateField(_("下次复核日期"), null=True, blank=True)
    change_note = models.CharField(
        _("更新说明"),
        max_length=200,
        blank=True,
        help_text=_("公开显示在指南的“更新记录”中；已发布过的指南再次发布或提交审核时必须填写"),
    )

    # 情形
    situations = StreamField(
        [("situation", SituationBlock())], verbose_name=_("情形引导"), blank=True, use_json_field=True
    )

    # 时限与收费
    legal_limit_days = models.IntegerField(_("法定办结时限"), help_text=_("天数；0 表示法律规定当场办结"))
    legal_limit_unit = models.CharField(
        _("法定时限单位"),
        max_length=10,
        choices=limits.LimitUnit.choices,
        default=limits.LimitUnit.WORKING,
        help_text=_("按法律条文：写“日内”的一般为自然日"),
    )
    committed_limit_days = models.IntegerField(_("承诺办结时限"), help_text=_("天数；0 表示即办：当场办结"))
    committed_limit_unit = models.CharField(
        _("承诺时限单位"), max_length=10, choices=limits.LimitUnit.choices, default=limits.LimitUnit.WORKING
    )
    limit_note = models.CharField(
        _("时限说明"), max_length=200, blank=True, help_text=_("例如：不含公告、现场勘验、专家评审时间")
    )
    is_free = models.BooleanField(_("不收费"), default=True)

    # 办理方式
    online_level = models.CharField(_("网上办理深度"), max_length=10, choices=OnlineLevel.choices)
    online_url = models.URLField(_("网上办理地址"), blank=True)
    visits_required = models.IntegerField(_("到办事现场次数"), default=1)
    appointment = models.BooleanField(_("支持预约办理"), default=False)
    appointment_note = models.CharField(_("预约方式"), max_length=200, blank=True)
    postal_delivery = models.BooleanField(_("支持结果邮寄"), default=False)
    service_scope = models.CharField(
        _("通办范围"), max_length=10, choices=ServiceScope.choices, default=ServiceScope.LOCAL
    )

    # 地点与咨询
    enquiry_phone = models.CharField(_("咨询电话"), max_length=50, blank=True, help_text=_("留空则使用部门电话"))
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=50, blank=True, help_text=_("留空则使用部门电话"))

    # 结果与问答
    result_name = models.CharField(_("办理结果"), max_length=100, help_text=_("例如：居民身份证、营业执照"))
    result_sample = optional_document(_("结果样本"))
    result_delivery = models.CharField(
        _("结果送达方式"), max_length=200, blank=True, help_text=_("例如：窗口领取、免费邮寄、电子证照")
    )

    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []
    base_form_class = GuidePageForm
    template = "guides/guide_page.html"

    search_fields = search_fields_for(
        Page,
        index.FilterField("department"),
        index.FilterField("audience"),
        index.FilterField("online_level"),
        index.FilterField("is_free"),
        index.FilterField("committed_limit_days"),
        index.FilterField("visits_required"),
        index.FilterField("topics"),
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    PublishingCheckPanel(),
                    FieldPanel("change_note"),
                    FieldPanel("title"),
                    FieldPanel("catalogue_item"),
                    FieldRowPanel([FieldPanel("item_code"), FieldPanel("item_type")]),
                    FieldRowPanel([FieldPanel("department"), FieldPanel("audience")]),
                    FieldPanel("summary"),
                    FieldPanel("colloquial_names"),
                    FieldPanel("topics"),
                    FieldPanel("legal_basis"),
                    FieldPanel("conditions"),
                    FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")]),
                ],
                heading=_("基本信息"),
            ),
            ObjectList(
                [InlinePanel("materials", heading=_("申请材料"), label=_("材料"), min_num=1)],
                heading=_("申请材料"),
            ),
            ObjectList([FieldPanel("situations")], heading=_("情形")),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("legal_limit_days"), FieldPanel("legal_limit_unit")]),
                    FieldRowPanel([FieldPanel("committed_limit_days"), FieldPanel("committed_limit_unit")]),
                    FieldPanel("limit_note"),
                    FieldPanel("is_free"),
                    InlinePanel("fees", heading=_("收费项目"), label=_("收费项目")),
                ],
                heading=_("时限与收费"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("online_level"), FieldPanel("visits_required")]),
                    FieldPanel("online_url"),
                    FieldPanel("service_scope"),
                    MultiFieldPanel(
                        [FieldPanel("appointment"), FieldPanel("appointment_note"), FieldPanel("postal_delivery")],
                        heading=_("预约与寄递"),
                    ),
                    InlinePanel("steps", heading=_("办理流程"), label=_("步骤")),
                ],
                heading=_("办理方式"),
            ),
            ObjectList(
                [
                    InlinePanel("halls", heading=_("办理地点"), label=_("地点")),
                    FieldRowPanel([FieldPanel("enquiry_phone"), FieldPanel("complaint_phone")]),
                ],
                heading=_("地点与咨询"),
            ),
            ObjectList(
                [
                    FieldPanel("result_name"),
                    FieldPanel("result_delivery"),
                    FieldPanel("result_sample"),
                    InlinePanel("faqs", heading=_("常见问题"), label=_("问题")),
                ],
                heading=_("结果与问答"),
            ),
            ObjectList(Page.promote_panels, heading=_("推广")),
            ObjectList(Page.settings_panels, heading=_("设置")),
        ]
    )

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")

    # Derived values: computed from the fields above, never entered.
    @property
    def is_instant(self):
        return limits.is_instant(self.committed_limit_days)

    @property
    def limit_kind(self):
        return limits.limit_kind(self.committed_limit_days)

    @property
    def compression(self):
        return limits.compression(
            self.legal_limit_days, self.committed_limit_days, self.legal_limit_unit, self.committed_limit_unit
        )

    @property
    def legal_limit_text(self):
        """法定时限 in words: 即办 for 0 (当场办结), else N 个工作日 / N 个自然日."""
        return limits.describe(self.legal_limit_days, self.legal_limit_unit)

    @property
    def committed_limit_text(self):
        return limits.describe(self.committed_limit_days, self.committed_limit_unit)

    @property
    def review_state(self):
        """复核状态 today: see guides.review_dates."""
        return review_dates.state(self.next_review_due)

    @property
    def needs_review(self):
        """True when the next review date has passed: the public page says 内容待复核."""
        return self.review_state == review_dates.OVERDUE

    def permissions_for_user(self, user):
        return DepartmentPermissionTester(user, self)

    @cached_property
    def phones(self):
        return effective_phones(self, self.department)

    @property
    def colloquial_name_list(self):
        return split_names(self.colloquial_names)

    @property
    def situation_questions(self):
        return situations.questions_from_stream(self.situations)

    def material_rows(self):
        """Every material row of the guide, each with its library material."""
        return list(self.materials.select_related("material"))

    def materials_for(self, answers, rows=None):
        """The materials this applicant needs, given their answers to the situation questions; `rows` are the
        guide's material_rows() when the caller has them already (the public page keeps them per generation)."""
        rows = self.material_rows() if rows is None else rows
        return situations.materials_for_answers(rows, self.situation_questions, answers)

    def sites(self):
        """The sites whose tree holds this guide (by its tree path, which a new guide has before its URL)."""
        return sites_holding(self.path)

    def publishing_problems(
        self, materials=None, fees=None, halls=None, steps=None, *, code_holders=None, published_before=None
    ):
        """The publishing rules this guide breaks (guides.rules), with these rows or, by default, its own.

        A caller checking many guides at once (an import) passes what it asked once for all of them: the
        (live, offline) guides holding this guide's item code (GuideQuerySet.holders), and whether this guide
        has been live before; by default each is asked of the database here, within the guide's own sites."""
        given = {"materials": materials, "fees": fees, "halls": halls, "steps": steps}
        rows = rules.Rows(
            **{name: list(getattr(self, name).all() if value is None else value) for name, value in given.items()}
        )
        code = (self.item_code or "").strip()
        if code_holders is None:
            code_holders = GuidePage.objects.holders([code], self.sites() or EVERY_SITE)[code] if code else ([], [])
        taken = any(holder.pk != self.pk for holder in [*code_holders[0], *code_holders[1]])
        if published_before is None:
            stored = GuidePage.objects.filter(pk=self.pk, first_published_at__isnull=False) if self.pk else None
            published_before = stored is not None and stored.exists()
        return rules.check_guide(self, rows, item_code_taken=taken, published_before=published_before)

    def is_going_live(self):
        """True while this instance is being saved as a new live version: a new live page, or a live revision
        that is not the stored one (a publish, an approval, a scheduled publish, a copy, an import)."""
        if not self.live:
            return False
        stored = GuidePage.objects.filter(pk=self.pk).values("live", "live_revision_id").first() if self.pk else None
        return stored is None or not stored["live"] or stored["live_revision_id"] != self.live_revision_id

    def live_content(self):
        """The revision content of the published version, or None when the guide is not live."""
        stored = GuidePage.objects.filter(pk=self.pk, live=True).values_list("live_revision", flat=True).first()
        return Revision.objects.filter(pk=stored).values_list("content", flat=True).first() if stored else None

    def changes_against_live(self):
        """What going live would change, in the words of the public 更新记录 (guides.changelog): [] when this
        version says what the live one says, None when the guide has no live version to compare with."""
        live = self.live_content()
        if live is None:
            return None
        draft = self.serializable_data()
        if changelog.same_content(draft, live):
            return []
        names = library_names(draft, live)
        return changelog.summarize(changelog.snapshot(live, names), changelog.snapshot(draft, names)) or [
            changelog.OTHER_CHANGES
        ]

    def save_revision(self, *args, **kwargs):
        # Wagtail 8 autosaves a draft while the editor types (a new revision, then overwriting it); one that says
        # what the live version says is not an unpublished change (it would hold up imports and reviewers).
        revision = super().save_revision(*args, **kwargs)
        live = self.live_content() if self.has_unpublished_changes else None
        if live is not None and changelog.same_content(revision.content, live):
            self.has_unpublished_changes = False
            self.save(update_fields=["has_unpublished_changes"], clean=False)
        return revision

    def save(self, *args, **kwargs):
        # Every route to live ends in this save, whichever admin view, API, command or workflow started it: the
        # rules are checked here, so that none can skip them. A draft (update_fields) is never refused.
        if kwargs.get("update_fields") is None and self.is_going_live():
            problems = self.publishing_problems()
            if problems:
                raise rules.PublishingRefused(problems)
        return super().save(*args, **kwargs)

    def search_texts(self):
        """(names, body texts) that search analyses once per object (search.documents): the names people call
        the service by, then what the guide says about it."""
        names = [self.title, *self.colloquial_name_list]
        body = [
            self.summary,
            self.department.name if self.department_id else "",
            self.result_name,
            self.conditions,
            " ".join(row.display_name for row in self.materials.all()),
            " ".join(faq.question for faq in self.faqs.all()),
        ]
        return names, body

    vocabulary_by_site = True

    @classmethod
    def vocabulary_words(cls, sites=EVERY_SITE):
        """The names search knows guides by (search.vocabulary): titles and everyday names a citizen of `sites`
        may see."""
        names = []
        for title, colloquial in cls.objects.visible(sites).values_list("title", "colloquial_names"):
            names.append(title)
            names.extend(split_names(colloquial))
        return names

    @classmethod
    def vocabulary_version(cls):
        return tuple(cls.objects.visible(EVERY_SITE).aggregate(n=Count("pk"), at=Max("last_published_at")).values())

    @classmethod
    def get_indexed_objects(cls):
        return (
            super().get_indexed_objects().select_related("department").prefetch_related("materials__material", "faqs")
        )

    def get_context(self, request, *args, material_rows=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        questions = self.situation_questions
        answers = situations.parse_answers(questions, request.GET)
        query = checklist.answers_query(questions, answers)
        context.update(
            questions=questions,
            answers=answers,
            answered=[(question, answers[question.number]) for question in questions if question.number in answers],
            answers_query=query,
            print_url=self.url + self.reverse_subpage("print_checklist") + (f"?{query}" if query else ""),
            materials=self.materials_for(answers, material_rows),
            halls=self.public_halls,  # called by the template only where it shows them (not from a kept part)
        )
        return context

    def public_halls(self):
        """Where to go: the guide's halls with their opening hours."""
        return self.halls.select_related("hall").prefetch_related("hall__opening_hours")


class GuideMaterial(Orderable):
    """申请材料: one material row of a guide, either from the library or named freely."""

    guide = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="materials")
    material = models.ForeignKey(
        "guides.Material",
        verbose_name=_("材料库材料"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guide_uses",
    )
    name = models.CharField(_("材料名称"), max_length=120, blank=True, help_text=_("不从材料库选择时填写"))
    form = models.CharField(_("材料形式"), max_length=10, choices=MaterialForm.choices, default=MaterialForm.ORIGINAL)
    medium = models.CharField(_("载体"), max_length=10, choices=MaterialMedium.choices, default=MaterialMedium.PAPER)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    requirement = models.CharField(
        _("必要性"), max_length=10, choices=Requirement.choices, default=Requirement.REQUIRED
    )
    source = models.CharField(_("来源渠道"), max_length=20, choices=MaterialSource.choices, blank=True)
    notes = models.TextField(_("填报要求"), blank=True)
    exempt_by_data_sharing = models.BooleanField(_("免提交（数据共享获取）"), default=False)
    pledge_allowed = models.BooleanField(_("可告知承诺"), default=False)
    applies_to = models.CharField(
        _("适用情形"),
        max_length=200,
        blank=True,
        help_text=_("留空表示所有情形都需要；否则填写情形选项，多个用顿号分隔"),
    )

    panels = [
        FieldRowPanel([FieldPanel("material"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("form"), FieldPanel("medium"), FieldPanel("copies"), FieldPanel("requirement")]),
        FieldPanel("source"),
        FieldPanel("notes"),
        FieldRowPanel([FieldPanel("exempt_by_data_sharing"), FieldPanel("pledge_allowed")]),
        FieldPanel("applies_to"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.material.name if self.material_id else self.name

    @property
    def effective_source(self):
        if self.source:
            return self.source
        return self.material.source if self.material_id else ""

    def get_effective_source_display(self):
        return MaterialSource(self.effective_source).label if self.effective_source else ""

    @property
    def applies_to_options(self):
        return split_names(self.applies_to)


class GuideFee(Orderable):
    """收费项目: one fee with its standard and legal basis."""

    guide = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField(_("收费项目"), max_length=100)
    standard = models.CharField(_("收费标准"), max_length=200, blank=True)
    basis = models.CharField(_("收费依据"), max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("standard"), FieldPanel("basis")]

    class Meta(Orderable.Meta):
        verbose_name = _("收费项目")

    def __str__(self):
        return self.name


class GuideStep(Orderable):
    """办理流程: one step of handling."""

    guide = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("环节"), max_length=50)
    description = models.TextField(_("说明"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("办理步骤")

    def __str__(self):
        return self.title


class GuideHall(Orderable):
    """办理地点: a hall and window where this item is handled."""

    guide = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="halls")
    hall = models.ForeignKey(
        "guides.ServiceHall", verbose_name=_("办事大厅"), on_delete=models.PROTECT, related_name="guide_uses"
    )
    window = models.CharField(_("窗口"), max_length=100, blank=True, help_text=_("例如：二楼 12–15 号窗口"))

    panels = [FieldPanel("hall"), FieldPanel("window")]

    class Meta(Orderable.Meta):
        verbose_name = _("办理地点")

    def __str__(self):
        return f"{self.hall} {self.window}".strip()


class GuideFAQ(Orderable):
    """常见问题."""

    guide = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("问题"), max_length=200)
    answer = models.TextField(_("解答"))

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = _("常见问题")

    def __str__(self):
        return self.question
