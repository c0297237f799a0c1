"""Small per-file facts: what an audit of many reports needs once a file is parsed.

A :class:`ReportFacts` holds a report's identity (agency, year, template era), what was
read (tables, sections), every recognised table cell with its position, and the facts
multi-report rules collected (``extra``).  It holds no document tree and no source text,
so a run over thousands of files keeps one small value per file: the per-file summary,
the table dataset, the HTML audit report and the cross-report (``history``) rules all
work from these facts alone.  Facts are plain data (picklable).
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gxlint.analysis import analyse
from gxlint.coverage import table_was_read
from gxlint.lazy_pattern import lazy_compile
from gxlint.normalize import to_simplified

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.document import Document

TABLE_KINDS = ("active", "requests", "appeals")
SECTION_ORDINALS = (1, 2, 3, 4, 5, 6)


@dataclass(frozen=True)
class Position:
    """A place in one file, kept in facts after the file's text is gone (a cell, a title,
    a place a multi-report rule's ``collect`` located)."""

    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class CellFact:
    """One recognised cell of a standard table.

    ``value`` is the number read (``None`` for a blank or unreadable cell); ``raw_text``
    is the cell as written, so blank and malformed cells keep what was there; ``problem``
    is :attr:`gxlint.tables.model.Value.problem` (``blank``, ``slash``, ``leading-zero``…).
    Positions are 1-based; ``start``/``end`` are character offsets in the decoded text.
    """

    table: str  # active | requests | appeals
    key: str  # canonical key, e.g. received.natural_person
    value: int | float | None
    raw_text: str
    problem: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int

    @property
    def row_key(self) -> str:
        return self.key.rsplit(".", 1)[0]

    @property
    def column_key(self) -> str:
        return self.key.rsplit(".", 1)[-1]


class _BuiltWhenRead:
    """A field of :class:`ReportFacts` set as any field is, or built the first time it is
    read from what :func:`collect_facts` left pending (``_pending_`` and the name: the
    arguments of ``build``).  Building a report's ~200-400 :class:`CellFact` objects was
    most of collecting its facts, yet a run that caches nothing, keeps no facts and runs
    no multi-report rule never reads one.  A data descriptor: the value lives in the
    instance's ``__dict__`` under the field's own name, so pickles are those of a plain
    field."""

    def __init__(self, build: Any, empty: Any) -> None:
        self.build = build
        self.empty = empty

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.pending = "_pending_" + name

    def __get__(self, facts: Any, owner: type | None = None) -> Any:
        if facts is None:  # the class's default, as the dataclass reads it: set to empty per instance
            return None
        state = facts.__dict__
        found = state.get(self.name)
        if found is None:
            pending = state.pop(self.pending, None)
            found = state[self.name] = self.build(*pending) if pending is not None else self.empty()
        return found

    def __set__(self, facts: Any, value: Any) -> None:
        state = facts.__dict__
        state.pop(self.pending, None)
        state.pop("_index", None)  # (ReportFacts.cell's lookup of the cells)
        state[self.name] = self.empty() if value is None else value

    def set_pending(self, facts: Any, *arguments: Any) -> None:
        """Build the field from ``arguments`` when it is first read."""
        facts.__dict__[self.name] = None
        facts.__dict__[self.pending] = arguments


