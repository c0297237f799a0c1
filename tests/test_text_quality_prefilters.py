"""The GX12x rules' fast forms find exactly what their plain forms found.

Patterns that started with a lookbehind (tried at every character) now start with the
character they match and look behind it; GX123 finds the sentences worth reading from
their measure words instead of searching each sentence from its start.  Each fast form is
compared with the plain one, kept here, on the prose of the real reports and on strings
made of the characters that decide (hypothesis).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gxlint_plugins import text_quality as TQ

from conftest import CORPUS, SEEDS

REPO = Path(__file__).resolve().parent.parent
CJK = TQ._CJK
_BOUNDARY = r"(?:^|(?<=[。；;：:，,、！？!?\)）”]))"

# (the pattern as it was, the pattern as it is)
PLAIN_AND_FAST = [
    (re.compile(rf"(?<=[{CJK}])，(?=[{CJK}])"), TQ._FULL_COMMA_RE),
    (re.compile(rf"(?<=[{CJK}]),(?: (?=[{CJK}])|(?=[{CJK}]))"), TQ._ASCII_COMMA_RE),
    (re.compile(rf"(?<=[{CJK}])[ \u3000\u00a0](?=[{CJK}])"), TQ._SPACE_RE),
    (re.compile(_BOUNDARY + r"(?P<n>[一二三四五六七八九十]{1,3})是"), TQ._MARKER_RES["是"]),
    (re.compile(_BOUNDARY + r"第(?P<n>[一二三四五六七八九十]{1,3})[,，]"), TQ._MARKER_RES["第"]),
]
_COUNTED_ITEM_END = re.compile(rf"[{CJK}][{CJK}][{TQ._UNITS}](?![^、,;；:：。!?！？])")

ALPHABET = "一二三四十是第，,、。；;：:！？!?)）”( 　\u00a0资质条件项次个份许可证76abc的被于"
# GX120's doubled function words as the pattern found them
_DOUBLED_SINGLE_RE = re.compile(r"([的被于])\1")


def _spans(pattern, text: str) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def _sentences_to_read(value: str) -> tuple[list, list]:
    """(sentences the plain gate let through, those the fast one does)."""
    plain, fast = [], []
    ends = TQ._counted_item_ends(value)
    from bisect import bisect_left

    for sentence in TQ._SENTENCE_RE.finditer(value):
        a, b = sentence.span()
        if _COUNTED_ITEM_END.search(value, a, b):
            plain.append((a, b))
        k = bisect_left(ends, a)
        if k < len(ends) and ends[k] < b:
            fast.append((a, b))
    return plain, fast


def _assert_same(text: str) -> None:
    for plain, fast in PLAIN_AND_FAST:
        assert _spans(plain, text) == _spans(fast, text), (plain.pattern, text)
    plain, fast = _sentences_to_read(text)
    assert plain == fast, text
    assert [m.start() for m in _DOUBLED_SINGLE_RE.finditer(text)] == TQ._doubled_singles(text), text


@pytest.fixture(scope="module")
def prose() -> list[str]:
    from gxlint.analysis import analyse
    from gxlint.engine import Linter
    from gxlint.plugin.manager import load_plugins

    linter = Linter(load_plugins())
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "html").glob("*.htm*")) + [
        REPO / "tests" / "fixtures" / "report-003.md", REPO / "docs" / "examples" / "wanbolin-2024.md"]
    out = []
    for path in paths:
        if path.exists():
            document = linter.lint_path(str(path)).document
            if document is not None:
                for unit in analyse(document).prose.units:
                    out += [unit.compact.value, *(block.text.value for block in unit.blocks)]
    return out


def test_the_fast_forms_find_the_same_in_the_real_reports(prose):
    assert len(prose) > 1000
    found = 0
    for text in prose:
        _assert_same(text)
        found += sum(len(_spans(fast, text)) for _, fast in PLAIN_AND_FAST)
    assert found > 100  # the patterns do match in them
    assert sum(len(TQ._doubled_singles(text)) for text in prose) > 0


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_the_fast_forms_find_the_same_in_strings_of_the_deciding_characters(text):
    _assert_same(text)


# --- GX120: the greedy pattern finds where the lazy one's matches start ---------------------

_REPEAT_ALPHABET = "资金统一的网站信息公开。，、 ab9Z"
_DISTINCT = "".join(map(chr, range(0x4E00, 0x4E00 + 41)))  # 41 different CJK characters


def _repeat_spans(text: str) -> tuple[list, list]:
    """(what ``_REPEAT_RE.finditer`` finds, what ``_repeat_matches`` finds)."""
    plain = [(m.span(), m.group("x")) for m in TQ._REPEAT_RE.finditer(text)]
    fast = [(m.span(), m.group("x")) for m in TQ._repeat_matches(text)]
    return plain, fast


def test_repeat_matches_are_finditers_in_the_real_reports(prose):
    found = 0
    for text in prose:
        plain, fast = _repeat_spans(text)
        assert plain == fast, text
        found += len(plain)
    assert found > 10  # repeats do occur in them (a layout repetition, a table flattened)


# Text with phrases written twice (of 1 to 45 characters: both sides of the 40 limit), three
# times and overlapping (ababab), between stretches of anything.
_doubled = st.builds(lambda phrase, times: phrase * times,
                     st.text(alphabet=_REPEAT_ALPHABET, min_size=1, max_size=45), st.integers(1, 3))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(alphabet=_REPEAT_ALPHABET, max_size=12), _doubled), max_size=8).map("".join))
@example("。" + _DISTINCT[:40] * 2 + "。")  # the longest phrase that counts, doubled
@example("。" + _DISTINCT[:41] * 2 + "。")  # one character more: no repeat
@example(_DISTINCT[:39] * 2 + _DISTINCT[:40] * 2)
def test_repeat_matches_are_finditers_in_strings_of_repeats(text):
    plain, fast = _repeat_spans(text)
    assert plain == fast, text


# --- GX122: runs whose marks close in order are not read mark by mark -------------------------

_MARK_ALPHABET = "()《》“”资金，。1a"


class _Run:
    def __init__(self, value: str, last: bool) -> None:
        self.value = value
        self.last = last


def _assert_well_nested_finds_nothing(text: str) -> None:
    marks = "".join(TQ._BRACKET.findall(text))
    if TQ.well_nested(marks):
        for last in (False, True):
            assert list(TQ.unbalanced(_Run(text, last))) == [], text


def test_well_nested_runs_are_balanced_in_the_real_reports(prose):
    nested = 0
    for text in prose:
        _assert_well_nested_finds_nothing(text)
        nested += bool(TQ._BRACKET.search(text)) and TQ.well_nested("".join(TQ._BRACKET.findall(text)))
    assert nested > 100  # most runs with marks close them in order


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_MARK_ALPHABET, max_size=30))
@example("(《》)“”")
@example("(《)》")  # both kinds paired, but crossed: unbalanced() reports the 《
def test_well_nested_runs_are_balanced_in_strings_of_marks(text):
    _assert_well_nested_finds_nothing(text)
    # and a crossed pair is never taken for nested
    assert not TQ.well_nested("(《)》")
