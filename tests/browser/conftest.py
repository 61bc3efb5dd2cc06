"""Browser tests: the site runs in its own server process on a fresh SQLite file with the demo content, and
headless Debian Chromium drives it through Playwright. Without Chromium, Playwright or axe-core the tests
skip with a reason, except in CI (CI=true), where they fail."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
BROWSER_ARGS = ["--no-sandbox", "--disable-background-networking"]
PHONE = {"width": 360, "height": 780}
# The demo accounts (reviewer, editor-gongan, editor-minzheng) get this password on the test site.
DEMO_PASSWORD = "browser-test-only"
DESKTOP = {"width": 1280, "height": 900}
SITE = {}  # the test server's environment, for `site_manage`


def missing(reason):
    """Skip locally; in CI a missing piece is a failure, not a silent skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {reason}")
    pytest.skip(reason)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    """Base URL of a server with the 40 demo guides, started once for the whole browser session.

    BROWSER_TEST_URL points the tests at a site that is already running with the demo content instead.
    """
    if os.environ.get("BROWSER_TEST_URL"):
        yield os.environ["BROWSER_TEST_URL"].rstrip("/")
        return
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path_factory.mktemp('site') / 'site.sqlite3'}",
        ZHINAN_DEMO_PASSWORD=DEMO_PASSWORD,
    )
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "load_demo", stdout=subprocess.DEVNULL)
    SITE["env"] = env
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(120):
            try:
                urllib.request.urlopen(url + "/", timeout=2)  # noqa: S310 - our own local server
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the test server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def site_manage(site_url):
    """site_manage(*args, **environ): manage.py against the test server's database (e.g. to add accounts)."""
    if "env" not in SITE:
        missing("BROWSER_TEST_URL names a site whose database these tests cannot prepare")
    return lambda *args, **environ: _manage({**SITE["env"], **environ}, *args, stdout=subprocess.DEVNULL)


@pytest.fixture(scope="session")
def board(site_url):
    """The commitments API's figures: it lists every live guide with its URL and department."""
    with urllib.request.urlopen(site_url + "/api/commitments/") as response:  # noqa: S310 - local server
        return json.load(response)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, site_url):
    """open_page(path, viewport=DESKTOP, senior=False, javascript=True) → a Playwright page showing `path`."""
    contexts = []

    def _open(path, viewport=DESKTOP, senior=False, javascript=True):
        # bypass_csp lets the tests inject axe-core; the policy is tested in tests/web/test_csp.py.
        context = browser.new_context(
            viewport=viewport, java_script_enabled=javascript, locale="zh-CN", bypass_csp=True
        )
        if senior:
            context.add_cookies([{"name": "senior", "value": "1", "url": site_url}])
        contexts.append(context)
        page = context.new_page()
        page.goto(site_url + path)
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        missing(f"axe-core is not installed: run 'npm ci --prefix {AXE.parents[2]}'")
    return AXE.read_text()
