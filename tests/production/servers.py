"""Real processes for the fault tests: a throw-away PostgreSQL cluster, Redis and gunicorn serving the site, and a
small HTTP client that keeps cookies and fills in forms as a browser would."""

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from glob import glob
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from .conftest import missing_service

ROOT = Path(__file__).resolve().parents[2]
APP_PORT = int(os.environ.get("ZHINAN_FAULTS_APP_PORT", "8006"))
PG_PORT = int(os.environ.get("ZHINAN_FAULTS_PG_PORT", "5439"))


def get(path, timeout=10):
    """(status, body) of GET http://127.0.0.1:APP_PORT/path; status 0 when nothing answered."""
    return get_url(f"http://127.0.0.1:{APP_PORT}{path}", timeout)


def get_url(url, timeout=10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out after {seconds}s waiting for {what}")


class PostgresCluster:
    """A PostgreSQL cluster of its own (initdb in a temporary folder, run as the postgres user), so restarting
    it cannot disturb anyone else's database."""

    def __init__(self):
        binaries = sorted(glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not binaries or os.geteuid() != 0 or not shutil.which("runuser"):
            missing_service("needs root and Debian's PostgreSQL server (.ci/services/postgres.sh install)")
        self.bin = Path(binaries[-1]).parent
        self.data = Path(tempfile.mkdtemp(prefix="zhinan-faults-pg-"))
        shutil.chown(self.data, "postgres", "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{PG_PORT}/postgres"

    def as_postgres(self, *command):
        subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, capture_output=True, timeout=120)  # noqa: S603, S607

    def start(self):
        self.as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-E", "UTF8", "--no-sync")
        self.ctl("start")

    def ctl(self, action):
        options = f"-p {PG_PORT} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l", str(self.data / "log"), action
        )

    def restart(self):
        self.ctl("restart")

    def stop(self):
        try:
            self.as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.data, ignore_errors=True)


def production_env(**extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="faults-" + "k" * 60,
        CACHE_URL="locmem://",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        PAGE_CACHE_SECONDS="0",
    )
    env.update(extra)
    return env


def manage(env, *args):
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=600)  # noqa: S603


class Gunicorn:
    """gunicorn with config/gunicorn.py on APP_PORT: one worker with two threads unless told otherwise."""

    def __init__(self, env, workers=1, threads=2):
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{APP_PORT}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
        }
        self.process = None
        self.log = Path(tempfile.mkstemp(prefix="zhinan-faults-gunicorn-", suffix=".log")[1])

    def log_tail(self, characters=3000):
        """The end of the server's log, for a failure message."""
        return self.log.read_text(errors="replace")[-characters:]

    def start(self):
        if get("/healthz", timeout=1)[0]:
            raise AssertionError(f"port {APP_PORT} is already taken")
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env=self.env,
            # A file, not a pipe: nobody reads a pipe while the test runs, and a full one blocks the server.
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until(lambda: get("/healthz", timeout=1)[0] != 0, 120, "gunicorn to answer")
        except AssertionError as error:
            raise AssertionError(f"{error}\n{self.log_tail()}") from None

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # quick shutdown
            self.process.wait(timeout=60)
        self.log.unlink(missing_ok=True)


