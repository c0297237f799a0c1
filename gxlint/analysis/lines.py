"""The report as lines: what line-oriented rules (page chrome, spam, placeholders) scan.

A text or Markdown file is read line by line, as in the source (a table's lines are
marked ``in_table``); an HTML page has no meaningful source lines, so each block (and
each table row, its cells joined with `` | ``) is one line.
"""

from __future__ import annotations

import bisect
import collections.abc
from array import array
from itertools import chain, repeat
from typing import Callable, Iterable, Iterator, Sequence

from gxlint.document import Block, Document, Span, Table, Text
from gxlint.normalize import Normalized


class SourceLines:
    """Where the lines of a text or Markdown file lie in its source, shared by its lines:
    the source text, each line's start (the source's own line index) and which lines lie in
    a table (a byte each)."""

    __slots__ = ("text", "starts", "_in_table")

    furniture = False

    def __init__(self, text: str, starts: Sequence[int], in_table: bytearray) -> None:
        self.text = text
        self.starts = starts
        self._in_table = in_table

    def span(self, index: int) -> Span:
        starts = self.starts
        return Span(starts[index], starts[index + 1] if index + 1 < len(starts) else len(self.text))

    def in_table(self, index: int) -> bool:
        return bool(self._in_table[index])


class _Units:
    """Where the lines of an HTML page (or its furniture) come from: blocks and table rows,
    with no source line of their own.  One object for each kind, shared."""

    __slots__ = ("furniture", "_in_table", "_span")

    def __init__(self, furniture: bool, in_table: bool, span: Span | None = None) -> None:
        self.furniture = furniture
        self._in_table = in_table
        self._span = span

    def span(self, index: int) -> Span | None:
        return self._span

    def in_table(self, index: int) -> bool:
        return self._in_table


_UNITS = {(furniture, in_table): _Units(furniture, in_table) for furniture in (False, True) for in_table in (False, True)}


class Line:
    """One line of a text/Markdown file, or one block (table row) of an HTML page.

    One per source line (100,000 in a 1 MB text), so it is kept small: its string, its
    index and what it shares with the other lines of its file (:class:`SourceLines`); the
    located :class:`Text` of a line that is no block's text of its own is made when first
    asked for (most lines are only ever searched as strings)."""

    __slots__ = ("value", "index", "_text", "_origin")

    def __init__(self, text: Text, index: int, line_span: Span | None = None, furniture: bool = False,
                 in_table: bool = False) -> None:
        self.value = text.value
        self.index = index  # position in the unit list
        self._text = text
        self._origin = _UNITS[furniture, in_table] if line_span is None else _Units(furniture, in_table, line_span)

    @property
    def text(self) -> Text:
        """The line's string, located (its characters' source offsets)."""
        text = self._text
        if text is None:  # a source line (SourceLines): a verbatim slice from its start
            text = self._text = Text.verbatim(self.value, self._origin.starts[self.index])
        return text

    @property
    def line_span(self) -> Span | None:
        """Text/Markdown: the whole line including its newline (None for HTML units)."""
        return self._origin.span(self.index)

    @property
    def in_table(self) -> bool:
        return self._origin.in_table(self.index)

    @property
    def furniture(self) -> bool:
        return self._origin.furniture

    @property
    def norm(self) -> Normalized:
        return self.text.normalized

    @property
    def blank(self) -> bool:
        value = self.value
        return not value or value.isspace()  # what ``not value.strip()`` says, without the copy

    def __repr__(self) -> str:
        return f"Line({self.text!r}, {self.index}, line_span={self.line_span}, furniture={self.furniture}, in_table={self.in_table})"


_new_line = object.__new__
_SHARED_LENGTH = 16  # a line of its own this short shares one string with its equals (source_lines)
_EMPTY = Text.verbatim("", 0)  # every empty line's text (a third of a report's lines)


