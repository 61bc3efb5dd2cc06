"""A long-tail mix of everyday search queries, in the proportions a city's visitors send them.

A few queries are very common (身份证, 社保, 开公司) and most are asked once in a while: the mix draws `count`
distinct queries (at least 1,000 by default) and gives the n-th one a weight of 1/n (Zipf's law, which search
logs follow), so a benchmark sees both the head that repeats and the tail that does not.
"""

import itertools
import random

import synthetic

HEAD = [
    "身份证",
    "社保",
    "开公司",
    "房产证",
    "营业执照",
    "低保",
    "公积金提取",
    "护照",
    "结婚登记",
    "驾驶证换领",
    "户口迁移",
    "异地就医备案",
    "不动产登记",
    "shebao",
    "sfz",
    "bdcdj",
    "养老保险 转移",
    "食品经营许可证",
    "出生医学证明",
    "义务教育入学",
    "残疾人证",
    "失业保险金",
    "居住证",
    "施工许可证",
    "个体工商户",
    "不動產",
    "房产正",
    "怎么办理户口迁移",
    "火星移民",
]


def distinct_queries(count=1000, seed=20261129):
    """`count` distinct queries: the head, then titles and phrases built from the synthetic guides' words."""
    rng = random.Random(seed)
    tail = [f"{obj}{action}" for obj, action in itertools.product(synthetic.OBJECTS, synthetic.ACTIONS)]
    tail += [f"{district}{obj}" for district, obj in itertools.product(synthetic.DISTRICTS, synthetic.OBJECTS)]
    rng.shuffle(tail)
    queries = list(dict.fromkeys([*HEAD, *tail]))
    if len(queries) < count:
        raise ValueError(f"only {len(queries)} distinct queries can be made")
    return queries[:count]


def weighted_sequence(queries, length, seed=20261129):
    """`length` queries drawn from `queries` with weight 1/rank, in random order."""
    rng = random.Random(seed)
    return rng.choices(queries, weights=[1 / rank for rank in range(1, len(queries) + 1)], k=length)
