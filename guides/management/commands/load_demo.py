"""`python manage.py load_demo`: load (or refresh) the 临江市 demo content."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from guides.demo.loader import DemoContentError, load


class Command(BaseCommand):
    help = "加载临江市演示数据：部门、办事大厅、材料库、主题、一件事和办事指南。可重复运行。"

    def handle(self, *args, **options):
        try:
            tally = load()
        except DemoContentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"演示数据已加载：新建 {tally['created']}，更新 {tally['updated']}，未变 {tally['unchanged']}"
        )
        call_command("setup_roles", demo_users=True, stdout=self.stdout)
        # Search's 情形与意图 lexicon, proposed from the demo guides' own words (search/lexicon.py).
        call_command("propose_lexicon", apply=True, stdout=self.stdout)
