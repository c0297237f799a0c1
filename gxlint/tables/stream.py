"""The located token stream the table recogniser reads.

A document's blocks are flattened into one string in which table cells and rows are
separated by synthetic characters, so that every character still knows its source span;
the compact matching view of that string (Simplified, ASCII punctuation, no whitespace)
is what template labels are searched on, and :meth:`Stream.tokens` cuts a range of it into
value, blank and text tokens.
"""

from __future__ import annotations

import bisect
from array import array
from operator import sub
from typing import Iterable, Sequence

from gxlint.document import _RUN_CODE, LINEAR, Block, Span, Table, Text, _set_end, _set_start
from gxlint.lazy_pattern import lazy_compile
from gxlint.normalize import normalize
from gxlint.page_markers import page_marker_line_spans


CELL = "\x1f"  # synthetic cell separator (whitespace for str.isspace: dropped by .compact)
ROW = "\n"
BLANK = "\x00"  # a blank cell inside a table row
TRAILING_BLANK = "\x01"  # a blank cell at the end of a table row (often merged-cell debris)

# A value token: optional sign (增/减 with a leaked pinyin reading, +, or a minus: the
# 2019 template's 本年增/减 column holds ``-18``), digits with decimals or thousands
# separators, stray question marks, a unit or letters glued on.
VALUE_TOKEN = lazy_compile(
    r"(?:增加|减少|減少|增|减|減|[+＋]|[-－﹣−](?=[0-9０-９]))?(?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùü]{1,6}\))?"
    r"[0-9０-９]+(?:[,，][0-9]{3}(?![0-9]))*+(?:[.．][0-9０-９]+)?[?？]*"
    r"(?:件|条|个|项|次|人|家|份|万元|元|[A-Za-z]+)?"
)
SLASH_TOKEN = lazy_compile(r"[/／\\]+|[-－—–﹣−]{1,2}")
SEPARATORS = lazy_compile(r"[\s|｜" + CELL + r"]+")
PIECE = lazy_compile(r"[^\s|｜" + CELL + r"]+")  # what SEPARATORS separate
PIECE_REST = lazy_compile(r"[^\s|｜" + CELL + r"]*")  # the rest of a piece, if any
_CHUNK = 4096  # Stream.tokens splits ranges of up to this many characters at once

# A report's tables are a few hundred cells, and the ranges the recogniser cuts into tokens
# hold a few hundred value and blank tokens.  A token costs about 70 bytes for as little as
# two characters of input (``1 ``), so a range dense with numbers (60,000 in one 120 KB line
# inside a table, found by the fuzzer) cannot be read within the memory bound of issue 9:
# past this many tokens in one call the stream refuses (TooManyTokens), and the tables are
# reported as not read (GX017) rather than read in part.
MAX_TOKENS = 20_000


class TooManyTokens(Exception):
    """One :meth:`Stream.tokens_of` call (a reading of several ranges) would make more
    value, blank or text tokens than :data:`MAX_TOKENS`; ``at`` is the stream index of the
    stretch of text where the limit was passed."""

    def __init__(self, limit: int, at: int) -> None:
        super().__init__(f"more than {limit:,} tokens in one reading")
        self.limit = limit
        self.at = at
_SHARED_VIEW_LENGTH = 1 << 16  # a longer stream's view is not kept for sharing (see Stream)


# --- the located stream -----------------------------------------------------------------


# What a piece's first character says: "value" for the characters a value or slash
# token can start with (VALUE_TOKEN's signs, pinyin bracket and digits; SLASH_TOKEN's
# slashes and dashes), a blank mark for BLANK and TRAILING_BLANK; any other first
# character makes the piece text without trying the patterns (most pieces are words).
_FIRST_CHARACTER = dict.fromkeys("增减減+＋-－﹣−(/／\\—–0123456789０１２３４５６７８９", "value")
_FIRST_CHARACTER[BLANK] = "blank"
_FIRST_CHARACTER[TRAILING_BLANK] = "trailing-blank"


