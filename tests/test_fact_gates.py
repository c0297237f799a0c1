"""The word gates of the report facts (gxlint.analysis.facts) never skip a match.

``find_publication_date`` searches for a date only in a value that may hold one
(``may_hold_date``) and for each label pattern only in values holding its word
(``_PUB_LABELS``); ``narrative_years`` only in values holding 年, and only where a match
can start (``narrative_matches``).  Each gate is exact when every match holds what it asks
for: checked on every block of the real reports, on strings made of the patterns' own
pieces (hypothesis), and by comparing the facts with the gates on and off.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxlint.analysis import facts as F

from conftest import CORPUS, SEEDS

REPO = Path(__file__).resolve().parent.parent

PIECES = [
    "2023", "2024", "1999", "20", "19", "二〇二三", "〇", "一", "二", "十", "年", "月", "日", "度", "-", "/", ".", "3",
    "12", "31", "08", "15:34", ":", "发布", "公开", "成文", "印发", "发稿", "时间", "日期", "采集", "更新", "我局",
    "本机关", "认真", "坚持", "以来", ",", "。", ";", "(一)", "区政府", "全区", "政府信息", "报告", "!", "?", "(",
    ")", "二", "三", "月",
]


def _documents() -> list:
    from gxlint.engine import Linter
    from gxlint.plugin.manager import load_plugins

    linter = Linter(load_plugins())
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "html").glob("*.htm*")) + [
        REPO / "tests" / "fixtures" / "report-003.md", REPO / "docs" / "examples" / "wanbolin-2024.md"]
    documents = []
    for path in paths:
        if path.exists():
            result = linter.lint_path(str(path))
            if result.document is not None:
                documents.append(result.document)
    return documents


@pytest.fixture(scope="module")
def documents() -> list:
    return _documents()


def _assert_gated(value: str) -> None:
    for match in F.DATE_RE.finditer(value):
        assert F.may_hold_date(match.group(0)), match.group(0)
    for match in F.NARRATIVE_RE.finditer(value):
        assert F._NARRATIVE_NEEDS in match.group(0), match.group(0)
    assert ([(m.span(), m.groups()) for m in F.narrative_matches(value)]
            == [(m.span(), m.groups()) for m in F.NARRATIVE_RE.finditer(value)]), value
    for pattern, needs in F._PUB_LABELS:
        for match in pattern.finditer(value):
            assert any(word in match.group(0) for word in needs), (pattern.pattern, match.group(0))


def test_every_match_in_the_real_reports_holds_its_words(documents):
    values = [block.text.compact.value for document in documents
              for block in [*document.blocks, *document.furniture]]
    assert len(values) > 1000
    for value in values:
        _assert_gated(value)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
def test_every_match_of_strings_made_of_the_patterns_pieces_holds_its_words(pieces):
    _assert_gated("".join(pieces))


def _summary(facts: F.Facts) -> tuple:
    return (facts.year, facts.year_source, facts.agency, [(e.year, e.source) for e in facts.evidence],
            (facts.pub.date, facts.pub.source, facts.pub.text, str(facts.pub.where)) if facts.pub else None,
            facts.narrative.found.text if facts.narrative else None)


def test_the_facts_are_the_same_without_the_gates(monkeypatch, documents):
    gated = [_summary(F.compute_facts(document)) for document in documents]
    assert any(s[4] is not None for s in gated) and any(s[5] is not None for s in gated)
    monkeypatch.setattr(F, "may_hold_date", lambda value: True)
    monkeypatch.setattr(F, "_NARRATIVE_NEEDS", "")
    monkeypatch.setattr(F, "_PUB_LABELS", tuple((pattern, ("",)) for pattern, _ in F._PUB_LABELS))
    assert [_summary(F.compute_facts(document)) for document in documents] == gated
