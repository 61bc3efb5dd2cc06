"""Search data editors manage (synonyms) and what citizens searched for (query log)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from guides.text import split_names


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
