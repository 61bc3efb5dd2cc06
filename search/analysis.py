"""Chinese text analysis shared by indexing and querying, so every engine sees the same tokens.

Pure functions: normalisation (width, case, traditional → simplified), word segmentation with a jieba
tokenizer passed in, and pinyin keys (full spelling and initials). The engines only split on whitespace.
"""

import re
import unicodedata
from functools import lru_cache

import zhconv
from pypinyin import lazy_pinyin

# A token is a run of CJK ideographs or of ASCII letters/digits; everything else separates tokens.
WORD_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_QUERY_RE = re.compile(r"^[a-z0-9 ]+$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
SCRIPT_RUN_RE = re.compile(r"[a-z0-9]+|[^a-z0-9]+")

# Words that carry no meaning in a citizen's question ("怎么办理房产证" means "房产证"). Nearly every guide is
# about applying for or handling something, so 申请, 办理 and their kin never match on their own: a query of
# nothing else searches for nothing (search/service.py then shows the popular items).
QUERY_STOPWORDS = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "怎么 怎样 如何 哪里 哪儿 哪些 什么 需要 要求 办理 申请 申办 去哪 在哪 我要 我想 想要 可以 能否 能不能"
        " 一下 请问 手续 流程 怎么办 应该 是否 多久 多少 一个 一家 一些 这个 那个 自己 已经 现在 还要 相关 时候"
        " 咨询 问题"
        " 的 了 吗 呢 啊 么 吧 我 要 想 去 办 在 和 与 及 个 该 能 还 都 有 是 给"
    ).split()
)


def normalise(text):
    """Full-width → half-width, lower case, traditional → simplified, control characters → spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    text = CONTROL_RE.sub(" ", text).lower()
    if CJK_RE.search(text):
        text = zhconv.convert(text, "zh-cn")
    return text


def is_cjk(token):
    return bool(CJK_RE.match(token))


# Runs of ideographs segmented, per tokenizer dictionary: the same runs (居民身份证, 营业执照, a catalogue
# item's name at each of a province's sites) come back in document after document and query after query.
MAX_KEPT_RUNS = 200_000
RUNS_ATTRIBUTE = "zhinan_segmented_runs"


def segment(tokenizer, text):
    """Search-mode segmentation of already normalised text.

    Each jieba word is kept, plus every shorter dictionary word inside it (2 characters and up), so a query
    for 营业执照 finds 营业执照变更登记 whether or not the longer word is in the dictionary.
    """
    kept = tokenizer.__dict__.get(RUNS_ATTRIBUTE)
    if kept is None:
        kept = forget_segmented_runs(tokenizer)
    tokens = []
    for run in WORD_RE.findall(text):
        if not is_cjk(run):
            tokens.append(run)
            continue
        words = kept.get(run)
        if words is None:
            words = []
            for word in tokenizer.cut(run):
                words.extend(_subwords(tokenizer.FREQ, word))
                words.append(word)
            if len(kept) >= MAX_KEPT_RUNS:
                kept.clear()
            kept[run] = words
        tokens.extend(words)
    return tokens


def forget_segmented_runs(tokenizer):
    """Start a new store of segmented runs for `tokenizer` (its dictionary changed) and return it. A thread
    still cutting with the old dictionary writes into the old store, which nothing reads any more."""
    kept = {}
    tokenizer.__dict__[RUNS_ATTRIBUTE] = kept
    return kept


def _subwords(freq, word):
    found = []
    for size in range(2, len(word)):
        for start in range(len(word) - size + 1):
            part = word[start : start + size]
            if freq.get(part):
                found.append(part)
    return found


def analyse(tokenizer, text):
    """Normalise and segment `text`; the result is the whitespace-separated string engines index."""
    return " ".join(segment(tokenizer, normalise(text)))


@lru_cache(maxsize=200_000)
def pinyin_keys(term):
    """(full pinyin, initials) of a normalised term, e.g. 身份证 → ("shenfenzheng", "sfz")."""
    hanzi = "".join(CJK_RE.findall(term))
    if not hanzi:
        return "", ""
    syllables = lazy_pinyin(hanzi, errors="ignore")  # one pass: a vocabulary keys every name at a worker's start
    return "".join(syllables), "".join(syllable[0] for syllable in syllables if syllable)


def pinyin_text(terms):
    """Full pinyin and initials of each term, as index text (bdcscdj, budongchanshoucidengji)."""
    keys = []
    for term in terms:
        full, initials = pinyin_keys(normalise(term))
        keys.extend(key for key in (full, initials) if key)
    return " ".join(dict.fromkeys(keys))


def script_runs(chunk):
    """A typed chunk split where letters meet ideographs: sfz补办 → ["sfz", "补办"]."""
    return SCRIPT_RUN_RE.findall(chunk) or [chunk]


def is_latin_query(text):
    """True when a normalised query is typed in letters and digits only (pinyin, initials, codes)."""
    return bool(LATIN_QUERY_RE.match(text)) and bool(text.strip())