@dataclass
class ReportFacts:
    """What a linted report tells the multi-report rules and summaries: identity, sections, table cells."""
    path: str
    title: str | None = None
    title_position: Position | None = None  # where the title line is
    agency: str | None = None  # as written in the title
    year: int | None = None  # from the title, else the statistics period
    # table kind -> template ("2021" | "2019"); only recognised tables are listed
    templates: dict[str, str] = field(default_factory=dict)
    tables_with_numbers: int = 0
    sections: tuple[int, ...] = ()  # ordinals of the top-level sections found (1–6)
    # built when first read (see _BuiltWhenRead): most runs ask for no cell of most files
    cells: list[CellFact] = _BuiltWhenRead(lambda *pending: _built_cells(*pending), list)  # type: ignore[assignment]
    # what multi-report rules collected from this file: rule code -> their small value
    extra: dict[str, Any] = field(default_factory=dict)
    # the text around each of the file's own findings and each cell, (before, flagged, after)
    # keyed by (line, column): reports show it after the file's text was dropped (streaming)
    frames: dict[tuple[int, int], tuple[str, str, str]] = field(default_factory=dict)
    # the file's suppression comments of multi-report codes (gxlint.suppressions.late_scopes)
    suppressions: tuple = ()

    @property
    def agency_key(self) -> str | None:
        return normalize_agency(self.agency)

    @property
    def era(self) -> str:
        """The template era: ``2019`` when table 二 or 三 uses the 2019 layout, ``2021``
        when tables were read in the current layout, ``""`` when no table was read.
        (Table 四 is identical in both layouts, so it does not decide.)"""
        if not self.templates or not self.tables_with_numbers:
            return ""
        if any(self.templates.get(kind) == "2019" for kind in ("active", "requests")):
            return "2019"
        return "2021"

    @property
    def tables_read(self) -> str:
        """``3/3``: how many of the three standard tables were read with numbers."""
        return f"{self.tables_with_numbers}/{len(TABLE_KINDS)}"

    @property
    def sections_found(self) -> str:
        found = [n for n in SECTION_ORDINALS if n in self.sections]
        return f"{len(found)}/{len(SECTION_ORDINALS)}"

    def cell(self, table: str, key: str) -> CellFact | None:
        if isinstance(self.cells, PackedCells):  # compact facts: looked up, nothing cached
            return self.cells.find(table, key)
        index = self.__dict__.get("_index")
        if index is None:
            index = self.__dict__["_index"] = {(c.table, c.key): c for c in self.cells}
        return index.get((table, key))

    def number(self, table: str, key: str) -> int | float | None:
        cell = self.cell(table, key)
        return cell.value if cell is not None else None

    def __getstate__(self) -> dict:  # the lookup index is rebuilt, never shipped; the cells are built
        self.cells  # noqa: B018 - built (as the class always pickled them)
        return {k: v for k, v in self.__dict__.items() if k not in ("_index", "_pending_cells")}


class PackedCells(Sequence[CellFact]):
    """A report's cells for the multi-report step, in about a tenth of the memory of the
    :class:`CellFact` list: the (table, key) pairs shared by every report with the same
    layout, the values in a tuple, positions in an int array, and the text as written or
    a problem only where the value does not already say them.  Each :class:`CellFact` is
    rebuilt when it is asked for, and not kept."""

    __slots__ = ("_layout", "_values", "_positions", "_odd")

    # the layouts met in this process: their text -> (text, (table, key) pairs, lookup index)
    _LAYOUTS: dict[str, tuple[str, tuple, dict]] = {}

    def __init__(self, cells: list[CellFact]) -> None:
        self._layout = self._layout_of("\x1e".join(f"{c.table}\x1f{c.key}" for c in cells))
        self._values = tuple(c.value for c in cells)
        self._positions = array("i", [n for c in cells for n in (c.line, c.column, c.end_line, c.end_column,
                                                                  c.start, c.end)])
        self._odd = {i: (c.raw_text, c.problem) for i, c in enumerate(cells)
                     if c.problem is not None or c.raw_text != _plain(c.value)} or None

    @classmethod
    def _layout_of(cls, text: str) -> tuple[str, tuple, dict]:
        layout = cls._LAYOUTS.get(text)
        if layout is None:
            keys = tuple(tuple(sys.intern(part) for part in pair.split("\x1f")) for pair in text.split("\x1e")) if text else ()
            # later duplicates win, as in ReportFacts.cell
            layout = cls._LAYOUTS[text] = (text, keys, {k: i for i, k in enumerate(keys)})
        return layout

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        table, key = self._layout[1][index]
        value = self._values[index]
        raw, problem = self._odd.get(index, (None, None)) if self._odd else (None, None)
        p = self._positions[6 * index:6 * index + 6]
        return CellFact(table, key, value, _plain(value) if raw is None else raw, problem, *p)

    def find(self, table: str, key: str) -> CellFact | None:
        """The cell of ``table`` with canonical ``key``, as :meth:`ReportFacts.cell`."""
        index = self._layout[2].get((table, key))
        return None if index is None else self[index]

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (PackedCells, list)) else NotImplemented

    def __reduce__(self) -> tuple:  # as packed (a worker process sends it to the parent)
        return (_unpickle_cells, (self._layout[0], self._values, self._positions.tobytes(), self._odd))


