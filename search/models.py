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


class QueryLog(models.Model):
    """One search a citizen made: the report of top and zero-result queries reads these."""

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
