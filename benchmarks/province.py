"""Province scale: 20 sites (a province portal, its cities, their districts) with 5,000 synthetic guides each.

    export DATABASE_URL=postgres://zhinan:zhinan@127.0.0.1:5432/zhinan_scale OPENSEARCH_URL=http://127.0.0.1:9201
    python benchmarks/province.py build     # create the database, 20 × 5,000 guides, time update_index
    python benchmarks/province.py measure   # searches, board, sitemap, download, then the 10,000-guide import
    python benchmarks/province.py drop      # drop the database and the engine's indexes
    python benchmarks/province.py all       # the three in turn
    # SQLite (a smaller size: --per-site), database search only:
    DATABASE_URL=sqlite:////tmp/province.sqlite3 python benchmarks/province.py all --per-site 500 --engines ''

`build` writes the guides in bulk with computed tree paths (benchmarks/synthetic.py), then times `update_index`
on our database backend and on each engine (indexes named after the database: zhinan_scale_<engine>_…).
`measure` times ranked search (query analysis, total and first page), then the same with the facets as the results
page and the API ask for them, within one site (the 20 sites in turn), over the whole province (the portal,
scope=province) and over the province with a department code chosen (each site's department of that code), for a
Zipf query mix (benchmarks/querymix.py) on every backend, with the page caches on as in production (each process
derives a scope's page queryset once per content generation: search.service.visible_guides); the commitments
board page and API, the sitemap index and
its guides section and the open-data CSV, each through Django's test client on its real URL with a city's Host;
and last the import of a 10,000-guide implementation list (the portal's guides, twice, under new item codes)
through guides.importexport into the portal, then rolled back.
Every figure is printed with the 1-minute load average beside it: the machine is shared.
"""

import argparse
import datetime
import os
import statistics
import time
import tracemalloc

import benchsetup
import querymix
import synthetic

PROVINCE = "江东省"
CITIES = ["临江市", "东湖市", "西山市", "南屏市"]
DISTRICTS_PER_CITY = [4, 4, 4, 3]  # 1 + 4 + 15 = 20 sites


def index_prefix():
    """The engines' index names start with the database's name (zhinan_scale_…): two provinces built side by
    side, in two databases, never share an index."""
    from pathlib import Path

    from django.db import connection

    return f"{Path(connection.settings_dict['NAME']).stem}_"


def load():
    return f"{os.getloadavg()[0]:.1f}"


def row(what, figure):
    print(f"| {what} | {figure} | {load()} |", flush=True)


def layout():
    """(name, index of the parent site or None) for each site, the portal first."""
    sites = [(PROVINCE, None)]
    for city, districts in zip(CITIES, DISTRICTS_PER_CITY, strict=True):
        sites.append((city, 0))
        parent = len(sites) - 1
        sites += [(f"{city[:2]}{synthetic.DISTRICTS[n]}", parent) for n in range(districts)]
    return sites


def host(number):
    return f"site{number:02d}.example"


def create_database():
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)


def build_sites(per_site):
    from wagtail.models import Page, Site

    from guides.models import CommitmentsPage, GuideIndexPage, HomePage
    from guides.models.site_settings import SiteSettings

    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for page in root.get_children():
        page.delete()
    sites = []
    for number, (name, parent) in enumerate(layout()):
        home = root.add_child(instance=HomePage(title=f"{name}政务服务", slug=f"site{number:02d}"))
        index = home.add_child(instance=GuideIndexPage(title="办事指南", slug="guides"))
        home.add_child(instance=CommitmentsPage(title="承诺公示", slug="commitments"))
        site = Site.objects.create(hostname=host(number), port=80, root_page=home, is_default_site=number == 0)
        SiteSettings.objects.update_or_create(
            site=site,
            defaults={
                "site_name": f"{name}政务服务网",
                "city_name": name,
                "parent_site": sites[parent] if parent is not None else None,
            },
        )
        departments = synthetic.make_departments(20, site=site, prefix=name)
        synthetic.make_guides(index, per_site, seed=number, departments=departments)
        sites.append(site)
    return sites


