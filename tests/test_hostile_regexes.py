"""Regular expressions that repeat a group keep no backtracking point per repetition
(issue 9: memory within 20× the input).

Python's regex engine keeps a backtracking point for every repetition of a group
(``(?:a|b)*``), about 120 bytes each: a line of 124,000 ``>`` took 15.7 MiB in the Markdown
markup count, a 500 KB string in a page's script 60 MiB, a tag of 250,000 attributes
100 MiB.  Where giving a repetition back can never let the rest of the pattern match, the
group is possessive (``*+``, ``++``) or repeats runs rather than characters.  Each such
pattern is checked here against the form it had (the same matches on random strings
over the characters that matter to it) and on a long hostile string (no memory to speak
of).
"""

from __future__ import annotations

import re
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gxlint.readers import _html_shapes, _html_tree, markup_limit, sniff
from gxlint.readers import text as text_reader
from gxlint.tables import numbers, stream
from gxlint_plugins.contamination import links

_WS = _html_tree._WS
_ATTRIBUTE = _html_tree._ATTRIBUTE

# (name, the pattern now, the pattern before, flags, how it is used, the characters that
# matter to it, a long hostile string)
CASES = [
    ("markdown block marker", markup_limit._BLOCK_MARKER,
     r"^[ \t]{0,3}(?:>[ \t]?)*[ \t]{0,3}(?:[-*+]|\d{1,9}[.)]|#{1,6})(?=[ \t]|$)", re.MULTILINE, "finditer",
     "> \t-*+1.)#\na", ">" * 124_000),
    ("script string literal", _html_shapes._LITERAL,
     r'"(?:[^"\\\n]|\\[\s\S])*"|\'(?:[^\'\\\n]|\\[\s\S])*\'', 0, "finditer",
     "\"'\\\na b", '"' + "a" * 500_000 + '"'),
    ("plain start tag", _html_tree._PLAIN_START_TAG,
     rf"([a-zA-Z][^{_WS}/>\x00]*)((?:[{_WS}]+{_ATTRIBUTE})*)[{_WS}]*(/?)>", 0, "match",
     "p a=\"'/>& \t<`\x00", "p" + " a" * 250_000 + ">"),
    ("page opening", sniff._OPENING,
     r"\A(?:\s|<!--[\s\S]*?-->)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|section|article|"
     r"h[1-6]|span|font|center|style|script)\b", re.IGNORECASE, "match",
     " \n<!->phtml", " " * 64 * 1024 + "<html>"),
    ("document opening", sniff._DOCUMENT_OPENING,
     r"\A(?:\s|<!--[\s\S]*?-->)*<(?:!doctype\s+html|html)\b", re.IGNORECASE, "match",
     " \n<!->html", " " * 64 * 1024 + "<html>"),
    ("Markdown rule in a sniffed head", sniff._MD_RULE,
     r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$", re.MULTILINE, "finditer",
     "|-: \t\na", "|---" * 16_000),
    ("Markdown rule in text", text_reader._MD_RULE,
     r"^\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?$", 0, "match",
     "|-: a", "--|" * 43_000),
    ("thousands in a cell", numbers._THOUSANDS, r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", 0, "fullmatch",
     "10,.", "1" + ",000" * 100_000),
    ("value token", stream.VALUE_TOKEN,
     r"(?:增加|减少|減少|增|减|減|[+＋]|[-－﹣−](?=[0-9０-９]))?(?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùü]{1,6}\))?"
     r"[0-9０-９]+(?:[,，][0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?[?？]*"
     r"(?:件|条|个|项|次|人|家|份|万元|元|[A-Za-z]+)?", 0, "fullmatch",
     "10,，.?件a-增", "1" + ",000" * 100_000),
    ("link words of page chrome", links._UI_WORDS,
     r"^(?:你好|您好|注销|退出|登录|注册|个人中心|用户中心|搜索|无障碍|关怀版|简体|繁体|English|首页|返回|关闭|更多|[,，:：\s])*$",
     0, "match", "首页 ,:x\n", " " * 500_000),
]


def _matches(pattern, how: str, value: str):
    if how == "finditer":
        return [(m.span(), m.groups()) for m in pattern.finditer(value)]
    found = getattr(pattern, how)(value)
    return None if found is None else (found.span(), found.groups())


@pytest.mark.parametrize("name, now, before, flags, how, alphabet, hostile", CASES, ids=[c[0] for c in CASES])
def test_a_pattern_matches_as_before_without_a_backtracking_point_per_repetition(
        name, now, before, flags, how, alphabet, hostile):
    before = re.compile(before, flags)

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=24))
    def same(value):
        assert _matches(now, how, value) == _matches(before, how, value)

    same()
    tracemalloc.start()
    try:
        _matches(now, how, hostile)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # (a group's text may be copied, a byte a character; a point a repetition was about 120)
    assert peak < 2 * len(hostile) + 64 * 1024, f"{name}: {peak / 2**20:.1f} MiB for {len(hostile):,} characters"


_FILLER = "(?:共计|共|合计|总计|累计|总数|数量|数|为|达到|达|有|了|的|是))*+"


@pytest.mark.parametrize("key", ["review", "litigation", "fees", "received", "normative_in_force"])
def test_narrative_figure_patterns_take_filler_words_possessively(key):
    # the filler words between a concept and its figure (共计、为、达到 …): a figure follows,
    # which no filler can give back; 40,000 共 kept a backtracking point each (6.9 MiB)
    from gxlint.analysis.narrative import PATTERNS

    now = dict(PATTERNS)[key]
    assert _FILLER in now.pattern
    before = re.compile(now.pattern.replace(_FILLER, _FILLER[:-1]))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(["行政复议", "行政诉讼", "收费", "收到", "申请", "现行有效规范性文件", "共计", "共",
                                     "为", "达到", "数", " ", "1", "2", "件", "万元", "."]), max_size=12).map("".join))
    def same(value):
        assert _matches(now, "finditer", value) == _matches(before, "finditer", value)

    same()
