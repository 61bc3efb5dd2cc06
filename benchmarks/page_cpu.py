"""CPU per request of the dynamic public pages, and where it goes (pyinstrument), at the demo size and larger.

    python benchmarks/page_cpu.py                                 # demo content, then + 10,000 synthetic guides
    python benchmarks/page_cpu.py --sizes 0 --requests 300        # the demo content only
    DATABASE_URL=postgres://zhinan:zhinan@127.0.0.1:5432/zhinan_bench_cpu python benchmarks/page_cpu.py

Two pages, each rendered in this process through the whole middleware stack (Django's test client), with every
cache of rendered pages off, so each request is rendered from scratch: both pages have a query string, which the
page cache middleware never keeps, and web.pagecache.variant (the kept search pages and answered guides) is
replaced by a plain render. What each process keeps for one content generation and every page shares (the request's
site, the header's navigation and site settings) stays on, as in production; `--no-generation-copies` turns it off
too (PAGE_CACHE_SECONDS=0, as the tests run).
- the search results page over the long-tail mix of benchmarks/querymix.py (at least 1,000 distinct queries);
- the demo guide with the most situation answer combinations, over all of them (`?q1=…&q2=…`).
CPU is time.process_time() over all requests divided by their number (goals: search <= 8 ms and answered guide
<= 6 ms at the demo size, <= 15 ms and <= 8 ms at 10,000 guides). Then the same requests run once more under
pyinstrument, and the table gives the time inside the named parts (a part nested in another counts in both).
The full call trees go to benchmarks/results/page-cpu-*.txt.
"""

import argparse
import itertools
import os
import time
import urllib.parse

import benchsetup
import querymix
import synthetic

# (label, module path suffix, function name): the parts of a request the breakdown names.
PARTS = [
    ("whole request", "django/core/handlers/base.py", "get_response"),
    ("site lookup (Site.find_for_request)", "wagtail/models/sites.py", "find_for_request"),
    ("page routing (Wagtail serve)", "wagtail/views.py", "serve"),
    ("search: guide search + facets", "search/service.py", "run_search"),
    ("search: facet counts", "search/service.py", "facet_counts"),
    ("search: ranked statements (SQL, facets folded in)", "search/backends/ranked.py", "fetch"),
    ("search: result objects from the statement's rows", "search/backends/ranked.py", "page_objects"),
    ("search: query analysis", "search/query.py", "analyse_query"),
    ("search: related topics and life events", "search/related.py", "related_pages"),
    ("search: promotions", "search/views.py", "promotions"),
    ("search: query log", "search/querylog.py", "record"),
    ("guide: context (answers, materials, halls)", "guides/models/guide.py", "get_context"),
    ("guide: view restrictions", "guides/models/routes.py", "get_view_restrictions"),
    ("guide: feedback ratings", "guides/feedback/ratings.py", "guide_satisfaction"),
    ("template rendering", "django/template/base.py", "render"),
    ("page cache lookup", "web/pagecache.py", "variant"),
]


def answer_combinations(guide):
    """Every query string of `guide`'s situation answers: each question answered with each option or not at all."""
    questions = guide.situation_questions
    choices = [[None, *question.options] for question in questions]
    strings = []
    for combination in itertools.product(*choices):
        params = {q.param: value for q, value in zip(questions, combination, strict=True) if value is not None}
        strings.append(urllib.parse.urlencode(params))
    return strings


def guide_with_most_answers():
    from guides.models import GuidePage

    return max(GuidePage.objects.live(), key=lambda guide: len(answer_combinations(guide)))


def build(size):
    from django.core.management import call_command

    from guides.models import GuideIndexPage

    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    if size:
        synthetic.make_guides(GuideIndexPage.objects.first(), size)
        call_command("update_index", verbosity=0)
        benchsetup.refresh("default")


def measure(client, paths):
    """CPU seconds per request over `paths` (each must answer 200)."""
    started = time.process_time()
    for path in paths:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return (time.process_time() - started) / len(paths)


