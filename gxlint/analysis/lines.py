"""The report as lines: what line-oriented rules (page chrome, spam, placeholders) scan.

A text or Markdown file is read line by line, as in the source (a table's lines are
marked ``in_table``); an HTML page has no meaningful source lines, so each block (and
each table row, its cells joined with `` | ``) is one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from gxlint.document import Block, Document, Span, Table, Text
from gxlint.normalize import Normalized


@dataclass(eq=False, slots=True)  # slots: one per source line, 100,000 in a 1 MB text
class Line:
    """One line of a text/Markdown file, or one block (table row) of an HTML page."""

    text: Text
    index: int  # position in the unit list
    line_span: Span | None = None  # text/Markdown: the whole line incl. its newline
    furniture: bool = False
    in_table: bool = False
    _norm: Normalized | None = field(default=None, repr=False)
    _blank: bool | None = field(default=None, repr=False)

    @property
    def norm(self) -> Normalized:
        if self._norm is None:
            self._norm = self.text.normalized
        return self._norm

    @property
    def value(self) -> str:
        return self.text.value

    @property
    def blank(self) -> bool:
        blank = self._blank
        if blank is None:
            blank = self._blank = not self.text.value.strip()
        return blank


def _table_spans(blocks: Iterable[Block]) -> list[Span]:
    return [b.span for b in blocks if isinstance(b, Table)]


def source_lines(document: Document) -> list[Line]:
    """The report content's lines: the source lines of a text or Markdown file, the blocks
    (one per table row) of an HTML page."""
    units: list[Line] = []
    if document.format in ("text", "markdown"):
        source = document.source.text
        tables = sorted(_table_spans(document.blocks), key=lambda t: t.start)
        starts = document.source.line_starts
        n_source = len(source)
        n_tables = len(tables)
        # A line that is exactly a block's text (no surrounding blanks) shares that Text:
        # one string and one normalised view for both, not two.
        verbatim: dict[int, Text] = {}
        for block in document.blocks:
            if not isinstance(block, Table):
                at = block.text.verbatim_start()
                if at is not None:
                    verbatim[at] = block.text
        k = 0  # tables ending before the current line are passed for good
        for n, start in enumerate(starts):
            end = starts[n + 1] - 1 if n + 1 < len(starts) else n_source
            stop = end
            if stop > start and source[stop - 1] == "\r":
                stop -= 1
            whole = Span(start, min(end + 1, n_source))
            while k < n_tables and tables[k].end < start:
                k += 1
            in_table = False
            for m in range(k, n_tables):  # by index: a slice would copy the rest on every line
                t = tables[m]
                if t.start > start:
                    break
                if stop <= t.end:
                    in_table = True
                    break
            text = verbatim.get(start)
            if text is None or len(text.value) != stop - start:
                text = Text.from_source(source, start, stop)
            units.append(Line(text, len(units), whole, in_table=in_table))
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
