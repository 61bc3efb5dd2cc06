"""Browse pages: home, the guide index, topics, life events and the commitments board."""

import math
from dataclasses import replace

from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from guides import checklist, commitments, filters, limits, situations, steps
from guides.choices import Audience
from search.documents import search_fields_for

from .feedback import handling_rows
from .guide import GuidePage
from .permissions import DepartmentPermissionTester
from .querysets import PublicPageManager
from .routes import HomeRoutesMixin, LifeEventRoutesMixin
from .snippets import Department

# The home page's 个人 / 法人 switch: (value of ?audience=, label)
AUDIENCE_TABS = (("", _("全部")), (Audience.PERSON.value, _("个人办事")), (Audience.BUSINESS.value, _("法人办事")))


class HomePage(HomeRoutesMixin, Page):
    """首页."""

    objects = PublicPageManager()

    intro = models.CharField(_("导语"), max_length=200, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["guides.GuideIndexPage", "guides.TopicPage", "guides.LifeEventPage", "guides.CommitmentsPage"]
    template = "guides/home_page.html"

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        audience = request.GET.get("audience", "")
        audience = audience if audience in (Audience.PERSON, Audience.BUSINESS) else ""
        site = Site.find_for_request(request)
        topics = TopicPage.objects.visible(site).descendant_of(self)
        life_events = LifeEventPage.objects.visible(site).descendant_of(self)
        if audience:
            topics = topics.filter(audience__in=filters.audiences(audience))
            life_events = life_events.filter(audience__in=filters.audiences(audience))
        context.update(
            topics=topics,
            life_events=life_events,
            departments=Department.objects.on(site),
            guide_count=GuidePage.objects.visible(site).count(),
            audience=audience,
            audience_tabs=AUDIENCE_TABS,
            popular=GuidePage.objects.popular(site, audience),
        )
        return context


class GuideIndexPage(Page):
    """办事指南 index: holds every guide; lists them by department."""

    objects = PublicPageManager()

    intro = models.CharField(_("导语"), max_length=200, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["guides.HomePage"]
    subpage_types = ["guides.GuidePage"]
    template = "guides/guide_index_page.html"

    class Meta:
        verbose_name = _("指南目录")

    def permissions_for_user(self, user):
        return DepartmentPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        departments = dict(Department.objects.on(Site.find_for_request(request)).values_list("code", "name"))
        chosen = filters.parse(request.GET, departments)
        guides = (
            GuidePage.objects.child_of(self)
            .visible(Site.find_for_request(request))
            .order_by("department__ordering", "title")
        )
        context.update(guides=filters.apply(guides, chosen), chosen_filters=filters.describe(chosen, departments))
        return context

    def serve(self, request, *args, **kwargs):
        try:
            return super().serve(request, *args, **kwargs)
        except filters.FilterError as error:
            context = {"page": self, "self": self, "filter_error": str(error), "guides": []}
            return TemplateResponse(request, self.template, context, status=400)


class TopicPage(Page):
    """主题: browse guides by theme, e.g. 婚姻生育, 社会保障."""

    objects = PublicPageManager()

    audience = models.CharField(_("面向"), max_length=10, choices=Audience.choices, default=Audience.PERSON)
    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("audience"), FieldPanel("intro")]
    search_fields = search_fields_for(Page, index.FilterField("audience"))
    parent_page_types = ["guides.HomePage"]
    subpage_types = []
    template = "guides/topic_page.html"

    class Meta:
        verbose_name = _("主题")
        verbose_name_plural = _("主题")

    def search_texts(self):
        return [self.title], [self.intro]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = self.guides.visible(Site.find_for_request(request)).order_by("title")
        return context


class LifeEventPage(LifeEventRoutesMixin, Page):
    """一件事一次办: several items bundled as one citizen need, shown as a step-by-step (guides.steps)."""

    objects = PublicPageManager()

    audience = models.CharField(_("面向"), max_length=10, choices=Audience.choices, default=Audience.PERSON)
    intro = models.TextField(_("导语"))
    event_name = models.CharField(
        _("起算事件"),
        max_length=20,
        blank=True,
        help_text=_("办理期限从哪件事起算，例如：孩子出生、领取营业执照；事项的办理期限显示为“孩子出生后 1 个月内”"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("event_name"),
        InlinePanel(
            "bundle",
            heading=_("办理步骤"),
            label=_("事项"),
            min_num=2,
            help_text=_("按办理先后排列。“新的一步”编号；“和”与上一项同属一步、都要办；“或”与上一项同属一步、任选其一"),
        ),
    ]
    search_fields = search_fields_for(Page, index.FilterField("audience"))
    parent_page_types = ["guides.HomePage"]
    subpage_types = []
    template = "guides/life_event_page.html"

    class Meta:
        verbose_name = _("一件事")
        verbose_name_plural = _("一件事")

    def search_texts(self):
        return [self.title], [self.intro, *(item.guide.title for item in self.visible_items(details=False))]

    def visible_items(self, details=True):
        """The bundle's rows whose guide a visitor may see, in order; each row's `guide` is that visible guide,
        with its materials and fees loaded unless `details` is False. Only these count: in the steps, the
        totals and the materials."""
        items = list(self.bundle.all())
        guides = GuidePage.objects.visible(self.get_site())  # a guide of another site is not this event's
        if details:
            guides = guides.prefetch_related("materials__material", "fees")
        guides = guides.in_bulk([item.guide_id for item in items])
        for item in items:
            item.life_event = self
            if item.guide_id in guides:
                item.guide = guides[item.guide_id]
        return [item for item in items if item.guide_id in guides]

    def numbered_steps(self, details=True):
        return steps.group(self.visible_items(details))

    def journey(self, params):
        """Everything the page and its printed checklist show, for the situation answers in `params`."""
        numbered = self.numbered_steps()
        questions = situations.merge_questions(
            item.guide.situation_questions for step in numbered for item in step.rows
        )
        answers = situations.parse_answers(questions, params)
        uses = []
        for step in numbered:
            for item in step.rows:
                guide = item.guide
                own = guide.situation_questions
                rows = situations.materials_for_answers(
                    list(guide.materials.all()), own, situations.answers_for(own, questions, answers)
                )
                uses.extend(checklist.Use(step.number, guide, row, situations.condition(row, own)) for row in rows)
        query = checklist.answers_query(questions, answers)
        return {
            "steps": numbered,
            "totals": steps.totals(numbered, guide_facts),
            "questions": questions,
            "answers": answers,
            "answered": [(q, answers[q.number]) for q in questions if q.number in answers],
            "answers_query": query,
            "combined_materials": checklist.combine(uses),
            "print_url": self.url + self.reverse_subpage("print_checklist") + (f"?{query}" if query else ""),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.journey(request.GET))
        return context

    @classmethod
    def places_of(cls, guide):
        """[(life event, its row of `guide`, step, previous step, next step)] for each visible life event that
        lists `guide`, in tree order."""
        # a life event of another site is not this guide's
        events = cls.objects.visible(guide.get_site()).filter(bundle__guide=guide).distinct().order_by("path")
        places = []
        for event in events:
            numbered = event.numbered_steps(details=False)
            item = next((row for step in numbered for row in step.rows if row.guide_id == guide.pk), None)
            if item is not None:
                places.append((event, item, *steps.position(numbered, item)))
        return places


def guide_facts(item):
    """guides.steps.Facts of a bundle row, from its guide: committed working days (a limit in natural days
    converted as guides.limits compares them, rounded up), visits, fees."""
    guide = item.guide
    fees = () if guide.is_free else tuple(" ".join(filter(None, (fee.name, fee.standard))) for fee in guide.fees.all())
    days = limits.working_days(guide.committed_limit_days, guide.committed_limit_unit)
    return steps.Facts(days=None if days is None else math.ceil(days), visits=guide.visits_required, fees=fees)


class LifeEventItem(Orderable):
    """One guide within a life event: its step logic, what it does in the bundle, its deadline."""

    life_event = ParentalKey(LifeEventPage, on_delete=models.CASCADE, related_name="bundle")
    guide = models.ForeignKey("guides.GuidePage", verbose_name=_("事项"), on_delete=models.CASCADE, related_name="+")
    logic = models.CharField(
        _("与上一项"), max_length=10, choices=steps.StepLogic.choices, default=steps.StepLogic.NUMBER
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    optional = models.BooleanField(
        _("视情况办理"), default=False, help_text=_("只有部分人需要办理；在“说明”中写明什么情况下办理")
    )
    deadline_amount = models.PositiveSmallIntegerField(
        _("办理期限"), null=True, blank=True, help_text=_("自起算事件起多久内办理；留空表示没有期限")
    )
    deadline_unit = models.CharField(
        _("期限单位"), max_length=10, choices=steps.DeadlineUnit.choices, default=steps.DeadlineUnit.DAY
    )

    panels = [
        PageChooserPanel("guide", "guides.GuidePage"),
        FieldRowPanel([FieldPanel("logic"), FieldPanel("optional")]),
        FieldPanel("note"),
        FieldRowPanel([FieldPanel("deadline_amount"), FieldPanel("deadline_unit")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("包含事项")

    @property
    def deadline(self):
        if not self.deadline_amount:
            return None
        return steps.Deadline(self.deadline_amount, self.deadline_unit)

    @property
    def deadline_text(self):
        deadline = self.deadline
        return deadline.text(self.life_event.event_name or _("事件发生")) if deadline else ""


class CommitmentsPage(Page):
    """承诺公示: the public commitments board, computed live from published guides."""

    objects = PublicPageManager()

    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["guides.HomePage"]
    subpage_types = []
    max_count = 1
    template = "guides/commitments_page.html"

    class Meta:
        verbose_name = _("承诺公示")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        try:
            context["board"] = commitments_board(request, request.GET.get("page") or 1)
        except InvalidPage:
            raise Http404 from None
        context["guide_list_url"] = context["board"]["guide_list_url"]
        return context


BOARD_PAGE_SIZE = 100  # guides whose limits the board lists on one page (its figures cover them all)


def commitments_board(request, page_number=1, page_size=BOARD_PAGE_SIZE):
    """Every figure of the board of the request's site (guides.commitments.board), `guide_list_url`, the list
    its figures link to, and the page `page_number` of the guides it lists one by one (Paginator.page: raises
    InvalidPage), with only that page's URLs looked up."""
    site = Site.find_for_request(request)
    rows = GuidePage.objects.board_rows(site)
    page = Paginator(rows, page_size).page(page_number)
    urls = {listed.pk: listed.get_url(request) for listed in Page.objects.filter(pk__in=[row.pk for row in page])}
    board = commitments.board(
        rows,
        handling_rows(GuidePage.objects.visible(site)),
        [replace(row, url=urls[row.pk]) for row in page],
    )
    board["paging"] = {"page": page.number, "pages": page.paginator.num_pages, "page_size": page_size}
    index = GuideIndexPage.objects.visible(site).first()
    board["guide_list_url"] = index.get_url(request) if index else None
    return board
