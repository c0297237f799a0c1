"""Acceptance: every item of ``tests/fixtures/reports/seeds/EXPECTED.md``, one test per item.

Each seed is linted once with the real linter (all installed rule modules).  A "must
report" item asserts a diagnostic of the stated family (and, where EXPECTED says what it is
about, the code and the figures in the message) at the stated line, ±1.  A "must not
report" item asserts that nothing of the kind is reported there.  Per seed there is also a
check that no error-severity finding appears that EXPECTED does not call for, and that no
rule crashed (GX9xx).

Items gxlint cannot do yet are ``xfail(strict=True)`` with the reason.
"""

from __future__ import annotations

import re
from typing import Callable

import pytest

from conftest import Finding, ARITHMETIC, lint_findings, seed

D = Finding


@pytest.fixture(scope="module")
def lint(linter):
    def run(prefix: str) -> tuple[list[D], list[str]]:
        return lint_findings(linter, seed(prefix))

    return run


def _find(diags, *, code=None, family=None, line=None, tol=1, where=None):
    out = []
    for d in diags:
        if code is not None and (d.code not in code if isinstance(code, (set, tuple)) else d.code != code):
            continue
        if family is not None and d.family != family:
            continue
        if line is not None and not d.covers(line, tol):
            continue
        if where is not None and not where(d):
            continue
        out.append(d)
    return out


def _has_numbers(text: str, *numbers: int) -> bool:
    found = {int(n) for n in re.findall(r"\d+", text)}
    return all(n in found for n in numbers)


def _col(lines: list[str], line: int, anchor: str, offset: int = 0) -> int:
    """1-based column of ``anchor`` (plus offset) on ``line`` of the file."""
    text = lines[line - 1]
    assert text.count(anchor) == 1, (line, anchor)
    return text.index(anchor) + offset + 1


def _line_of(lines: list[str], needle: str) -> int:
    hits = [i + 1 for i, t in enumerate(lines) if needle in t]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


# --- the items ---------------------------------------------------------------------------
# Each item: (seed prefix, check(diags, lines) -> None).  ``must`` items assert presence,
# ``mustnot`` items assert absence.


def must(family, line=None, code=None, tol=1, where=None, why=""):
    def check(diags, lines):
        hits = _find(diags, code=code, family=family, line=line, tol=tol, where=where)
        assert hits, f"missing: {why or family} (line {line}); reported: {diags!r}"

    return check


def mustnot(family=None, line=None, code=None, tol=1, where=None, why=""):
    def check(diags, lines):
        hits = _find(diags, code=code, family=family, line=line, tol=tol, where=where)
        assert not hits, f"must not report: {why}; got {hits!r}"

    return check


def no_unexpected_errors(allowed: set[str]):
    def check(diags, lines):
        errors = [d for d in diags if d.severity == "error" and d.code not in allowed]
        assert not errors, f"error-severity findings EXPECTED does not call for: {errors!r}"

    return check


def no_crash():
    def check(diags, lines):
        crashes = [d for d in diags if d.code.startswith("GX9")]
        assert not crashes, crashes

    return check


def pinyin_not_per_character():
    """One GX505 per affected line or block, never several on one line."""

    def check(diags, lines):
        pinyin = [d for d in diags if d.code == "GX505"]
        assert pinyin
        starts = [d.line for d in pinyin]
        dups = sorted({n for n in starts if starts.count(n) > 1})
        assert not dups, f"several pinyin findings on line(s) {dups}"

    return check


# seed 003, line 10: 受理…共110件,同意公开9件,同意不公开2件,同意部分公开11件,结转…10件,复议12件,诉讼8件
def s003_figure_not_flagged(anchor: str, figure: str):
    def check(diags, lines):
        col = _col(lines, 10, anchor, anchor.index(figure))
        hits = [
            d
            for d in diags
            if d.family == "totals" and d.line == 10 and d.column <= col < max(d.end_column, d.column + 1)
        ]
        assert not hits, f"line 10 figure {figure} ({anchor}) agrees with the table but is flagged: {hits!r}"

    return check