def build(args, aliases):
    from django.core.management import call_command

    started = time.perf_counter()
    create_database()
    sites = build_sites(args.per_site)
    row(f"build: {len(sites)} sites × {args.per_site:,} guides (bulk insert)", f"{time.perf_counter() - started:.0f} s")
    for alias in aliases:
        started = time.perf_counter()
        call_command("update_index", backend_name=alias, verbosity=0)
        benchsetup.refresh(alias)
        row(f"update_index, {benchsetup.engine_label(alias)}", f"{time.perf_counter() - started:.0f} s")


def percentiles(timings):
    ms = [t * 1000 for t in timings]
    return f"p50 {benchsetup.percentile(ms, 0.5):.1f} ms, p95 {benchsetup.percentile(ms, 0.95):.1f} ms"


def time_searches(alias, queries, params_of, facets):
    from wagtail.search.backends import get_search_backend

    from search import service, vocabulary
    from search.query import analyse_query

    backend = get_search_backend(alias)
    vocab = vocabulary.current()
    timings = []
    for number, query in enumerate(queries):
        started = time.perf_counter()
        service.run_search(backend, params_of(number, query), analyse_query(vocab, query), facets)
        timings.append(time.perf_counter() - started)
    return timings


def measure_search(aliases, count):
    from django.conf import settings
    from wagtail.models import Site

    from search.service import PROVINCE as SCOPE_PROVINCE
    from search.service import SearchParams

    settings.PAGE_CACHE_SECONDS = 3600  # as in production: what each process keeps per content generation
    sites = list(Site.objects.select_related("root_page").order_by("hostname"))
    portal = sites[0]
    queries = querymix.weighted_sequence(querymix.distinct_queries(), count)
    for alias in aliases:
        label = benchsetup.engine_label(alias)
        one_site = lambda number, q: SearchParams(q=q, site=sites[number % len(sites)])  # noqa: E731
        province = lambda number, q: SearchParams(q=q, site=portal, scope=SCOPE_PROVINCE)  # noqa: E731
        # Every site has its own department under each code (synthetic.make_departments): bench03 is 20 of them.
        chosen = lambda number, q: SearchParams(  # noqa: E731
            q=q, site=portal, scope=SCOPE_PROVINCE, chosen={"department": "bench03"}
        )
        for what, params_of in (
            ("one site", one_site),
            ("whole province (scope=province)", province),
            ("whole province, department=bench03 (each site's)", chosen),
        ):
            time_searches(alias, queries[:30], params_of, True)  # warm connections, caches and the vocabulary
            for facets, measured in ((False, "ranked search"), (True, "search with facets (results page, API)")):
                row(
                    f"{measured}, {what}, {label}, {count} queries",
                    percentiles(time_searches(alias, queries, params_of, facets)),
                )


def time_get(client, url, hostname, repeat):
    """Seconds of each of `repeat` GETs (after one to warm up), and the last response."""
    response = client.get(url, HTTP_HOST=hostname)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST=hostname)
        b"".join(response) if response.streaming else response.content  # noqa: B018 - read a stream to its end
        timings.append(time.perf_counter() - started)
    return timings, response


