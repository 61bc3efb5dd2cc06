"""Each site's own settings (name, city, phones, the footer items a government website must show, its public
address), edited in the admin under 设置 → 站点设置, and the one way every channel builds an absolute URL.

Templates read them as `{{ settings.guides.SiteSettings.hotline }}` (Wagtail's settings context processor); code
calls `SiteSettings.for_request(request)` or the address helpers below. No template, view or message may name a
city or a phone of its own: they come from here.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

DEFAULT_HOTLINE = "12345"
DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_base_url(url):
    """(scheme, hostname, port, normalised URL) of a public base URL such as https://banshi.example.gov.cn;
    ValidationError (in Chinese) for anything but http(s)://host[:port] with no path, query or fragment."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise ValidationError(_("网址格式不正确，例如 https://banshi.example.gov.cn")) from None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValidationError(_("网址须以 http:// 或 https:// 开头，并带有域名"))
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise ValidationError(_("网址只能包含协议、域名和端口，例如 https://banshi.example.gov.cn"))
    port = port or DEFAULT_PORTS[parts.scheme]
    shown_port = "" if port == DEFAULT_PORTS[parts.scheme] else f":{port}"
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return parts.scheme, parts.hostname, port, f"{parts.scheme}://{host}{shown_port}"


def validate_base_url(url):
    parse_base_url(url)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """One site's public identity. A new site starts with the national hotline and nothing else."""

    site_name = models.CharField(
        _("网站名称"),
        max_length=100,
        blank=True,
        help_text=_("显示在每个页面的标题和页眉"),
    )
    city_name = models.CharField(
        _("城市（地区）名称"),
        max_length=50,
        blank=True,
        help_text=_("用于订阅标题、开放数据接口和结构化数据（JSON-LD），例如：某某市"),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("网站标志"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hotline = models.CharField(_("政务服务便民热线"), max_length=30, default=DEFAULT_HOTLINE)
    complaint_phone = models.CharField(_("投诉电话"), max_length=50, blank=True)
    sponsor = models.CharField(_("主办单位"), max_length=100, blank=True)
    site_code = models.CharField(
        _("网站标识码"), max_length=20, blank=True, help_text=_("全国政府网站基本数据库分配的标识码")
    )
    icp_number = models.CharField(_("ICP备案号"), max_length=50, blank=True, help_text=_("例如：某ICP备00000000号"))
    police_number = models.CharField(
        _("公安机关备案号"), max_length=50, blank=True, help_text=_("例如：某公网安备 00000000000000号")
    )
    contact = models.CharField(_("联系我们"), max_length=200, blank=True, help_text=_("地址、邮箱或电话，显示在页脚"))
    default_hall = models.ForeignKey(
        "guides.ServiceHall",
        verbose_name=_("默认办事大厅"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("指南未指定办理地点时，告知单上显示的大厅"),
    )
    parent_site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("上级站点"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("省、市、区县站点的上下级关系：在上级站点“全省范围”搜索时包含本站"),
    )
    base_url = models.CharField(
        _("公开网址"),
        max_length=200,
        blank=True,
        validators=[validate_base_url],
        help_text=_(
            "市民访问本站的网址，例如 https://banshi.example.gov.cn；二维码、接口、订阅和站点地图中的链接都用它"
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("site_name"),
                FieldPanel("city_name"),
                FieldPanel("logo"),
                FieldPanel("base_url"),
                FieldPanel("parent_site"),
            ],
            heading=_("网站"),
        ),
        MultiFieldPanel(
            [FieldPanel("hotline"), FieldPanel("complaint_phone"), FieldPanel("default_hall")],
            heading=_("服务"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("sponsor"),
                FieldPanel("site_code"),
                FieldPanel("icp_number"),
                FieldPanel("police_number"),
                FieldPanel("contact"),
            ],
            heading=_("页脚信息"),
        ),
    ]

    class Meta:
        verbose_name = _("站点设置")
        verbose_name_plural = _("站点设置")

    def __str__(self):
        return self.site_name or str(self.site)

    def clean(self):
        super().clean()
        if self.parent_site_id and self.site_id and self.parent_site_id in below(self.site_id):
            raise ValidationError({"parent_site": _("上级站点不能是本站或本站的下级站点")})
        if self.base_url:
            self.base_url = parse_base_url(self.base_url)[3]

    def save(self, *args, **kwargs):
        """Keep the Wagtail site's hostname and port on the public address, so Wagtail's own links (the admin's
        "view live") and the site's routing agree with it."""
        super().save(*args, **kwargs)
        if self.base_url:
            _scheme, hostname, port, _url = parse_base_url(self.base_url)
            Site.objects.filter(pk=self.site_id).exclude(hostname=hostname, port=port).update(
                hostname=hostname, port=port
            )
            Site.clear_site_root_paths_cache()

    @property
    def root_url(self):
        """The public base URL without a trailing slash: the one typed here, else the Wagtail site's."""
        return self.base_url or self.site.root_url


def below(site_id):
    """Ids of the site `site_id` and of every site below it (SiteSettings.parent_site), the site first."""
    children = {}
    for child, parent in SiteSettings.objects.exclude(parent_site=None).values_list("site_id", "parent_site_id"):
        children.setdefault(parent, []).append(child)
    found, waiting = [], [site_id]
    while waiting:
        current_id = waiting.pop(0)
        if current_id not in found:
            found.append(current_id)
            waiting.extend(children.get(current_id, []))
    return found


def with_sites_above(site_ids):
    """`site_ids` and the ids of every site above them: whose province-wide search shows their pages."""
    parents = dict(SiteSettings.objects.exclude(parent_site=None).values_list("site_id", "parent_site_id"))
    found = set()
    for site_id in site_ids:
        while site_id is not None and site_id not in found:
            found.add(site_id)
            site_id = parents.get(site_id)
    return found


def sites_below(site):
    """`site` and every site below it: the scope of a search widened to the whole province (scope=province)."""
    ids = below(site.pk)
    found = Site.objects.select_related("root_page").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def current(request):
    """The settings of the request's site (kept on the request); those of a new site when it matches none."""
    site = Site.find_for_request(request) if request is not None else None
    return SiteSettings.for_request(request) if site is not None else SiteSettings()


def settings_for(site, request=None):
    """The settings of `site`, read once per request (the request keeps them) when it is the request's site."""
    if request is not None and Site.find_for_request(request) == site:
        return SiteSettings.for_request(request)
    return SiteSettings.for_site(site)


def absolute_url(request, path):
    """`path` (/guides/x/) on the public address of the request's site; a URL that is already absolute (a page of
    another site) is left alone."""
    if "://" in path:
        return path
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    root = settings_for(site, request).root_url if site else ""
    return root + path


def page_full_url(page, request):
    """A page's absolute URL on the public address of the site it belongs to."""
    url_parts = page.get_url_parts(request=request)
    if url_parts is None or url_parts[2] is None:
        return None
    site_id, _root, path = url_parts
    site = Site.find_for_request(request) if request is not None else None
    if site is None or site.pk != site_id:
        site = Site.objects.get(pk=site_id)
    return settings_for(site, request).root_url + path


def set_default_site_address(url, only_if_unset=False):
    """Give the default site the public address `url`: its hostname and port, and its settings' 公开网址 only
    where Wagtail's site cannot say it alone (https on a port other than 443).

    With `only_if_unset` (after `migrate`) only a site still at Wagtail's initial localhost:80 is changed, so an
    address set in the admin is never overwritten. Returns the site changed, or None."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or not url or (only_if_unset and (site.hostname, site.port) != ("localhost", 80)):
        return None
    _scheme, site.hostname, site.port, normalised = parse_base_url(url)
    site.save()
    site_settings = SiteSettings.objects.filter(site=site).first()
    if normalised != site.root_url or (site_settings and site_settings.base_url):
        site_settings = site_settings or SiteSettings(site=site)
        site_settings.base_url = normalised
        site_settings.save()
    return site
