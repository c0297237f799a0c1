"""Label search and row reading: where the template's row labels are in a
:class:`~gxlint.tables.stream.Stream`, which value tokens follow each label (a
:class:`Segment`), and how those tokens become the row's values (digit runs split only
where the table's arithmetic admits exactly one reading)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from gxlint.document import Document, Span, _set_end, _set_start
from gxlint.regex_cache import compile_pattern
from gxlint.tables.templates import NUMBERING_BEFORE, Column, RowSpec
from gxlint.tables.model import Value
from gxlint.tables.numbers import parse_value, splits
from gxlint.tables.stream import Stream, Token
from gxlint.lazy_pattern import lazy_compile


_new_object = object.__new__  # (an object without its __init__: see Found, Segment and Value)


# --- label search -----------------------------------------------------------------------


@dataclass(slots=True)  # (a few dozen a report, each read many times)
class Found:
    """A row label found in the table stream, by its stream indexes."""
    spec: RowSpec
    start: int  # stream indexes of the label (numbering included)
    end: int
    variant: bool


def search_label(stream: Stream, regex: re.Pattern[str], lo: int, hi: int) -> tuple[int, int] | None:
    """First match in compact view range [lo, hi), as view indexes with numbering."""
    match = regex.search(stream.view, lo, hi)
    if match is None:
        return None
    start = match.start()
    numbering = NUMBERING_BEFORE.search(stream.view, max(lo, start - 4), start)
    if numbering is not None:
        start = numbering.start()
    return start, match.end()


def find_rows(
    stream: Stream, rows: Sequence[RowSpec], lo: int, hi: int
) -> list[Found]:
    """Template rows found in view range [lo, hi): in order first, then anywhere."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    taken_end = lo  # the highest end taken: a hit starting there overlaps nothing taken
    cursor = lo
    view = stream.view
    numbering_before = NUMBERING_BEFORE.search
    for spec in rows:
        hit = None
        for regex, variant, cursor_only in spec.regexes:
            # (search_label(stream, regex, cursor, hi) inline: tried for every row's forms)
            match = regex.search(view, cursor, hi)
            if match is not None:
                start = match.start()
                numbering = numbering_before(view, start - 4 if start - 4 > cursor else cursor, start)
                hit = (start if numbering is None else numbering.start(), match.end())
            if hit is None and not cursor_only:
                # out of order (reshuffled or garbled tables): anywhere not yet taken
                start = lo
                while start < hi:
                    candidate = search_label(stream, regex, start, hi)
                    if candidate is None:
                        break
                    if candidate[0] >= taken_end or not any(a < candidate[1] and candidate[0] < b for a, b in taken):
                        hit = candidate
                        break
                    start = candidate[0] + 1
            if hit is not None:
                if hit[0] < taken_end and any(a < hit[1] and hit[0] < b for a, b in taken):
                    hit = None
                    continue
                break
        if hit is None:
            continue
        taken.append(hit)
        taken_end = max(taken_end, hit[1])
        if hit[0] >= cursor:
            cursor = hit[1]
        # Found(spec, start, end, variant), without the dataclass's __init__ (a call from C
        # into Python; dozens a report)
        label = _new_object(Found)
        label.spec = spec
        label.start = stream.to_text_index(hit[0])
        label.end = stream.to_text_index(hit[1] - 1) + 1
        label.variant = variant
        found.append(label)
    found.sort(key=lambda f: f.start)
    return found


# --- reading a row's tokens -------------------------------------------------------------


@dataclass(slots=True)
class Segment:
    """The value tokens that follow a row label, up to the next one."""
    found: Found | None
    values: list[Token] = field(default_factory=list)  # value and blank tokens, in order
    stray: list[Token] = field(default_factory=list)  # value tokens that fit no label
    # core, made once (asked for three or four times a row); neither values nor it is changed
    _core: list[Token] | None = field(default=None, repr=False, compare=False)

    @property
    def core(self) -> list[Token]:
        """The values without trailing blanks."""
        core = self._core
        if core is None:
            core = self._core = [t for t in self.values if t.kind != "trailing-blank"]
        return core

    @property
    def numbers(self) -> list[Token]:
        return [t for t in self.values if t.kind == "value"]


def segment_after(stream: Stream, found: Found | None, start: int, end: int, last: bool) -> Segment:
    """The values after a label: leading label debris skipped, stop at text after values.

    Values in another table than the label's (running text counts as one "table") are
    not this label's: a garbled PDF→Markdown conversion puts labels in running text and
    their numbers in tables of their own, and narrative after a table is no cell.
    """
    return _segment(stream, found, stream.tokens(start, end, texts=False), last)


