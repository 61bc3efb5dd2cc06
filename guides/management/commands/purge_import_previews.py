from django.core.management.base import BaseCommand

from guides.importexport import previews


class Command(BaseCommand):
    help = (
        "Deletes import files that were previewed in the admin but not confirmed within a day "
        "(uploads purge them too; run this from cron so that none outlives a quiet day)."
    )

    def handle(self, *args, **options):
        deleted = previews.purge()
        self.stdout.write(f"已删除 {deleted} 个超过 24 小时未确认的待导入文件（{previews.location()}）")