def s003_lawsuit_mismatch():
    def check(diags, lines):
        col = _col(lines, 10, "申请行政诉讼8件", 6)
        hits = [
            d
            for d in diags
            if d.family == "totals" and d.line == 10 and d.severity == "warning" and _has_numbers(d.en, 8, 12)
        ]
        assert hits, f"missing: 诉讼 8 vs table 4 + 8 = 12 on line 10; got {diags!r}"
        assert any(d.column == col for d in hits), f"should point at the 8 (column {col}): {hits!r}"

    return check


def s003_malformed_00():
    def check(diags, lines):
        col = _col(lines, 43, "| 00 |", 2)
        hits = _find(diags, family="placeholders", line=43, tol=0, code="GX304")
        assert hits, f"missing: malformed 00 on line 43; got {diags!r}"
        assert any(d.column == col and d.end_column == col + 2 for d in hits), (col, hits)
        assert any("其他" in d.en for d in hits), f"should name the column 其他: {hits!r}"

    return check


def s004_question_mark(line: int, cell: str):
    def check(diags, lines):
        assert lines[line - 1].strip() == cell, lines[line - 1]
        col = lines[line - 1].index(cell) + 1
        hits = _find(diags, family="placeholders", line=line, tol=0)
        assert hits, f"missing: stray ? in {cell!r} on line {line}; got {diags!r}"
        assert any(d.column == col and cell in d.en for d in hits), hits

    return check


def s001_zero_label_line(line: int, zeros: str):
    def check(diags, lines):
        assert lines[line - 1].strip().rstrip("|").strip() == zeros, lines[line - 1]
        hits = _find(
            diags, family="placeholders", line=line, tol=0, where=lambda d: d.line == line or re.search(rf"\b{line}\b", d.en)
        )
        assert hits, f"missing: label cell replaced by {zeros!r} on line {line}; got {diags!r}"

    return check


def s001_eight_values():
    """From line 137 on rows carry 8 numbers where the template has 7."""

    def check(diags, lines):
        hits = [
            d
            for d in diags
            if d.family == "placeholders"
            and 136 <= d.line <= 340
            and (d.code == "GX302" or re.search(r"\b8\b[^.;]*\b7\b|\b7\b[^.;]*\b8\b", d.en))
        ]
        assert hits, f"no finding says the rows carry 8 values where 7 belong; got {diags!r}"

    return check


def footer_mentions_border_lines():
    def check(diags, lines):
        hits = _find(diags, code="GX502", family="contamination", line=398, tol=0)
        assert hits, diags
        m = [re.search(r"plus (\d+) empty table-border", d.en) for d in hits]
        assert any(x and int(x.group(1)) >= 2 for x in m), f"the empty border lines 396-397 are not part of the footer finding: {hits!r}"

    return check


def s003_no_year_on(needle: str):
    def check(diags, lines):
        line = _line_of(lines, needle)
        hits = _find(diags, family="years", line=line, tol=0)
        assert not hits, f"{needle!r} (line {line}) is not a year mismatch: {hits!r}"

    return check


