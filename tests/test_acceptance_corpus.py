"""Acceptance on the real corpus (``tests/fixtures/reports/corpus`` and its ``html/``).

One test per defect that ``INDEX.md`` names and gxlint is meant to find: a diagnostic of the
right family (and code, where the defect maps to one rule) near the right place, with the
figures in the message where the defect is about figures.  Then the quiet side: the clean
reports (corpus 003, 037, 021, 020 and the four pingtan pages) carry no error-severity
finding, tables INDEX checked by hand raise no arithmetic finding, and no file crashes a
rule or reader (GX9xx).

Items gxlint cannot do yet are ``xfail(strict=True)`` with the reason.
"""

from __future__ import annotations

import re

import pytest

from conftest import ARITHMETIC, CORPUS, HTML_CORPUS, Finding, corpus, lint_findings

D = Finding


@pytest.fixture(scope="module")
def lint(linter):
    def run(name: str) -> tuple[list[D], list[str]]:
        return lint_findings(linter, corpus(name))

    return run


def _numbers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\d+", text)}


def _line_of(lines: list[str], needle: str) -> tuple[int, int]:
    """(line, column) of the only occurrence of ``needle``; both 1-based."""
    hits = [(i + 1, t.index(needle) + 1) for i, t in enumerate(lines) if needle in t]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


class Defect:
    """A diagnostic of ``family`` (and ``code``) on ``line`` ±tol, or at ``anchor``'s line.

    ``numbers``: figures the message must quote; ``words``: strings the en or zh message must
    hold; ``column_at``: the diagnostic must start at this anchor's column (offset added).
    """

    def __init__(self, family, code=None, line=None, anchor=None, tol=1, numbers=(), words=(), severity=None,
                 column_at=None, span_to=None):
        self.family, self.code, self.line, self.anchor, self.tol = family, code, line, anchor, tol
        self.numbers, self.words, self.severity = set(numbers), tuple(words), severity
        self.column_at, self.span_to = column_at, span_to

    def __call__(self, diags: list[D], lines: list[str]) -> None:
        line = self.line
        if self.anchor is not None:
            line, _ = _line_of(lines, self.anchor)
        codes = {self.code} if isinstance(self.code, str) else self.code
        hits = [
            d
            for d in diags
            if d.family == self.family
            and (codes is None or d.code in codes)
            and (line is None or d.covers(line, self.tol))
            and self.numbers <= _numbers(d.en)
            and all(w in d.en or w in d.zh for w in self.words)
            and (self.severity is None or d.severity == self.severity)
            and (self.span_to is None or d.end_line >= self.span_to)
        ]
        assert hits, f"missing {self.family}/{self.code} at line {line} {sorted(self.numbers)} {self.words}; got {diags!r}"
        if self.column_at is not None:
            anchor, offset = self.column_at
            l, c = _line_of(lines, anchor)
            assert any(d.line == l and d.column == c + offset for d in hits), (l, c + offset, hits)


class Absent:
    def __init__(self, codes=None, family=None, severity=None, line=None, why=""):
        self.codes, self.family, self.severity, self.line, self.why = codes, family, severity, line, why

    def __call__(self, diags: list[D], lines: list[str]) -> None:
        hits = [
            d
            for d in diags
            if (self.codes is None or d.code in self.codes)
            and (self.family is None or d.family == self.family)
            and (self.severity is None or d.severity == self.severity)
            and (self.line is None or d.covers(self.line, 0))
        ]
        assert not hits, f"{self.why}: {hits!r}"


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