class OpenSearchNodes:
    """OpenSearch nodes, each in a JVM of its own (the codelibs runner from .ci/services/engines.sh, one node per
    process), so that one can be killed. Node i answers HTTP on 9220 + i and talks to the others on 9320 + i."""

    BASE_HTTP = int(os.environ.get("ZHINAN_FAULTS_ENGINE_BASE_PORT", "9220"))

    def __init__(self, count):
        services = Path(os.environ.get("ZHINAN_SERVICES_DIR", "/tmp/zhinan-services"))  # noqa: S108 - as engines.sh
        java = shutil.which("java")
        if not java:
            missing_service("needs Java 17+ for OpenSearch (apt-get install openjdk-17-jre-headless)")
        fetch = subprocess.run(  # noqa: S603
            ["bash", str(ROOT / ".ci/services/engines.sh"), "fetch", "opensearch"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=900,
        )
        if fetch.returncode:
            missing_service(f"could not fetch the OpenSearch runner: {fetch.stderr[-500:]}")
        self.java, self.lib, self.count = java, services / "lib" / "opensearch", count
        self.home = Path(tempfile.mkdtemp(prefix="zhinan-faults-opensearch-"))
        self.processes = {}

    def http_port(self, node):
        return self.BASE_HTTP + node

    def url(self, node):
        return f"http://127.0.0.1:{self.http_port(node)}"

    def transport(self, node):
        return f"127.0.0.1:{self.BASE_HTTP + 100 + node}"

    def write_config(self, node):
        config = self.home / f"n{node}" / "node_1" / "config"
        config.mkdir(parents=True, exist_ok=True)
        lines = ["network.host: 127.0.0.1", f"transport.port: {self.transport(node).split(':')[1]}"]
        if self.count == 1:
            lines.append("discovery.type: single-node")
        else:
            # The runner names every node "Node 1", so the first cluster manager election goes by address.
            addresses = ", ".join(f'"{self.transport(other)}"' for other in range(1, self.count + 1))
            lines += [f"discovery.seed_hosts: [{addresses}]", f"cluster.initial_cluster_manager_nodes: [{addresses}]"]
        lines.append("cluster.routing.allocation.disk.threshold_enabled: false")
        (config / "opensearch.yml").write_text("\n".join(lines) + "\n")

    def start(self, node):
        for port in (self.http_port(node), int(self.transport(node).split(":")[1])):
            if get_url(f"http://127.0.0.1:{port}/", timeout=1)[0]:
                raise AssertionError(f"port {port} is already taken")
        shutil.rmtree(self.home / f"n{node}", ignore_errors=True)
        self.write_config(node)
        log = open(self.home / f"n{node}.log", "wb")  # noqa: SIM115 - closed with the process
        self.processes[node] = subprocess.Popen(  # noqa: S603
            [
                self.java,
                "-Xms384m",
                "-Xmx384m",
                "-XX:+UseG1GC",
                "-Djava.locale.providers=SPI,COMPAT",
                "-Dlog4j2.formatMsgNoLookups=true",
                f"-Djava.io.tmpdir={self.home}",
                "-cp",
                f"{self.lib}/*",
                "org.codelibs.opensearch.runner.OpenSearchRunner",
                "-basePath",
                str(self.home / f"n{node}"),
                "-numOfNode",
                "1",
                "-baseHttpPort",
                str(self.http_port(node) - 1),
                "-clusterName",
                "zhinan-faults",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def start_all(self):
        for node in range(1, self.count + 1):
            self.start(node)
        self.wait_healthy("yellow")

    def wait_healthy(self, status, node=1, nodes=None):
        nodes = nodes or len(self.processes)
        query = f"_cluster/health?wait_for_status={status}&wait_for_nodes={nodes}&timeout=2s"

        def healthy():
            code, body = get_url(f"{self.url(node)}/{query}", timeout=5)
            return code == 200 and '"timed_out":false' in body

        wait_until(healthy, 420, f"OpenSearch {status} with {nodes} nodes")

    def kill(self, node):
        process = self.processes.pop(node)
        process.kill()
        process.wait(timeout=30)

    def stop_all(self):
        for node in list(self.processes):
            self.kill(node)
        shutil.rmtree(self.home, ignore_errors=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of its own, on its own port (ZHINAN_FAULTS_REDIS_PORT, else a free one), so that stopping it
    disturbs no one else's. It keeps its data in a snapshot file when stopped with `stop(save=True)` and loads it
    when started again, as a Redis restarted from its snapshot does."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            missing_service("needs redis-server (bash .ci/services/redis.sh install)")
        self.port = int(os.environ.get("ZHINAN_FAULTS_REDIS_PORT") or free_port())
        self.dir = Path(tempfile.mkdtemp(prefix="zhinan-faults-redis-"))
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def client(self):
        import redis  # the production extra: only the Redis fault tests need it

        return redis.Redis(port=self.port, socket_timeout=5)

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.dir),
                "--save",
                "",
                "--appendonly",
                "no",
                "--logfile",
                str(self.dir / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )

        def answers():
            try:
                return self.client().ping()
            except Exception:  # not yet listening, or still loading its snapshot
                return False

        wait_until(answers, 30, f"redis-server on port {self.port}")

    def running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self, save=False):
        """Stop the server: with `save`, after writing its data to the snapshot it loads when started again."""
        if self.process and self.process.poll() is None:
            self.client().shutdown(save=save, nosave=not save)
            self.process.wait(timeout=30)

    def freeze(self):
        """A hung server: connections are accepted by the kernel, nothing answers."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def remove(self):
        if self.process and self.process.poll() is None:
            self.thaw()
            self.process.kill()
            self.process.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


class Browser:
    """Requests to the app server on APP_PORT with cookies kept (the production cookies are Secure, which a cookie
    jar would not send back over plain HTTP) and redirects not followed; `forwarded_for` is sent as
    X-Forwarded-For, as a proxy on this machine (a trusted one by default) would."""

    def __init__(self, forwarded_for=None, connect=None, origin=None):
        self.cookies = {}
        self.forwarded_for = forwarded_for
        # Another server (nginx over HTTPS, say): a function of the timeout that opens a connection to it, and the
        # origin a browser would send with a form (Django checks it on HTTPS).
        self.connect = connect or (lambda timeout: http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=timeout))
        self.origin = origin

    def request(self, method, path, data=None, timeout=60):
        """(status, headers, body); status 0 when nothing answered."""
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.origin:
            headers["Host"] = self.origin.split("://", 1)[1]
            if data is not None:
                headers["Origin"] = self.origin
        connection = self.connect(timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
        except OSError:
            return 0, {}, ""
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, text

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def sign_in(self, username, password):
        """Sign in to the Wagtail admin; AssertionError if refused."""
        status, _headers, page = self.get("/admin/login/")
        assert status == 200, status
        data = {"username": username, "password": password, "csrfmiddlewaretoken": form_token(page)}
        status, headers, _page = self.post("/admin/login/", data)
        assert status == 302 and "login" not in headers["Location"], (status, headers.get("Location"))


def form_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


class FormFields(HTMLParser):
    """The fields a browser would submit from the form whose action contains `action`: inputs (checked boxes and
    radios only), textareas and selected options; none from <template> elements (the empty forms that
    JavaScript copies) and no submit buttons (a plain submit saves a draft in Wagtail)."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action, self.fields = action, []
        self.in_form = self.templates = 0
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form" and self.action in attrs.get("action", ""):
            self.in_form = 1
        if not self.in_form:
            return
        if tag == "template":
            self.templates += 1
        if self.templates or "__prefix__" in attrs.get("name", ""):
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in ("submit", "button", "image", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "template" and self.templates:
            self.templates -= 1
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.fields.append((name, text.removeprefix("\n")))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.in_form:
            self.in_form = 0


def form_fields(page, action):
    """[(name, value)] of the form in `page` whose action contains `action`, as a browser would submit it."""
    parser = FormFields(action)
    parser.feed(page)
    return parser.fields