ITEMS = [
    # ---------------- 000 洪江区 2024 ----------------
    ("000", "must-pinyin-line1", must("contamination", 1, "GX505", tol=0, why="pinyin on line 1"), None),
    ("000", "must-pinyin-not-per-character", pinyin_not_per_character(), None),
    ("000", "must-traditional-info", must("contamination", None, "GX508"), None),
    ("000", "must-no-title", must("sections", None, "GX101"), None),
    (
        "000",
        "must-line6-review-none-vs-table-6",
        must(
            "totals",
            6,
            {"GX210", "GX211"},
            tol=0,
            where=lambda d: "复议" in d.zh and _has_numbers(d.en, 6) and "review" in d.en,
            why="text: no 行政复议, table 复议 总计 6",
        ),
        None,
    ),
    (
        "000",
        "must-line6-lawsuit-none-vs-table-11",
        must(
            "totals",
            6,
            {"GX210", "GX211"},
            tol=0,
            where=lambda d: "诉讼" in d.zh and _has_numbers(d.en, 11),
            why="text: no 行政诉讼, table 诉讼 总计 11",
        ),
        None,
    ),
    (
        "000",
        "must-line8-normative-2-vs-4-warning",
        must(
            "totals",
            8,
            "GX210",
            tol=0,
            where=lambda d: d.severity == "warning" and _has_numbers(d.en, 2, 4) and "规范性文件" in d.en,
            why="规范性文件 2 vs 表二 本年制发 4",
        ),
        None,
    ),
    (
        "000",
        "must-table4-truncated-header-labels",
        must(
            "placeholders",
            None,
            where=lambda d: 547 <= d.line <= 600 and all(w in d.en for w in ("结果纠正", "其他结果", "尚未审结")),
            why="section 四 header labels 结果/其他/尚未 cut short",
        ),
        None,
    ),
    ("000", "mustnot-line4-qizhong-list", mustnot(code="GX212", line=4, why="其中 parts 48+504+1361 < 2781"), None),
    ("000", "mustnot-arithmetic-table2", mustnot(code=ARITHMETIC, where=lambda d: 13 <= d.line < 88, why="表二 adds up"), None),
    ("000", "mustnot-arithmetic-table3", mustnot(code=ARITHMETIC, where=lambda d: 88 <= d.line < 547, why="表三 adds up"), None),
    ("000", "mustnot-arithmetic-table4", mustnot(code=ARITHMETIC, where=lambda d: 547 <= d.line < 620, why="表四 adds up"), None),
    ("000", "no-unexpected-errors", no_unexpected_errors(set()), None),
    ("000", "no-crash", no_crash(), None),
    # ---------------- 001 临湘市文旅广电局 2023 ----------------
    ("001", "must-pinyin-from-line2", must("contamination", 2, "GX505", tol=0, why="pinyin on line 2"), None),
    ("001", "must-pinyin-not-per-character", pinyin_not_per_character(), None),
    ("001", "must-traditional-info", must("contamination", None, "GX508"), None),
    (
        "001",
        "must-mojibake-line91",
        must("contamination", 91, "GX506", tol=0, why="項渴� on line 91"),
        None,
    ),
    (
        "001",
        "must-outdated-2019-template-table2",
        must(
            "sections",
            None,
            "GX110",
            where=lambda d: 10 <= d.line <= 100 and "2019" in d.en and "本年新制作数量" in d.en,
            why="表二 in the 2019 layout",
        ),
        None,
    ),
    (
        "001",
        "must-unlabelled-rows-from-line137",
        must("placeholders", 137, "GX301", why="办理结果 rows lost their labels from line 137"),
        None,
    ),
    ("001", "must-zero-label-line158", s001_zero_label_line(158, "0 0 0 0 0 0 0 0"), None),
    ("001", "must-zero-label-line239", s001_zero_label_line(239, "0 0 0"), None),
    ("001", "must-zero-label-line270", s001_zero_label_line(270, "0 0 0 0 0"), None),
    ("001", "must-rows-carry-8-values-not-7", s001_eight_values(), None),
    (
        "001",
        "mustnot-line394-next-year-plan",
        mustnot(family="years", line=394, why="2024年我们将… is the plan in section 五"),
        None,
    ),
    ("001", "mustnot-line4-qizhong-adds-up", mustnot(code="GX212", line=4, why="151 = 95+25+16+13+2"), None),
    ("001", "no-unexpected-errors", no_unexpected_errors({"GX301", "GX302", "GX307"}), None),
    ("001", "no-crash", no_crash(), None),
    # ---------------- 002 华容区 (bureau) 2025 ----------------
    ("002", "must-footer-line398", must("contamination", 398, "GX502", tol=0, why="site footer"), None),
    ("002", "must-footer-includes-border-lines", footer_mentions_border_lines(), None),
    ("002", "must-no-title", must("sections", None, "GX101"), None),
    (
        "002",
        "mustnot-copyright-2008-2017-as-year",
        mustnot(family="years", where=lambda d: d.covers(398, 0) or "2008" in d.en or "2017" in d.en, why="footer copyright years"),
        None,
    ),
    (
        "002",
        "mustnot-all-zero-tables-totals",
        mustnot(family="totals", why="zeros are right: no applications, the text says so"),
        None,
    ),
    (
        "002",
        "mustnot-all-zero-tables-unfilled",
        mustnot(code={"GX109", "GX301", "GX302", "GX305"}, why="zeros are a filled table"),
        None,
    ),
    ("002", "no-unexpected-errors", no_unexpected_errors(set()), None),
    ("002", "no-crash", no_crash(), None),
    # ---------------- 003 太原市万柏林区 2024 ----------------
    (
        "003",
        "must-header-chrome-lines2-4",
        must("contamination", 2, "GX501", tol=0, where=lambda d: d.line == 2 and d.end_line == 4, why="发布时间/来源/字号"),
        None,
    ),
    ("003", "must-malformed-00-line43", s003_malformed_00(), None),
    ("003", "must-line10-lawsuits-8-vs-12", s003_lawsuit_mismatch(), None),
    ("003", "mustnot-arithmetic", mustnot(code=ARITHMETIC, why="every row and column adds up"), None),
    ("003", "mustnot-line10-figure-110", s003_figure_not_flagged("共110件", "110"), None),
    ("003", "mustnot-line10-figure-9", s003_figure_not_flagged("同意公开9件", "9"), None),
    ("003", "mustnot-line10-figure-2", s003_figure_not_flagged("同意不公开2件", "2"), None),
    ("003", "mustnot-line10-figure-11", s003_figure_not_flagged("部分公开11件", "11"), None),
    ("003", "mustnot-line10-figure-10", s003_figure_not_flagged("继续办理10件", "10"), None),
    ("003", "mustnot-line10-figure-12-review", s003_figure_not_flagged("申请行政复议12件", "12"), None),
    ("003", "mustnot-year-publication-date-2025-01-26", s003_no_year_on("2025-01-26"), None),
    ("003", "mustnot-published-late-or-early", mustnot(code={"GX404", "GX405"}, why="published 2025-01-26, in time"), None),
    ("003", "mustnot-year-2025-training-plan", s003_no_year_on("制定2025年政务公开培训计划"), None),
    ("003", "no-unexpected-errors", no_unexpected_errors(set()), None),
    ("003", "no-crash", no_crash(), None),
    # ---------------- 004 随州高新区 2021 ----------------
    (
        "004",
        "must-header-chrome-lines2-6",
        must("contamination", 2, "GX501", tol=0, where=lambda d: d.line == 2 and d.end_line == 6, why="发布日期…字体"),
        None,
    ),
    ("004", "must-footer-line637", must("contamination", 637, "GX502", tol=0, why="扫一扫在手机上查看当前页面"), None),
    (
        "004",
        "must-spam-line638-error",
        must("contamination", 638, "GX503", tol=0, where=lambda d: d.severity == "error", why="porn phrases"),
        None,
    ),
    (
        "004",
        "must-spam-line639-spider-tags-error",
        must("contamination", 639, "GX503", tol=0, where=lambda d: d.severity == "error" and "蜘蛛词" in d.en, why="<蜘蛛词> <文本链>"),
        None,
    ),
    ("004", "must-traditional-info", must("contamination", None, "GX508"), None),
    ("004", "must-stray-question-line296", s004_question_mark(296, "0?"), None),
    ("004", "must-stray-question-line597", s004_question_mark(597, "1?"), None),
    ("004", "must-stray-question-line599", s004_question_mark(599, "2?"), None),
    (
        "004",
        "mustnot-line621-previous-year-review",
        mustnot(family="years", line=621, tol=0, why="2020年 in 五(一) is the previous year's review"),
        None,
    ),
    ("004", "mustnot-arithmetic", mustnot(code=ARITHMETIC, why="tables add up reading 1? as 1, 2? as 2"), None),
    (
        "004",
        "mustnot-line538-review-1-lawsuit-2",
        mustnot(family="totals", line=538, tol=0, why="复议 1 件, 诉讼 2 件 agree with the table"),
        None,
    ),
    ("004", "no-unexpected-errors", no_unexpected_errors({"GX503"}), None),
    ("004", "no-crash", no_crash(), None),
]


@pytest.mark.parametrize(
    "prefix,check",
    [
        pytest.param(prefix, check, id=f"{prefix}-{name}", marks=[mark] if mark else [])
        for prefix, name, check, mark in ITEMS
    ],
)
def test_expected(lint, prefix: str, check: Callable) -> None:
    diags, lines = lint(prefix)
    check(diags, lines)
