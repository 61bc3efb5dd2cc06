"""Load benchmark: gunicorn (config/gunicorn.py) on PostgreSQL + Redis with the demo content, measured with wrk.

In one run, against one server: requests per second and p99 latency for a cached guide page (for a returning
visitor, whose browser sends the CSRF cookie it got on its first page, and for a first visit without cookies),
the same page uncached (a cookie other than the CSRF cookie keeps it out of every cache), a search, the search
page over a long-tail mix of --queries distinct queries (benchmarks/querymix.py), the guide with the most
situation answers over all its answer combinations, and a static file of the same size served by the same server
(WhiteNoise); then a soak run over every guide page, the search and the API. Goal: cached page >= 0.7 x the
static file; the soak with 0 errors.

The two mixes first run once for --duration seconds on their own, each request new to the server: their "first
pass" rows, what follows a publish (every kept page of the site is dropped) or a server start. The rounds then
measure them as they run between publishes, the pages already asked for kept (web/pagecache.py): the figures the
goals below are read against, beside the first pass.

    .ci/services/postgres.sh start && .ci/services/redis.sh start
    .venv/bin/python benchmarks/load.py                     # 3 rounds of 10 s per measurement, 5 minute soak
    .venv/bin/python benchmarks/load.py --rounds 1 --duration 5 --soak 30
    .venv/bin/python benchmarks/load.py --database-url sqlite:////tmp/zhinan-bench.sqlite3 --cache-url locmem://
    # at 10,000 guides (the demo + synthetic guides, benchmarks/synthetic.py), in a database of their own:
    .venv/bin/python benchmarks/load.py --synthetic 10000 \
        --database-url postgres://zhinan:zhinan@127.0.0.1:5432/zhinan_bench_10k

Goal of the dynamic pages (issue 17): the search mix and the answered guide each >= 0.1 x the static file's
requests/s, p99 <= 300 ms, 0 errors. wrk comes from Debian (apt-get install wrk).

Everything stays on 127.0.0.1 and every wrk run is bounded in time. The database (default `zhinan_bench`) is
created if missing, migrated and given the demo content; results also go to benchmarks/results/.
"""

import argparse
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import querymix

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
STATIC_NAME = "benchmark/page-sized.html"
# After each wrk run: the requests it left in the workers' queues (renders of new searches) are finished before the
# next measurement starts, instead of being counted in its latency.
SETTLE_SECONDS = 3

# wrk calls request() for each request: every connection walks the list of paths.
ROTATE_LUA = """
paths = {%s}
counter = 0
request = function()
    counter = counter + 1
    return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://zhinan:zhinan@127.0.0.1:5432/zhinan_bench")
    parser.add_argument("--cache-url", default=os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/1"))
    parser.add_argument("--port", type=int, default=8006)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement and round")
    parser.add_argument("--rounds", type=int, default=3, help="the measurements take turns, so they share the noise")
    parser.add_argument("--soak", type=int, default=300, help="seconds of the mixed soak run (0: skip)")
    parser.add_argument("--search", default="/search/?q=身份证", help="the single search request to measure")
    parser.add_argument("--queries", type=int, default=1000, help="distinct queries of the long-tail search mix")
    parser.add_argument("--synthetic", type=int, default=0, help="synthetic guides beside the demo's (10000)")
    return parser.parse_args()


def ensure_database(url):
    if url.startswith("sqlite"):
        return
    import psycopg  # only for PostgreSQL

    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.OperationalError:
        parts = urllib.parse.urlsplit(url)
        name = parts.path.lstrip("/")
        maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8'")


def server_env(args):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=args.database_url,
        CACHE_URL=args.cache_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
    )
    return env


def manage(env, *command, capture=False):
    print("$ manage.py", *command[:2], flush=True)
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=900, capture_output=capture
    )
    return done.stdout.decode() if capture else None


# Prints the path of every answer combination of the live guide that has the most (benchmarks/page_cpu.py).
ANSWERED_GUIDE = """
import json, sys
sys.path.insert(0, "benchmarks")
from page_cpu import answer_combinations, guide_with_most_answers
guide = guide_with_most_answers()
print(json.dumps([f"{guide.url}?{query}" for query in answer_combinations(guide) if query]))
"""


# Adds synthetic guides to the demo's guide index until it holds --synthetic of them, indexed for search.
SYNTHETIC = """
import sys
sys.path.insert(0, "benchmarks")
import synthetic
from django.core.management import call_command
from guides.models import GuideIndexPage, GuidePage
missing = %d - GuidePage.objects.filter(slug__startswith="bench-").count()
if missing > 0:
    synthetic.make_guides(GuideIndexPage.objects.first(), missing)
    call_command("update_index", verbosity=0)
