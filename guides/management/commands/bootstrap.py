import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from guides.models import GuidePage


class Command(BaseCommand):
    help = "First run: loads the demo content into an empty database and creates the `admin` account."

    def handle(self, *args, **options):
        if not GuidePage.objects.exists():
            self.stdout.write("数据库为空，正在载入演示内容……")
            call_command("load_demo", stdout=self.stdout)
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            return
        password = os.environ.get("ZHINAN_ADMIN_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser("admin", "admin@example.invalid", password)
        self.stdout.write(self.style.SUCCESS("已创建管理员账号 admin（后台 http://127.0.0.1:8000/admin/）"))
        if generated:
            self.stdout.write(self.style.WARNING(f"管理员密码（只显示这一次，请妥善保存）：{password}"))
