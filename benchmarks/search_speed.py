"""Ranked search speed at 1,000 and 10,000 synthetic guides, against the stock Wagtail database backend.

    python benchmarks/search_speed.py                                   # SQLite file
    DATABASE_URL=postgres://zhinan:zhinan@127.0.0.1:5432/zhinan python benchmarks/search_speed.py
    # and each engine whose URL is set (OpenSearch 2.19, 3.3, Elasticsearch 7.10 as engines.sh runs them),
    # or only those named with --engines opensearch,opensearch3,elasticsearch:
    OPENSEARCH_URL=http://127.0.0.1:9201 OPENSEARCH3_URL=http://127.0.0.1:9261 ELASTICSEARCH_URL=http://127.0.0.1:9251 \
        python benchmarks/search_speed.py

For each size: index build time (`update_index`) per backend, then p50/p95/max of a ranked search (query
analysis, total count and the first page of 10) over a fixed query list, and of the full results page
(the same plus four facet counts). The stock backend reads the same index with the same analysed queries, so
the difference is ranking alone; it runs one round, with each query cut off at --stock-limit seconds.
"""

import argparse
import time

import benchsetup
import synthetic

QUERIES = [
    "身份证",
    "居民身份证",
    "登记",
    "不动产",
    "不动产登记",
    "房产证",
    "开公司",
    "营业执照",
    "低保",
    "社保转移",
    "shebao",
    "bdcdj",
    "sfz",
    "公积金提取",
    "护照",
    "驾驶证换领",
    "结婚登记",
    "临江区不动产首次登记",
    "食品经营许可证",
    "怎么办理户口迁移",
    "不動產",
    "房产正",
    "残疾人证补领",
    "排污许可证核发",
    "申请",
    "异地就医备案",
    "养老保险 转移",
    "施工许可证 延续",
    "义务教育入学",
    "火星移民",
]


def time_queries(backend, rounds, facets, limit=None):
    from search import service, vocabulary
    from search.query import analyse_query

    vocab = vocabulary.current()
    timings = []
    for _round in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            with query_time_limit(limit):
                analysed = analyse_query(vocab, query)
                service.run_search(backend, service.SearchParams(q=query), analysed, facets)
            timings.append(time.perf_counter() - started)
    return timings


class query_time_limit:  # noqa: N801 - used as a context manager
    """On SQLite, abort a statement that runs longer than `seconds` (the stock ranking can take minutes)."""

    def __init__(self, seconds):
        self.seconds = seconds

    def __enter__(self):
        from django.db import connection

        if self.seconds and connection.vendor == "sqlite":
            deadline = time.perf_counter() + self.seconds
            connection.ensure_connection()
            connection.connection.set_progress_handler(lambda: int(time.perf_counter() > deadline), 10_000)

    def __exit__(self, *exc):
        from django.db import connection

        if self.seconds and connection.vendor == "sqlite":
            connection.connection.set_progress_handler(None, 0)
        # An interrupted query is counted at the limit.
        return exc[0] is not None and "interrupted" in str(exc[1])


def summarise(timings):
    ms = [t * 1000 for t in timings]
    return f"{benchsetup.percentile(ms, 0.5):.1f} | {benchsetup.percentile(ms, 0.95):.1f} | {max(ms):.1f}"


def run_size(size, aliases, rounds, stock_limit):
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    teardown = benchsetup.fresh_database()
    try:
        started = time.perf_counter()
        synthetic.build_site(size)
        print(f"\n### {size:,} guides (made in {time.perf_counter() - started:.0f} s)\n")
        print("| backend | index build s | ranked p50 ms | p95 ms | max ms | results page p50 ms | p95 ms | max ms |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for alias in [*aliases, "stock"]:
            backend = get_search_backend(alias)
            build = "(shared)"
            if alias != "stock":
                started = time.perf_counter()
                call_command("update_index", backend_name=alias, verbosity=0)
                build = f"{time.perf_counter() - started:.1f}"
                benchsetup.refresh(alias)
            if alias == "stock":
                ranked = summarise(time_queries(backend, 1, False, stock_limit))
                page = "– | – | –"
            else:
                time_queries(backend, 1, True)  # warm caches and connections
                ranked = summarise(time_queries(backend, rounds, False))
                page = summarise(time_queries(backend, rounds, True))
            print(f"| {benchsetup.engine_label(alias)} | {build} | {ranked} | {page} |", flush=True)
    finally:
        benchsetup.drop_engine_indexes(aliases)
        teardown()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated guide counts")
    benchsetup.add_engine_arguments(parser)
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over the query list")
    parser.add_argument("--stock-limit", type=float, default=20.0, help="seconds before a stock query is cut off")
    args = parser.parse_args()
    benchsetup.start_django()
    engines = benchsetup.chosen_engines(args.engines)
    aliases = benchsetup.configure_backends(engines, prefix=f"zhinan_bench_{int(time.time())}_")
    print(f"{len(QUERIES)} queries, {args.rounds} rounds; stock: 1 round, cut off at {args.stock_limit:.0f} s")
    print(f"machine speed (benchsetup.machine_speed) before: {benchsetup.machine_speed()}")
    for size in (int(size) for size in args.sizes.split(",")):
        run_size(size, aliases, args.rounds, args.stock_limit)
    print(f"\nmachine speed after: {benchsetup.machine_speed()}")


if __name__ == "__main__":
    main()