"""

# Drops every page and variant a previous run kept (they stay in the shared cache for PAGE_VARIANT_SECONDS, 600 s, and
# the demo loaded again changes nothing: a run within ten minutes of another on the same port found its first pass
# already kept), and those of the synthetic guides, written in bulk without the signals that would start one.
NEW_GENERATION = "from web.pagecache import start_new_generation; start_new_generation()"


def rotation_script(paths):
    """A wrk script whose connections walk `paths` in turn; the caller deletes the file."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(ROTATE_LUA % ", ".join(json.dumps(path) for path in paths))
    return script.name


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server on 127.0.0.1
        return response.status, response.read()


def csrf_cookie(url):
    """The CSRF cookie a browser keeps from its first page, as a Cookie header value."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server on 127.0.0.1
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("csrftoken="):
                return header.split(";", 1)[0]
    raise SystemExit(f"{url} set no CSRF cookie")


def wait_for(url, seconds=120):
    """Fetch `url` until it answers (a 4xx counts): fresh workers load jieba and the vocabulary first, for
    seconds on a busy machine, and meanwhile may answer 503 (web/shedding.py) or nothing within fetch's timeout."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            fetch(url)
            return
        except urllib.error.HTTPError as error:
            if error.code != 503:
                return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds}s")


def fetch_when_served(url, seconds=60):
    """fetch(url), asking again while the server sheds it (503, Retry-After: 1) on a busy machine."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return fetch(url)
        except urllib.error.HTTPError as error:
            if error.code != 503 or time.monotonic() > deadline:
                raise
        time.sleep(1)


def guide_paths(base):
    paths, url = [], f"{base}/api/v1/guides/?page_size=100"
    while url:
        page = json.loads(fetch_when_served(url)[1])
        paths += [urllib.parse.urlsplit(guide["url"]).path for guide in page["results"]]
        # The API's links carry the site's public address (SITE_URL), not necessarily this server's port.
        url = page["next"] and base + urllib.parse.urlsplit(page["next"])._replace(scheme="", netloc="").geturl()
    if not paths:
        raise SystemExit("no published guides: did load_demo run?")
    return paths


def seconds(value, unit):
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk(args, url, duration, script=None, cookie=None):
    """Runs wrk; returns requests/s, p99 in ms and the error count (socket errors + non-2xx/3xx)."""
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{duration}s", "--timeout", "10s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script:
        command += ["-s", script]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, timeout=duration + 60, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    total = int(re.search(r"(\d+) requests in", output).group(1))
    time.sleep(SETTLE_SECONDS)
    return {"rps": rps, "p99_ms": seconds(*p99.groups()) * 1000, "errors": errors, "requests": total}


def combined(results, duration):
    """Rounds of one measurement as one: total requests over total time, the worst p99, all errors."""
    requests = sum(result["requests"] for result in results)
    return {
        "rps": requests / (duration * len(results)),
        "p99_ms": max(result["p99_ms"] for result in results),
        "errors": sum(result["errors"] for result in results),
        "requests": requests,
    }


def main():
    args = arguments()
    env = server_env(args)
    ensure_database(args.database_url)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo")
    if args.synthetic:
        manage(env, "shell", "-c", SYNTHETIC % args.synthetic)
    manage(env, "shell", "-c", NEW_GENERATION)
    manage(env, "collectstatic", "--no-input", "-v0")
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"], cwd=ROOT, env=env
    )
    try:
        wait_for(f"{base}/healthz")
        guides = guide_paths(base)
        page = guides[0]
        size = len(fetch_when_served(base + page)[1])
        static_file = ROOT / "staticfiles" / STATIC_NAME
        static_file.parent.mkdir(parents=True, exist_ok=True)
        static_file.write_bytes(b"x" * size)
        server.send_signal(signal.SIGHUP)  # new workers: WhiteNoise indexes the new static file at start-up
        time.sleep(3)
        wait_for(f"{base}/static/{STATIC_NAME}")
        search = urllib.parse.quote(args.search, safe="/?=&")
        wait_for(base + search)
        search_status = fetch_status(base + search)
        returning = csrf_cookie(base + page)
        mix = querymix.weighted_sequence(querymix.distinct_queries(args.queries), 20 * args.queries)
        search_mix = rotation_script([f"/search/?{urllib.parse.urlencode({'q': q})}" for q in mix])
        answered = json.loads(manage(env, "shell", "-c", ANSWERED_GUIDE, capture=True).strip().splitlines()[-1])
        answered_script = rotation_script(answered)
        scripted = {
            f"search, long-tail mix of {args.queries} queries": search_mix,
            f"guide with answers, all {len(answered)} combinations": answered_script,
        }
        targets = [
            ("cached guide page, returning visitor", page, returning),
            ("cached guide page, first visit", page, None),
            # A cookie of no visitor's (not the CSRF cookie) keeps the page out of every cache: rendered each time.
            ("uncached guide page", page, f"{returning}; zhinan_uncached=1"),
            ("search", search if search_status == 200 else None, returning),
            *((name, "/", returning) for name in scripted),
            (f"static file, same size ({size} bytes)", f"/static/{STATIC_NAME}", returning),
        ]
        for _name, path, _cookie in targets:
            if path:
                wait_for(base + path)  # warm the page cache
        runs = {name: [] for name, path, _cookie in targets if path}
        loads = [os.getloadavg()]  # the machine's load average before and after the measurements
        first_pass = {
            f"{name}, first pass": wrk(args, base + "/", args.duration, script=script, cookie=returning)
            for name, script in scripted.items()
        }
        for _ in range(args.rounds):
            for name, path, cookie in targets:
                if path:
                    script = scripted.get(name)
                    runs[name].append(wrk(args, base + path, args.duration, script=script, cookie=cookie))
        rows = [(name, combined(runs[name], args.duration) if path else None) for name, path, _cookie in targets]
        rows[-1:-1] = first_pass.items()  # the static file stays last
        loads = [*loads, os.getloadavg()]
        soak = None
        if args.soak:
            mix = [*guides, *(f"{path}?uncached=1" for path in guides[:5]), "/api/v1/guides/", "/sitemap.xml"]
            if search_status == 200:
                mix.append(search)
            script = rotation_script(mix)
            soak = wrk(args, base + "/", args.soak, script)
            os.unlink(script)
        for script in scripted.values():
            os.unlink(script)
        report(args, rows, soak, len(guides), loads)
    finally:
        server.terminate()
        server.wait(timeout=60)


def fetch_status(url):
    try:
        return fetch(url)[0]
    except urllib.error.HTTPError as error:
        return error.code


def report(args, rows, soak, guide_count, loads):
    load_text = " → ".join("/".join(f"{value:.1f}" for value in load) for load in loads)
    lines = [
        f"gunicorn gthread ({os.cpu_count()} cores), {args.database_url.split(':')[0]}, {args.cache_url}; "
        f"{guide_count} guides; wrk -t2 "
        f"-c{args.connections}; {args.rounds} rounds of {args.duration} s each, taking turns (p99: worst round); "
        f"load average (1/5/15 min) before → after: {load_text}",
        "",
        "| request | requests/s | p99 (ms) | errors |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, result in rows:
        if result is None:
            lines.append(f"| {name} | (not available) | | |")
        else:
            lines.append(f"| {name} | {result['rps']:.0f} | {result['p99_ms']:.1f} | {result['errors']} |")
    measured, static = dict(rows), rows[-1][1]
    lines.append("")
    for visitor in ("returning visitor", "first visit"):
        cached = measured[f"cached guide page, {visitor}"]
        lines.append(f"cached page ({visitor}) / static file: {cached['rps'] / static['rps']:.2f} (goal >= 0.70)")
    for name, result in rows:
        if name.startswith(("search, long-tail", "guide with answers")) and result:
            goal = "" if name.endswith("first pass") else " (goal >= 0.10, p99 <= 300 ms, 0 errors)"
            lines.append(f"{name} / static file: {result['rps'] / static['rps']:.2f}{goal}")
    if soak:
        lines.append(
            f"soak: {args.soak} s at {args.connections} connections over every guide page, uncached pages, search "
            f"and API: {soak['requests']} requests, {soak['rps']:.0f}/s, p99 {soak['p99_ms']:.1f} ms, "
            f"{soak['errors']} errors (goal 0)"
        )
    text = "\n".join(lines)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"load-{time.strftime('%Y%m%d-%H%M%S')}.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
