"""SQLite under concurrent writes: editors saving pages in the admin while citizens post feedback, on a real server
over a database file. With SQLite's defaults, transactions that read and then write fail with "database is locked"
as soon as another writes; WAL, IMMEDIATE transactions and a busy timeout (config/settings/base.py) make them wait
their turn."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from .servers import Browser, Gunicorn, form_fields, form_token, manage, production_env

pytestmark = pytest.mark.faults

EDITOR, PASSWORD = "editor", "faults-editor-password"
GUIDES = 10
SETUP = f"""
from django.contrib.auth.models import User
from tests.factories import make_guide, make_site
User.objects.create_superuser({EDITOR!r}, "editor@example.gov.cn", {PASSWORD!r})
home, index = make_site()
for number in range({GUIDES}):
    make_guide(index, title=f"并发测试事项{{number}}")
"""
GUIDE_IDS = "from guides.models import GuidePage; print('ids:', *GuidePage.objects.values_list('id', flat=True))"


@pytest.fixture(scope="module")
def site_on_a_sqlite_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sqlite")
    env = production_env(DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}", MEDIA_ROOT=str(folder / "media"))
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "shell", "-c", SETUP)
    printed = manage(env, "shell", "-c", GUIDE_IDS).stdout
    ids = [int(number) for number in printed.split("ids:", 1)[1].split()]
    server = Gunicorn(env, workers=2, threads=8)
    server.start()
    yield server, ids
    server.stop()


def edit_and_save(editor, page_id, number):
    """An editor's save of a draft: the edit form as the admin renders it, with a new summary."""
    status, _headers, page = editor.get(f"/admin/pages/{page_id}/edit/")
    if status != 200:
        return status
    fields = [
        (name, f"第 {number} 次保存的摘要" if name == "summary" else value)
        for name, value in form_fields(page, f"/admin/pages/{page_id}/edit/")
    ]
    fields.append(("situations-count", "0"))  # the StreamField's inputs are built by JavaScript; these guides have none
    status, headers, _page = editor.post(f"/admin/pages/{page_id}/edit/", fields)
    return status if status != 302 else (302 if f"/admin/pages/{page_id}/edit/" in headers["Location"] else 0)


def test_parallel_editor_saves_and_feedback_posts_all_succeed(site_on_a_sqlite_file):
    server, ids = site_on_a_sqlite_file
    editor = Browser()
    editor.sign_in(EDITOR, PASSWORD)
    status, _headers, guide_page = Browser().get("/guides/")
    guide_url = re.search(r'href="(/guides/[^"]+/)"', guide_page).group(1)
    visitor = Browser()
    status, _headers, page = visitor.get(guide_url)
    assert status == 200
    token = form_token(page)

    def post_feedback(number):
        # 20 citizens behind the proxy on this machine: each has a rate limit of their own.
        citizen = Browser(forwarded_for=f"198.51.100.{number + 1}")
        citizen.cookies = dict(visitor.cookies)
        data = {"kind": "useful", "useful-useful": "yes", "csrfmiddlewaretoken": token}
        return citizen.post(guide_url + "feedback/", data)[0]

    with ThreadPoolExecutor(max_workers=30) as pool:
        saves = [pool.submit(edit_and_save, editor, page_id, number) for number, page_id in enumerate(ids)]
        posts = [pool.submit(post_feedback, number) for number in range(20)]
        save_statuses = [future.result() for future in saves]
        post_statuses = [future.result() for future in posts]
    assert save_statuses == [302] * GUIDES, server.log_tail()
    assert post_statuses == [302] * 20, server.log_tail()
    for number, page_id in enumerate(ids):  # every save landed
        assert f"第 {number} 次保存的摘要" in editor.get(f"/admin/pages/{page_id}/edit/")[2]
