"""Search quality on the demo content: hit@1, hit@3 and MRR over labelled queries, per engine.

    python benchmarks/relevance.py
    # and each engine whose URL is set (OpenSearch 2.19, 3.3, Elasticsearch 7.10 as engines.sh runs them),
    # or only those named with --engines opensearch,opensearch3,elasticsearch:
    OPENSEARCH_URL=http://127.0.0.1:9201 OPENSEARCH3_URL=http://127.0.0.1:9261 ELASTICSEARCH_URL=http://127.0.0.1:9251 \
        python benchmarks/relevance.py

Baseline: stock Wagtail search on the same guides, i.e. the stock database backend over Wagtail's usual
search fields (title, summary, colloquial names as typed) with the query as typed.
"""

import argparse
import time
from collections import defaultdict

import benchsetup
from relevance_queries import HELD_OUT_QUERIES, ISSUE_16_GUIDES, ISSUE_16_MISSES, QUERIES, SENTENCE_QUERIES

# The guides added with issue 16 were written by the author of its queries, whose everyday names may echo the
# queries' words; the last set keeps only queries that an older guide answers, as a check on that bias.
QUERY_SETS = {
    "original": QUERIES,
    "sentences and situations (issue 16)": SENTENCE_QUERIES,
    "of which answered only by older guides": [
        query for query in SENTENCE_QUERIES if not ISSUE_16_GUIDES & set(query[2])
    ],
    "of which the six the first pass missed": ISSUE_16_MISSES,
    "held out (issue 16, third pass)": HELD_OUT_QUERIES,
}

RANKS_KEPT = 10


def stock_search_fields():
    """The search_fields a Wagtail site would have without search/ (as before this work)."""
    from wagtail.models import Page
    from wagtail.search import index

    from guides.models import GuidePage, LifeEventPage, TopicPage

    filters = [field for field in GuidePage.search_fields if isinstance(field, index.FilterField)]
    return {
        GuidePage: [*Page.search_fields, index.SearchField("summary"), index.SearchField("colloquial_names"), *filters],
        TopicPage: [*Page.search_fields, index.SearchField("intro")],
        LifeEventPage: [*Page.search_fields, index.SearchField("intro")],
    }


def stock_titles(query):
    from guides.models import GuidePage

    return [guide.title for guide in GuidePage.objects.live().public().search(query, backend="stock")[:RANKS_KEPT]]


def zhinan_titles(alias):
    from wagtail.search.backends import get_search_backend

    from search import service, vocabulary
    from search.query import analyse_query

    backend = get_search_backend(alias)

    def titles(query):
        analysed = analyse_query(vocabulary.current(), query)
        if not analysed.tokens:
            return []
        page = service.run_search(backend, service.SearchParams(q=query), analysed, False)[2]
        return [guide.title for guide in page] if page else []

    return titles


def evaluate(search):
    """{set name: ({kind: [ranks]}, the queries whose right answer was not first)}."""
    return {name: evaluate_set(search, queries) for name, queries in QUERY_SETS.items()}


def evaluate_set(search, queries):
    by_kind = defaultdict(list)
    misses = []
    for kind, query, expected in queries:
        found = search(query)
        rank = next((position for position, title in enumerate(found, 1) if title in expected), None)
        by_kind[kind].append(rank)
        if rank != 1:
            misses.append(f"{query} → {found[0] if found else '(nothing)'} (right answer at {rank or '>10'})")
    return by_kind, misses


def scores(ranks):
    n = len(ranks)
    hit1 = sum(rank == 1 for rank in ranks) / n
    hit3 = sum(rank is not None and rank <= 3 for rank in ranks) / n
    mrr = sum(1 / rank for rank in ranks if rank) / n
    return f"{hit1:.2f} | {hit3:.2f} | {mrr:.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    benchsetup.add_engine_arguments(parser)
    parser.add_argument("--misses", action="store_true", help="list the queries each engine did not answer first")
    args = parser.parse_args()
    benchsetup.start_django()
    aliases = benchsetup.configure_backends(
        benchsetup.chosen_engines(args.engines), prefix=f"zhinan_relevance_{int(time.time())}_"
    )
    from django.core.management import call_command

    teardown = benchsetup.fresh_database()
    try:
        call_command("load_demo", verbosity=0)
        results = {}
        ours = {model: model.search_fields for model in stock_search_fields()}
        for model, fields in stock_search_fields().items():
            model.search_fields = fields
        call_command("update_index", backend_name="stock", verbosity=0)
        results["stock Wagtail (baseline)"] = evaluate(stock_titles)
        for model, fields in ours.items():
            model.search_fields = fields
        for alias in aliases:
            call_command("update_index", backend_name=alias, verbosity=0)
            benchsetup.refresh(alias)
            results[benchsetup.engine_label(alias)] = evaluate(zhinan_titles(alias))
    finally:
        benchsetup.drop_engine_indexes(aliases)
        teardown()
    report(results, args.misses)


def report(results, show_misses):
    for set_name, queries in QUERY_SETS.items():
        report_set(set_name, queries, {engine: by_set[set_name] for engine, by_set in results.items()}, show_misses)


def report_set(set_name, queries, results, show_misses):
    kinds = list(dict.fromkeys(kind for kind, _query, _expected in queries))
    print(f"\n## {set_name}: {len(queries)} labelled queries\n")
    print("| engine | hit@1 | hit@3 | MRR |")
    print("| --- | --- | --- | --- |")
    for name, (by_kind, _misses) in results.items():
        print(f"| {name} | {scores([rank for ranks in by_kind.values() for rank in ranks])} |")
    print("\nhit@1 by kind of query:\n")
    print("| engine | " + " | ".join(f"{kind} ({len(results[next(iter(results))][0][kind])})" for kind in kinds) + " |")
    print("| --- |" + " --- |" * len(kinds))
    for name, (by_kind, _misses) in results.items():
        cells = [f"{sum(rank == 1 for rank in by_kind[kind]) / len(by_kind[kind]):.2f}" for kind in kinds]
        print(f"| {name} | " + " | ".join(cells) + " |")
    if show_misses:
        for name, (_by_kind, misses) in results.items():
            print(f"\n{name}: not first for {len(misses)} queries")
            for miss in misses:
                print(f"  {miss}")


if __name__ == "__main__":
    main()
