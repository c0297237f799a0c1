"""The document tree: one format-agnostic model for every input.

Everything a rule sees is *located*: each character of every text knows the span of
source characters it came from, so a finding made on any view of the text (stripped,
normalised, joined across ``<span>``s) points back at the real place in the file.

Offsets are character offsets into :attr:`Source.text` (the decoded file).  Lines and
columns are computed only when a diagnostic is printed (:meth:`Source.position`).
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

from gxlint.normalize import Normalized, normalize


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open range ``[start, end)`` of character offsets into the source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.end < self.start:
            object.__setattr__(self, "end", self.start)

    def cover(self, other: "Span") -> "Span":
        return Span(min(self.start, other.start), max(self.end, other.end))


class Source:
    """A decoded input file and its line index."""

    def __init__(
        self,
        path: str,
        text: str,
        *,
        format: str,
        encoding: str = "utf-8",
        raw: bytes | None = None,
        had_bom: bool = False,
        extracted: bool = False,
    ) -> None:
        self.path = path
        self.text = text
        self.format = format  # "html" | "markdown" | "text" | "pdf" | "docx"
        self.encoding = encoding
        self.raw = raw
        self.had_bom = had_bom
        # The text was extracted from a binary document (PDF, .docx) by its reader: it is
        # not the file's bytes decoded, so it is never written back (no --fix).
        self.extracted = extracted
        # Offsets in ``text`` where each page of a PDF starts (page 1 first), else None.
        self.page_starts: list[int] | None = None
        self._line_starts: list[int] | None = None
        self._last_line: tuple[int, str] | None = None

    def set_extracted_text(self, text: str, page_starts: list[int] | None = None) -> None:
        """Set the text a reader extracted from :attr:`raw` (PDF, .docx)."""
        self.text = text
        self.page_starts = page_starts
        self._line_starts = None
        self._last_line = None

    def page(self, offset: int) -> int | None:
        """1-based page number of a character offset, for paged formats (PDF)."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            text = self.text
            i = text.find("\n")
            while i != -1:
                starts.append(i + 1)
                i = text.find("\n", i + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def line_text(self, line: int) -> str:
        # The last line is kept: reporters and frames ask for the same line once per
        # finding, and copying a 5 MB line per finding was quadratic (issue 9).
        last = getattr(self, "_last_line", None)
        if last is not None and last[0] == line:
            return last[1]
        starts = self.line_starts
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        text = self.text[start:end].rstrip("\r")
        self._last_line = (line, text)
        return text

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def page_at(self, line: int, column: int) -> int | None:
        """The PDF page of a 1-based position (None for formats without pages)."""
        if not self.page_starts or not 1 <= line <= self.line_count:
            return None
        return self.page(self.line_starts[line - 1] + column - 1)


# ``_COUNT[a:b]`` is ``array("l", range(a, b))`` at memcpy speed (offset maps of
# contiguous source slices are built for every line and block).
_COUNT_LIMIT = 1 << 22
_COUNT = array("l")  # grown on demand (building it at import would cost start-up)


def counting(start: int, end: int) -> array:
    """``array("l", range(start, end))``, fast."""
    global _COUNT
    if start < 0 or end > _COUNT_LIMIT:
        return array("l", range(start, end))
    if end > len(_COUNT):
        size = max(len(_COUNT), 1 << 16)
        while size < end:
            size *= 2
        _COUNT = array("l", range(min(size, _COUNT_LIMIT)))
    return _COUNT[start:end] if start < end else array("l")


class Text:
    """A string whose every character remembers the source span it came from.

    ``starts[i]``/``ends[i]`` are the source offsets of character ``i``.  A character
    produced from an entity (``&nbsp;``) spans the whole entity; a synthetic character
    (a separator inserted when joining) has an empty span at the join point.
    """

    __slots__ = ("value", "starts", "ends", "_normalized", "_compact")

    def __init__(self, value: str, starts: Sequence[int], ends: Sequence[int]) -> None:
        if not (len(value) == len(starts) == len(ends)):
            raise ValueError("Text: value and offset maps differ in length")
        self.value = value
        self.starts = starts if isinstance(starts, array) else array("l", starts)
        self.ends = ends if isinstance(ends, array) else array("l", ends)
        self._normalized: Normalized | None = None
        self._compact: Normalized | None = None

    # construction -------------------------------------------------------------------
    @classmethod
    def _trusted(cls, value: str, starts: array, ends: array) -> "Text":
        """A Text from arrays already known to match ``value`` (no checks, no copies)."""
        self = object.__new__(cls)
        self.value = value
        self.starts = starts
        self.ends = ends
        self._normalized = None
        self._compact = None
        return self

    @classmethod
    def from_source(cls, source_text: str, start: int, end: int) -> "Text":
        """The contiguous source slice ``[start, end)``."""
        value = source_text[start:end]
        if len(value) != max(0, end - start):  # out-of-range bounds: let __init__ complain
            return cls(value, array("l", range(start, end)), array("l", range(start + 1, end + 1)))
        return cls._trusted(value, counting(start, end), counting(start + 1, end + 1))

    @classmethod
    def synthetic(cls, value: str, at: int) -> "Text":
        """Characters that exist in no source (separators), anchored at offset ``at``."""
        n = len(value)
        return cls._trusted(value, array("l", [at]) * n, array("l", [at]) * n)

    @classmethod
    def join(cls, parts: Iterable["Text"], sep: str = "") -> "Text":
        value: list[str] = []
        starts = array("l")
        ends = array("l")
        first = True
        for part in parts:
            if not first and sep:
                at = part.starts[0] if len(part) else (ends[-1] if len(ends) else 0)
                value.append(sep)
                starts.extend([at] * len(sep))
                ends.extend([at] * len(sep))
            first = False
            value.append(part.value)
            starts.extend(part.starts)
            ends.extend(part.ends)
        return cls._trusted("".join(value), starts, ends)

    # access ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.value)

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        span = self.span() if self.value else None
        return f"Text({self.value!r}, {span})"

    def __getitem__(self, key: slice) -> "Text":
        if not isinstance(key, slice):
            raise TypeError("Text supports slicing only; use .value[i] for a character")
        start, stop, step = key.indices(len(self.value))
        if step != 1:
            raise ValueError("Text slices must be contiguous")
        return Text._trusted(self.value[start:stop], self.starts[start:stop], self.ends[start:stop])

    def span(self, i: int = 0, j: int | None = None) -> Span:
        """Source span of characters ``[i, j)``; an empty range gives an empty span."""
        n = len(self.value)
        if n == 0:
            return Span(0, 0)
        if i == 0 and (j is None or j >= n):  # the whole text: no slice copies
            return Span(min(self.starts), max(self.ends))
        if j is None:
            j = n
        i = max(0, min(i, n))
        j = max(i, min(j, n))
        if i == j:
            at = self.starts[i] if i < n else self.ends[n - 1]
            return Span(at, at)
        return Span(min(self.starts[i:j]), max(self.ends[i:j]))

    def strip(self, chars: str | None = None) -> "Text":
        value = self.value
        stripped = value.strip(chars)
        if len(stripped) == len(value):
            return self  # nothing to strip (a Text is never modified in place)
        left = len(value) - len(value.lstrip(chars))
        right = len(value.rstrip(chars))
        if right <= left:
            return self[left:left]
        return self[left:right]

    def find(self, sub: str, start: int = 0) -> int:
        return self.value.find(sub, start)

    @property
    def normalized(self) -> "Normalized":
        """The matching view of this text (see :mod:`gxlint.normalize`), computed once."""
        if self._normalized is None:
            self._normalized = normalize(self)
        return self._normalized

    @property
    def compact(self) -> "Normalized":
        """The matching view without any whitespace, for labels wrapped or spaced out."""
        if self._compact is None:
            self._compact = normalize(self, drop_whitespace=True)
        return self._compact


# --- the tree -------------------------------------------------------------------------


@dataclass(eq=False)
class Block:
    """A unit of content in reading order: a paragraph, a heading or a table."""

    text: Text

    kind = "block"

    @property
    def span(self) -> Span:
        stripped = self.text.strip()
        return stripped.span() if len(stripped) else self.text.span()


@dataclass(eq=False)
class Paragraph(Block):
    kind = "paragraph"


@dataclass(eq=False)
class Heading(Block):
    """A section or sub-section heading.

    ``level`` is 1 for the six top-level sections (``一、``), 2 for ``（一）`` items.
    ``ordinal`` is the integer value of the numbering (``三`` → 3) and ``numbering``
    the style (``"一、"``, ``"1、"``, ``"（一）"``, ``"markdown"`` …).  ``title`` is the
    text after the numbering.
    """

    level: int = 1
    ordinal: int = 0
    numbering: str = ""
    title: Text | None = None

    kind = "heading"


@dataclass(eq=False)
class Cell:
    """One table cell at its origin position in the expanded grid."""

    text: Text
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    # Where an empty cell stands in the source (its tag), so a blank cell can be pointed at.
    anchor: Span | None = None

    @property
    def span(self) -> Span:
        stripped = self.text.strip()
        if len(stripped):
            return stripped.span()
        if self.anchor is not None:
            return self.anchor
        return self.text.span()


@dataclass(eq=False)
class Table(Block):
    """A table as found in the input.

    ``rows`` lists each row's *origin* cells in reading order (a cell spanning several
    rows appears once, in its first row).  ``grid()`` expands rowspan/colspan into a
    rectangular grid in which spanned positions repeat the origin cell.
    """

    rows: list[list[Cell]] = field(default_factory=list)
    style: str = ""  # how the reader found it: "html", "markdown", "pipe", "cell-per-line", …

    kind = "table"

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row

    def grid(self) -> list[list[Cell | None]]:
        height = 0
        width = 0
        for cell in self.cells():
            height = max(height, cell.row + cell.rowspan)
            width = max(width, cell.col + cell.colspan)
        grid: list[list[Cell | None]] = [[None] * width for _ in range(height)]
        for cell in self.cells():
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    if grid[r][c] is None:
                        grid[r][c] = cell
        return grid


@dataclass(eq=False)
class Section:
    """A top-level section: its heading and the blocks up to the next one."""

    heading: Heading
    blocks: list[Block] = field(default_factory=list)

    @property
    def ordinal(self) -> int:
        return self.heading.ordinal

    @property
    def span(self) -> Span:
        span = self.heading.span
        for block in self.blocks:
            span = span.cover(block.span)
        return span

    @property
    def subsections(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading) and b.level >= 2]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass(eq=False)
class Document:
    """A parsed report.

    ``blocks`` is the report's own content in reading order (for HTML, the content
    container); ``furniture`` holds the page's header, navigation and footer blocks
    that lie outside it.  ``title``, ``intro``, ``sections`` and ``closing`` are views
    onto ``blocks`` computed by :mod:`gxlint.structure`.
    """

    source: Source
    blocks: list[Block] = field(default_factory=list)
    furniture: list[Block] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    title: Block | None = None
    intro: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    # Extra facts a reader learned (e.g. the content container it chose, hidden links).
    reader_notes: dict[str, object] = field(default_factory=dict)
    # Input problems found while reading (decoding replacements, …); rules report them.
    problems: list[tuple[str, Span, dict]] = field(default_factory=list)
    # Facts rule modules derive once and share across their rules (key: "module.fact").
    cache: dict[str, object] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def format(self) -> str:
        return self.source.format

    def section(self, ordinal: int) -> Section | None:
        for section in self.sections:
            if section.ordinal == ordinal:
                return section
        return None

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if not isinstance(b, Table)]

    def section_of(self, block: Block) -> Section | None:
        for section in self.sections:
            if block is section.heading or any(b is block for b in section.blocks):
                return section
        return None