DEFECTS = [
    # 001 / 002 淮安市洪泽区 (PDF text)
    ("001.txt", "R5-review-total-0-vs-11", Defect("totals", "GX205", 132, tol=0, numbers={0, 10, 1, 11}, words=("行政复议",), severity="error",
                                                   column_at=("10 1 0 0 0 0 0 0 0 0 5 0 0 0 0", 9)), None),
    ("001.txt", "R5-after-review-total-0-vs-5", Defect("totals", "GX205", 132, tol=0, numbers={0, 5}, words=("复议后起诉",), severity="error"), None),
    ("001.txt", "outdated-table3-single-row-other-handling", Defect("sections", "GX110", 110, words=("（六）其他处理",)), None),
    ("002.txt", "scope-mismatch-17-vs-95", Defect("totals", "GX210", anchor="信息公开申请 17 件", tol=0, numbers={17, 95},
                                                 column_at=("信息公开申请 17 件", 7)), None),
    ("002.txt", "outdated-table3-single-row-other-handling", Defect("sections", "GX110", 110, words=("（六）其他处理",)), None),
    # 005 上海市科委 (markdown by a peer)
    ("005.txt", "numbering-restarts", Defect("sections", "GX106", anchor="一、主动公开政府信息情况", tol=0), None),
    ("005.txt", "missing-problems-section", Defect("sections", "GX103", words=("五",)), None),
    ("005.txt", "contradiction-all-done-vs-1-carried-forward", Defect("totals", "GX211", anchor="所有申请均已按要求办理完成", tol=0, numbers={1}), None),
    ("005.txt", "blank-carried-forward-total", Defect("placeholders", "GX305", anchor="| 四、结转下年度继续办理 |", tol=0, words=("总计",)), None),
    # chrome
    ("008.txt", "chrome-font-size", Defect("contamination", "GX501", 4, tol=0, words=("字号",)), None),
    ("009.txt", "chrome-publication-date", Defect("contamination", "GX501", 3, tol=0, words=("发布日期",)), None),
    ("012.txt", "chrome-font-print", Defect("contamination", "GX501", 2, tol=0, words=("字体",)), None),
    ("012.txt", "chrome-source-date-views", Defect("contamination", "GX501", 4, tol=0, words=("来源", "浏览次数")), None),
    ("025.txt", "chrome-breadcrumb", Defect("contamination", "GX501", 3, tol=0, words=("当前位置",)), None),
    ("034.txt", "chrome-source-time", Defect("contamination", "GX501", 4, tol=0, words=("来源",)), None),
    ("036.txt", "chrome-login-register", Defect("contamination", "GX501", 2, tol=0, words=("登录",)), None),
    ("036.txt", "chrome-date-clicks", Defect("contamination", "GX501", 6, tol=0, words=("点击数",)), None),
    # format era
    ("011.txt", "cites-2019-notice", Defect("sections", "GX111", anchor="国办公开办函〔2019〕60号", tol=0, words=("〔2019〕60号",),
                                             column_at=("国办公开办函〔2019〕60号", 0)), None),
    ("012.txt", "outdated-2019-template", Defect("sections", "GX110", 16, words=("本年新制作数量",)), None),
    ("012.txt", "table2-labels-only", Defect("sections", "GX109", 22, words=("二",), severity="error"), None),
    ("012.txt", "table3-labels-only", Defect("sections", "GX109", 96, words=("三",), severity="error"), None),
    # titles
    ("029.txt", "title-without-agency", Defect("sections", "GX102", 2, tol=0), None),
    ("030.txt", "title-without-gongzuo", Defect("sections", "GX102", 2, tol=0, words=("政府信息公开年度报告",)), None),
    ("031.txt", "report-name-without-niandu", Defect("sections", "GX102", anchor="2020年政府信息公开工作报告", tol=0), None),
    ("036.txt", "title-zhengwu-xinxi", Defect("sections", "GX102", 4, tol=0, words=("政务信息公开年度报告",)), None),
    ("014.txt", "heading-numbered-1", Defect("sections", "GX107", 14, tol=0, words=("1、",)), None),
    # spam
    ("030.txt", "spam-in-title-error", Defect("contamination", "GX503", 2, tol=0, severity="error", words=("beat365",)), None),
    # Traditional / pinyin / mojibake
    ("018.txt", "traditional-characters", Defect("contamination", "GX508"), None),
    ("018.txt", "pinyin-annotations", Defect("contamination", "GX505", anchor="根據(jù)", tol=0), None),
    ("018.txt", "mojibake", Defect("contamination", "GX506", anchor="三審三?", tol=0), None),
    ("022.txt", "traditional-characters", Defect("contamination", "GX508"), None),
    # narrative vs table
    ("040.txt", "narrative-2-vs-table-3", Defect("totals", "GX210", anchor="共受理政府信息公开申请2件", tol=0, numbers={2, 3},
                                                column_at=("共受理政府信息公开申请2件", 11)), None),
    ("pingtan-2023.html", "in-force-393-vs-table-470", Defect("totals", "GX210", anchor="现行有效行政规范性文件393件", tol=0, numbers={393, 470},
                                                              column_at=("现行有效行政规范性文件393件", 11)), None),
    ("pingtan-2022.html", "heading-typo-xingzhengfa-fuyi", Defect("sections", "GX107", anchor="四、政府信息公开行政法复议、行政诉讼情况", tol=0,
                                                                   column_at=("四、政府信息公开行政法复议、行政诉讼情况", 0)), None),
    # plausibility (spec table 二): a town cannot make 规章
    ("023.txt", "town-reports-guizhang", Defect("totals", "GX207", anchor="| 规章 | 2 | 0 | 2 |", tol=0, numbers={2}, words=("规章",),
                                               column_at=("| 规章 | 2 | 0 | 2 |", 7)), None),
    # text defects INDEX lists
    ("005.txt", "doubled-zijin", Defect("sections", "GX120", anchor="资金资金", tol=0, words=("资金",), column_at=("资金资金", 2)), None),
    ("019.txt", "unclosed-bracket", Defect("sections", "GX122", anchor="(以下简称《条例》有关要求", tol=0,
                                           column_at=("(以下简称《条例》有关要求", 0)), None),
    ("036.txt", "orphan-closing-bracket", Defect("sections", "GX122", anchor="2017年2月23日)", tol=0,
                                                 column_at=("2017年2月23日)", len("2017年2月23日"))), None),
    ("pingtan-2019.html", "phrase-repeated", Defect("sections", "GX120", anchor="全年公开核准企业资质条", tol=3, words=("聚焦新中国成立",)), None),
    ("pingtan-2021.html", "doubled-shenhe", Defect("sections", "GX120", anchor="规范审核审核发布机制", tol=0, words=("审核",),
                                                    column_at=("规范审核审核发布机制", 4)), None),
    ("pingtan-2022.html", "doubled-de", Defect("sections", "GX120", anchor="统一的的网站界面", tol=0, column_at=("统一的的网站界面", 3)), None),
    ("pingtan-2023.html", "enumeration-sanshi-twice", Defect("sections", "GX121", anchor="；三是开拓创新不够有力", tol=0, words=("三是",),
                                                             column_at=("；三是开拓创新不够有力", 1)), None),
    ("pingtan-2023.txt", "enumeration-sanshi-twice", Defect("sections", "GX121", anchor="；三是开拓创新不够有力", tol=0, words=("三是",),
                                                            column_at=("；三是开拓创新不够有力", 1)), None),
    ("pingtan-2023.txt", "in-force-393-vs-table-470", Defect("totals", "GX210", anchor="现行有效行政规范性文件393件", tol=0, numbers={393, 470}),
     xfail("pingtan-2023.txt runs every table cell together; 表二's '行政规范性文件77132470' has no arithmetic "
           "relation to pick a split (77/132/470, 7/71/32470, …), so the in-force cell stays unread (GX309 reports it) "
           "and the 393 vs 470 mismatch the HTML run finds cannot be checked")),
    ("031.txt", "truncated-2019-header-benianxin", Defect("placeholders", "GX306", 13, words=("本年新",)), None),
]


