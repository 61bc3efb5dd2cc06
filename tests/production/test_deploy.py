"""The deployment of deploy/: Debian's nginx (TLS with a certificate made at start, static files, media, the proxy
headers) in front of gunicorn on PostgreSQL, Redis and OpenSearch, each started with the command line of its systemd
unit (systemd itself cannot run here). An editor publishes a guide in the admin over HTTPS; the public page shows it
within a second, and the printed QR code leads to the site's public address."""

import http.client
import io
import json
import os
import re
import shlex
import shutil
import ssl
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import cairosvg
import pytest
import zxingcpp
from PIL import Image

from .conftest import missing_service
from .servers import ROOT, Browser, form_fields, free_port, manage, production_env, wait_until

pytestmark = pytest.mark.faults

SITE_URL = os.environ.get("ZHINAN_DEPLOY_SITE_URL", "https://127.0.0.1:8443")
HTTP_PORT = int(os.environ.get("ZHINAN_DEPLOY_HTTP_PORT", "8104"))
UNITS = ROOT / "deploy" / "systemd"
NGINX = ["bash", str(ROOT / ".ci/services/nginx.sh")]
PASSWORD = "deploy-admin-password"
TITLE = "部署测试事项"
SETUP = f"""
from guides.models import CommitmentsPage
from tests.factories import make_guide, make_site
home, index = make_site()
home.add_child(instance=CommitmentsPage(title="承诺公示", slug="commitments"))
guide = make_guide(index, title={TITLE!r})
print("guide:", guide.pk, guide.url)
"""


def unit_commands(unit):
    """The ExecStart command lines of a unit, run from this checkout's virtualenv instead of /srv/zhinan/.venv."""
    lines = (UNITS / unit).read_text().splitlines()
    commands = [shlex.split(line.split("=", 1)[1]) for line in lines if line.startswith("ExecStart=")]
    venv = Path(sys.executable).parent
    return [[str(venv / Path(command[0]).name), *command[1:]] for command in commands]


def database_urls(name):
    """(the server's maintenance database, a new database `name`) on the server of TEST_POSTGRES_URL."""
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        missing_service("TEST_POSTGRES_URL is not set (bash .ci/services/postgres.sh start)")
    return (urlunsplit(urlsplit(url)._replace(path=f"/{path}")) for path in ("postgres", name))


def admin_database(url, statement):
    import psycopg  # the postgres extra: only this test creates databases

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)