class _SourceLineList(collections.abc.Sequence):
    """The lines of a whole text or Markdown file, and where they lie: a sequence of
    :class:`Line`, each made when first asked for and then kept (one object a line however
    often it is asked for, as in a list).  Rules find their lines by searching the joined
    text (:mod:`gxlint.analysis.line_search`) and make only those: a Line, its index and its
    string took 100 bytes each (3.8 MiB on a megabyte of text, 38,000 lines)."""

    __slots__ = ("origin", "_made", "_block_starts", "_block_texts", "_seen")

    def __init__(self, origin: SourceLines, block_texts: dict[int, Text]) -> None:
        self.origin = origin
        self._made: list[Line | None] = [None] * len(origin.starts)
        # a line that is exactly a block's text (no surrounding blanks) shares that Text:
        # one string and one normalised view for both, not two (by start, ascending)
        at = sorted(block_texts)
        self._block_starts = array("i", at)
        self._block_texts = [block_texts[a] for a in at]
        self._seen: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self._made)))]
        line = self._made[k]  # (an IndexError as a list's)
        if line is None:
            if k < 0:
                k += len(self._made)
            line = self._made[k] = self._line(k)
        return line

    def __iter__(self) -> Iterator[Line]:
        made = self._made
        for k in range(len(made)):
            line = made[k]
            yield line if line is not None else self[k]

    def value(self, k: int) -> str:
        """Line ``k``'s string (``self[k].value``), without making the line."""
        line = self._made[k]
        if line is not None:
            return line.value
        origin = self.origin
        text, starts = origin.text, origin.starts
        end = starts[k + 1] - 1 if k + 1 < len(starts) else len(text)
        value = text[starts[k]:end]
        return value[:-1] if value.endswith("\r") else value  # a CR before the newline is not the line's

    def made(self, k: int) -> Line | None:
        """Line ``k`` if it has been made, else None (it is not made for this)."""
        return self._made[k]

    def strings(self) -> Iterator[str]:
        """Each line's string, in order, without making the lines."""
        text = self.origin.text
        if "\r" in text:  # a CR before a newline is not the line's: line by line
            return map(self.value, range(len(self._made)))
        # every line's string is the source's between its newlines (a line made shares
        # its block's string, equal to that): split in C, a piece at a time, where a call
        # a line was most of the cost (a piece's strings, not the file's, exist at once)
        return chain.from_iterable(map(str.split, text_pieces(text), repeat("\n")))

    def _line(self, k: int) -> Line:
        value = self.value(k)
        line = _new_line(Line)  # what Line() makes, without the call
        if not value:
            line.value = ""
            line._text = _EMPTY  # an empty text has no offsets to tell (its span is (0, 0) anyway)
        else:
            start = self.origin.starts[k]
            i = bisect.bisect_left(self._block_starts, start)
            text = self._block_texts[i] if i < len(self._block_starts) and self._block_starts[i] == start else None
            if text is not None and len(text.value) == len(value):
                line.value = text.value
                line._text = text
            else:
                # a short line of its own (a table's "0 |", "|") is most likely one seen
                # before: the string is kept once (a str is 50 bytes before its characters)
                line.value = self._seen.setdefault(value, value) if len(value) <= _SHARED_LENGTH else value
                line._text = None  # made when asked for (Line.text)
        line.index = k
        line._origin = self.origin
        return line


_PIECE = 1 << 16  # characters of the source split at once by _SourceLineList.strings (and text_pieces' users)


def text_pieces(text: str) -> Iterator[str]:
    """``text`` in pieces of whole lines (each cut at a newline, which no piece keeps): the
    pieces' lines, in order, are the text's."""
    start = 0
    while True:
        cut = text.find("\n", start + _PIECE)
        if cut == -1:
            yield text[start:] if start else text
            return
        yield text[start:cut]
        start = cut + 1


def made_lines(lines: Sequence[Line]) -> "Callable[[int], Line | None]":
    """What gives line ``k`` of ``lines`` if it exists as an object (every line of a list;
    a file's line once made), else None, without making it."""
    return lines.made if isinstance(lines, _SourceLineList) else lines.__getitem__


