import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from guides.models import GuidePage
from guides.models.site_settings import set_default_site_address


class Command(BaseCommand):
    help = (
        "First run: loads the demo content into an empty database, gives the default site the address of SITE_URL "
        "and creates the `admin` account."
    )

    def handle(self, *args, **options):
        if not GuidePage.objects.exists():
            self.stdout.write("数据库为空，正在载入演示内容……")
            call_command("load_demo", stdout=self.stdout)
        # SITE_URL given for this run is the deployer's word: it wins over an address set earlier.
        if os.environ.get("SITE_URL") and set_default_site_address(os.environ["SITE_URL"]):
            self.stdout.write(f"站点公开网址：{os.environ['SITE_URL']}")
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            return
        password = os.environ.get("ZHINAN_ADMIN_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser("admin", "admin@example.invalid", password)
        self.stdout.write(self.style.SUCCESS(f"已创建管理员账号 admin（后台 {settings.WAGTAILADMIN_BASE_URL}/admin/）"))
        if generated:
            self.stdout.write(self.style.WARNING(f"管理员密码（只显示这一次，请妥善保存）：{password}"))
