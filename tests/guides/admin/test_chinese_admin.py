"""The admin in Chinese: every page an editor, a reviewer or an administrator meets, scanned for English.

Each role signs in and walks its pages (the list is PAGES, quoted in the lead's note); a Latin word in the visible
text (texts, tooltips, labels, button values) fails the test, unless it is a name or unit (ALLOWED) or a value
the data holds (department codes, user names). Wagtail's own zh_Hans catalogue gives most strings; locale/ adds
the ones it lacks, and a few templates under templates/wagtailadmin/ translate what Wagtail hard-codes.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry, Site

from guides.admin import roles
from guides.models import Department, Feedback
from search.models import PopularPin, QueryDay, SynonymProposal
from tests.conftest import module_data
from tests.factories import (
    add_hall,
    catalogue_guide_fields,
    make_catalogue_item,
    make_department,
    make_guide,
    make_material,
    make_site,
)

from .visible_text import english_words

pytestmark = pytest.mark.django_db  # each test in its own savepoint inside admin_world's transaction

# Names and units editors see as they are, and key names in the keyboard shortcuts dialog.
ALLOWED = frozenset(
    [
        "wagtail",
        "javascript",
        "csv",
        "xlsx",
        "json",
        "excel",
        "pdf",
        "ofd",
        "doc",
        "docx",
        "xls",
        "ods",
        "odt",
        "jpg",
        "jpeg",
        "png",
        "url",
        "api",
        "mb",
        "kb",
        "ctrl",
        "alt",
        "shift",
        "esc",
        "cmd",
    ]
)

PAGES = {
    "editor": [
        "/admin/",
        "/admin/pages/{index}/",
        "/admin/pages/{guide}/edit/",
        "/admin/pages/add/guides/guidepage/{index}/",
        "/admin/pages/search/?q=身份证",
        "/admin/snippets/guides/material/",
        "/admin/snippets/guides/department/",
        "/admin/snippets/guides/servicehall/",
        "/admin/snippets/choose/guides/material/",
        "/admin/snippets/choose/guides/material/results/?q=身份证",
        "/admin/snippets/choose/guides/department/",
        "/admin/snippets/choose/guides/servicehall/",
        "/admin/snippets/choose/guides/catalogueitem/",
        "/admin/snippets/guides/catalogueitem/",
        "/admin/choose-page/",
        "/admin/documents/",
        "/admin/documents/chooser/",
        "/admin/reports/workflow/",
        "/admin/pages/{guide}/revisions/compare/live...{revision}/",
    ],
    "reviewer": [
        "/admin/",
        "/admin/pages/{guide}/edit/",
        "/admin/snippets/guides/feedback/",
        "/admin/snippets/guides/feedback/edit/{feedback}/",
        "/admin/snippets/guides/material/",
        "/admin/snippets/guides/material/add/",
        "/admin/snippets/guides/catalogueitem/",
        "/admin/snippets/guides/catalogueitem/add/",
        "/admin/snippets/guides/catalogueitem/edit/{catalogue_item}/",
        "/admin/reports/catalogue/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/pages/{guide}/revisions/compare/live...{revision}/",
    ],
    "admin": [
        "/admin/",
        "/admin/guides/import/",
        "/admin/reports/search-queries/",
        "/admin/reports/synonym-proposals/",
        "/admin/reports/site-history/",
        "/admin/reports/locked/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/snippets/zhinan_search/synonym/",
        "/admin/snippets/zhinan_search/popularpin/",
        "/admin/snippets/zhinan_search/popularpin/add/",
        "/admin/snippets/guides/feedback/",
        "/admin/pages/{guide}/history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/catalogue/",
    ],
}


@pytest.fixture(scope="module")
def admin_world(django_db_setup, django_db_blocker):
    """Built once for the module's 49 tests (each only reads it, in a savepoint of its own)."""
    with module_data(django_db_blocker):
        yield build_admin_world()


