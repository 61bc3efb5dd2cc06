"""Real processes for the fault tests: a throw-away PostgreSQL cluster and gunicorn serving the site."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from glob import glob
from pathlib import Path

from .conftest import missing_service

ROOT = Path(__file__).resolve().parents[2]
APP_PORT = int(os.environ.get("ZHINAN_FAULTS_APP_PORT", "8006"))
PG_PORT = int(os.environ.get("ZHINAN_FAULTS_PG_PORT", "5439"))


def get(path, timeout=10):
    """(status, body) of GET http://127.0.0.1:APP_PORT/path; status 0 when nothing answered."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{APP_PORT}{path}", timeout=timeout) as response:  # noqa: S310
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
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=600)  # noqa: S603


class Gunicorn:
    """gunicorn with config/gunicorn.py, one worker, on APP_PORT."""

    def __init__(self, env):
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{APP_PORT}", "GUNICORN_WORKERS": "1", "GUNICORN_THREADS": "2"}
        self.process = None

    def start(self):
        if get("/healthz", timeout=1)[0]:
            raise AssertionError(f"port {APP_PORT} is already taken")
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_until(lambda: get("/healthz", timeout=1)[0] != 0, 60, "gunicorn to answer")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
