"""Search data editors manage (synonyms, pinned popular items) and what citizens searched for and opened (query
log, clicks, synonym proposals)."""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Orderable

from guides.choices import Audience
from guides.text import split_names

# Where a pin shows: both lists of the home page, or the 个人 / 法人 one only.
PIN_AUDIENCES = [("", _("全部")), (Audience.PERSON.value, _("个人办事")), (Audience.BUSINESS.value, _("法人办事"))]


class Synonym(models.Model):
    """同义词: a group of words that mean the same thing to someone searching."""

    terms = models.CharField(
        _("同义词组"),
        max_length=300,
        unique=True,
        help_text=_("意思相同的说法，用顿号分隔，例如：房产证、不动产权证书。搜索其中任一个词时也会查找其他词。"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词")

    def __str__(self):
        return self.terms

    @property
    def term_list(self):
        return split_names(self.terms)

    def clean(self):
        if len(self.term_list) < 2:
            raise ValidationError({"terms": _("同义词组至少要有两个词，用顿号分隔。")})


class LexiconEntry(models.Model):
    """情形与意图: a phrase a citizen's sentence may hold, and what search looks for when it does (search.lexicon)."""

    class Source(models.TextChoices):
        EDITOR = "editor", _("编辑填写")
        CONTENT = "content", _("从指南内容提出")

    phrase = models.CharField(
        _("说法"),
        max_length=100,
        unique=True,
        help_text=_(
            "几个词，用空格分隔，搜索语句里都出现时生效，例如：身份证 丢失。"
            "两个字的词，句中单独出现其中一个字也算（丢失 ← 丢了）。"
        ),
    )
    terms = models.CharField(
        _("查找"),
        max_length=300,
        help_text=_("生效时要查找的事项名称或词，用顿号分隔，例如：居民身份证补领。"),
    )
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.EDITOR)
    enabled = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("情形与意图")
        verbose_name_plural = _("情形与意图")

    def __str__(self):
        return f"{self.phrase} → {self.terms}"

    @property
    def term_list(self):
        return split_names(self.terms)

    def clean(self):
        words = self.phrase.split()
        if not words:
            raise ValidationError({"phrase": _("请填写说法。")})
        if len(words) == 1 and len(words[0]) < 2:
            raise ValidationError({"phrase": _("说法至少要有两个字，单独一个字会匹配太多搜索。")})
        if not self.term_list:
            raise ValidationError({"terms": _("请填写要查找的事项名称或词。")})


class QueryLog(models.Model):
    """One search a citizen made, kept for SEARCH_QUERY_LOG_DAYS days (search/querylog.py deletes older ones)."""

    query = models.CharField(_("搜索词"), max_length=100)
    normalised = models.CharField(_("归一化搜索词"), max_length=100, db_index=True)
    results = models.PositiveIntegerField(_("结果数"))
    engine = models.CharField(_("搜索引擎"), max_length=20)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("搜索记录")
        verbose_name_plural = _("搜索记录")

    def __str__(self):
        return self.query


class QueryDay(models.Model):
    """How often a (normalised) query was searched on one day, and the most results it found that day: what the
    editors' report reads. One row per query and day, so the log grows with the distinct queries, not the
    searches."""

    day = models.DateField(_("日期"))
    normalised = models.CharField(_("归一化搜索词"), max_length=100)
    searches = models.PositiveIntegerField(_("搜索次数"), default=0)
    results = models.PositiveIntegerField(_("最多结果数"), default=0)

    class Meta:
        ordering = ["-day", "-searches"]
        constraints = [models.UniqueConstraint(fields=["day", "normalised"], name="search_query_day_unique")]
        verbose_name = _("每日搜索词")
        verbose_name_plural = _("每日搜索词")

    def __str__(self):
        return f"{self.day} {self.normalised} × {self.searches}"


class GuideClickQuerySet(models.QuerySet):
    def ranking(self, days, today=None, limit=None):
        """Ids of the `limit` pages most used in the last `days` days (today included), most first.

        A page's use: the times it was opened from search results, plus the searches of each query it was opened
        from, shared among that query's opened pages as their clicks are. So searches count too, those of visitors
        whose browser sends no beacon (no JavaScript) included, for the guides such a search leads to."""
        since = (today or timezone.localdate()) - datetime.timedelta(days=days - 1)
        recent = self.filter(day__gte=since)
        clicks = list(recent.values_list("normalised", "page").annotate(n=Sum("clicks")).order_by())
        searched = QueryDay.objects.filter(day__gte=since, normalised__in=recent.values("normalised"))
        searches = dict(searched.values_list("normalised").annotate(n=Sum("searches")).order_by())
        per_query = defaultdict(int)
        for query, _page, n in clicks:
            per_query[query] += n
        use = defaultdict(float)
        for query, page, n in clicks:
            use[page] += n + searches.get(query, 0) * n / per_query[query]
        return sorted(use, key=lambda page: (-use[page], page))[:limit]


class GuideClick(models.Model):
    """How often citizens opened a guide from the results of one (normalised) query on one day, at one position.
    Nothing about who clicked: no address, cookie or browser is stored (search/clicks.py)."""

    day = models.DateField(_("日期"))
    normalised = models.CharField(_("归一化搜索词"), max_length=100)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("指南"))
    position = models.PositiveSmallIntegerField(_("结果位次"))
    clicks = models.PositiveIntegerField(_("点击次数"), default=0)

    objects = GuideClickQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "-clicks"]
        constraints = [
            models.UniqueConstraint(fields=["day", "normalised", "page", "position"], name="search_guide_click_unique")
        ]
        verbose_name = _("搜索结果点击")
        verbose_name_plural = _("搜索结果点击")

    def __str__(self):
        return f"{self.day} {self.normalised} → {self.page_id} × {self.clicks}"


