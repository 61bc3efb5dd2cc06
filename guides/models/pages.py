"""Browse pages: home, the guide index, topics, life events and the commitments board."""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from guides import commitments, filters
from guides.choices import Audience
from search.documents import search_fields_for

from .feedback import handling_rows
from .guide import GuidePage
from .permissions import DepartmentPermissionTester
from .querysets import PublicPageManager
from .routes import HomeRoutesMixin
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
    max_count = 1
    template = "guides/home_page.html"

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        audience = request.GET.get("audience", "")
        audience = audience if audience in (Audience.PERSON, Audience.BUSINESS) else ""
        topics = TopicPage.objects.visible().descendant_of(self)
        life_events = LifeEventPage.objects.visible().descendant_of(self)
        if audience:
            topics = topics.filter(audience__in=filters.audiences(audience))
            life_events = life_events.filter(audience__in=filters.audiences(audience))
        context.update(
            topics=topics,
            life_events=life_events,
            departments=Department.objects.all(),
            guide_count=GuidePage.objects.visible().count(),
            audience=audience,
            audience_tabs=AUDIENCE_TABS,
            popular=GuidePage.objects.popular(audience),
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
        departments = dict(Department.objects.values_list("code", "name"))
        chosen = filters.parse(request.GET, departments)
        guides = GuidePage.objects.child_of(self).visible().order_by("department__ordering", "title")
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
        context["guides"] = self.guides.visible().order_by("title")
        return context


class LifeEventPage(Page):
    """一件事一次办: several items bundled as one citizen need."""

    objects = PublicPageManager()

    audience = models.CharField(_("面向"), max_length=10, choices=Audience.choices, default=Audience.PERSON)
    intro = models.TextField(_("导语"))

    content_panels = Page.content_panels + [
        FieldPanel("audience"),
        FieldPanel("intro"),
        InlinePanel("bundle", heading=_("包含事项"), label=_("事项"), min_num=2),
    ]
    search_fields = search_fields_for(Page, index.FilterField("audience"))
    parent_page_types = ["guides.HomePage"]
    subpage_types = []
    template = "guides/life_event_page.html"

    class Meta:
        verbose_name = _("一件事")
        verbose_name_plural = _("一件事")

    def search_texts(self):
        return [self.title], [self.intro, *(guide.title for _item, guide in self.bundled())]

    def bundled(self):
        """(item, guide) for each guide of this bundle that a visitor may see, in the order the editor set."""
        items = list(self.bundle.all())
        guides = GuidePage.objects.visible().in_bulk([item.guide_id for item in items])
        return [(item, guides[item.guide_id]) for item in items if item.guide_id in guides]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["bundled"] = self.bundled()
        return context


class LifeEventItem(Orderable):
    """One guide within a life event, with what it does in the bundle."""

    life_event = ParentalKey(LifeEventPage, on_delete=models.CASCADE, related_name="bundle")
    guide = models.ForeignKey("guides.GuidePage", verbose_name=_("事项"), on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [PageChooserPanel("guide", "guides.GuidePage"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("包含事项")


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
        context["board"] = commitments_board(request)
        context["guide_list_url"] = context["board"]["guide_list_url"]
        return context


def commitments_board(request=None):
    """Every figure of the board (guides.commitments.board) and `guide_list_url`, the list its figures link to."""
    board = commitments.board(GuidePage.objects.board_rows(request), handling_rows(GuidePage.objects.visible()))
    index = GuideIndexPage.objects.visible().first()
    board["guide_list_url"] = index.get_url(request) if index else None
    return board
