"""How long the search vocabulary takes to build at a province's size, first and after one more guide.

    python benchmarks/vocabulary_build.py [--names 100000]

Every publish changes the guides' vocabulary version, so each process rebuilds its vocabulary on its next search
or index update; the rebuild reuses the previous vocabulary's work for the names it already knew
(search/vocabulary.build). Prints CPU seconds (time.process_time) and the load average.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main():
    import django

    django.setup()
    import jieba

    from benchmarks import synthetic
    from guides.text import split_names
    from search import vocabulary
    from search.synonyms import DEFAULT_SYNONYM_GROUPS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=100_000)
    count = parser.parse_args().names
    rng = random.Random(1)
    names = set()
    while len(names) < count:  # distinct titles, as a province's sites would write them
        names.add(
            rng.choice(synthetic.DISTRICTS)
            + rng.choice(synthetic.OBJECTS)
            + rng.choice(synthetic.ACTIONS)
            + rng.choice("甲乙丙丁戊己庚辛壬癸")
            + str(rng.randint(1, 99))
        )
    names = sorted(names) + synthetic.MATERIALS
    groups = [split_names(group) for group in DEFAULT_SYNONYM_GROUPS]
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    started = time.process_time()
    first = vocabulary.build(tokenizer, names, groups)
    built = time.process_time() - started
    started = time.process_time()
    vocabulary.build(tokenizer, [*names, "新增测试事项登记"], groups, previous=first)
    rebuilt = time.process_time() - started
    print(f"{len(names):,} names, load average {os.getloadavg()[0]:.1f}")
    print(f"first build: {built:.2f} s CPU; rebuild after one more name: {rebuilt:.2f} s CPU")


if __name__ == "__main__":
    main()
