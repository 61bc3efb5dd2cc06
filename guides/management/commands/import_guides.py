from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guides.importexport import FORMATS, ON_SERVER, ImportRefused, chosen_site, import_guides, report, too_large


class Command(BaseCommand):
    help = (
        "Imports an implementation list (XLSX, CSV or JSON, as export_guides writes it), keyed by item code, into "
        "one site (--site). All or nothing; exits non-zero and changes nothing when the file is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", choices=FORMATS, help="default: from the file name's extension")
        parser.add_argument("--dry-run", action="store_true", help="check the file and show what would change")
        parser.add_argument(
            "--site",
            default="",
            help="the site to import into, by id or hostname (default: the default site); its departments, halls "
            "and guides are the ones the file's names and item codes mean",
        )

    def handle(self, *args, file, format=None, dry_run=False, site="", **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件 {file}")
        if path.stat().st_size > ON_SERVER.bytes:
            raise CommandError(f"{too_large(ON_SERVER)}；没有做任何修改")
        try:
            chosen = chosen_site(site)
            plan = import_guides(
                path.read_bytes(), path.name, fmt=format, dry_run=dry_run, site=chosen, limits=ON_SERVER
            )
        except ImportRefused as refused:
            self.stderr.write(report(refused.problems))
            raise CommandError(f"导入被拒绝（{len(refused.problems)} 个问题），没有做任何修改") from None
        for note in plan.notes:
            self.stdout.write(note)
        for change in plan.changes:
            action = "新增" if change.is_new else "更新"
            self.stdout.write(f"{action} {change.record.item_code} {change.page.title}：{'、'.join(change.changed)}")
        verb = "将" if dry_run else "已"
        summary = (
            f"{verb}新增 {len(plan.created)} 篇，{verb}更新 {len(plan.updated)} 篇，{len(plan.unchanged)} 篇未变化"
        )
        self.stdout.write(self.style.SUCCESS(summary + ("（试运行，没有做任何修改）" if dry_run else "")))
