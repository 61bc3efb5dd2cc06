from pathlib import Path

from django.core.management.base import BaseCommand

from guides.importexport import FORMATS, export_guides
from guides.models import GuidePage


class Command(BaseCommand):
    help = "Exports the implementation list of every live guide (XLSX, CSV or JSON); import_guides reads it back."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="xlsx")
        parser.add_argument("--output", required=True, help="file to write")

    def handle(self, *args, format, output, **options):
        data = export_guides(format, GuidePage.objects.live())
        Path(output).write_bytes(data)
        self.stdout.write(f"已导出到 {output}（{len(data)} 字节）")
