"""事项目录: the catalogue of standard service items, kept once for every site (四级四同).

A province keeps one catalogue; each site's guide implements one of its items (`GuidePage.catalogue_item`) and
the publishing rules keep the guide consistent with it (guides/rules.py, `check_catalogue`): the same name, basic
code, item type and legal basis at every level, and no commitment beyond the item's legal limit.

The catalogue's code is the item's basic code (基本编码, GB/T 39554.1-2020). A guide's item code is the
implementation code of one implementing body: its unified social credit code (18 characters), then the basic
code, then the business item (业务办理项). So two sites implement one item under two implementation codes that
share one basic code.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from guides import limits
from guides.choices import Audience, ItemType
from search.documents import analysed_fields


class CatalogueItem(index.Indexed, models.Model):
    """目录事项: one standard item of the catalogue, which guides on every site implement."""

    code = models.CharField(
        _("目录编码"),
        max_length=40,
        unique=True,
        help_text=_("国家标准事项基本编码；各地指南的事项编码在 18 位统一社会信用代码之后以它开头"),
    )
    name = models.CharField(_("事项名称"), max_length=255, unique=True)
    item_type = models.CharField(_("事项类型"), max_length=20, choices=ItemType.choices)
    audience = models.CharField(_("服务对象"), max_length=10, choices=Audience.choices)
    legal_basis = models.TextField(_("设定依据"), help_text=_("每条法律法规一行；实施的指南须与此一致"))
    legal_limit_days = models.PositiveIntegerField(_("法定办结时限"), help_text=_("天数；0 表示法律规定当场办结"))
    legal_limit_unit = models.CharField(
        _("法定时限单位"), max_length=10, choices=limits.LimitUnit.choices, default=limits.LimitUnit.WORKING
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("item_type")]),
        FieldPanel("name"),
        FieldPanel("audience"),
        FieldPanel("legal_basis"),
        FieldRowPanel([FieldPanel("legal_limit_days"), FieldPanel("legal_limit_unit")]),
    ]
    search_fields = analysed_fields("name", "name", "code", "item_type", "audience")

    class Meta:
        ordering = ["code"]
        verbose_name = _("目录事项")
        verbose_name_plural = _("事项目录")

    def __str__(self):
        return f"{self.code} {self.name}"

    def search_texts(self):
        """(names, body texts) the admin's search and the guide editor's chooser analyse (search.documents)."""
        return [self.name], [self.code, self.legal_basis]

    @property
    def legal_limit_text(self):
        return limits.describe(self.legal_limit_days, self.legal_limit_unit)