class SynonymProposal(models.Model):
    """同义词建议: a query that found nothing, followed by another that found guides (and perhaps a click on one).
    Editors accept it (it becomes a Synonym) or dismiss it, once; the counts keep growing either way."""

    class Status(models.TextChoices):
        OPEN = "open", _("待处理")
        ACCEPTED = "accepted", _("已采纳")
        DISMISSED = "dismissed", _("已忽略")

    failed = models.CharField(_("没有结果的搜索词"), max_length=100)
    better = models.CharField(_("换用的搜索词"), max_length=100)
    reformulations = models.PositiveIntegerField(_("换词次数"), default=0)
    clicks = models.PositiveIntegerField(_("换词后点击次数"), default=0)
    last_seen = models.DateField(_("最近出现"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["-clicks", "-reformulations"]
        constraints = [models.UniqueConstraint(fields=["failed", "better"], name="search_synonym_proposal_unique")]
        verbose_name = _("同义词建议")
        verbose_name_plural = _("同义词建议")

    def __str__(self):
        return f"{self.failed} → {self.better}"


class PopularPinQuerySet(models.QuerySet):
    def pinned(self, site, audience=""):
        """Page ids pinned on `site`'s home page for `audience` ("" for the list of all guides), in their order."""
        pins = self.filter(models.Q(site=site) | models.Q(site__isnull=True))
        if audience:
            pins = pins.filter(audience__in=("", audience))
        return list(dict.fromkeys(pins.order_by("sort_order", "pk").values_list("page", flat=True)))


class PopularPin(Orderable):
    """热门事项置顶: a guide editors put at the top of the home page's popular items, in their order."""

    page = models.ForeignKey("guides.GuidePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("指南"))
    audience = models.CharField(
        _("显示在"),
        max_length=10,
        blank=True,
        choices=PIN_AUDIENCES,
        help_text=_("选“全部”时，在个人办事和法人办事两个栏目中都置顶（指南须面向该对象）。"),
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("站点"),
        help_text=_("留空表示所有站点。"),
    )

    objects = PopularPinQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = _("热门事项置顶")
        verbose_name_plural = _("热门事项置顶")

    def __str__(self):
        return str(self.page)
