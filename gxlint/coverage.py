"""What was checked in a file: how many of the three standard tables were read, how many of
the six standard sections were found (issue 7 §2: never pass what was not read).

The engine records a :class:`Checked` on every linted file (``FileResult.checked``); the
text reporters sum them into the summary line (``3 of 3 tables and 6 of 6 sections
checked``) and print "All checks passed!" only when every report's tables were read.  The
JSON findings are not changed by this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from gxlint.document import CodeLine
from gxlint.lazy_pattern import lazy_compile
from gxlint.normalize import normalize_str
from gxlint.structure import canonical_section

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.analysis import Analysis
    from gxlint.engine import FileResult
    from gxlint.tables.model import RecognisedTable

TABLES = ("active", "requests", "appeals")  # 表二, 表三, 表四
SECTIONS = 6


@dataclass(frozen=True)
class Checked:
    """Per file: the standard tables whose figures were read, the standard sections found."""

    tables: tuple[str, ...] = ()  # kinds read, in TABLES order
    sections: int = 0
    report: bool = True  # the file shows itself a report (structure, tables, or its first lines say so)

    @property
    def all_tables(self) -> bool:
        return len(self.tables) == len(TABLES)


def table_was_read(table: RecognisedTable | None) -> bool:
    """A recognised table counts as checked when its cells hold numbers (an unfilled
    template, GX109, does not)."""
    return table is not None and table.has_numbers and not any(p.kind == "no-numbers" for p in table.problems)


def what_was_checked(analysis: "Analysis") -> Checked:
    tables = analysis.tables
    read = tuple(kind for kind in TABLES if table_was_read(tables.get(kind)))
    numbers = set()
    for section in analysis.document.sections:
        if section.heading is not None:
            number = canonical_section(section.heading)
            if number is not None:
                numbers.add(number)
    return Checked(tables=read, sections=len(numbers),
                   report=_names_itself_a_report(analysis.document, read, len(numbers)))


def to_data(checked: Checked | None) -> list | None:
    """Plain data for packed results (workers, the cache)."""
    return None if checked is None else [list(checked.tables), checked.sections, checked.report]


def from_data(data: Sequence[Any] | None) -> Checked | None:
    if not data:
        return None
    tables, sections, report = data
    return Checked(tables=tuple(tables), sections=sections, report=report)


@dataclass
class RunTotals:
    """The sums over a run, for the summary line."""

    files: int = 0  # files linted as reports
    tables: int = 0
    sections: int = 0
    unread: int = 0  # linted reports with fewer than three tables read
    skipped: int = 0  # files met on a directory walk that are not reports

    @property
    def tables_expected(self) -> int:
        return self.files * len(TABLES)

    @property
    def sections_expected(self) -> int:
        return self.files * SECTIONS


def run_totals(results: Iterable) -> RunTotals:
    totals = RunTotals()
    for result in results:
        if getattr(result, "skipped", False):
            totals.skipped += 1
            continue
        if getattr(result, "fatal", False):
            continue  # not linted: its input error says why
        checked = getattr(result, "checked", None) or Checked()
        totals.files += 1
        totals.tables += len(checked.tables)
        totals.sections += checked.sections
        totals.unread += not checked.all_tables
    return totals


def checked_line(totals: RunTotals, lang: str) -> str:
    """``3 of 3 tables and 6 of 6 sections checked`` (and the files skipped on a walk)."""
    if lang == "zh":
        parts = []
        if totals.files:
            parts.append(f"已检查统计表 {totals.tables}/{totals.tables_expected} 张、"
                         f"章节 {totals.sections}/{totals.sections_expected} 个")
        if totals.skipped:
            parts.append(f"跳过 {totals.skipped} 个不像年度报告的文件")
        return "；".join(parts)
    parts = []
    if totals.files:
        parts.append(f"{totals.tables} of {totals.tables_expected} tables and "
                     f"{totals.sections} of {totals.sections_expected} sections checked")
    if totals.skipped:
        parts.append(f"{totals.skipped} file{'s' if totals.skipped != 1 else ''} skipped (not a report)")
    return "; ".join(parts)


def skip_if_not_a_report(result: FileResult) -> None:
    """A file met on a directory walk that is not a report (a README, an index page, notes
    about reports) is skipped and counted, not linted: GX004 and the findings a non-report
    draws are for files named explicitly."""
    if not_a_report(result):
        _skip(result)


def not_a_report(result: FileResult) -> bool:
    """Whether a directory walk skips this result's file (:func:`skip_if_not_a_report`)."""
    if result.fatal:
        return {d.code for d in result.diagnostics} == {"GX004"}
    return result.checked is not None and not result.checked.report


def _skip(result) -> None:
    result.diagnostics = []
    result.fatal = False
    result.skipped = True
    result.checked = None
    result.facts = None  # not a report: no row of facts, nothing for the cross-report rules


# What a report's first lines say: its title (a line opening "…2023年…政府信息公开工作年度报告"),
# its opening ("根据《…政府信息公开条例》…本报告…"), its statistics period.
_TITLE_LINE = lazy_compile(r"^.{0,60}?(?:19|20)\d{2}年度?.{0,30}?信息公开.{0,10}?报告")
_OPENING = lazy_compile(r"政府信息公开条例.{0,80}(?:本年度报告|本报告|年度报告)|(?:本年度报告|本报告).{0,60}政府信息公开条例|"
                      r"统计(?:期限|时限|起止时间).{0,6}(?:19|20)\d{2}年")
HEAD_BLOCKS = 12  # a title block, breadcrumbs and date lines come before the opening


def _names_itself_a_report(document, tables_read, sections) -> bool:
    """A report shows its structure (two standard sections, two tables read), or its first
    lines say what it is (partial copies have no more).  Notes and READMEs that mention
    reports further down, or inside sentences, do not."""
    if sections >= 2 or len(tables_read) >= 2:
        return True
    blocks = [b for b in document.blocks if len(b.text.strip())]
    # A page that opens with its own prose (a rule's docs) is not taken for the reports its
    # fenced examples quote; a report pasted whole into a fence opens with the fence.
    if blocks and not isinstance(blocks[0], CodeLine):
        blocks = [b for b in blocks if not isinstance(b, CodeLine)]
    head = blocks[:HEAD_BLOCKS]
    for block in head:
        value = normalize_str(block.text.value, drop_whitespace=True)  # leaked pinyin too: 报(bào)告
        if _TITLE_LINE.match(value) or _OPENING.search(value):
            return True
    return False
