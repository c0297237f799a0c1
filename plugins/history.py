"""Rule module 'history' (GX6xx): checks across the reports of one agency.

They run when several reports are linted together (see :mod:`gxlint.plugin.crossreport`)
and compare year N with year N+1 of the same agency: agency names are normalised
(:func:`gxlint.report_facts.normalize_agency`) and years are read from the reports (title, else
statistics period), never from file names.  A gap year (N and N+2 only) pairs nothing,
so it checks nothing and says nothing.  Findings go on the later report and name the
earlier file and place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from gxlint.plugin import (
    Context,
    Diagnostic,
    MultiReportRule,
    Position,
    ReportSet,
    hookimpl,
    lazy_compile,
    locate,
    multi_report_rule,
    sha256_hex,
)

APPLICANT_COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_services", "other_org",
                     "total")
COLUMN_ZH = {"natural_person": "自然人", "commercial": "商业企业", "research": "科研机构",
             "public_interest": "社会公益组织", "legal_services": "法律服务机构", "other_org": "其他", "total": "总计"}
COLUMN_EN = {"natural_person": "natural persons", "commercial": "businesses", "research": "research bodies",
             "public_interest": "public-interest bodies", "legal_services": "legal services", "other_org": "others",
             "total": "total"}


def _where(facts) -> str:
    return facts.path


def _cell_ref(facts, cell) -> str:
    return f"{facts.path}:{cell.line}:{cell.column}"


# --- GX601 carry-over ------------------------------------------------------------------------


@multi_report_rule("GX601")
def carry_over(reports: ReportSet) -> Iterator[Diagnostic]:
    for earlier, later in reports.consecutive():
        mismatches = []
        for column in APPLICANT_COLUMNS:
            before = earlier.cell("requests", f"carried_forward.{column}")
            after = later.cell("requests", f"carried_over.{column}")
            if before is None or after is None or before.value is None or after.value is None:
                continue
            if before.value != after.value:
                mismatches.append((column, before, after))
        if not mismatches:
            continue
        column, before, after = mismatches[0]
        yield reports.report(
            later, after, year=later.year, earlier_year=earlier.year, earlier=_cell_ref(earlier, before),
            columns_zh="、".join(f"{COLUMN_ZH[c]} {a.value}≠{b.value}" for c, b, a in mismatches),
            columns_en=", ".join(f"{COLUMN_EN[c]} {a.value} ≠ {b.value}" for c, b, a in mismatches),
        )


# --- GX602 / GX603 documents in force ----------------------------------------------------------

DOCUMENT_KINDS = {"regulations": ("规章", "regulations"), "normative_documents": ("行政规范性文件", "normative documents")}


def _in_force_steps(reports):
    """(earlier, later, kind, in_force(N), issued, repealed, in_force(N+1), cell) for every
    consecutive pair read in the 2021 template by both reports (the 2019 columns count
    documents published, not documents in force: never chained)."""
    for earlier, later in reports.consecutive():
        if earlier.templates.get("active") != "2021" or later.templates.get("active") != "2021":
            continue
        for kind in DOCUMENT_KINDS:
            before = earlier.number("active", f"{kind}.in_force")
            issued = later.number("active", f"{kind}.issued")
            repealed = later.number("active", f"{kind}.repealed")
            cell = later.cell("active", f"{kind}.in_force")
            if None in (before, issued, repealed) or cell is None or cell.value is None:
                continue
            yield earlier, later, kind, before, issued, repealed, cell


def _in_force_args(earlier, later, kind, before, issued, repealed, cell):
    zh, en = DOCUMENT_KINDS[kind]
    return dict(kind_zh=zh, kind_en=en, year=later.year, earlier_year=earlier.year, in_force=cell.value,
                before=before, issued=issued, repealed=repealed, bound=before + issued - repealed,
                earlier=_cell_ref(earlier, earlier.cell("active", f"{kind}.in_force")))


@multi_report_rule("GX602")
def in_force_rise(reports: ReportSet) -> Iterator[Diagnostic]:
    for step in _in_force_steps(reports):
        earlier, later, kind, before, issued, repealed, cell = step
        if cell.value > before + issued - repealed:
            args = _in_force_args(*step)
            yield reports.report(later, cell, excess=cell.value - args["bound"], **args)


@multi_report_rule("GX603")
def in_force_fall(reports: ReportSet) -> Iterator[Diagnostic]:
    for step in _in_force_steps(reports):
        earlier, later, kind, before, issued, repealed, cell = step
        if cell.value < before + issued - repealed:
            args = _in_force_args(*step)
            yield reports.report(later, cell, gap=args["bound"] - cell.value, **args)


# --- GX604 narrative comparisons -----------------------------------------------------------------

# After a figure, in the same sentence: 较上年增长9.5% / 同比下降 / 比上年多7件 / 较2022年上升29.3%.
# 环比 (month on month) and 百分点 (percentage points) are not year-on-year changes of the figure.
_COMPARISON = lazy_compile(
    r"(?:同比|(?:较|比)\s*(?:上年度?|去年|上一年度?|(?P<year>(?:19|20)\d{2})\s*年度?)(?:同期)?)\s*(?:的)?\s*"
    r"(?P<verb>增长|增加|上升|提高|提升|下降|减少|降低|多|少)(?:了)?\s*"
    r"(?:(?P<pct>\d{1,15}(?:\.\d+)?)\s*%|(?P<count>\d{1,15})\s*(?:件|份|条|个(?!\s*百分点)))?"  # (int() refuses 4,300 digits)
)
_UP = {"增长", "增加", "上升", "提高", "提升", "多"}

# concept of the narrative figures (plugins/_narrative.py) -> the table cells it reads
CONCEPT_CELLS = {
    "received": ("requests", ("received.total",)),
    "processed": ("requests", ("total_processed.total",)),
    "carried_forward": ("requests", ("carried_forward.total",)),
    "granted": ("requests", ("granted.total",)),
    "partly_granted": ("requests", ("partly_granted.total",)),
    "review": ("appeals", ("review.total",)),
    "litigation": ("appeals", ("suit_direct.total", "suit_after_review.total")),
    "normative_issued": ("active", ("normative_documents.issued",)),
    "normative_repealed": ("active", ("normative_documents.repealed",)),
    "normative_in_force": ("active", ("normative_documents.in_force",)),
    "licensing": ("active", ("licensing.decisions",)),
    "penalties": ("active", ("penalties.decisions",)),
    "coercion": ("active", ("coercion.decisions",)),
}


@dataclass(frozen=True)
class Comparison:
    """A year-on-year comparison the narrative states (较上年增长9.5%) for one concept."""
    concept: str
    concept_zh: str
    concept_en: str
    number: int | float  # this year's figure as the text gives it
    phrase: str  # the comparison as written, e.g. 较上年增长9.5%
    up: bool
    percent: float | None
    decimals: int
    count: int | None
    year: int | None  # an explicit year compared with (较2022年)
    where: Position


def collect_comparisons(ctx: Context) -> tuple[Comparison, ...] | None:
    out = []
    for figure in ctx.prose.figures:
        if figure.concept.key not in CONCEPT_CELLS:
            continue
        sentence = figure.sentence
        value = figure.unit.value
        rest = value[figure.j:sentence.end]
        match = _COMPARISON.search(rest)
        if match is None or re.search(r"\d", rest[:match.start()]):
            continue  # no comparison, or another figure stands between them
        pct, count = match.group("pct"), match.group("count")
        i, j = figure.j + match.start(), figure.j + match.end()
        out.append(Comparison(
            concept=figure.concept.key, concept_zh=figure.concept.zh, concept_en=figure.concept.en,
            number=figure.number, phrase=match.group(0).replace(" ", ""), up=match.group("verb") in _UP,
            percent=float(pct) if pct else None, decimals=len(pct.split(".", 1)[1]) if pct and "." in pct else 0,
            count=int(count) if count else None, year=int(match.group("year")) if match.group("year") else None,
            where=locate(ctx, (figure.unit.norm, i, j)),
        ))
    return tuple(out) or None


def _previous_value(facts, concept: str) -> tuple[int | float | None, object]:
    table, keys = CONCEPT_CELLS[concept]
    cells = [facts.cell(table, key) for key in keys]
    if any(c is None or c.value is None for c in cells):
        return None, None
    return sum(c.value for c in cells), cells[0]


def _comparison_problem(c: Comparison, before: int | float) -> tuple[str, str] | None:
    """(zh, en) of what the table says, when the comparison disagrees with it."""
    change = c.number - before
    if change == 0 or (change > 0) != c.up:
        direction = ("持平", "unchanged") if change == 0 else (("增加", "up") if change > 0 else ("减少", "down"))
        return f"实际{direction[0]}（{before}→{c.number}）", f"it went {direction[1]} ({before} → {c.number})"
    if c.count is not None and c.count != abs(change):
        return f"实际相差{abs(change)}（{before}→{c.number}）", f"the difference is {abs(change)} ({before} → {c.number})"
    if c.percent is not None and before:
        actual = abs(change) / before * 100
        # rounded or cut to the text's decimals: both are how reports write percentages
        if abs(actual - c.percent) >= 10 ** (-c.decimals):
            shown = f"{actual:.{max(c.decimals, 1)}f}%"
            return f"实际变化{shown}（{before}→{c.number}）", f"the change is {shown} ({before} → {c.number})"
    return None


@multi_report_rule("GX604", collect=collect_comparisons)
def narrative_comparison(reports: ReportSet) -> Iterator[Diagnostic]:
    for agency_reports in reports.series().values():
        first_of = {}
        for facts in agency_reports:
            first_of.setdefault(facts.year, facts)
        for facts in agency_reports:
            for c in reports.collected(facts) or ():
                target_year = c.year if c.year is not None else facts.year - 1
                earlier = first_of.get(target_year)
                if earlier is None or target_year >= facts.year:
                    continue
                if CONCEPT_CELLS[c.concept][0] == "active" and earlier.templates.get("active") != facts.templates.get("active"):
                    continue  # table 二 changed meaning with the 2021 template
                before, cell = _previous_value(earlier, c.concept)
                if before is None:
                    continue
                problem = _comparison_problem(c, before)
                if problem is None:
                    continue
                yield reports.report(facts, c.where, phrase=c.phrase, concept_zh=c.concept_zh, concept_en=c.concept_en,
                                     number=c.number, before=before, earlier_year=earlier.year,
                                     earlier=_cell_ref(earlier, cell), actual_zh=problem[0], actual_en=problem[1])


# --- GX605 copied sections ------------------------------------------------------------------------

COPY_SECTIONS = {5: "五", 6: "六"}
# Short statements (无其他需要报告的事项, 本年度未收取信息处理费) rightly repeat every year.
MIN_COPIED_CHARS = 60
# A year, 19xx / 20xx or in Chinese numerals before 年.  Written from its first character
# (a class the regex engine skips to): as two alternatives it was tried at every character.
_YEARS = lazy_compile(r"[12〇零○一二三四五六七八九](?:(?<=1)9\d{2}|(?<=2)0\d{2}|(?<=[〇零○一二三四五六七八九])[〇零○一二三四五六七八九]{3}(?=\s*年))")
_NOT_TEXT = lazy_compile(r"[\W_]+")


def collect_sections(ctx: Context) -> dict[int, tuple[str, int, Position]] | None:
    out: dict[int, tuple[str, int, Position]] = {}
    for section in ctx.document.sections:
        if section.ordinal not in COPY_SECTIONS or section.ordinal in out:
            continue
        text = "".join(block.text.normalized.value for block in section.blocks)
        body = _NOT_TEXT.sub("", _YEARS.sub("Y", text))
        if len(body) < MIN_COPIED_CHARS:
            continue
        digest = sha256_hex(body.encode("utf-8"))
        out[section.ordinal] = (digest, len(body), locate(ctx, section.heading))
    return out or None


@multi_report_rule("GX605", collect=collect_sections)
def copied_section(reports: ReportSet) -> Iterator[Diagnostic]:
    for earlier, later in reports.consecutive():
        before = reports.collected(earlier) or {}
        after = reports.collected(later) or {}
        for ordinal, (digest, length, where) in sorted(after.items()):
            previous = before.get(ordinal)
            if previous is not None and previous[0] == digest:
                yield reports.report(later, where, section=COPY_SECTIONS[ordinal], year=later.year,
                                     earlier_year=earlier.year, earlier=f"{earlier.path}:{previous[2].line}",
                                     length=length)


# --- GX606 duplicates ------------------------------------------------------------------------------


@multi_report_rule("GX606")
def duplicate_report(reports: ReportSet) -> Iterator[Diagnostic]:
    for agency_reports in reports.series().values():
        first_of = {}
        for facts in agency_reports:
            first = first_of.setdefault(facts.year, facts)
            if first is not facts:
                yield reports.report(facts, facts.title_position, agency=facts.agency, year=facts.year, other=first.path)


@hookimpl
def gxlint_multi_report_rules() -> list[MultiReportRule]:
    return [carry_over, in_force_rise, in_force_fall, narrative_comparison, copied_section, duplicate_report]