def segments_after(stream: Stream, found: Sequence[Found], end: int) -> list[Segment]:
    """:func:`segment_after` of each label found (in stream order), up to the next label
    or, for the last, to ``end``: the ranges cut into tokens in one call."""
    ends = [f.start for f in found[1:]] + [end]
    runs = stream.tokens_of([(f.end, e) for f, e in zip(found, ends)], texts=False)
    last = len(found) - 1
    return [_segment(stream, f, tokens, i == last) for i, (f, tokens) in enumerate(zip(found, runs))]


def _segment(stream: Stream, found: Found | None, tokens: list[Token], last: bool) -> Segment:
    """segment_after of the tokens of its range (see there)."""
    values: list[Token] = []
    stray: list[Token] = []
    label_table = stream.table_at(found.start) if found else -2  # (-2: every token is foreign)
    stopped = False
    trailing = False  # whether values holds a trailing blank (else it is its own core)
    for token in tokens:  # words only stop the values
        kind = token.kind
        if kind == "text":
            if values:
                stopped = True
                if last:  # nothing after this can be the label's, nor a stray of another
                    break
            continue
        if kind == "trailing-blank":
            if values and not stopped and token.table == label_table:
                values.append(token)
                trailing = True
        elif stopped or token.table != label_table:
            if kind == "value" and not last:
                stray.append(token)
        else:
            values.append(token)
    # Segment(found, values, stray, core), without the dataclass's __init__ (as Found)
    segment = _new_object(Segment)
    segment.found = found
    segment.values = values
    segment.stray = stray
    segment._core = None if trailing else values
    return segment


def make_values(
    row: str, columns: Sequence[Column], tokens: Sequence[Token], cells: dict[str, Value] | None = None
) -> list[Value]:
    """The row's values: each column's token read as a cell keyed ``row.column`` (and put
    in ``cells`` under that key, if given: a table's cells, filled on the way).

    (A report's tables are a few hundred cells: a token's text and span are asked of the
    stream directly, one call a cell, unless the token already holds them; and each Value
    is made without the dataclass's ``__init__``, the same object in less time.)"""
    values: list[Value] = []
    stream = None
    for column, token in zip(columns, tokens):
        located = token._located
        if located is None:
            if stream is None:
                stream = token._stream  # (a sentinel token is never a cell)
                cell_texts, locate = stream._cell_texts, stream.locate
            # (Stream.locate's first case, the whole of a verbatim cell, without its call)
            start = token.start
            length = token.end - start
            text = cell_texts.get(start)
            if text is not None and len(text.value) == length:
                span = _new_object(Span)
                _set_start(span, text._src)
                _set_end(span, text._src + length)
            else:
                text, span = locate(start, token.end)
        else:
            text, span = located
        kind = token.kind
        if kind == "value":
            # (a count, the usual column, asked with the string alone: the cache's key is
            # then the string itself, not a tuple made for the call)
            kind = column.kind
            number, problem = parse_value(token.value) if kind == "count" else parse_value(token.value, kind)
        elif kind == "blank" or kind == "trailing-blank":
            number, problem = None, "blank"
        else:
            number, problem = parse_value(token.value, column.kind)
        value = _new_object(Value)
        value.key = key = f"{row}.{column.key}"
        value.text = text
        value.number = number
        value.span = span
        value.problem = problem
        values.append(value)
        if cells is not None:
            cells[key] = value
    return values



def fit_values(core: list[Token], seg: Segment, width: int) -> list[Token] | None:
    """The row's cells if they can be counted without guessing, else None (``core`` is
    ``seg.core``, made once by the caller)."""
    if len(core) == width:
        return core
    numbers = [t for t in core if t.kind == "value"]
    if len(numbers) == width:  # interior blanks were layout debris
        return numbers
    trailing = [t for t in seg.values if t.kind == "trailing-blank"]
    if len(core) < width <= len(core) + len(trailing):  # a real blank last cell
        return core + trailing[: width - len(core)]
    return None


def split_run(token: Token, width: int, check: Callable[[list[int]], bool]) -> list[Token] | None:
    """Cells that ran together (``801000081``): the unique split that ``check`` accepts."""
    digits = token.value
    if not digits.isdigit() or len(digits) <= 1 and width > 1:
        return None
    options = splits(digits, width)
    if not options:
        return None
    good = [o for o in options if check(o)]
    if len(good) != 1:
        return None
    return pieces_of(token, good[0])


def split_candidates(token: Token, width: int, check: Callable[[list[int]], bool]) -> list[list[int]] | None:
    """Every split of a digit run that ``check`` accepts (None: too many to try)."""
    digits = token.value
    if not digits.isdigit():
        return []
    options = splits(digits, width)
    if options is None:
        return None
    return [o for o in options if check(o)]