def _spam_lines(name: str) -> list[int]:
    lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    return [i + 1 for i, t in enumerate(lines) if "beat365" in t or "365官方" in t]


def _spam_reported_on(line: int):
    """A GX503 error starts on ``line`` or names it (one finding may list a bulk replacement's lines)."""

    def check(diags, lines):
        hits = [
            d
            for d in diags
            if d.code == "GX503"
            and d.family == "contamination"
            and d.severity == "error"
            and (d.line == line or re.search(rf"lines? [^)]*\b{line}\b", d.en))
        ]
        assert hits, f"spam on line {line} not reported: {diags!r}"

    return check


SPAM_030 = [
    pytest.param("030.txt", f"spam-line-{n}", _spam_reported_on(n), id=f"030.txt-spam-line-{n}")
    for n in _spam_lines("030.txt")
]


@pytest.mark.parametrize(
    "name,check",
    [pytest.param(name, check, id=f"{name}-{label}", marks=[mark] if mark else []) for name, label, check, mark in DEFECTS]
    + [pytest.param(p.values[0], p.values[2], id=p.id) for p in SPAM_030],
)
def test_defect_found(lint, name: str, check) -> None:
    diags, lines = lint(name)
    check(diags, lines)


# --- the quiet side ------------------------------------------------------------------------

