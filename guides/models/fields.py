"""Field shapes used by several models."""

from django.db import models


def optional_document(verbose_name):
    """An optional link to a Wagtail document (a blank form, a filled example, a result sample)."""
    return models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
