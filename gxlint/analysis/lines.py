"""The report as lines: what line-oriented rules (page chrome, spam, placeholders) scan.

A text or Markdown file is read line by line, as in the source (a table's lines are
marked ``in_table``); an HTML page has no meaningful source lines, so each block (and
each table row, its cells joined with `` | ``) is one line.
"""

from __future__ import annotations

import bisect
from typing import Iterable

from gxlint.document import Block, Document, Span, Table, Text
from gxlint.normalize import Normalized


class Line:
    """One line of a text/Markdown file, or one block (table row) of an HTML page.

    One per source line (100,000 in a 1 MB text), so it holds ints, not objects: the
    whole line's span (with its newline) is made when asked for."""

    __slots__ = ("text", "index", "furniture", "in_table", "_lo", "_hi")

    def __init__(self, text: Text, index: int, line_span: Span | None = None, furniture: bool = False,
                 in_table: bool = False) -> None:
        self.text = text
        self.index = index  # position in the unit list
        self.furniture = furniture
        self.in_table = in_table
        self._lo, self._hi = (-1, -1) if line_span is None else (line_span.start, line_span.end)

    @property
    def line_span(self) -> Span | None:
        """Text/Markdown: the whole line including its newline (None for HTML units)."""
        return None if self._lo < 0 else Span(self._lo, self._hi)

    @property
    def norm(self) -> Normalized:
        return self.text.normalized

    @property
    def value(self) -> str:
        return self.text.value

    @property
    def blank(self) -> bool:
        value = self.text.value
        return not value or value.isspace()  # what ``not value.strip()`` says, without the copy

    def __repr__(self) -> str:
        return f"Line({self.text!r}, {self.index}, line_span={self.line_span}, furniture={self.furniture}, in_table={self.in_table})"


_new_line = object.__new__
_EMPTY = Text.verbatim("", 0)  # every empty line's text (a third of a report's lines)


def _table_spans(blocks: Iterable[Block]) -> list[Span]:
    return [b.span for b in blocks if isinstance(b, Table)]


def source_lines(document: Document) -> list[Line]:
    """The report content's lines: the source lines of a text or Markdown file, the blocks
    (one per table row) of an HTML page."""
    units: list[Line] = []
    if document.format in ("text", "markdown"):
        source = document.source.text
        starts = document.source.line_starts
        n_source = len(source)
        count = len(starts)
        values = source.split("\n")  # each line's text (the same lines as ``starts``)
        if "\r" in source:  # a CR before the newline is not the line's
            values = [value[:-1] if value.endswith("\r") else value for value in values]
        # A line is in a table when a table's span holds it (its start to its stop): for
        # each table, the lines from its first start on, while they end within it.
        in_table = [False] * count
        for span in _table_spans(document.blocks):
            k = bisect.bisect_left(starts, span.start)
            while k < count and starts[k] + len(values[k]) <= span.end:
                in_table[k] = True
                k += 1
        # A line that is exactly a block's text (no surrounding blanks) shares that Text:
        # one string and one normalised view for both, not two.
        verbatim: dict[int, Text] = {}
        for block in document.blocks:
            if not isinstance(block, Table):
                at = block.text.verbatim_start()
                if at is not None:
                    verbatim[at] = block.text
        shared, from_source, append = verbatim.get, Text.verbatim, units.append
        # the line with its newline: up to the next line's start (the same int objects)
        ends = starts[1:]
        ends.append(n_source)
        for n, (start, value, end, inside) in enumerate(zip(starts, values, ends, in_table)):
            if not value:
                text = _EMPTY  # an empty text has no offsets to tell (its span is (0, 0) anyway)
            else:
                text = shared(start)
                if text is None or len(text.value) != len(value):
                    text = from_source(value, start)
            line = _new_line(Line)  # what Line() makes, without the call: one per line
            line.text = text
            line.index = n
            line.furniture = False
            line.in_table = inside
            line._lo = start
            line._hi = end
            append(line)
    else:
        for block in document.blocks:
            units.extend(_block_units(block, len(units), furniture=False))
        for k, unit in enumerate(units):
            unit.index = k
    return units


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
