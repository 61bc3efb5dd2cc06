"""Shared reference data that many guides point at: departments, service halls and the material library."""

from django.db import models
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Site
from wagtail.search import index

from guides.choices import MaterialCategory, MaterialSource
from search.documents import analysed_fields
from web.sites import EVERY_SITE, default_site_id

from .fields import optional_document


class OnSiteQuerySet(models.QuerySet):
    def on(self, site):
        """Those of `site` (a Site, or several: a province-wide search), or every one for EVERY_SITE."""
        if site is EVERY_SITE:
            return self
        if site is None:
            return self.none()
        return self.filter(site__in=[site] if isinstance(site, Site) else list(site))


def site_field(help_text):
    """The site a piece of reference data belongs to; rows made without one belong to the default site."""
    return models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("站点"),
        default=default_site_id,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=help_text,
    )


class Department(index.Indexed, models.Model):
    """实施主体: a government body that handles service items, on one site (a county's 公安局 is its own)."""

    site = site_field(_("本部门所属的站点（省、市或区县）"))
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=30)
    code = models.SlugField(
        _("部门代码"),
        max_length=30,
        allow_unicode=False,
        help_text=_("用于网址的英文或拼音代码，例如 gongan"),
    )
    enquiry_phone = models.CharField(_("咨询电话"), max_length=50, blank=True)
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=50, blank=True)
    website = models.URLField(_("网站"), blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    ordering = models.PositiveSmallIntegerField(_("排序"), default=100, help_text=_("数字小的排在前面"))

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("site"),
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("code"),
                FieldPanel("ordering"),
            ],
            heading=_("基本信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enquiry_phone"),
                FieldPanel("complaint_phone"),
                FieldPanel("website"),
                FieldPanel("address"),
            ],
            heading=_("联系方式"),
        ),
    ]
    search_fields = analysed_fields(
        "name", "name", "short_name", "code", "enquiry_phone", "complaint_phone", "ordering"
    ) + [index.FilterField("site")]  # the admin's lists and choosers show an editor their own site's

    objects = OnSiteQuerySet.as_manager()

    class Meta:
        ordering = ["ordering", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="department_code_per_site"),
            models.UniqueConstraint(fields=["site", "name"], name="department_name_per_site"),
        ]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")

    def __str__(self):
        return self.name

    def search_texts(self):
        """(names, body texts) the admin's search analyses (search.documents)."""
        return [self.name, self.short_name], [self.code, self.address]


class ServiceHall(index.Indexed, ClusterableModel):
    """办理地点: a hall where citizens hand in applications, on one site."""

    site = site_field(_("本大厅所属的站点"))
    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    phone = models.CharField(_("电话"), max_length=50, blank=True)
    holiday_note = models.CharField(
        _("节假日说明"), max_length=200, blank=True, help_text=_("例如：法定节假日休息，周六上午延时服务")
    )
    transit_note = models.CharField(_("交通指引"), max_length=200, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("phone"),
        InlinePanel("opening_hours", heading=_("办公时间"), label=_("时段")),
        FieldPanel("holiday_note"),
        FieldPanel("transit_note"),
        MultiFieldPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("坐标")),
    ]
    search_fields = analysed_fields("name", "name", "address", "phone") + [index.FilterField("site")]

    objects = OnSiteQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="hall_name_per_site")]
        verbose_name = _("办事大厅")
        verbose_name_plural = _("办事大厅")

    def __str__(self):
        return self.name

    def search_texts(self):
        """(names, body texts) the admin's search analyses (search.documents)."""
        return [self.name], [self.address, self.transit_note]


class OpeningPeriod(Orderable):
    """One line of a hall's opening hours, e.g. 周一至周五 9:00–12:00."""

    hall = ParentalKey(ServiceHall, on_delete=models.CASCADE, related_name="opening_hours")
    days = models.CharField(_("日期"), max_length=50, help_text=_("例如：周一至周五"))
    opens = models.TimeField(_("开始"))
    closes = models.TimeField(_("结束"))

    panels = [FieldPanel("days"), FieldPanel("opens"), FieldPanel("closes")]

    class Meta(Orderable.Meta):
        verbose_name = _("办公时段")

    def __str__(self):
        return f"{self.days} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Material(index.Indexed, models.Model):
    """材料库: one definition of a document that many guides ask for."""

    name = models.CharField(_("材料名称"), max_length=120, unique=True)
    description = models.TextField(_("材料说明"), blank=True)
    category = models.CharField(_("类别"), max_length=20, choices=MaterialCategory.choices)
    source = models.CharField(
        _("来源渠道"), max_length=20, choices=MaterialSource.choices, default=MaterialSource.APPLICANT
    )
    issuing_body = models.CharField(
        _("出具单位"), max_length=100, blank=True, help_text=_("例如：公安机关、不动产登记机构")
    )
    blank_form = optional_document(_("空白表格"))
    example = optional_document(_("示例样表"))
    electronic_certificate = models.BooleanField(
        _("可用电子证照替代"), default=False, help_text=_("已纳入电子证照库，可调取电子证照代替纸质材料")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("source"), FieldPanel("issuing_body")], heading=_("来源")),
        MultiFieldPanel([FieldPanel("blank_form"), FieldPanel("example")], heading=_("表格下载")),
        FieldPanel("electronic_certificate"),
    ]
    search_fields = analysed_fields("name", "name", "category", "source", "electronic_certificate")

    class Meta:
        ordering = ["name"]
        verbose_name = _("材料")
        verbose_name_plural = _("材料库")

    def __str__(self):
        return self.name

    def search_texts(self):
        """(names, body texts) the admin's search and the editor's chooser analyse (search.documents)."""
        return [self.name], [self.description, self.issuing_body]

    @classmethod
    def vocabulary_words(cls):
        """Material names, which search keeps whole (search.vocabulary)."""
        return list(cls.objects.values_list("name", flat=True))

    @classmethod
    def vocabulary_version(cls):
        return tuple(cls.objects.aggregate(n=Count("pk"), last=Max("pk")).values())