def _unpickle_cells(layout: str, values: tuple, positions: bytes, odd: dict | None) -> PackedCells:
    cells = PackedCells.__new__(PackedCells)
    cells._layout = PackedCells._layout_of(layout)
    cells._values = values
    cells._positions = array("i")
    cells._positions.frombytes(positions)
    cells._odd = odd
    return cells


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def compact(facts: ReportFacts) -> ReportFacts:
    """A copy of ``facts`` for the multi-report step of a run that reports no facts: the
    same values, its cells packed (:class:`PackedCells`), no code frames."""
    out = ReportFacts(path=facts.path, title=facts.title, title_position=facts.title_position, agency=facts.agency,
                      year=facts.year, templates=facts.templates, tables_with_numbers=facts.tables_with_numbers,
                      sections=facts.sections, extra=facts.extra, suppressions=facts.suppressions)
    out.cells = PackedCells(facts.cells)  # type: ignore[assignment]
    return out


# the table reader's markers for blank cells and cell boundaries: not part of a cell's text
_NOT_RAW = {0x00: None, 0x01: None, 0x1F: None}

FRAME_CONTEXT = 40  # characters of the line kept either side of a finding
FRAME_MAX = 200  # characters of the flagged text kept


def snippet(source: Any, line: int, column: int, end_line: int, end_column: int) -> tuple[str, str, str]:
    """(before, flagged, after) on ``line`` of ``source``: the flagged characters (cut to
    the line and to FRAME_MAX) and up to FRAME_CONTEXT characters either side, with an
    ellipsis where the line goes on."""
    text = source.line_text(line)
    start = max(0, min(column - 1, len(text)))
    end = end_column - 1 if end_line == line else len(text)
    end = max(start, min(end, len(text), start + FRAME_MAX))
    left, right = max(0, start - FRAME_CONTEXT), min(len(text), end + FRAME_CONTEXT)
    return ("…" if left else "") + text[left:start], text[start:end], text[end:right] + ("…" if right < len(text) else "")


def keep_frames(facts: "ReportFacts", source: Any, diagnostics: Any) -> None:
    """Record the code frames of ``diagnostics`` (findings on the file of ``facts``)."""
    for d in diagnostics:
        key = (d.line, d.column)
        if key not in facts.frames:
            facts.frames[key] = snippet(source, d.line, d.column, d.end_line, d.end_column)


_AGENCY_DROP = lazy_compile(r"[\s\u3000《》<>「」“”\"'（）()·•・]")


# a text copy's field label before the title (标题: 平潭综合实验区2023年度…)
_LABEL = lazy_compile(r"^(?:标题|题目|名称|文章标题)\s*[:：]?\s*")
# what a report calls itself instead of naming the agency: never an agency to match on
_SELF_REFERENCE = lazy_compile(r"^[我本](?:局|委|办|区|县|市|镇|乡|街道|单位|机关|部门|院|厅|中心|所|站)$")


def clean_agency(name: str | None) -> str | None:
    """The agency as the report names it, without a copied field label; None for a
    self-reference (我局, 本机关) that names no agency."""
    if not name:
        return None
    name = _LABEL.sub("", name.strip()).strip()
    if not name or _SELF_REFERENCE.match(re.sub(r"\s+", "", name)):
        return None
    return name


@functools.lru_cache(maxsize=4096)  # the cross-report rules ask for every report's agency key many times
def normalize_agency(name: str | None) -> str | None:
    """The agency name for matching reports of the same body across years: Unicode NFKC
    (full-width letters and digits), Traditional characters folded to Simplified, spaces,
    brackets and quotes dropped.  ``平潭综合实验区 `` and ``《平潭綜合實驗區》`` match."""
    if not name:
        return None
    text = unicodedata.normalize("NFKC", name)
    text = _AGENCY_DROP.sub("", to_simplified(text))
    return text or None


# a leading province / prefecture (淮安市, 江苏省, 临夏回族自治州) before a county-level body
_PARENT_PLACE = lazy_compile(r"^[\u4e00-\u9fff]{2,8}?(?:省|市|自治州|州|盟)(?=[\u4e00-\u9fff]{1,6}?(?:区|县|旗|市))")