def breakdown(client, paths):
    """({label: share of the whole request}, call tree text) from one pyinstrument run over `paths`.

    pyinstrument samples wall-clock time, which other processes on a busy machine stretch: the shares are read
    against the CPU time measured without the profiler. Every millisecond, on a quarter of the timed requests:
    sampled every 0.2 ms, the guide page's deep template frames grew the session past 9 GB."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    for path in paths:
        client.get(path)
    profiler.stop()
    totals = dict.fromkeys([label for label, _file, _function in PARTS], 0.0)

    def walk(frame, open_labels):
        mine = set(open_labels)
        for label, file_suffix, function in PARTS:
            if (
                label not in open_labels
                and frame.function == function
                and (frame.file_path or "").endswith(file_suffix)
            ):
                totals[label] += frame.time
                mine.add(label)
        for child in frame.children:
            walk(child, mine)

    walk(profiler.last_session.root_frame(), set())
    shares = {label: seconds / totals["whole request"] for label, seconds in totals.items() if seconds}
    return shares, profiler.output_text(unicode=True, show_all=False)


def run_size(size, requests, out, profile):
    from django.test import Client

    teardown = benchsetup.fresh_database()
    try:
        build(size)
        client = Client()
        queries = querymix.distinct_queries()
        searches = [
            f"/search/?{urllib.parse.urlencode({'q': q})}" for q in querymix.weighted_sequence(queries, requests + 50)
        ]
        guide = guide_with_most_answers()
        answered = [f"{guide.url}?{query}" for query in answer_combinations(guide) if query]
        pages = {
            "search, long-tail mix": searches,
            f"guide with answers ({guide.title}, {len(answered)} combinations)": answered,
        }
        for name, paths in pages.items():
            # Warm up, then only distinct requests: a process that saw a query before would be measured on its
            # caches (the vocabulary, the database's), not on the page's work.
            measure(client, paths[: min(50, len(paths))])
            timed = list(itertools.islice(itertools.cycle(paths[50:] or paths), requests))
            cpu = measure(client, timed)
            parts = {}
            if profile:
                parts, tree = breakdown(client, timed[: max(len(timed) // 4, 1)])
                out.write(f"\n## {size:,} synthetic guides + demo: {name}\n\n{tree}\n")
            yield size, name, cpu, parts
    finally:
        teardown()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0,10000", help="synthetic guides added to the demo content")
    parser.add_argument("--requests", type=int, default=600, help="timed requests per page and size")
    parser.add_argument("--no-profile", action="store_true", help="CPU per request only, no breakdown")
    parser.add_argument(
        "--no-generation-copies",
        action="store_true",
        help="PAGE_CACHE_SECONDS=0: the site and header are looked up on every request as well",
    )
    args = parser.parse_args()
    benchsetup.start_django()
    from django.conf import settings
    from django.db import connection

    from web import pagecache

    def render_only(request, render):
        return render()

    pagecache.variant = render_only  # the views call it through the module
    settings.PAGE_CACHE_SECONDS = 0 if args.no_generation_copies else 3600
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    settings.SEARCH_QUERY_LOG_DEFERRED = True  # as in production: the query log is written by a thread, in batches
    stamp = time.strftime("%Y%m%d-%H%M%S")
    benchsetup.RESULTS.mkdir(parents=True, exist_ok=True)
    lines = [
        f"{connection.vendor}; {args.requests} requests per page; machine speed {benchsetup.machine_speed()}; "
        f"generation copies {'off' if args.no_generation_copies else 'on'}; "
        f"load average {' '.join(f'{load:.1f}' for load in os.getloadavg())}",
        "",
        "| guides | page | CPU ms/request | breakdown (pyinstrument shares of the CPU time, ms/request) |",
        "| --- | --- | ---: | --- |",
    ]
    with open(benchsetup.RESULTS / f"page-cpu-{stamp}.txt", "w") as out:  # noqa: PTH123
        for size in (int(size) for size in args.sizes.split(",")):
            for _size, name, cpu, parts in run_size(size, args.requests, out, not args.no_profile):
                detail = "; ".join(f"{label} {share * cpu * 1000:.2f}" for label, share in parts.items())
                lines.append(f"| demo + {size:,} | {name} | {cpu * 1000:.2f} | {detail} |")
                print(lines[-1], flush=True)
    text = "\n".join(lines)
    print(f"\n{text}")
    (benchsetup.RESULTS / f"page-cpu-{stamp}.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