def verbatim_start(lines: Sequence[Line], k: int) -> int | None:
    """``lines[k].text.verbatim_start()``, without making a file's line for it (a source
    line is the source as it stands from its start)."""
    line = made_lines(lines)(k)
    if line is None:
        return lines.origin.starts[k]  # type: ignore[attr-defined]
    return line.text.verbatim_start()


def line_strings(lines: Sequence[Line]) -> Iterator[str]:
    """Each line's string (``line.value``), in order; a file's lines are not made for it."""
    if isinstance(lines, _SourceLineList):
        return lines.strings()
    return (line.value for line in lines)


def _table_spans(blocks: Iterable[Block]) -> list[Span]:
    return [b.span for b in blocks if isinstance(b, Table)]


def source_lines(document: Document) -> Sequence[Line]:
    """The report content's lines: the source lines of a text or Markdown file, the blocks
    (one per table row) of an HTML page."""
    if document.format in ("text", "markdown"):
        source = document.source.text
        starts = document.source.line_starts
        count = len(starts)
        def line_end(k: int) -> int:
            end = starts[k + 1] - 1 if k + 1 < count else len(source)
            return end - 1 if end > starts[k] and source[end - 1] == "\r" else end  # (not the line's)

        # A line is in a table when a table's span holds it (its start to its stop): for
        # each table, the lines from its first start on, while they end within it.  Line
        # ends only grow, so that is a range: up to the first line whose newline lies past
        # the span's end (found by bisection), or one more where a CR ends a line early.
        in_table = bytearray(count)
        for span in _table_spans(document.blocks):
            first = bisect.bisect_left(starts, span.start)
            stop = max(first, bisect.bisect_right(starts, span.end + 1) - 1)
            while stop < count and line_end(stop) <= span.end:
                stop += 1
            in_table[first:stop] = b"\x01" * (stop - first)
        verbatim: dict[int, Text] = {}
        for block in document.blocks:
            if not isinstance(block, Table):
                at = block.text.verbatim_start()
                if at is not None:
                    verbatim[at] = block.text
        return _SourceLineList(SourceLines(source, starts, in_table), verbatim)
    units: list[Line] = []
    for block in document.blocks:
        units.extend(_block_units(block, len(units), furniture=False))
    for k, unit in enumerate(units):
        unit.index = k
    return units


def are_file_lines(lines: Sequence[Line]) -> bool:
    """Whether ``lines`` are a text or Markdown file's lines as :func:`source_lines` gives
    them, which hold no strings of their own (each ``line.value`` is made when asked for);
    a page's lines are its blocks', whose strings exist already."""
    return isinstance(lines, _SourceLineList)


def joined_source(lines: Sequence[Line]) -> tuple[str, Sequence[int]] | None:
    """The lines' strings joined with newlines and where each starts in it, when that is
    their source text as it stands (a text or Markdown file's lines as :func:`source_lines`
    gives them, no CR among them): the source's own string, not a copy; else None."""
    if not isinstance(lines, _SourceLineList):
        return None
    origin = lines.origin
    return None if "\r" in origin.text else (origin.text, origin.starts)


def _block_units(block: Block, start_index: int, *, furniture: bool) -> list[Line]:
    if isinstance(block, Table) and block.rows:
        out = []
        for row in block.rows:
            parts = [cell.text for cell in row if len(cell.text)]
            if not parts:
                continue
            out.append(Line(Text.join(parts, " | "), start_index + len(out), furniture=furniture, in_table=True))
        return out
    return [Line(block.text, start_index, furniture=furniture)]


def furniture_lines(document: Document) -> list[Line]:
    """The page furniture (header, navigation, footer outside the content) as lines."""
    units: list[Line] = []
    for block in document.furniture:
        units.extend(_block_units(block, len(units), furniture=True))
    return units
