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
        from wagtail.contrib.search_promotions.models import SearchPromotion
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        from web import pagecache

        from . import indexing, vocabulary
        from .documents import AnalysedField
        from .models import LexiconEntry, PopularPin, Synonym

        # Wagtail's documents and images index their raw title: add the analysed one, so that the admin's
        # searches find 身份证申请表 by 身份证 or shenfenzheng (search/backends/analysed.py).
        for model in (get_document_model(), get_image_model()):
            model.search_fields = [*model.search_fields, AnalysedField("title", "title", boost=3)]

        # Index-on-save is search.indexing's, which an import puts off to index its guides in bulk.
        indexing.connect()
        # The vocabulary (user dictionary, synonyms, lexicon, pinyin) follows the words editors change.
        for model in (Synonym, LexiconEntry, *vocabulary.word_sources()):
            post_save.connect(vocabulary.mark_stale, sender=model, dispatch_uid=f"search-vocabulary-{model.__name__}")
            post_delete.connect(vocabulary.mark_stale, sender=model, dispatch_uid=f"search-vocab-del-{model.__name__}")
        # Cached pages show what these change: search results (synonyms, the lexicon, the promotions that
        # search.page_parts keeps per generation), the home page's 热门事项 (pins).
        pagecache.watch(Synonym, LexiconEntry, PopularPin, SearchPromotion)