class Https:
    """Requests to nginx over HTTPS, checking its certificate (the self-signed one made at start)."""

    def __init__(self, certificate):
        self.context = ssl.create_default_context(cafile=certificate)
        parts = urlsplit(SITE_URL)
        self.host, self.port = parts.hostname, parts.port or 443

    def connect(self, timeout):
        return http.client.HTTPSConnection(self.host, self.port, timeout=timeout, context=self.context)

    def get(self, path, **headers):
        connection = self.connect(30)
        try:
            connection.request("GET", path, headers={"Host": urlsplit(SITE_URL).netloc, **headers})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    for tool in ("nginx", "openssl", "envsubst"):
        if not shutil.which(tool) and not Path("/usr/sbin", tool).exists():
            missing_service(f"{tool} is missing (bash .ci/services/nginx.sh install)")
    for variable in ("TEST_REDIS_URL", "TEST_OPENSEARCH_URL"):
        if not os.environ.get(variable):
            missing_service(f"{variable} is not set (.ci/run starts Redis and OpenSearch)")
    name = f"zhinan_deploy_{os.getpid()}"
    server_url, url = database_urls(name)
    admin_database(server_url, f"CREATE DATABASE {name}")
    app = f"127.0.0.1:{free_port()}"
    env = production_env(
        DATABASE_URL=url,
        CACHE_URL=os.environ["TEST_REDIS_URL"],
        SEARCH_ENGINE="opensearch",
        SEARCH_URL=os.environ["TEST_OPENSEARCH_URL"],
        SEARCH_INDEX_PREFIX=f"{name}_",
        SITE_URL=SITE_URL,
        ALLOWED_HOSTS=urlsplit(SITE_URL).hostname,
        SECURE_SSL_REDIRECT="1",
        PAGE_CACHE_SECONDS="3600",
        TRUSTED_PROXIES="127.0.0.1,::1",
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
        ZHINAN_ADMIN_PASSWORD=PASSWORD,
        GUNICORN_BIND=app,
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="4",
    )
    gunicorn = nginx = None
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    try:
        manage(env, "migrate", "--no-input")
        guide_id, guide_url = manage(env, "shell", "-c", SETUP).stdout.split("guide:", 1)[1].split()
        manage(env, "bootstrap")  # the admin account, and the site's address from SITE_URL
        manage(env, "collectstatic", "--no-input")
        manage(env, "update_index")
        [command] = unit_commands("zhinan.service")
        gunicorn = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)  # noqa: S603
        started = subprocess.run(  # noqa: S603
            NGINX + ["start"],
            env={**os.environ, "ZHINAN_SITE_URL": SITE_URL, "ZHINAN_HTTP_PORT": str(HTTP_PORT), "ZHINAN_APP": app},
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert started.returncode == 0, started.stderr
        nginx = True
        https = Https(started.stdout.strip().splitlines()[-1])

        def answers():
            try:
                return https.get("/healthz")[0] == 200
            except OSError:
                return False

        try:
            wait_until(answers, 120, "the site through nginx")
        except AssertionError as error:
            raise AssertionError(f"{error}\n{log.read_text(errors='replace')[-3000:]}") from None
        yield {"env": env, "https": https, "guide_id": int(guide_id), "guide_url": guide_url, "app": app}
    finally:
        if nginx:
            subprocess.run(NGINX + ["stop"], env={**os.environ, "ZHINAN_SITE_URL": SITE_URL}, check=False)  # noqa: S603
        if gunicorn:
            gunicorn.terminate()
            gunicorn.wait(timeout=60)
        admin_database(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_the_systemd_units_verify_and_their_jobs_run(stack, tmp_path):
    """`systemd-analyze verify` on the units (their paths moved to this checkout), then each job's command lines."""
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        missing_service("systemd-analyze is missing (Debian's systemd package)")
    for unit in UNITS.iterdir():
        text = unit.read_text().replace("/srv/zhinan/.venv/bin/", f"{Path(sys.executable).parent}/")
        (tmp_path / unit.name).write_text(text.replace("/srv/zhinan", str(ROOT)))
    verified = subprocess.run(  # noqa: S603
        [analyze, "verify", *sorted(str(path) for path in tmp_path.iterdir())], capture_output=True, text=True
    )
    assert verified.returncode == 0 and not verified.stdout + verified.stderr, verified.stdout + verified.stderr
    for unit in ("zhinan-publish-scheduled.service", "zhinan-purge.service"):
        for command in unit_commands(unit):
            subprocess.run(command, cwd=ROOT, env=stack["env"], check=True, capture_output=True, timeout=300)  # noqa: S603


def test_nginx_serves_tls_static_files_and_media_and_redirects_plain_http(stack):
    https = stack["https"]
    status, headers, body = https.get("/")
    assert status == 200 and "max-age=" in headers["Strict-Transport-Security"]
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', body).group(1).decode()
    status, headers, _css = https.get(stylesheet)
    assert status == 200 and "immutable" in headers["Cache-Control"] and headers["Server"] == "nginx"
    assert https.get("/media/documents/anything.pdf")[0] == 404  # documents only through the site's checks

    plain = http.client.HTTPConnection("127.0.0.1", HTTP_PORT, timeout=30)
    plain.request("GET", "/guides/?q=1")
    response = plain.getresponse()
    response.read()
    assert (response.status, response.headers["Location"]) == (301, f"{SITE_URL}/guides/?q=1")
    plain.request("GET", "/healthz")  # load balancers probe over plain HTTP
    assert plain.getresponse().status == 200
    plain.close()


def test_the_site_sees_the_client_address_nginx_passes_on(stack):
    """nginx appends the client to X-Forwarded-For and the site believes it from nginx, a trusted proxy: a client on
    this machine gets /healthz's details, one from elsewhere (as nginx reports it) does not."""
    https = stack["https"]
    here = json.loads(https.get("/healthz?verbose")[2])
    elsewhere = json.loads(https.get("/healthz?verbose", **{"X-Forwarded-For": "203.0.113.9"})[2])
    assert set(here["database"]) > {"ok"}
    assert elsewhere["database"] == {"ok": True}


def test_a_guide_published_in_the_admin_over_https_shows_on_the_public_page_within_a_second(stack):
    https, guide_id, guide_url = stack["https"], stack["guide_id"], stack["guide_url"]
    assert TITLE.encode() in https.get(guide_url)[2]
    https.get(guide_url)  # now cached by the page cache

    editor = Browser(connect=https.connect, origin=SITE_URL)
    editor.sign_in("admin", PASSWORD)
    edit = f"/admin/pages/{guide_id}/edit/"
    status, _headers, page = editor.get(edit)
    assert status == 200, status
    marker = f"经 nginx 发布 {time.time_ns()}"
    fields = [(name, marker if name == "summary" else value) for name, value in form_fields(page, edit)]
    fields = [(name, value) for name, value in fields if name != "change_note"]
    fields += [("change_note", "部署测试"), ("situations-count", "0"), ("action-publish", "1")]
    status, headers, page = editor.post(edit, fields)
    assert status == 302, re.findall(r'class="error-message"[^>]*>(.*?)<', page) or status
    published = time.monotonic()
    while marker.encode() not in https.get(guide_url)[2]:
        assert time.monotonic() - published < 1.0, "the public page did not show the publish within a second"
        time.sleep(0.05)


def test_the_printed_qr_code_leads_to_the_public_address(stack):
    https, guide_url = stack["https"], stack["guide_url"]
    status, _headers, body = https.get(f"{guide_url}print/")
    assert status == 200
    svg = re.search(rb"<svg .*?</svg>", body, re.S).group(0)
    png = cairosvg.svg2png(bytestring=svg, output_width=400, background_color="white")
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    assert code.text == f"{SITE_URL}{guide_url}"
    api = json.loads(https.get("/api/v1/guides/")[2])
    assert api["results"][0]["url"] == f"{SITE_URL}{guide_url}"