class Token:
    """A value, blank or text piece of a :class:`Stream`: stream indexes and the piece's
    string; its located :class:`~gxlint.document.Text` and source span are made only when
    asked for (most tokens are read, compared and dropped without either)."""

    __slots__ = ("kind", "value", "start", "end", "table", "_stream", "_located")

    def __init__(self, kind: str, value: str, start: int, end: int, table: int, stream: "Stream | None") -> None:
        self.kind = kind  # "value" | "blank" | "trailing-blank" | "text"
        self.value = value  # the stream's characters [start, end)
        self.start = start  # index into Stream.text
        self.end = end
        self.table = table  # Stream.table_at(start): the block number of its table, -1 for running text
        self._stream = stream
        self._located: tuple[Text, Span] | None = None  # (text, span), made together once

    @property
    def row(self) -> int:
        """The table-row id (``Stream.row_at(start)``), -1 for running text; looked up
        when asked for (rarely: every token needs its table, few their row)."""
        return -1 if self._stream is None else self._stream.row_at(self.start)

    @property
    def text(self) -> Text:
        """``stream.text[start:end]``, made once."""
        return (self._located or self.located())[0]

    @property
    def span(self) -> Span:
        """The source span of ``text`` (the same as ``text.span()``), computed once."""
        return (self._located or self.located())[1]

    def source_span(self) -> Span:
        """The source span of ``text``, found again on each call (for a caller that needs
        the span of many tokens once, without keeping a Text on each)."""
        if self._located is not None:
            return self._located[1]
        if self._stream is None:  # a sentinel
            return Span(0, 0)
        return self._stream.span_of(self.start, self.end)

    def located(self) -> tuple[Text, Span]:
        """``(text, span)`` (made together, once)."""
        located = self._located
        if located is None:
            stream = self._stream
            if stream is None:  # a sentinel
                text = Text.verbatim("", 0)
                located = text, text.span()
            else:
                located = stream.locate(self.start, self.end)
            self._located = located
        return located

    def __repr__(self) -> str:
        return f"Token({self.kind!r}, {self.value!r}, {self.start}, {self.end}, row={self.row}, table={self.table})"


# The text token of Stream.tokens(..., texts=False): words were there, nothing more.
TEXT_MARK = Token("text", "", -1, -1, -1, None)


def _add_runs(text: Text, at: array, src: array, wid: array, length: int, last_at: int, last_s: int, last_w):
    """Append the runs of ``text`` at stream position ``length`` as TextBuilder does (a run
    continuing the last one extends it); the new length and last run, and the highest
    source end of the text's runs (``text.span().end`` of a text that is not empty, found
    on the way: a paragraph's map out of order made span() walk its runs a second time).
    ``text`` is one of several runs (``text._at`` is not None): they are read off its run
    lists, not through Text.runs (a tuple a run from a generator: a PDF cell wrapped over
    lines has a run a line)."""
    high = 0
    runs_at = text._at
    stops = runs_at[1:]  # where each run ends (a slice of the same kind: an array stays one)
    stops.append(len(text.value))
    for first, stop, s, w in zip(runs_at, stops, text._src, text._wid):
        n = stop - first
        end = s + n if w == LINEAR else s + w
        if end > high:
            high = end
        if not (w == last_w and (last_s == s if w != LINEAR else last_s + (length - last_at) == s)):
            at.append(length)
            src.append(s)
            wid.append(w)
            last_at, last_s, last_w = length, s, w
        length += n
    return length, last_at, last_s, last_w, high


_new_object = object.__new__  # (an object without its __init__: see Stream.span_of and tokens_of)

_FEW_RUNS = 1024  # Stream.span_of over up to this many runs finds their ends itself (more: see _ends_of)


# Up to this many runs a stream keeps them as lists for look-ups too (fast to read); more,
# from a hostile table, stay arrays (a list costs 36 bytes a run, an array 4).
_LIST_RUNS = 4096