def measure_pages(repeat):
    from django.test import Client

    client = Client()
    city = host(1)
    for what, url in (
        ("commitments board page", "/commitments/"),
        ("commitments API, first page", "/api/commitments/"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap section: guides", "/sitemap-guides.xml"),
    ):
        timings, response = time_get(client, url, city, repeat)
        row(
            f"{what} `{url}` ({city}, {len(response.content):,} bytes)",
            f"median {statistics.median(timings) * 1000:.0f} ms",
        )
    tracemalloc.start()
    timings, _response = time_get(client, "/open-data/implementation-list.csv", city, 1)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    row(
        f"open-data CSV `/open-data/implementation-list.csv` ({city}, traced)",
        f"{timings[0]:.1f} s, peak Python memory {peak / 2**20:.0f} MiB",
    )


# What the synthetic guides leave out and the publishing rules ask for (made fully online: no hall needed)
VALID = {
    "is_free": True,
    "complaint_phone": "12345",
    "visits_required": 0,
    "online_level": "full",
    "online_url": "https://zwfw.example/apply/",
    "next_review_due": datetime.date(2027, 6, 1),
    "steps": [("网上申请", "登录网上办事大厅提交申请"), ("办结", "审核通过后办结")],
}


def import_list(count):
    """An implementation list of `count` new guides: the portal's guides under new item codes (made fully online,
    so that they pass the publishing rules), as a CSV file."""
    from wagtail.models import Site

    from guides.importexport.writers import export_records, write
    from guides.models import GuidePage

    portal = Site.objects.get(is_default_site=True)
    records = export_records(GuidePage.objects.visible(portal))
    copies = []
    for copy in range(-(-count // len(records))):
        for record in records[: count - len(copies)]:
            code = f"98{copy}{record.item_code[3:]}"
            copies.append(
                type(record)(
                    fields={**record.fields, **VALID, "item_code": code, "slug": f"import-{code}"},
                    materials=record.materials,
                    fees=record.fees,
                )
            )
    return write(copies, "csv")


class RolledBack(Exception):
    """Raised to undo the timed import: the province stays as built, for the next `measure`."""


def measure_import(count, aliases):
    """The import of `count` new guides into the portal, as the import_guides command runs it (ON_SERVER's limits):
    indexed into the database backend and each engine measured, with the page caches on; then rolled back in the
    database (not in the engines)."""
    from django.conf import settings
    from django.db import transaction

    from guides.importexport import ON_SERVER, ImportRefused, import_guides, report

    data = import_list(count)
    for alias in aliases:
        settings.WAGTAILSEARCH_BACKENDS[alias]["AUTO_UPDATE"] = True
    settings.PAGE_CACHE_SECONDS = 3600
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with transaction.atomic():
            plan = import_guides(data, "implementation-list.csv", limits=ON_SERVER)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            raise RolledBack
    except ImportRefused as refused:
        row(f"import of {count:,} guides ({len(data):,} bytes CSV)", f"refused: {report(refused.problems[:3])}")
        return
    except RolledBack:
        pass
    indexed = ", ".join(benchsetup.engine_label(alias) for alias in aliases) or "no search backend"
    row(
        f"import of {count:,} new guides ({len(data) / 2**20:.1f} MiB CSV) into the portal, indexed into {indexed}",
        f"{seconds:.0f} s, {seconds / count * 1000:.0f} ms a guide ({cpu / count * 1000:.0f} ms of this process's "
        f"CPU a guide; {len(plan.created):,} created)",
    )


def drop(aliases):
    from django.db import connection

    benchsetup.drop_engine_indexes([alias for alias in aliases if alias != "default"])
    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    else:
        os.remove(connection.settings_dict["NAME"])
    print(f"dropped {connection.settings_dict['NAME']} and the indexes {index_prefix()}*")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["build", "measure", "drop", "all"])
    parser.add_argument("--per-site", type=int, default=5000, help="guides on each of the 20 sites")
    benchsetup.add_engine_arguments(parser)
    parser.add_argument("--searches", type=int, default=300, help="timed queries per backend and scope")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page")
    parser.add_argument("--import-count", type=int, default=10000, help="guides in the imported list")
    parser.add_argument("--parts", default="search,pages,import", help="what `measure` times, comma-separated")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        parser.error("set DATABASE_URL (postgres://…/zhinan_scale or sqlite:////tmp/province.sqlite3)")
    benchsetup.start_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    aliases = benchsetup.configure_backends(benchsetup.chosen_engines(args.engines), prefix=index_prefix())
    from django.db import connection

    print(f"{connection.vendor} {connection.settings_dict['NAME']}; machine speed {benchsetup.machine_speed()}")
    print("\n| measurement | figure | load average (1 min) |\n| --- | --- | --- |")
    if args.step in ("build", "all"):
        build(args, aliases)
    parts = args.parts.split(",")
    if args.step in ("measure", "all"):
        if "search" in parts:
            measure_search(aliases, args.searches)
        if "pages" in parts:
            measure_pages(args.repeat)
        if "import" in parts:
            measure_import(args.import_count, aliases)
    if args.step in ("drop", "all"):
        drop(aliases)
    print(f"\nmachine speed after: {benchsetup.machine_speed()}")


if __name__ == "__main__":
    main()
