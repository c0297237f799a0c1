"""The word gates of the prose facts (gxlint.analysis.narrative) never skip a match.

``figures`` reads only sentences holding one of ``FIGURE_WORDS`` and runs ``PATTERNS[k]``
only on a sentence holding the words of ``REQUIRED_WORDS[k]``, and ``claims`` runs each
claim pattern only on text holding 复议/诉讼, 申请 or 已 (the completion claim only where
a match can start: ``matches_from``).  A match is part of its sentence, so each gate is exact when every match
holds its words: checked here on every sentence of the real reports and on sentences
made of the patterns' own phrases (hypothesis), and by comparing the facts with the
gates on and off on the real reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxlint.analysis import narrative

from conftest import CORPUS, SEEDS

REPO = Path(__file__).resolve().parent.parent

PIECES = [
    "予以公开", "同意公开", "部分公开", "不予公开", "同意不公开", "不公开", "及", "和", "、", "答复", "收到", "受理",
    "接收", "接到", "新收", "了", "政府信息公开", "信息公开", "依申请公开", "的", "申请", "件", "共", "共计", "合计",
    "为", "达", "有", "是", "12", "3", "0", "1.5", "结转", "转入", "转至", "顺延至", "下", "一", "个", "年度", "年",
    "继续", "办理", "处理", "办结", "办理完成", "办理完毕", "行政复议", "行政诉讼", "行政应诉", "案件", "案",
    "现行有效", "规范性文件", "制发", "出台", "印发", "废止", "废除", "行政", "条", "份", "部", "行政许可",
    "行政处罚", "行政强制", "决定", "措施", "行政事业性收费", "收费", "金额", "万元", "未", "没有", "无", "均",
    "已", "已经", "全部", "按时", "依法", "处理完毕", "，", "。", " ", "发生", "复议", "诉讼", "都", "所有",
    "其中", "内含", "包括", "人次", "篇", "(", ":",
]


def _real_sentences() -> list[str]:
    from gxlint.engine import Linter
    from gxlint.plugin.manager import load_plugins

    linter = Linter(load_plugins())
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "html").glob("*.htm*")) + [
        REPO / "tests" / "fixtures" / "report-003.md", REPO / "docs" / "examples" / "wanbolin-2024.md"]
    out: list[str] = []
    for path in paths:
        if not path.exists():
            continue
        result = linter.lint_path(str(path))
        if result.document is None:
            continue
        from gxlint.analysis import analyse

        for unit in analyse(result.document).prose.units:
            out += [s.value for s in narrative.sentences(unit)]
    return out


@pytest.fixture(scope="module")
def real_sentences() -> list[str]:
    return _real_sentences()


def _assert_gated(text: str) -> None:
    for k, (_, pattern) in enumerate(narrative.PATTERNS):
        for match in pattern.finditer(text):
            assert narrative.may_match(k, match.group(0)), (k, match.group(0))
            assert narrative.may_hold_figure(match.group(0)), (k, match.group(0))
    for match in narrative._NO_APPEALS.finditer(text):
        assert narrative._may_claim_appeals(match.group(0)), match.group(0)
    for match in narrative._NO_REQUESTS.finditer(text):
        assert narrative._may_claim_requests(match.group(0)), match.group(0)
    for match in narrative._ALL_PROCESSED.finditer(text):
        assert narrative._may_claim_all_processed(match.group(0)), match.group(0)
    assert ([m.span() for m in narrative.matches_from(narrative._ALL_PROCESSED, narrative._ALL_PROCESSED_STARTS, text)]
            == [m.span() for m in narrative._ALL_PROCESSED.finditer(text)]), text
    for match in narrative._WHOLE_THEN_PARTS.finditer(text):
        assert narrative._may_list_parts(match.group(0)), match.group(0)


def test_every_match_in_the_real_reports_holds_its_words(real_sentences):
    assert len(real_sentences) > 500
    for text in real_sentences:
        _assert_gated(text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
def test_every_match_of_sentences_made_of_the_patterns_phrases_holds_its_words(pieces):
    _assert_gated("".join(pieces))


def test_the_facts_are_the_same_without_the_gates(monkeypatch, real_sentences):
    from gxlint.engine import Linter
    from gxlint.plugin.manager import load_plugins
    from gxlint.analysis import analyse

    linter = Linter(load_plugins())
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))[:25]
    units = []
    for path in paths:
        result = linter.lint_path(str(path))
        if result.document is not None:
            analysis = analyse(result.document)
            units.append((analysis.prose.units, analysis.facts.year))

    def facts():
        out = []
        for prose_units, year in units:
            out.append([(f.concept.key, f.number, f.text, f.i, f.j, f.sentence.previous)
                        for f in narrative.figures(prose_units, year)])
            out.append([(c.kind, c.i, c.j, c.sentence.previous) for c in narrative.claims(prose_units)])
            out.append([(p.whole, p.parts, p.whole_span, p.parts_span, p.sentence.previous)
                        for p in narrative.parts_lists(prose_units)])
        return out

    gated = facts()
    monkeypatch.setattr(narrative, "may_match", lambda k, text: True)
    monkeypatch.setattr(narrative, "may_hold_figure", lambda text: True)
    for gate in ("_may_claim_appeals", "_may_claim_requests", "_may_claim_all_processed", "_may_list_parts"):
        monkeypatch.setattr(narrative, gate, lambda text: True)
    assert facts() == gated


def _plain_sentences(value: str) -> list[tuple[int, int, str]]:
    """The sentences as first split: (start, end, the sentence before)."""
    out, start, previous = [], 0, ""
    for i, ch in enumerate(value):
        if ch in narrative.SENTENCE_END:
            out.append((start, i + 1, previous))
            previous, start = value[start:i + 1], i + 1
    if start < len(value):
        out.append((start, len(value), previous))
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab。;!?\n", max_size=20))
def test_sentences_are_split_as_before(value):
    class Unit:  # what sentences() reads of a prose unit
        pass

    unit = Unit()
    unit.value = value
    assert [(s.start, s.end, s.previous) for s in narrative.sentences(unit)] == _plain_sentences(value)


CLAIM_PHRASES = ["所有申请均已办结", "全部申请均已按时办结", "申请均已办结", "均已办结", "都已经依法办理完毕", "全已办结",
                 "全部已办结", "  均 已 办结", "申请  均已办结"]


@pytest.mark.parametrize("phrase", CLAIM_PHRASES)
def test_each_completion_claim_is_found_where_it_starts(phrase):
    for text in (phrase, "收到的" + phrase, " " + phrase, "。" + phrase + "。"):
        plain = [m.span() for m in narrative._ALL_PROCESSED.finditer(text)]
        assert plain
        fast = narrative.matches_from(narrative._ALL_PROCESSED, narrative._ALL_PROCESSED_STARTS, text)
        assert [m.span() for m in fast] == plain, text


# The figure patterns that started with a lookbehind or an optional group, as they were
# written: each pattern now starts with its word and tests what precedes it after it.
_STARTING_WITH_LOOKBEHIND = {
    0: r"(?:予以|同意)?公开\s*(?:及|和|与|、|或|加)\s*部分公开\s*(?:答复)?",
    1: r"(?<![及和与、或加])部分公开\s*(?:答复)?",
    2: r"(?:不予公开|同意不公开|(?<![予意])不公开)\s*(?:答复)?",
    3: r"(?<!部分)(?<![不])(?:予以公开|同意公开)(?!\s*(?:及|和|与|、|或|加)\s*部分)\s*(?:答复)?",
    4: r"(?<![未不无没])(?:收到|受理|接收|接到|新收)(?:了)?\s*(?P<mid>[^\d,;:。!?]{0,30}?)(?:依申请公开(?:申请)?|申请)(?:件)?",
    5: r"(?<![未不无没])(?:收到|受理|接收|接到|新收)(?:了)?",
}


def _as_written(k: int):
    import re

    from gxlint.atomic import atomic_spaces

    tail = narrative._FILL + narrative._N + narrative._JIAN
    if k == 5:
        tail += narrative._S + narrative._APPLICATION + r"(?!\s*(?:行政)?(?:复议|诉讼))"
    return re.compile(atomic_spaces(_STARTING_WITH_LOOKBEHIND[k] + tail))


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES + ["予", "意", "不予", "部分", "没", "申", "1"]), max_size=14))
def test_figure_patterns_starting_with_their_word_find_what_the_lookbehind_first_forms_found(pieces):
    text = "".join(pieces)
    for k in _STARTING_WITH_LOOKBEHIND:
        expected = [(m.span(), m.groupdict()) for m in _as_written(k).finditer(text)]
        assert [(m.span(), m.groupdict()) for m in narrative.PATTERNS[k][1].finditer(text)] == expected, (k, text)
