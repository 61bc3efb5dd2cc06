from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guides.importexport import FORMATS, ImportRefused, chosen_site, export_guides, site_guides


class Command(BaseCommand):
    help = "Exports the implementation list of one site's live guides (XLSX, CSV or JSON); import_guides reads it back."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="xlsx")
        parser.add_argument("--output", required=True, help="file to write")
        parser.add_argument("--site", default="", help="the site, by id or hostname (default: the default site)")

    def handle(self, *args, format, output, site="", **options):
        try:
            chosen = chosen_site(site)
        except ImportRefused as refused:
            raise CommandError("；".join(problem.message for problem in refused.problems)) from None
        data = export_guides(format, site_guides(chosen))
        Path(output).write_bytes(data)
        self.stdout.write(f"已导出 {chosen.hostname} 的实施清单到 {output}（{len(data)} 字节）")
