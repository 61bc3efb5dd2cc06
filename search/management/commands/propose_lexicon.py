"""Propose 情形与意图 entries from the live guides' own words (search.lexicon.propose); --apply saves the new ones."""

from django.core.management.base import BaseCommand
from django.db import transaction

from guides.models import GuidePage
from search import lexicon, vocabulary
from search.models import LexiconEntry
from web.sites import EVERY_SITE


class Command(BaseCommand):
    help = "从指南的俗称、常见问题和受理条件提出搜索用的“情形与意图”；--apply 保存其中新的说法（编辑填写的不改动）。"

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="保存新的说法（来源：从指南内容提出）")

    def handle(self, *args, apply=False, **options):
        guides = [
            (guide.title, guide.colloquial_name_list, [faq.question for faq in guide.faqs.all()], [guide.conditions])
            for guide in GuidePage.objects.visible(EVERY_SITE).prefetch_related("faqs")
        ]
        words = vocabulary.current()
        proposals = lexicon.propose(words.tokenizer, guides, words.synonyms_of)
        known = set(LexiconEntry.objects.values_list("phrase", flat=True))
        new = {phrase: titles for phrase, titles in proposals.items() if phrase not in known}
        if not apply or options["verbosity"] > 1:
            for phrase, titles in new.items():
                self.stdout.write(f"{phrase} → {'、'.join(titles)}")
        if apply:
            with transaction.atomic():
                LexiconEntry.objects.bulk_create(
                    LexiconEntry(phrase=phrase, terms="、".join(titles), source=LexiconEntry.Source.CONTENT)
                    for phrase, titles in new.items()
                )
            vocabulary.mark_stale()
        if options["verbosity"]:
            verb = "新增" if apply else "可新增"
            self.stdout.write(f"搜索情形与意图：{verb} {len(new)} 条（共提出 {len(proposals)} 条）。")
