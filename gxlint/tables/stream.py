"""The located token stream the table recogniser reads.

A document's blocks are flattened into one string in which table cells and rows are
separated by synthetic characters, so that every character still knows its source span;
the compact matching view of that string (Simplified, ASCII punctuation, no whitespace)
is what template labels are searched on, and :meth:`Stream.tokens` cuts a range of it into
value, blank and text tokens.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

from gxlint.document import Block, Span, Table, Text, TextBuilder
from gxlint.lazy_pattern import lazy_compile
from gxlint.page_markers import PAGE_MARKER_LINES


CELL = "\x1f"  # synthetic cell separator (whitespace for str.isspace: dropped by .compact)
ROW = "\n"
BLANK = "\x00"  # a blank cell inside a table row
TRAILING_BLANK = "\x01"  # a blank cell at the end of a table row (often merged-cell debris)

# A value token: optional sign (增/减 with a leaked pinyin reading, +, or a minus: the
# 2019 template's 本年增/减 column holds ``-18``), digits with decimals or thousands
# separators, stray question marks, a unit or letters glued on.
VALUE_TOKEN = lazy_compile(
    r"(?:增加|减少|減少|增|减|減|[+＋]|[-－﹣−](?=[0-9０-９]))?(?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùü]{1,6}\))?"
    r"[0-9０-９]+(?:[,，][0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?[?？]*"
    r"(?:件|条|个|项|次|人|家|份|万元|元|[A-Za-z]+)?"
)
SLASH_TOKEN = lazy_compile(r"[/／\\]+|[-－—–﹣−]{1,2}")
SEPARATORS = lazy_compile(r"[\s|｜" + CELL + r"]+")
PIECE = lazy_compile(r"[^\s|｜" + CELL + r"]+")  # what SEPARATORS separate


# --- the located stream -----------------------------------------------------------------


@dataclass
class Token:
    kind: str  # "value" | "blank" | "trailing-blank" | "text"
    text: Text
    start: int  # index into Stream.text
    end: int
    row: int  # table-row id, or -1 for running text

    @cached_property  # asked for again and again (cover, make_value); a token never changes
    def span(self) -> Span:
        return self.text.span()


class Stream:
    """The blocks of a region as one located text, plus what the recogniser needs."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        # Built piece by piece into one TextBuilder (no Text object per cell or separator).
        builder = TextBuilder()
        row_starts: list[int] = []  # stream starts where the row id changes
        row_values: list[int] = []
        table_starts: list[int] = []  # stream start of each block
        table_values: list[int] = []  # its block number if a table, -1 for running text
        add_text, add_spanning = builder.add_text, builder.add_spanning
        row_id = 0
        for number, block in enumerate(blocks):
            table_starts.append(len(builder))
            if isinstance(block, Table):
                table_values.append(number)
                for cells in block.rows:
                    row_id += 1
                    filled = [i for i, c in enumerate(cells) if c.text.value.strip()]
                    if not filled:
                        continue
                    first, last = filled[0], filled[-1]
                    row_starts.append(len(builder))  # every kept row adds characters
                    row_values.append(row_id)
                    for i in range(first, len(cells)):  # leading blanks: nothing to align them with
                        cell = cells[i]
                        at = cell.span
                        if i > last:
                            add_spanning(TRAILING_BLANK, at.start, at.end)
                        elif cell.text.value.strip():
                            add_text(cell.text)
                        else:
                            add_spanning(BLANK, at.start, at.end)
                        add_spanning(CELL, at.end, at.end)
                    end = cells[-1].span.end
                    add_spanning(ROW, end, end)
            else:
                table_values.append(-1)
                if not row_values or row_values[-1] != -1:
                    row_starts.append(len(builder))
                    row_values.append(-1)
                text = block.text
                add_text(text)
                end = text.span().end if len(text) else 0
                add_spanning(ROW, end, end)
        self.text = builder.build()
        self._row_starts = row_starts
        self._row_values = row_values
        self._table_starts = table_starts
        self._table_values = table_values
        # page markers blanked out (same length, so indexes stay valid)
        value = self.text.value
        scan = value
        markers = [match.span() for match in PAGE_MARKER_LINES.finditer(value)]  # never values
        if markers:
            chars = list(value)
            for i, j in markers:
                chars[i:j] = " " * (j - i)
            scan = "".join(chars)
        self.scan = scan
        view = self.text.with_value(self.scan)
        self.compact = view.compact  # labels are matched here
        self.view = self.compact.value

    def __len__(self) -> int:
        return len(self.text)

    def row_at(self, index: int) -> int:
        k = bisect.bisect_right(self._row_starts, index) - 1
        return self._row_values[k] if k >= 0 else -1

    def table_at(self, index: int) -> int:
        """The block number of the table holding stream index ``index``, -1 for text."""
        k = bisect.bisect_right(self._table_starts, index) - 1
        return self._table_values[k] if k >= 0 else -1

    def to_text_index(self, view_index: int) -> int:
        """Stream index of compact-view position ``view_index`` (end positions too)."""
        compact = self.compact
        if not len(compact):
            return 0
        if view_index >= len(compact):
            return len(self.text)
        return compact.origin_at(view_index)

    def to_view_index(self, text_index: int) -> int:
        return self.compact.view_index(text_index)

    def tokens(self, start: int, end: int) -> list[Token]:
        """Value, blank and text tokens of stream range ``[start, end)``."""
        out: list[Token] = []
        if start < end:
            for match in PIECE.finditer(self.scan, start, end):
                self._split_piece(match.group(), match.start(), out)
        return out

    def _split_piece(self, piece: str, at: int, out: list[Token]) -> None:
        if piece == BLANK or piece == TRAILING_BLANK:
            kind = "blank" if piece == BLANK else "trailing-blank"
            out.append(Token(kind, self.text[at : at + 1], at, at + 1, self.row_at(at)))
            return
        if SLASH_TOKEN.fullmatch(piece):
            out.append(Token("value", self.text[at : at + len(piece)], at, at + len(piece), self.row_at(at)))
            return
        if VALUE_TOKEN.fullmatch(piece):
            out.append(Token("value", self.text[at : at + len(piece)], at, at + len(piece), self.row_at(at)))
            return
        # digits glued to words (``2021年``, ``共5件。``) are narrative, not a cell
        self._text_token(piece, at, out)

    def _text_token(self, piece: str, at: int, out: list[Token]) -> None:
        if piece.strip(BLANK + TRAILING_BLANK):
            out.append(Token("text", self.text[at : at + len(piece)], at, at + len(piece), self.row_at(at)))