def pieces_of(token: Token, numbers: list[int]) -> list[Token]:
    """The located cells of a digit run cut as ``numbers``."""
    out, k = [], 0
    for number in numbers:
        n = len(str(number))
        out.append(Token("value", token.value[k : k + n], token.start + k, token.start + k + n, token.table, token._stream))
        k += n
    return out


def not_one_number(values: list[int]) -> bool:
    """Table 二 has no relation to choose a cut: accept one only where the run read as a
    single number would have a leading zero (``000`` is three zeros)."""
    return values[0] == 0


def row_sum_ok(values: list[int]) -> bool:
    return values[-1] == sum(values[:-1])




def cover(tokens: list[Token]) -> Span | None:
    """The span covering the tokens' non-empty spans (``Span.cover`` of them all).

    (Each token's span is found without keeping it on the token with a Text: a row of
    thousands of stray numbers took 13 MiB that way.)"""
    low = high = None
    for token in tokens:
        span = token.source_span()
        if span.end > span.start:
            if low is None or span.start < low:
                low = span.start
            if high is None or span.end > high:
                high = span.end
    return None if low is None else Span(low, high)




def section_start(document: Document, stream_of_doc: Stream, words: tuple[str, ...]) -> int | None:
    """Stream index of the heading of the section whose title has one of ``words``."""
    for section in document.sections:
        heading = section.heading
        title = (heading.title or heading.text).compact.value
        if any(w in title for w in words):
            return text_index_of(stream_of_doc, heading.span.start)
    return None


def text_index_of(stream: Stream, offset: int) -> int | None:
    return stream.first_index_from(offset)


# The anchors' patterns, compiled once a process (compile_pattern builds a new pattern
# object on each call; these few fixed strings are searched for in every document).
_anchor_pattern = lru_cache(maxsize=256)(compile_pattern)


def first_match(stream: Stream, patterns: Iterable[str], lo: int, hi: int) -> tuple[int, int] | None:
    best = None
    for pattern in patterns:
        match = _anchor_pattern(pattern).search(stream.view, lo, hi)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), match.end())
    return best




NUMBERING_HEAD = lazy_compile(
    r"^(?:[一二三四五六七八九十]{1,2}[、.,．，]|[(（][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十][)）]|\d{1,2}[.、,．，])"
)


def label_core(label: str) -> str:
    """A label without its numbering, punctuation and spacing: the words alone.

    Two labels with the same core differ only in form (``1、`` for ``1.``, quotes,
    punctuation width), not in wording.
    """
    label = re.sub(r"\s+", "", label)
    label = NUMBERING_HEAD.sub("", label)
    return re.sub(r"[^\w]|_", "", label)


def wording_differs(stream: Stream, found: Found, label: str) -> bool:
    """Whether a label matched through a variant really has other wording.

    Not when only numbering, punctuation or spacing differ (the compact view already
    folds Traditional characters, pinyin and line wraps), nor when the official words
    are all there in order but torn apart by debris of neighbouring cells (a garbled
    PDF conversion: ``只\n度办\n理结计这一情形``).
    """
    vs, ve = stream.to_view_index(found.start), stream.to_view_index(found.end)
    canon = label_core(label)
    core = label_core(stream.view[vs:ve])
    if core == canon:
        return False
    missing = len(canon) - len(core)
    if missing > 0:
        window = label_core(stream.view[vs : ve + 2 * missing])
    elif "\n" in stream.text.value[found.start : found.end]:
        window = core
    else:
        return True
    it = iter(window)
    return not all(ch in it for ch in canon)


def header_labels(columns: Iterable[Column]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(label, core used for truncation, complete forms) of header columns (compact view)."""
    # (kept by the column's identity: a frozen dataclass hashes all its fields in Python,
    # a microsecond a column, for each of a header's columns in every document)
    out = []
    for column in columns:
        known = _header_labels.get(id(column))
        if known is None or known[0] is not column:
            if len(_header_labels) >= 256:  # (only the templates' few dozen come back)
                _header_labels.clear()
            known = _header_labels[id(column)] = (column, _header_label(column))
        out.append(known[1])
    return out


_header_labels: dict[int, tuple[Column, tuple[str, str, tuple[str, ...]]]] = {}


def _header_label(column: Column) -> tuple[str, str, tuple[str, ...]]:
    label = column.label
    core = re.sub(r"[（(].*$", "", label)  # 本年收费金额（单位：万元）: the unit is optional
    return label, core, (core,) + tuple(column.variants)