def build_admin_world():
    home, index = make_site()
    department = make_department(name="临江市民政局", code="minzheng")
    roles.setup_roles()
    make_material(name="居民身份证", description="有效期内的身份证原件")
    item = make_catalogue_item(name="最低生活保障申请", item_type="benefit", legal_basis="《社会救助暂行办法》")
    guide = make_guide(index, department=department, **catalogue_guide_fields(item))
    add_hall(guide)
    get_document_model().objects.create(title="低保申请表", file=ContentFile(b"%PDF-1.4", name="dibao.pdf"))
    feedback = Feedback.objects.create(guide=guide, kind="error", category="materials", comment="材料写错了")
    # A synonym proposal the report lists with its buttons (both queries in the log), and a pinned popular item.
    for query, results in (("吃低保", 0), ("低保", 1)):
        QueryDay.objects.create(day=timezone.localdate(), normalised=query, searches=1, results=results)
    SynonymProposal.objects.create(failed="吃低保", better="低保", clicks=1, last_seen=timezone.localdate())
    PopularPin.objects.create(page=guide)
    users = get_user_model()
    editor = users.objects.create_user("editor-minzheng", password="pw")
    editor.groups.add(roles._editor_group(department))
    reviewer = users.objects.create_user("reviewer", password="pw")
    reviewer.groups.add(Group.objects.get(name=roles.REVIEWERS))
    admin = users.objects.create_superuser("admin", "admin@example.invalid", "pw")
    # The guide waits for review, so the reviewer's dashboard and the workflow pages have something to show.
    revision = guide.save_revision(user=editor)
    guide.get_workflow().start(guide, editor)
    assert revision.pk
    return {
        "users": {"editor": editor, "reviewer": reviewer, "admin": admin},
        "ids": {
            "catalogue_item": item.pk,
            "index": index.pk,
            "guide": guide.pk,
            "feedback": feedback.pk,
            "revision": revision.pk,
        },
    }


def data_words():
    """Latin words the data holds: department codes, user names, page titles (Wagtail's root page is "Root") and
    those in the site history, host names, file names."""
    values = [
        *Department.objects.values_list("code", flat=True),
        *get_user_model().objects.values_list("username", flat=True),
        *Page.objects.values_list("title", flat=True),
        *PageLogEntry.objects.values_list("label", flat=True),
        *Site.objects.values_list("hostname", flat=True),
        *get_document_model().objects.values_list("file", flat=True),
    ]
    return {word.lower() for value in values for word in re.findall(r"[A-Za-z]+", value)}


def page_text(response):
    if response["Content-Type"].startswith("application/json"):  # choosers answer with their HTML in JSON
        return response.json().get("html", "")
    return response.content.decode()


@pytest.mark.parametrize(
    ("role", "url"), [(role, url) for role, urls in PAGES.items() for url in urls], ids=lambda value: value
)
def test_the_admin_speaks_chinese(admin_world, role, url):
    client = Client()
    client.force_login(admin_world["users"][role])
    response = client.get(url.format(**admin_world["ids"]))
    assert response.status_code == 200, f"{role} {url}: {response.status_code}"
    english = english_words(page_text(response), ALLOWED | data_words())
    assert not english, f"{role} {url} shows English: {english}"


def test_booleans_read_yes_or_no(admin_world):
    make_material(name="营业执照", electronic_certificate=True)
    client = Client()
    client.force_login(admin_world["users"]["admin"])
    html = client.get("/admin/snippets/guides/material/").content.decode()
    assert "是" in html and "否" in html


def test_the_lock_banner_compare_view_and_import_header_are_chinese(admin_world):
    ids = admin_world["ids"]
    editor = Client()
    editor.force_login(admin_world["users"]["editor"])
    edit = editor.get("/admin/pages/{guide}/edit/".format(**ids)).content.decode()
    assert "正在等待审核" in edit and "awaiting moderation" not in edit  # the lock banner of a guide under review
    reviewer = Client()
    reviewer.force_login(admin_world["users"]["reviewer"])
    compare = reviewer.get("/admin/pages/{guide}/revisions/compare/live...{revision}/".format(**ids)).content.decode()
    assert "比较" in compare.split("</title>", 1)[0] and "Compare" not in compare
    admin = Client()
    admin.force_login(admin_world["users"]["admin"])
    imports = admin.get("/admin/guides/import/").content.decode()
    header = imports.split("<header", 1)[1].split("</header>", 1)[0]
    assert "导入导出实施清单" in header  # not a header reading only 首页
    aging = admin.get("/admin/reports/aging-pages/").content.decode()
    assert "未记录（由系统发布）" in aging  # a page published by a command, not "None"
