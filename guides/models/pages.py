"""Browse pages: home, the guide index, topics, life events and the commitments board."""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from search.documents import search_fields_for

from .choices import Audience
from .routes import HomeRoutesMixin


class HomePage(HomeRoutesMixin, Page):
    """首页."""

    intro = models.CharField(_("导语"), max_length=200, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["guides.GuideIndexPage", "guides.TopicPage", "guides.LifeEventPage", "guides.CommitmentsPage"]
    max_count = 1
    template = "guides/home_page.html"

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        from guides.models import Department, GuidePage, LifeEventPage, TopicPage
        from guides.views import browse

        context = super().get_context(request, *args, **kwargs)
        audience = browse.audience_choice(request)
        context["topics"] = TopicPage.objects.live().public().descendant_of(self)
        context["life_events"] = LifeEventPage.objects.live().public().descendant_of(self)
        if audience:
            context["topics"] = context["topics"].filter(audience__in=[audience, Audience.BOTH])
            context["life_events"] = context["life_events"].filter(audience__in=[audience, Audience.BOTH])
        context["departments"] = Department.objects.all()
        context["guide_count"] = GuidePage.objects.live().public().count()
        context.update(audience=audience, audience_tabs=browse.audience_tabs(), popular=browse.popular_guides(audience))
        return context


class GuideIndexPage(Page):
    """办事指南 index: holds every guide; lists them by department."""

    intro = models.CharField(_("导语"), max_length=200, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["guides.HomePage"]
    subpage_types = ["guides.GuidePage"]
    template = "guides/guide_index_page.html"

    class Meta:
        verbose_name = _("指南目录")

    def permissions_for_user(self, user):
        from guides.roles import DepartmentPermissionTester

        return DepartmentPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from guides.models import GuidePage
        from guides.views import browse

        context = super().get_context(request, *args, **kwargs)
        context["guides"] = (
            GuidePage.objects.child_of(self)
            .live()
            .public()
            .select_related("department")
            .order_by("department__ordering", "title")
        )
        context.update(browse.filtered_list_context(request, context["guides"]))
        return context

    def serve(self, request, *args, **kwargs):
        from guides.browse import FilterError

        try:
            return super().serve(request, *args, **kwargs)
        except FilterError as error:
            context = {"page": self, "self": self, "filter_error": str(error), "guides": []}
            return TemplateResponse(request, self.template, context, status=400)


class TopicPage(Page):
    """主题: browse guides by theme, e.g. 婚姻生育, 社会保障."""

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
        context["guides"] = self.guides.live().public().select_related("department").order_by("title")
        return context


class LifeEventPage(Page):
    """一件事一次办: several items bundled as one citizen need."""

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
        return [self.title], [self.intro, *(item.guide.title for item in self.bundle.select_related("guide"))]

    def bundled_guides(self):
        """The live guides of this bundle, in the order the editor set."""
        return [item.guide.specific for item in self.bundle.select_related("guide") if item.guide.live]


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

    intro = models.TextField(_("导语"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["guides.HomePage"]
    subpage_types = []
    max_count = 1
    template = "guides/commitments_page.html"

    class Meta:
        verbose_name = _("承诺公示")

    def get_context(self, request, *args, **kwargs):
        from guides.commitments import board
        from guides.views.commitments import guide_list_url, guide_rows

        context = super().get_context(request, *args, **kwargs)
        context.update(board=board(guide_rows(request)), guide_list_url=guide_list_url(request))
        return context