CLEAN = ["003.txt", "037.txt", "021.txt", "020.txt",
         "pingtan-2019.html", "pingtan-2021.html", "pingtan-2022.html", "pingtan-2023.html", "pingtan-2023.txt"]


@pytest.mark.parametrize("name", CLEAN)
def test_clean_report_has_no_errors(lint, name: str) -> None:
    diags, _ = lint(name)
    errors = [d for d in diags if d.severity == "error"]
    assert not errors, errors


# tables INDEX checked by hand and found to add up
ARITH_OK = ["002.txt", "003.txt", "005.txt", "009.txt", "pingtan-2019.html", "pingtan-2021.html", "pingtan-2022.html", "pingtan-2023.html"]


@pytest.mark.parametrize("name", ARITH_OK)
def test_tables_that_add_up_raise_no_arithmetic_finding(lint, name: str) -> None:
    diags, _ = lint(name)
    hits = [d for d in diags if d.code in ARITHMETIC]
    assert not hits, hits


# narratives INDEX checked against the tables and found to agree
NARRATIVE_OK = ["003.txt", "pingtan-2019.html", "pingtan-2021.html", "pingtan-2022.html"]


@pytest.mark.parametrize("name", NARRATIVE_OK)
def test_narrative_that_agrees_is_not_flagged(lint, name: str) -> None:
    diags, _ = lint(name)
    hits = [d for d in diags if d.code in {"GX210", "GX211"}]
    assert not hits, hits


def test_pingtan_2023_only_the_393_figure(lint) -> None:
    """The 2023 text's other figures (81 received, 复议2件, 诉讼7件) agree with the tables."""
    diags, _ = lint("pingtan-2023.html")
    hits = [d for d in diags if d.code in {"GX210", "GX211"}]
    assert len(hits) == 1 and 393 in _numbers(hits[0].en), hits


QUIET = [
    pytest.param("009.txt", Absent(family="totals", why="the agency takes no applications: all-zero tables are right"), id="009-zero-tables-no-totals"),
    pytest.param("009.txt", Absent(codes={"GX109"}, why="zeros are figures, not an unfilled template"), id="009-zero-tables-not-unfilled"),
    pytest.param("015.txt", Absent(severity="error", why="partial file: its last row is cut by the truncation, not by the report"),
                 id="015-truncated-last-row-no-error"),
]


def _no_unknown_year_in_messages():
    def check(diags, lines):
        bad = [d for d in diags if re.search(r"(?<![0-9A-Za-z])Y年", d.en + d.zh)]
        assert not bad, bad

    return check


QUIET.append(
    # 040 has no title and the report year is not determined: GX101 names the slots
    # (<agency><year>年… / <机关名称><年份>年…) instead of a literal 'Y'
    pytest.param("040.txt", _no_unknown_year_in_messages(), id="040-message-without-literal-Y-year")
)


@pytest.mark.parametrize("name,check", QUIET)
def test_quiet(lint, name: str, check) -> None:
    diags, lines = lint(name)
    check(diags, lines)


ALL = sorted(p.name for p in CORPUS.glob("*.txt")) + sorted(p.name for p in HTML_CORPUS.glob("*.*") if p.name != "INDEX.md")


@pytest.mark.parametrize("name", ALL)
def test_no_crash(lint, name: str) -> None:
    diags, _ = lint(name)
    crashes = [d for d in diags if d.code.startswith("GX9")]
    assert not crashes, crashes
