import os

from django.core.management.base import BaseCommand

from guides.admin import roles


class Command(BaseCommand):
    help = (
        "Creates or repairs the editor group of every department, and each site's reviewer group and workflow "
        "(the default site's 政务服务中心审核 and 指南审核, another site's with its city's name before them). "
        "Safe to run again, e.g. after adding a department or a site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="also create demo accounts: a reviewer and editors of the first two departments "
            "(new accounts get ZHINAN_DEMO_PASSWORD, or a generated password shown once)",
        )

    def handle(self, *args, demo_users=False, **options):
        reviewer_groups, editor_groups = roles.setup_roles()
        self.stdout.write("各站点审核组：" + "、".join(group.name for group in reviewer_groups))
        self.stdout.write(f"部门编辑组 {len(editor_groups)} 个：" + "、".join(group.name for group in editor_groups))
        if not demo_users:
            return
        given = os.environ.get("ZHINAN_DEMO_PASSWORD")
        accounts, password = roles.create_demo_users(given)
        for username, group in accounts:
            self.stdout.write(f"演示账号 {username}（{group}）")
        if password and not given:
            self.stdout.write(self.style.WARNING(f"新建演示账号的密码（只显示这一次）：{password}"))
