from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "zhinan_search"
    verbose_name = _("搜索")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, as Django requires: the vocabulary reads models, which exist once the apps are loaded.
        from . import vocabulary
        from .models import Synonym

        # The vocabulary (user dictionary, synonyms, pinyin) follows the words editors change.
        for model in (Synonym, *vocabulary.word_sources()):
            post_save.connect(vocabulary.mark_stale, sender=model, dispatch_uid=f"search-vocabulary-{model.__name__}")
            post_delete.connect(vocabulary.mark_stale, sender=model, dispatch_uid=f"search-vocab-del-{model.__name__}")