class Stream:
    """The blocks of a region as one located text, plus what the recogniser needs."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        # Written straight into the run lists a TextBuilder would build (see
        # gxlint.document.LINEAR), the same runs joined the same way: a report's tables
        # are hundreds of cells, each a text and a separator, and one call per piece was
        # most of the stream's cost.  A Text of several runs goes through _add_runs.  The
        # runs are lists while they are few (an array boxes or unboxes every item written
        # and read: four arrays were half the stream's cost), arrays once there are more
        # than _LIST_RUNS (a list holds 8 bytes and an int object a run, 4 MiB for a
        # 137 × 137 table, issue 9): ``room`` switches before a piece could pass the limit.
        parts: list[str] = []
        at: list[int] | array = []
        src: list[int] | array = []
        wid: list[int] | array = []
        in_lists = True
        length = 0
        last_at, last_s, last_w = 0, 0, None  # the last run (None: none yet)
        row_starts: list[int] = []  # stream starts where the row id changes
        row_values: list[int] = []
        table_starts: list[int] = []  # stream start of each block
        table_values: list[int] = []  # its block number if a table, -1 for running text
        # a verbatim cell's Text by its stream start: a value token that is the whole cell
        # (the usual one) is given the cell's own Text instead of a copy (see locate)
        cell_texts: dict[int, Text] = {}
        verbatim = Text  # (a plain Text is one verbatim run: any other map makes a _MappedText)

        def room(runs: int) -> None:
            """Make sure ``runs`` more runs can be written: past _LIST_RUNS, as arrays."""
            nonlocal in_lists, at, src, wid
            if in_lists and len(at) + runs > _LIST_RUNS:
                in_lists = False
                at, src, wid = (array(_RUN_CODE, items) for items in (at, src, wid))

        def spanning_run(start: int, width: int) -> None:
            """A run whose characters all map to source ``[start, start + width)`` (width 0:
            a separator at ``start``), unless it continues the last run."""
            nonlocal last_at, last_s, last_w
            if not (width == last_w and last_s == start):
                at.append(length)
                src.append(start)
                wid.append(width)
                last_at, last_s, last_w = length, start, width

        row_id = 0
        for number, block in enumerate(blocks):
            table_starts.append(length)
            if isinstance(block, Table):
                table_values.append(number)
                for cells in block.rows:
                    row_id += 1
                    n = len(cells)
                    if in_lists and len(at) + 2 * n > _LIST_RUNS:
                        room(2 * n)  # (a cell of several runs makes room of its own)
                    # the first and last filled cells (leading blanks: nothing to align them with)
                    # (each cell's string read once: the usual first and last cells are filled)
                    first = 0
                    while first < n:
                        value = cells[first].text.value
                        if value and not value.isspace():
                            break
                        first += 1
                    if first == n:
                        continue
                    last = n - 1
                    while True:
                        value = cells[last].text.value
                        if value and not value.isspace():
                            break
                        last -= 1
                    row_starts.append(length)  # every kept row adds characters
                    record = len(at) <= _LIST_RUNS  # (a hostile table: no dict of its cells)
                    row_values.append(row_id)
                    for i in range(first, n):
                        cell = cells[i]
                        text = cell.text
                        value = text.value
                        # a filled cell (the first and last are): ``value and not value.isspace()``
                        # is ``value.strip()`` without the copy
                        if i <= last and value and not value.isspace():
                            parts.append(value)
                            if type(text) is verbatim:  # one verbatim run (the usual cell)
                                s = text._src
                                if record:
                                    cell_texts[length] = text
                                # a new run: the one before is a synthetic separator (width 0)
                                at.append(length)
                                src.append(s)
                                wid.append(LINEAR)
                                length += len(value)
                                end = s + len(value.rstrip())  # the end of cell.span, without the Span
                                # and so is the separator's run (it never continues a verbatim one;
                                # last_at is read only after a verbatim run)
                                parts.append(CELL)
                                at.append(length)
                                src.append(end)
                                wid.append(0)
                                last_s, last_w = end, 0
                                length += 1
                                continue
                            if text._at is None:  # one run of characters that span their source
                                s, w = text._src, text._wid
                                spanning_run(s, w)
                                length += len(value)
                                end = s + w  # the end of cell.span
                            else:
                                if in_lists:
                                    room(len(text._at) + 2 * (n - i))
                                length, last_at, last_s, last_w, high = _add_runs(text, at, src, wid, length, last_at, last_s, last_w)
                                # cell.span.end: the text's own end unless there is space to strip
                                end = high if not (value[0].isspace() or value[-1].isspace()) else cell.span.end
                        else:  # a blank cell: where cell.span puts it
                            span = cell.anchor if cell.anchor is not None else text.span()
                            end = span.end
                            parts.append(TRAILING_BLANK if i > last else BLANK)
                            spanning_run(span.start, max(0, end - span.start))
                            length += 1
                        parts.append(CELL)  # an empty span at the cell's end
                        if not (last_w == 0 and last_s == end):  # (spanning_run(end, 0) inline)
                            at.append(length)
                            src.append(end)
                            wid.append(0)
                            last_at, last_s, last_w = length, end, 0
                        length += 1
                    # The row's end, an empty span at that of its last cell (cells[-1].span.end):
                    # the run of the last cell's separator, which it continues
                    parts.append(ROW)
                    length += 1
            else:
                table_values.append(-1)
                if not row_values or row_values[-1] != -1:
                    row_starts.append(length)
                    row_values.append(-1)
                text = block.text
                value = text.value
                if type(text) is verbatim and value and (not in_lists or len(at) + 2 <= _LIST_RUNS):
                    # one verbatim run (the usual paragraph) and its separator: two new runs (the
                    # run before is a separator's, of width 0, or there is none)
                    parts.append(value)
                    parts.append(ROW)
                    s = text._src
                    at.append(length)
                    src.append(s)
                    wid.append(LINEAR)
                    length += len(value)
                    end = s + len(value)
                    at.append(length)
                    src.append(end)
                    wid.append(0)
                    last_at, last_s, last_w = length, end, 0
                    length += 1
                    continue
                runs = 2 if text._at is None else len(text._at) + 1  # at most, with the row's
                if in_lists and len(at) + runs > _LIST_RUNS:
                    room(runs)
                parts.append(value)
                if text._at is None:  # one run (the usual paragraph): what _add_runs and span do
                    s, w = text._src, text._wid
                    if value:
                        end = s + len(value) if w == LINEAR else s + w
                        if not (w == last_w and (last_s == s if w != LINEAR else last_s + (length - last_at) == s)):
                            at.append(length)
                            src.append(s)
                            wid.append(w)
                            last_at, last_s, last_w = length, s, w
                        length += len(value)
                    else:
                        end = 0
                else:
                    length, last_at, last_s, last_w, high = _add_runs(text, at, src, wid, length, last_at, last_s, last_w)
                    end = high if value else 0  # text.span().end
                parts.append(ROW)
                if not (last_w == 0 and last_s == end):  # (spanning_run(end, 0) inline)
                    at.append(length)
                    src.append(end)
                    wid.append(0)
                    last_at, last_s, last_w = length, end, 0
                length += 1
        if in_lists:
            room(0)  # (past the limit by a last separator: arrays all the same)
        self.text = Text._runs("".join(parts), at, src, wid)
        del parts  # (the list of every piece: a megabyte's worth for a big input)
        self._cell_texts = cell_texts
        # the same runs, kept here for span_of and slice (None: one run or none)
        self._runs = None if len(at) <= 1 else (at, src, wid)
        self._ends: Sequence[int] | None = None  # each run's source end, made when asked for (see _ends_of)
        # lists while few (bisected often); a big input's as arrays (an int object a row,
        # 36 bytes, four times over)
        if len(row_starts) > _LIST_RUNS or len(table_starts) > _LIST_RUNS:
            row_starts, row_values, table_starts, table_values = (
                array(_RUN_CODE, items) for items in (row_starts, row_values, table_starts, table_values)
            )
        self._row_starts = row_starts
        self._row_values = row_values
        self._table_starts = table_starts
        self._table_values = table_values
        # page markers blanked out (same length, so indexes stay valid)
        value = self.text.value
        scan = value
        markers = page_marker_line_spans(value)  # never values
        if markers:  # (the string between markers sliced, not a list of its characters)
            pieces = []
            position = 0
            for i, j in markers:
                pieces.append(value[position:i])
                pieces.append(" " * (j - i))
                position = j
            pieces.append(value[position:])
            scan = "".join(pieces)
        self.scan = scan
        # labels are matched here; a big input's view is made for the stream alone (its
        # string is no other text's, and the view a few times its size), a report's is
        # kept for sharing as any text's (a few KB; the same input linted again finds it)
        shared = len(scan) <= _SHARED_VIEW_LENGTH
        self.compact = normalize(self.text.with_value(scan), drop_whitespace=True, shared=shared)
        self.view = self.compact.value
        # the view's origin runs as lists for to_text_index/to_view_index (bisection in
        # an array boxes each number it compares), where they are few
        runs = self.compact.origin_runs()
        if runs is not None and len(runs[0]) <= _LIST_RUNS:
            runs = (list(runs[0]), list(runs[1]))
        self._view_runs = runs

    def __len__(self) -> int:
        return len(self.text)

    def span_of(self, start: int, end: int) -> Span:
        """``text[start:end].span()`` (the same Span), without making the slice: the source
        span of a token or label, from the runs it lies in."""
        runs = self._runs
        if runs is None or start >= end:
            return self.text[start:end].span()
        at, src, wid = runs
        r = bisect.bisect_right(at, start) - 1
        s, w = src[r], wid[r]
        if r + 1 == len(at) or end <= at[r + 1]:  # within one run (the usual token)
            # (Span(a, b), a <= b, made with its slots' setters: one call, not three)
            span = _new_object(Span)
            if w == LINEAR:
                _set_start(span, s + (start - at[r]))
                _set_end(span, s + (end - at[r]))
            else:
                _set_start(span, s)
                _set_end(span, s + w)
            return span
        r1 = bisect.bisect_right(at, end - 1) - 1  # the run of the last character
        # several runs: the lowest start and highest end of the characters in range (what
        # Text.span gives, ordered map or not); runs after the first start with their first
        # character, runs before the last end with their last
        low = s + (start - at[r]) if w == LINEAR else s
        s1, w1 = src[r1], wid[r1]
        high = s1 + (end - at[r1]) if w1 == LINEAR else s1 + w1
        if r1 - r <= _FEW_RUNS:  # (a label over a few cells, a table's region)
            for k in range(r, r1):
                w = wid[k]
                end = src[k] + (at[k + 1] - at[k] if w == LINEAR else w)  # the run's last character's end
                if end > high:
                    high = end
        else:
            high = max(high, max(self._ends_of()[r:r1]))
        return Span(min(low, min(src[r + 1 : r1 + 1])), high)

    def _ends_of(self) -> Sequence[int]:
        """The source end of each run's last character (for spans over many runs), made
        once: ``src + length`` of a verbatim run, ``src + width`` of any other."""
        if self._ends is None:
            at, src, wid = self._runs
            count = len(at)
            ends: list[int] | array = [] if isinstance(at, list) else array(_RUN_CODE)
            for first in range(0, count, _LIST_RUNS):  # (a piece at a time: a hostile stream's runs are many)
                last = min(first + _LIST_RUNS, count)
                lengths = list(map(sub, at[first + 1 : last + 1], at[first:last]))
                if last == count:
                    lengths.append(len(self.text) - at[-1])
                ends.extend([s + (n if w == LINEAR else w) for s, n, w in zip(src[first:last], lengths, wid[first:last])])
            self._ends = ends
        return self._ends

    def view_span(self, i: int, j: int) -> Span:
        """``compact.span(i, j)``: the source span of compact-view range ``[i, j)``."""
        a, b = self.compact.original_range(i, j)
        return self.span_of(a, b) if a < b else self.text.span(a, b)

    def slice(self, start: int, end: int) -> Text:
        """``text[start:end]`` (the same value and offset map); a slice within one run is made
        directly."""
        runs = self._runs
        if runs is not None and start < end:
            at, src, wid = runs
            r = bisect.bisect_right(at, start) - 1
            if r == len(at) - 1 or end <= at[r + 1]:
                s, w = src[r], wid[r]
                value = self.text.value[start:end]
                return Text.verbatim(value, s + (start - at[r])) if w == LINEAR else Text.spanning(value, s, s + w)
        return self.text[start:end]

    def locate(self, start: int, end: int) -> tuple[Text, Span]:
        """``(slice(start, end), span_of(start, end))`` with one look-up of the run (a
        table value needs both)."""
        cell = self._cell_texts.get(start)
        if cell is not None and len(cell.value) == end - start:  # the whole of a verbatim cell
            s = cell._src
            return cell, Span(s, s + end - start)
        runs = self._runs
        if runs is not None and start < end:
            at, src, wid = runs
            r = bisect.bisect_right(at, start) - 1
            if r == len(at) - 1 or end <= at[r + 1]:
                s, w = src[r], wid[r]
                value = self.text.value[start:end]
                # (Text._runs: what Text.verbatim and Text.spanning make, one call fewer)
                if w == LINEAR:
                    s += start - at[r]
                    return Text._runs(value, None, s, LINEAR), Span(s, s + end - start)
                return Text._runs(value, None, s, w), Span(s, s + w)
        return self.slice(start, end), self.span_of(start, end)

    def first_index_from(self, offset: int) -> int | None:
        """``text.first_index_from(offset)``: the first stream index whose source start is
        at or after ``offset`` (a section heading's place in the stream), read off the run
        lists (Text's walk makes a tuple a run: a heading late in a report passed hundreds)."""
        runs = self._runs
        if runs is None:
            return self.text.first_index_from(offset)
        at, src, wid = runs
        last = len(at) - 1
        k = 0
        for s in src:
            if s >= offset:  # (a verbatim run's first character, or any other run's)
                return at[k]
            if wid[k] == LINEAR and s + (at[k + 1] if k < last else len(self.text)) - at[k] > offset:
                return at[k] + offset - s  # (the run's last character is at or after offset)
            k += 1
        return None

    def row_at(self, index: int) -> int:
        k = bisect.bisect_right(self._row_starts, index) - 1
        return self._row_values[k] if k >= 0 else -1

    def rows_of(self, indexes: Iterable[int]) -> list[int]:
        """:meth:`row_at` of each index, in one call (the rows of a run of stray tokens)."""
        row_starts, row_values = self._row_starts, self._row_values
        bisect_right = bisect.bisect_right
        rows = []
        for index in indexes:
            k = bisect_right(row_starts, index) - 1
            rows.append(row_values[k] if k >= 0 else -1)
        return rows

    def table_at(self, index: int) -> int:
        """The block number of the table holding stream index ``index``, -1 for text."""
        k = bisect.bisect_right(self._table_starts, index) - 1
        return self._table_values[k] if k >= 0 else -1

    def to_text_index(self, view_index: int) -> int:
        """Stream index of compact-view position ``view_index`` (end positions too)."""
        n = len(self.view)
        if not n:
            return 0
        if view_index >= n:
            return len(self.text)
        runs = self._view_runs  # compact.origin_at(view_index), on lists
        if runs is None:
            return view_index
        at, src = runs
        r = bisect.bisect_right(at, view_index) - 1
        return src[r] + (view_index - at[r])

    def to_view_index(self, text_index: int) -> int:
        """``compact.view_index(text_index)``: the first view position at or after it."""
        runs = self._view_runs
        if runs is None:
            return max(0, min(text_index, len(self.view)))
        at, src = runs
        r = bisect.bisect_right(src, text_index) - 1
        if r < 0:
            return 0
        end = at[r + 1] if r + 1 < len(at) else len(self.view)
        return at[r] + min(end - at[r], text_index - src[r])

    def views_of(self, tokens: Iterable[Token]) -> list[str]:
        """Each token's compact view, ``view[to_view_index(start) : to_view_index(end)]``,
        with one bisection a token (its end is in the run of its start, but for a pinyin
        reading cut out of it)."""
        view = self.view
        runs = self._view_runs
        if runs is None:
            n = len(view)
            return [view[max(0, min(t.start, n)) : max(0, min(t.end, n))] for t in tokens]
        at, src = runs
        count = len(at)
        n = len(view)
        bisect_right = bisect.bisect_right
        views = []
        for token in tokens:
            start, end = token.start, token.end
            r = bisect_right(src, start) - 1
            if r < 0:
                i = 0
            else:
                i = at[r] + min((at[r + 1] if r + 1 < count else n) - at[r], start - src[r])
            if r + 1 < count and end >= src[r + 1]:  # (another run: looked up)
                r = bisect_right(src, end) - 1
            if r < 0:
                j = 0
            else:
                j = at[r] + min((at[r + 1] if r + 1 < count else n) - at[r], end - src[r])
            views.append(view[i:j])
        return views

    def tokens(self, start: int, end: int, texts: bool = True) -> list[Token]:
        """Value, blank and text tokens of stream range ``[start, end)``.

        With ``texts=False`` every text token is the one :data:`TEXT_MARK` (no position):
        for a reader that only needs to know where words come between values."""
        return self.tokens_of(((start, end),), texts)[0]

    def tokens_of(self, ranges: Iterable[tuple[int, int]], texts: bool = True) -> list[list[Token]]:
        """:meth:`tokens` of each ``(start, end)`` range, in one call: a table's rows are
        read a few pieces at a time, and setting out to read a range cost as much as its
        pieces (ranges in stream order go fastest: the block of each only moves on)."""
        runs: list[list[Token]] = []
        table_starts, table_values = self._table_starts, self._table_values
        first_character = _FIRST_CHARACTER
        new_token = _new_object
        slash, value_token = SLASH_TOKEN.fullmatch, VALUE_TOKEN.fullmatch
        scan = self.scan
        find = scan.find
        left = MAX_TOKENS  # Token objects that may still be made (TEXT_MARK is shared: free)
        beyond = len(scan) + 1  # the start of the block after the last
        block_start = next_block = 0  # the block being read: [block_start, next_block)
        table = -1
        for start, end in ranges:
            out: list[Token] = []
            runs.append(out)
            if start >= end:
                continue
            if not block_start <= start < next_block:  # the block of each piece: it only moves on
                b = bisect.bisect_right(table_starts, start) - 1
                block_start = table_starts[b] if b >= 0 else -1
                next_block = table_starts[b + 1] if b + 1 < len(table_starts) else beyond
                table = table_values[b] if b >= 0 else -1
            # The pieces (PIECE's matches) by str.split, a chunk at a time: a match object per
            # piece cost more than the rest of its token.  A piece's separators are what
            # str.isspace calls whitespace, and the pipes, which become spaces (the same
            # length); a piece's position is where it is first found after the last one (only
            # separators lie between them).  A chunk ends where a piece does, so none is cut.
            chunk_start = start
            while chunk_start < end:
                chunk_end = end
                if end - chunk_start > _CHUNK:
                    chunk_end = PIECE_REST.match(scan, chunk_start + _CHUNK, end).end()
                part = scan[chunk_start:chunk_end]
                if "|" in part or "｜" in part:
                    part = part.replace("|", " ").replace("｜", " ")
                made = len(out)  # (tokens made, counted a chunk at a time: TEXT_MARKs are free)
                position = chunk_start
                for piece in part.split():
                    # (found in the stream itself, where it stands as in the part: pipes are
                    # never in a piece)
                    at = find(piece, position)
                    position = at + len(piece)
                    if at >= next_block:
                        b = bisect.bisect_right(table_starts, at) - 1
                        block_start = table_starts[b]
                        next_block = table_starts[b + 1] if b + 1 < len(table_starts) else beyond
                        table = table_values[b]
                    if piece.isdigit() and piece.isascii():  # (most values: no look-up, no pattern)
                        kind = "value"
                    else:
                        kind = first_character.get(piece[0], "text")
                        if kind == "value":
                            if not (slash(piece) or value_token(piece)):
                                kind = "text"
                        elif kind != "text" and len(piece) > 1:  # blank marks run together, or words after one
                            if not piece.strip(BLANK + TRAILING_BLANK):
                                continue
                            kind = "text"
                        # (text: digits glued to words, ``2021年``, ``共5件。``, are narrative, not a cell)
                        if kind == "text" and not texts:
                            out.append(TEXT_MARK)
                            made += 1
                            continue
                    # Token(kind, piece, at, position, table, self), without its __init__ (a
                    # call from C into Python: a fifth of a token's time)
                    token = new_token(Token)
                    token.kind = kind
                    token.value = piece
                    token.start = at
                    token.end = position
                    token.table = table
                    token._stream = self
                    token._located = None
                    out.append(token)
                left -= len(out) - made
                if left < 0:  # (checked a chunk at a time: at most 2,048 tokens more)
                    raise TooManyTokens(MAX_TOKENS, chunk_start)
                chunk_start = chunk_end
        return runs