def agency_aliases(keys: Any) -> dict[str, str]:
    """Normalised agency names that name the same body as another one with its parent
    place: ``洪泽区人民政府`` → ``淮安市洪泽区人民政府`` when that is the only such name in the
    run.  Two parents (南京市鼓楼区…, 福州市鼓楼区…) leave the bare name alone."""
    keys = set(keys)
    parents: dict[str, set[str]] = {}
    for key in keys:
        match = _PARENT_PLACE.match(key)
        if match and len(key) > match.end():
            parents.setdefault(key[match.end():], set()).add(key)
    return {short: next(iter(full)) for short, full in parents.items() if short in keys and len(full) == 1}


def collect_facts(document: "Document") -> ReportFacts:
    """The facts of one parsed document (its tables from the document's analysis: recognised
    once, shared with the rules)."""
    analysis = analyse(document)
    about = analysis.facts  # the one reading of title, agency and report year
    title_block = about.title.block if about.title is not None else None
    title = title_block.text.value.strip() or None if title_block is not None else None
    facts = ReportFacts(path=document.path, title=title, agency=clean_agency(about.agency), year=about.year)
    if title_block is not None:
        span = title_block.span
        facts.title_position = Position(*document.source.position(span.start), *document.source.position(span.end),
                                        span.start, span.end)
    facts.sections = tuple(sorted({s.ordinal for s in document.sections if s.ordinal in SECTION_ORDINALS}))
    for table in analysis.tables:
        facts.templates[table.kind] = table.template
        facts.tables_with_numbers += table_was_read(table)  # one definition of "read" (gxlint.coverage)
    # the cells when first read: the tables' cell dicts and the source, not the document
    # Pending: the tables' cell dicts, the line starts, and the text of the cells whose
    # Value has none (the facts outlive the source: a slim result keeps an excerpt of it).
    source = document.source
    text = source.text
    tables = [(table.kind, table.cells) for table in analysis.tables]
    bare = {(t, key): text[value.span.start:value.span.end]
            for t, (_, cells) in enumerate(tables) for key, value in cells.items() if value.text is None}
    ReportFacts.__dict__["cells"].set_pending(facts, tables, bare, source.line_starts, len(text))
    return facts


def _built_cells(tables: list[tuple[str, dict]], bare: dict[tuple[str, str], str], starts: Any,
                 length: int) -> list[CellFact]:
    """The :class:`CellFact` of each cell of ``tables`` ((kind, cells by key) in order);
    ``bare``: the text of the cells whose Value has none, by (table's index, key);
    ``starts`` the text's line
    starts (Source.line_starts), ``length`` its length."""
    # Source.position() of each cell's two ends, inlined (two calls a cell were a third of
    # the time): the clamped offset's line by bisection over the line starts.
    last_line = len(starts)
    cells: list[CellFact] = []
    new = object.__new__
    for t, (kind, table_cells) in enumerate(tables):
        for key, value in table_cells.items():
            span = value.span
            start, end = span.start, span.end
            raw = value.text.value if value.text is not None else bare[(t, key)]
            if not raw.isdigit():  # (most cells: no marker, no space to take out)
                raw = raw.translate(_NOT_RAW).strip()
            a = start if 0 <= start <= length else max(0, min(start, length))
            b = end if 0 <= end <= length else max(0, min(end, length))
            line = bisect_right(starts, a)
            line_start = starts[line - 1]
            if a <= b and (line == last_line or b < starts[line]):  # ends on its first line (most cells)
                end_line, end_line_start = line, line_start
            else:
                end_line = bisect_right(starts, b)
                end_line_start = starts[end_line - 1]
            # CellFact(...) without the frozen dataclass's __init__, which sets each of the
            # eleven fields through object.__setattr__ (half the cost of collecting a
            # report's ~200-400 cells): the same object (equal, hashable, picklable; a test
            # holds the field names to the class's)
            cell = new(CellFact)
            cell.__dict__.update(table=kind, key=key, value=value.number, raw_text=raw, problem=value.problem,
                                 line=line, column=a - line_start + 1, end_line=end_line,
                                 end_column=b - end_line_start + 1, start=start, end=end)
            cells.append(cell)
    return cells
