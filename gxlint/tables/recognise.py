"""Recognise the standard tables 二, 三 and 四 in any document, whatever its format.

Design: the document's blocks are flattened into one located stream (table cells and
rows separated by synthetic characters, so every character still knows its source
span).  Template row labels are searched, in template order, on the compact matching
view of the stream (Simplified, ASCII punctuation, no whitespace), so Traditional
text, pinyin leaks and labels wrapped across PDF lines all match.  The values of a row
are the value tokens between the end of its label and the next label found.  A row
whose tokens do not fit the template (too many, too few, numbers far from any label)
keeps no values and yields an :class:`AlignmentProblem`: values are never shifted into
cells they may not belong to.

Table 四 has no row labels: its 15 values are read by position after the header, and
the header is checked for truncated labels.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from gxlint.document import Block, Document, Span, Table, Text
from gxlint.tables import templates as T
from gxlint.tables.model import (
    AlignmentProblem,
    RecognisedTable,
    Row,
    StandardTables,
    Value,
)
from gxlint.tables.numbers import parse_value, splits
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


# --- the located stream -----------------------------------------------------------------


@dataclass
class Token:
    kind: str  # "value" | "blank" | "trailing-blank" | "text"
    text: Text
    start: int  # index into Stream.text
    end: int
    row: int  # table-row id, or -1 for running text

    @property
    def span(self) -> Span:
        return self.text.span()


class Stream:
    """The blocks of a region as one located text, plus what the recogniser needs."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        parts: list[Text] = []
        row_ids: list[tuple[int, int]] = []  # (stream start, row id) changes
        table_ids: list[tuple[int, int]] = []  # (stream start, table id), -1: running text
        length = 0
        row_id = 0

        def add(part: Text, rid: int) -> None:
            nonlocal length
            if not len(part):
                return
            if not row_ids or row_ids[-1][1] != rid:
                row_ids.append((length, rid))
            parts.append(part)
            length += len(part)

        for number, block in enumerate(blocks):
            table_ids.append((length, number if isinstance(block, Table) else -1))
            if isinstance(block, Table):
                for cells in block.rows:
                    row_id += 1
                    texts = [c.text for c in cells]
                    filled = [i for i, t in enumerate(texts) if t.value.strip()]
                    if not filled:
                        continue
                    last = filled[-1]
                    for i, (cell, text) in enumerate(zip(cells, texts)):
                        if i < filled[0]:
                            continue  # leading blanks: nothing to align them with
                        at = cell.span
                        if i > last:
                            add(Text._trusted(TRAILING_BLANK, array("l", (at.start,)), array("l", (at.end,))), row_id)
                        elif not text.value.strip():
                            add(Text._trusted(BLANK, array("l", (at.start,)), array("l", (at.end,))), row_id)
                        else:
                            add(text, row_id)
                        add(Text.synthetic(CELL, at.end), row_id)
                    end = cells[-1].span.end if cells else 0
                    add(Text.synthetic(ROW, end), row_id)
            else:
                add(block.text, -1)
                add(Text.synthetic(ROW, block.text.span().end if len(block.text) else 0), -1)
        self.text = Text.join(parts) if parts else Text("", array("l"), array("l"))
        self._row_starts = [s for s, _ in row_ids]
        self._row_values = [r for _, r in row_ids]
        self._table_starts = [s for s, _ in table_ids]
        self._table_values = [t for _, t in table_ids]
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
        view = Text(self.scan, self.text.starts, self.text.ends)
        self.compact = view.compact  # labels are matched here
        self.view = self.compact.value

    def __len__(self) -> int:
        return len(self.text)

    def row_at(self, index: int) -> int:
        import bisect

        k = bisect.bisect_right(self._row_starts, index) - 1
        return self._row_values[k] if k >= 0 else -1

    def table_at(self, index: int) -> int:
        """The block number of the table holding stream index ``index``, -1 for text."""
        import bisect

        k = bisect.bisect_right(self._table_starts, index) - 1
        return self._table_values[k] if k >= 0 else -1

    def to_text_index(self, view_index: int) -> int:
        """Stream index of compact-view position ``view_index`` (end positions too)."""
        origin = self.compact.origin
        if not origin:
            return 0
        if view_index >= len(origin):
            return len(self.text)
        return origin[view_index]

    def to_view_index(self, text_index: int) -> int:
        import bisect

        return bisect.bisect_left(self.compact.origin, text_index)

    def tokens(self, start: int, end: int) -> list[Token]:
        """Value, blank and text tokens of stream range ``[start, end)``."""
        out: list[Token] = []
        scan = self.scan
        pos = start
        for piece in SEPARATORS.split(scan[start:end]) if start < end else []:
            if not piece:
                continue
            at = scan.find(piece, pos, end)
            if at < 0:
                continue
            pos = at + len(piece)
            self._split_piece(piece, at, out)
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


# --- label search -----------------------------------------------------------------------


@dataclass
class Found:
    spec: T.RowSpec
    start: int  # stream indexes of the label (numbering included)
    end: int
    variant: bool


def _search(stream: Stream, regex: re.Pattern[str], lo: int, hi: int) -> tuple[int, int] | None:
    """First match in compact view range [lo, hi), as view indexes with numbering."""
    match = regex.search(stream.view, lo, hi)
    if match is None:
        return None
    start = match.start()
    numbering = T.NUMBERING_BEFORE.search(stream.view, max(lo, start - 4), start)
    if numbering is not None:
        start = numbering.start()
    return start, match.end()


def _find_rows(
    stream: Stream, rows: Sequence[T.RowSpec], lo: int, hi: int
) -> list[Found]:
    """Template rows found in view range [lo, hi): in order first, then anywhere."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    cursor = lo
    for spec in rows:
        hit = None
        for regex, variant, cursor_only in spec.regexes:
            hit = _search(stream, regex, cursor, hi)
            if hit is None and not cursor_only:
                # out of order (reshuffled or garbled tables): anywhere not yet taken
                start = lo
                while start < hi:
                    candidate = _search(stream, regex, start, hi)
                    if candidate is None:
                        break
                    if not any(a < candidate[1] and candidate[0] < b for a, b in taken):
                        hit = candidate
                        break
                    start = candidate[0] + 1
            if hit is not None:
                if any(a < hit[1] and hit[0] < b for a, b in taken):
                    hit = None
                    continue
                break
        if hit is None:
            continue
        taken.append(hit)
        if hit[0] >= cursor:
            cursor = hit[1]
        found.append(
            Found(spec, stream.to_text_index(hit[0]), stream.to_text_index(hit[1] - 1) + 1, variant)
        )
    found.sort(key=lambda f: f.start)
    return found


# --- reading a row's tokens -------------------------------------------------------------


@dataclass
class Segment:
    found: Found | None
    values: list[Token] = field(default_factory=list)  # value and blank tokens, in order
    stray: list[Token] = field(default_factory=list)  # value tokens that fit no label

    @property
    def core(self) -> list[Token]:
        return [t for t in self.values if t.kind != "trailing-blank"]

    @property
    def numbers(self) -> list[Token]:
        return [t for t in self.values if t.kind == "value"]


def _segment(stream: Stream, found: Found | None, start: int, end: int, last: bool) -> Segment:
    """The values after a label: leading label debris skipped, stop at text after values.

    Values in another table than the label's (running text counts as one "table") are
    not this label's: a garbled PDF→Markdown conversion puts labels in running text and
    their numbers in tables of their own, and narrative after a table is no cell.
    """
    seg = Segment(found)
    label_table = stream.table_at(found.start) if found else -2
    stopped = False
    for token in stream.tokens(start, end):
        if token.kind == "text":
            if seg.values:
                stopped = True
            continue
        foreign = found is None or stream.table_at(token.start) != label_table
        if token.kind == "trailing-blank":
            if not stopped and not foreign and seg.values:
                seg.values.append(token)
            continue
        if stopped or foreign:
            if token.kind == "value" and not last:
                seg.stray.append(token)
            continue
        seg.values.append(token)
    return seg


def _make_value(key: str, token: Token, kind: str) -> Value:
    if token.kind in ("blank", "trailing-blank"):
        return Value(key, token.text, None, token.span, "blank")
    number, problem = parse_value(token.text.value, kind)  # type: ignore[arg-type]
    return Value(key, token.text, number, token.span, problem)


def _fit(tokens: list[Token], seg: Segment, width: int) -> list[Token] | None:
    """The row's cells if they can be counted without guessing, else None."""
    core = seg.core
    if len(core) == width:
        return core
    numbers = [t for t in core if t.kind == "value"]
    if len(numbers) == width:  # interior blanks were layout debris
        return numbers
    trailing = [t for t in seg.values if t.kind == "trailing-blank"]
    if len(core) < width <= len(core) + len(trailing):  # a real blank last cell
        return core + trailing[: width - len(core)]
    return None


def _split_run(token: Token, width: int, check) -> list[Token] | None:
    """Cells that ran together (``801000081``): the unique split that ``check`` accepts."""
    digits = token.text.value
    if not digits.isdigit() or len(digits) <= 1 and width > 1:
        return None
    options = splits(digits, width)
    if not options:
        return None
    good = [o for o in options if check(o)]
    if len(good) != 1:
        return None
    return _pieces(token, good[0])


def _split_candidates(token: Token, width: int, check) -> list[list[int]] | None:
    """Every split of a digit run that ``check`` accepts (None: too many to try)."""
    digits = token.text.value
    if not digits.isdigit():
        return []
    options = splits(digits, width)
    if options is None:
        return None
    return [o for o in options if check(o)]


def _pieces(token: Token, numbers: list[int]) -> list[Token]:
    """The located cells of a digit run cut as ``numbers``."""
    out, k = [], 0
    for number in numbers:
        n = len(str(number))
        piece = token.text[k : k + n]
        out.append(Token("value", piece, token.start + k, token.start + k + n, token.row))
        k += n
    return out


def _not_one_number(values: list[int]) -> bool:
    """Table 二 has no relation to choose a cut: accept one only where the run read as a
    single number would have a leading zero (``000`` is three zeros)."""
    return values[0] == 0


def _row_sum_ok(values: list[int]) -> bool:
    return values[-1] == sum(values[:-1])


# --- the tables ---------------------------------------------------------------------------


def _section_start(document: Document, stream_of_doc: Stream, words: tuple[str, ...]) -> int | None:
    """Stream index of the heading of the section whose title has one of ``words``."""
    for section in document.sections:
        heading = section.heading
        title = (heading.title or heading.text).compact.value
        if any(w in title for w in words):
            return _text_index_of(stream_of_doc, heading.span.start)
    return None


def _text_index_of(stream: Stream, offset: int) -> int | None:
    starts = stream.text.starts
    for i in range(len(starts)):  # linear once per table; cheap next to normalisation
        if starts[i] >= offset:
            return i
    return None


def _first(stream: Stream, patterns: Iterable[str], lo: int, hi: int) -> tuple[int, int] | None:
    best = None
    for pattern in patterns:
        match = re.compile(pattern).search(stream.view, lo, hi)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), match.end())
    return best


class Recogniser:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.stream = Stream(document.blocks)
        # merged-cells rows with no unique split, per table: resolved (or not) by the
        # table's column relations once every other row is read
        self._ambiguous: list[tuple[RecognisedTable, AlignmentProblem, Token, str, tuple, list | None]] = []

    # regions ------------------------------------------------------------------------
    def _view_lo(self, words: tuple[str, ...]) -> int:
        try:
            at = _section_start(self.document, self.stream, words)
        except Exception:  # a half-built structure must not stop recognition
            at = None
        return self.stream.to_view_index(at) if at is not None else 0

    def run(self) -> StandardTables:
        stream = self.stream
        n = len(stream.view)
        result = StandardTables()
        if not n:
            return result
        # anchors, in document order
        active_lo = self._view_lo(("主动公开政府信息",))
        active = _first(stream, [r"第二十条第\(一\)项?"], active_lo, n) or _first(
            stream, [r"第二十条第\(一\)项?"], 0, n
        )
        if active is None:
            info = _first(stream, [r"信息内容(?:本年制发件数|本年新制作)"], 0, n)
            active = info
        requests_lo = active[1] if active else self._view_lo(("收到和处理",))
        requests = self._requests_anchor(requests_lo, n) or self._requests_anchor(0, n)
        appeals_lo = requests[1] if requests else (active[1] if active else 0)
        appeals = _first(stream, [r"未经复议直接起诉", r"复议后起诉", r"结果维持"], appeals_lo, n)
        if appeals is not None:
            back = stream.view.rfind("行政复议", max(appeals_lo, appeals[0] - 80), appeals[0])
            if back >= 0:
                appeals = (back, appeals[1])
        bounds = sorted(a[0] for a in (active, requests, appeals) if a is not None) + [n]

        def end_of(anchor: tuple[int, int]) -> int:
            return next(b for b in bounds if b > anchor[0])

        if active is not None:
            result.active = self._active(active[0], end_of(active))
        if requests is not None:
            result.requests = self._requests(requests[0], end_of(requests))
        if appeals is not None:
            # section 五 bounds table 四 even when run together with it (text dumps)
            after = _first(stream, [r"五[、.]?(?:政府信息公开工作)?存在的主要问题", r"六[、.]?其他需要报告"], appeals[1], n)
            result.appeals = self._appeals(appeals[0], min(end_of(appeals), after[0] if after else n))
        return result

    def _requests_anchor(self, lo: int, hi: int) -> tuple[int, int] | None:
        stream = self.stream
        received = _first(stream, [T.REQUESTS_2021.rows[0].patterns[0]], lo, hi) or _first(
            stream, T.REQUESTS_2021.rows[0].variants, lo, hi
        )
        if received is None:
            return _first(stream, [r"勾稽关系", r"申请人情况"], lo, hi)
        header = _first(stream, [r"\(?本列数据的勾稽关系", r"申请人情况"], max(lo, received[0] - 400), received[0])
        return (header[0], received[1]) if header else received

    # generic row-labelled tables ----------------------------------------------------
    def _read_rows(
        self, template: T.Template, lo: int, hi: int, table: RecognisedTable, width_of
    ) -> list[Segment]:
        stream = self.stream
        found = _find_rows(stream, template.rows, lo, hi)
        segments: list[Segment] = []
        text_hi = stream.to_text_index(hi)
        for i, f in enumerate(found):
            end = found[i + 1].start if i + 1 < len(found) else text_hi
            segments.append(_segment(stream, f, f.end, end, last=i + 1 == len(found)))
        return segments

    def _assign(
        self,
        template: T.Template,
        table: RecognisedTable,
        segments: list[Segment],
        columns_of,
        split_check,
    ) -> None:
        seen: set[str] = set()
        for seg in segments:
            f = seg.found
            assert f is not None
            spec = f.spec
            if spec.key in seen:
                continue
            seen.add(spec.key)
            label_text = self.stream.text[f.start : f.end]
            label_row = self.stream.row_at(f.start) if self.stream.table_at(f.start) != -1 else -1
            if f.variant:
                if _wording_differs(self.stream, f, spec.label):
                    found_text = re.sub(r"[\s" + CELL + r"|｜]+", "", label_text.value)
                    table.problems.append(
                        AlignmentProblem(
                            "label-variant",
                            label_text.span(),
                            {"row": spec.key, "expected": spec.label, "canonical": spec.label, "found": found_text},
                        )
                    )
            self._unlabelled(table, spec.key, seg.stray, width=None)
            key = spec.key if spec.role == "data" else spec.subtotal
            columns = columns_of(spec)
            width = len(columns)
            if spec.role != "data" and not seg.core:
                continue
            cells = _fit(seg.core, seg, width)
            if cells is None and label_row != -1:
                # a label row holding exactly its cells, followed by rows of numbers
                # with no label of their own: those are not this row's
                own = Segment(f, [t for t in seg.values if t.row == label_row])
                if own.core and len(own.core) < len(seg.core):
                    cells = _fit(own.core, own, width)
                    if cells is not None:
                        rest = [t for t in seg.values if t.row != label_row and t.kind == "value"]
                        self._unlabelled(table, spec.key, rest, width)
            check = split_check(spec)
            run = seg.core[0].text.value if len(seg.core) == 1 else ""
            if cells is None and width > 1 and run.isdigit():
                cells = _split_run(seg.core[0], width, check)
                detail = {"row": key or spec.key, "found": seg.core[0].text.value}
                if cells is not None:
                    detail["split"] = [t.text.value for t in cells]
                elif len(seg.core[0].text.value) < width:
                    # fewer digits than cells: no run of merged cells but debris
                    # (a numbering torn off its label); the row keeps no values
                    detail["too_short"] = True
                else:
                    detail["ambiguous"] = True  # no unique split: the row keeps no values
                problem = AlignmentProblem("merged-cells", seg.core[0].span, detail)
                table.problems.append(problem)
                if cells is None:
                    table.rows[key or spec.key] = Row(key or spec.key, label_text, label_text.span())
                    if key is not None and detail.get("ambiguous"):
                        candidates = _split_candidates(seg.core[0], width, check)
                        self._ambiguous.append((table, problem, seg.core[0], key, columns, candidates))
                    continue
            if key is None or (spec.role != "data" and cells is None):
                # numbers beside a label that carries none: they belong to no row
                self._unlabelled(table, spec.key, [t for t in seg.values if t.kind == "value"], width)
                continue
            if cells is None:
                kind = "extra-cells" if len(seg.core) > width else "missing-cells"
                table.problems.append(
                    AlignmentProblem(
                        kind,
                        _cover(seg.values) or label_text.span(),
                        {"row": key, "label": spec.label, "expected": width, "found": len(seg.core)},
                    )
                )
                table.rows[key] = Row(key, label_text, label_text.span())
                continue
            row = Row(key, label_text, label_text.span())
            for column, token in zip(columns, cells):
                value = _make_value(f"{key}.{column.key}", token, column.kind)
                row.values.append(value)
                table.cells[value.key] = value
            table.rows[key] = row

    def _unlabelled(self, table: RecognisedTable, after: str, tokens: list[Token], width: int | None) -> None:
        """One ``unlabelled-row`` per source row of numbers that no label owns.

        A row with more cells than the template has also gets ``extra-cells``; a cell
        holding several numbers (``0 0 0 0 0 0 0 0``) is a label replaced by numbers.
        """
        groups: list[list[Token]] = []
        for token in tokens:
            if groups and (token.row == groups[-1][-1].row and token.row != -1 or token.row == -1 == groups[-1][-1].row):
                groups[-1].append(token)
            else:
                groups.append([token])
        value = self.stream.text.value
        for group in groups:
            span = _cover(group) or group[0].span
            cells = 1 + sum(CELL in value[a.end : b.start] for a, b in zip(group, group[1:]))
            merged = [
                a.text.value
                for a, b in zip(group, group[1:])
                if a.row != -1 and CELL not in value[a.end : b.start]
            ]
            detail = {"after": after, "count": len(group), "cells": cells}
            if merged:
                detail["label_replaced_by_numbers"] = True
            if group[0].row != -1:
                # the row's first cell, where its label belongs
                first = [group[0]]
                for a, b in zip(group, group[1:]):
                    if CELL in value[a.end : b.start]:
                        break
                    first.append(b)
                detail["label_span"] = _cover(first) or first[0].span
                detail["label_text"] = " ".join(value[first[0].start : first[-1].end].split())
            table.problems.append(AlignmentProblem("unlabelled-row", span, detail))
            limit = width or len(table.columns) or None
            if limit and group[0].row != -1 and cells > limit:
                table.problems.append(
                    AlignmentProblem("extra-cells", span, {"after": after, "expected": limit, "found": cells})
                )

    def _missing(self, template: T.Template, table: RecognisedTable, segments: list[Segment]) -> None:
        present = {s.found.spec.key for s in segments if s.found}
        if not table.has_numbers and not any(s.values for s in segments):
            # an unfilled template is one finding, not one per empty row
            table.problems = [
                p for p in table.problems if not (p.kind == "missing-cells" and p.detail.get("found") == 0)
            ]
            table.problems.append(AlignmentProblem("no-numbers", table.span, {}))
            return
        for spec in template.data_rows():
            if spec.key not in present:
                table.problems.append(
                    AlignmentProblem("missing-row", table.span, {"row": spec.key, "label": spec.label})
                )

    def _resolve_ambiguous(self, template: T.Template, table: RecognisedTable) -> None:
        """Rows whose digits ran together with several readings (``220000022``): read
        them only if exactly one combination of their readings makes the whole table
        satisfy its relations (R1–R4); otherwise they stay unread."""
        pending = [a for a in self._ambiguous if a[0] is table]
        if not pending or any(not a[5] for a in pending):
            return
        total = 1
        for a in pending:
            total *= len(a[5])
            if total > 20_000:
                return
        equations = template.equations(table)
        # every cell of every relation must be read (or be one of the pending rows)
        pending_keys = {f"{a[3]}.{c.key}" for a in pending for c in a[4]}
        for eq in equations:
            if any(k not in table.cells and k not in pending_keys for k in eq.left + eq.right):
                return
            if any(
                k in table.cells and table.cells[k].number is None for k in eq.left + eq.right
            ):
                return
        from itertools import product

        solutions = []
        for combo in product(*(a[5] for a in pending)):
            numbers = {}
            for a, option in zip(pending, combo):
                for column, number in zip(a[4], option):
                    numbers[f"{a[3]}.{column.key}"] = number

            def value(key: str):
                return numbers[key] if key in numbers else table.cells[key].number

            if all(sum(value(k) for k in eq.left) == sum(value(k) for k in eq.right) for eq in equations):
                solutions.append(combo)
                if len(solutions) > 1:
                    return
        if len(solutions) != 1:
            return
        for a, option in zip(pending, solutions[0]):
            _, problem, token, key, columns, _ = a
            cells = _pieces(token, list(option))
            problem.detail.pop("ambiguous", None)
            problem.detail["split"] = [t.text.value for t in cells]
            problem.detail["resolved_by"] = sorted({eq.relation.name for eq in equations})
            row = table.rows.get(key) or Row(key, None, None)
            row.values = []
            for column, cell in zip(columns, cells):
                v = _make_value(f"{key}.{column.key}", cell, column.kind)
                row.values.append(v)
                table.cells[v.key] = v
            table.rows[key] = row
        # keep the template's cell order
        order = {k: i for i, k in enumerate(template.cell_keys())}
        table.cells = dict(sorted(table.cells.items(), key=lambda kv: order.get(kv[0], len(order))))

    # table 二 ---------------------------------------------------------------------------
    def _active(self, lo: int, hi: int) -> RecognisedTable:
        stream = self.stream
        signatures = []
        for label, regex in T.SIGNATURE_REGEXES:
            match = regex.search(stream.view, lo, hi)
            if match:
                signatures.append((label, stream.compact.span(match.start(), match.end())))
        template = T.ACTIVE_2019 if signatures else T.ACTIVE_2021
        table = RecognisedTable("active", template.layout, stream.compact.span(lo, hi))
        table.signatures_2019 = signatures
        segments = self._read_rows(template, lo, hi, table, None)
        # no arithmetic in table 二: a run of digits is cut only when it cannot be one
        # number (``000``); ``35`` is the cell 35, never 3 and 5
        self._assign(template, table, segments, template.columns_of, lambda spec: _not_one_number)
        # each block of rows with its own columns has its own header, after the
        # 第二十条 marker (or the table's start) and before its first row
        previous_columns = None
        text_lo = stream.to_text_index(lo)
        for i, seg in enumerate(segments):
            spec = seg.found.spec
            if spec.role != "data":
                continue
            columns = template.columns_of(spec)
            if columns != previous_columns:
                start = segments[i - 1].found.end if i else text_lo
                self._check_header(table, start, seg.found.start, columns)
            previous_columns = columns
        table.columns = []
        for spec in template.data_rows():
            for column in template.columns_of(spec):
                if column.key not in table.columns:
                    table.columns.append(column.key)
        table.span = _table_span(table, segments) or table.span
        self._missing(template, table, segments)
        return table

    # table 三 ---------------------------------------------------------------------------
    def _requests(self, lo: int, hi: int) -> RecognisedTable:
        stream = self.stream
        found = _find_rows(stream, T.REQUESTS_2021.rows, lo, hi)
        keys = {f.spec.key for f in found}
        # （六）其他处理 without its three sub-rows but with numbers: the 2019 single row
        sub_other = keys & {"other.no_correction", "other.fee_unpaid", "other.other"}
        template = T.REQUESTS_2021
        if "other" in keys and not sub_other:
            template = T.REQUESTS_2019
        table = RecognisedTable("requests", template.layout, stream.compact.span(lo, hi))
        segments = self._read_rows(template, lo, hi, table, None)
        if template is T.REQUESTS_2019:
            for seg in segments:
                if seg.found and seg.found.spec.key == "other":
                    table.signatures_2019.append(
                        ("（六）其他处理", stream.text[seg.found.start : seg.found.end].span())
                    )
        columns = list(T.REQUEST_COLUMNS)
        legal_at = _legal_persons_position(segments, len(columns))
        if legal_at is not None:
            columns.insert(legal_at, T.LEGAL_PERSONS)
        table.columns = [c.key for c in columns]

        def check(spec):
            if legal_at is None:
                return _row_sum_ok
            return lambda o: o[-1] == sum(o[:-1]) - o[legal_at]

        self._assign(template, table, segments, lambda spec: tuple(columns), check)
        self._resolve_ambiguous(template, table)
        first_row = next((s.found.start for s in segments if s.found), None)
        if first_row is not None:
            header_columns = list(columns)
            if T.LEGAL_PERSONS not in header_columns:
                header_columns.append(T.LEGAL_PERSONS)
            self._check_header(table, stream.to_text_index(lo), first_row, header_columns)
        table.span = _table_span(table, segments) or table.span
        self._missing(template, table, segments)
        return table

    # table 四 ---------------------------------------------------------------------------
    def _appeals(self, lo: int, hi: int) -> RecognisedTable:
        stream = self.stream
        table = RecognisedTable("appeals", "2021", stream.compact.span(lo, hi))
        table.columns = [o.key for o in T.APPEAL_OUTCOMES]
        text_lo, text_hi = stream.to_text_index(lo), stream.to_text_index(hi)
        tokens = stream.tokens(text_lo, text_hi)
        first_value = next((i for i, t in enumerate(tokens) if t.kind == "value"), None)
        if first_value is None:
            # a text dump with the data row glued to the header: ``…总计110024001510102``
            glued = None
            for glued in re.finditer(r"总计(?=[0-9])", stream.view[lo:hi]):
                pass
            if glued is not None:
                tokens = stream.tokens(stream.to_text_index(lo + glued.end()), text_hi)
                first_value = next((i for i, t in enumerate(tokens) if t.kind == "value"), None)
        if first_value is None:
            table.problems.append(AlignmentProblem("no-numbers", table.span, {}))
            return table
        header_end = tokens[first_value].start
        self._check_appeal_header(table, stream.to_view_index(text_lo), stream.to_view_index(header_end))
        cells: list[Token] = []
        for token in tokens[first_value:]:
            if token.kind == "text":
                break
            if token.kind == "trailing-blank" and len(cells) >= len(T.APPEAL_KEYS):
                continue
            cells.append(token)
        cells = self._join_appeal_parts(cells, tokens[first_value + len(cells):]) or cells
        if len(cells) == 1 and cells[0].kind == "value":
            split = _split_run(cells[0], len(T.APPEAL_KEYS), _appeals_ok)
            if split is not None:
                table.problems.append(
                    AlignmentProblem(
                        "merged-cells",
                        cells[0].span,
                        {"row": "appeals", "found": cells[0].text.value, "split": [t.text.value for t in split]},
                    )
                )
                cells = split
            elif cells[0].text.value.isdigit() and len(cells[0].text.value) >= len(T.APPEAL_KEYS):
                table.problems.append(
                    AlignmentProblem(
                        "merged-cells",
                        cells[0].span,
                        {"row": "appeals", "found": cells[0].text.value, "ambiguous": True},
                    )
                )
                return table
        core = [t for t in cells if t.kind != "trailing-blank"]
        fitted = None
        if len(core) == len(T.APPEAL_KEYS):
            fitted = core
        elif len([t for t in core if t.kind == "value"]) == len(T.APPEAL_KEYS):
            fitted = [t for t in core if t.kind == "value"]
        elif len(core) < len(T.APPEAL_KEYS) <= len(cells):
            fitted = cells[: len(T.APPEAL_KEYS)]
        if fitted is None:
            kind = "extra-cells" if len(core) > len(T.APPEAL_KEYS) else "missing-cells"
            table.problems.append(
                AlignmentProblem(kind, _cover(cells) or table.span, {"row": "appeals", "expected": 15, "found": len(core)})
            )
            return table
        for index, (group, label) in enumerate(T.APPEAL_GROUPS):
            row = Row(group, None, None)
            for j, outcome in enumerate(T.APPEAL_OUTCOMES):
                token = fitted[index * 5 + j]
                value = _make_value(f"{group}.{outcome.key}", token, "count")
                row.values.append(value)
                table.cells[value.key] = value
            table.rows[group] = row
        table.span = stream.text[text_lo : fitted[-1].end].span()
        return table

    def _join_appeal_parts(self, first: list[Token], rest: list[Token]) -> list[Token] | None:
        """表四 printed as sub-tables (行政复议 / 未经复议直接起诉 / 复议后起诉, each under a
        heading of its own): the rows of five cells joined in the template's order.

        Joined only when each part holds whole groups of five cells and the text before
        each later part names the group it starts with; else None (the one-row reading
        and its findings stand).
        """
        size = len(T.APPEAL_OUTCOMES)

        def whole(run: list[Token]) -> list[Token]:
            core = [t for t in run if t.kind != "trailing-blank"]
            return core if len(core) % size == 0 else [t for t in core if t.kind == "value"]

        joined = whole(first)
        if not joined or len(joined) % size or len(joined) >= len(T.APPEAL_KEYS):
            return None
        view = self.stream.view
        labels = [label for _, label in T.APPEAL_GROUPS]
        between: list[Token] = []
        run: list[Token] = []
        for token in rest + [Token("text", Text("", array("l"), array("l")), -1, -1, -1)]:
            if token.kind != "text":
                run.append(token)
                continue
            if any(t.kind == "value" for t in run):
                part = whole(run)
                group = labels[len(joined) // size]
                words = "".join(
                    view[self.stream.to_view_index(t.start) : self.stream.to_view_index(t.end)] for t in between
                )
                if not part or len(part) % size or group not in words.replace("行政诉讼", ""):
                    return None
                joined += part
                if len(joined) >= len(T.APPEAL_KEYS):
                    return joined if len(joined) == len(T.APPEAL_KEYS) else None
                between = []
            run = []  # blank header cells between the parts are no values
            between.append(token)
        return None

    def _check_header(
        self, table: RecognisedTable, text_lo: int, text_hi: int, columns
    ) -> None:
        """``truncated-label`` for header cells of 表二/表三 cut short (``本年新``).

        A cell is truncated when it is a proper beginning of a column label, that label
        is nowhere complete in the header, and its missing part is absent too (a label
        wrapped over cells or lines is whole once the separators are dropped).
        """
        if text_hi <= text_lo:
            return
        stream = self.stream
        tokens = [t for t in stream.tokens(text_lo, text_hi) if t.kind == "text"]
        if not tokens:
            return
        views = [
            re.sub(r"[|｜]", "", stream.view[stream.to_view_index(t.start) : stream.to_view_index(t.end)])
            for t in tokens
        ]
        header = "".join(views)
        pending = [
            (label, core) for label, core, forms in _header_labels(columns) if not any(f in header for f in forms)
        ]
        for token, view in zip(tokens, views):
            if len(view) < 2:
                continue
            for k, (label, core) in enumerate(pending):
                if core.startswith(view) and view != core and core[len(view) :] not in header:
                    table.problems.append(
                        AlignmentProblem(
                            "truncated-label",
                            token.span,
                            {"found": token.text.value.strip(), "expected": label},
                        )
                    )
                    del pending[k]
                    break

    def _check_appeal_header(self, table: RecognisedTable, lo: int, hi: int) -> None:
        """``truncated-label`` for header cells cut short (``结果`` for ``结果纠正``).

        Only when the missing halves are absent from the header altogether: a garbled
        conversion that tears labels apart but keeps every character is not truncation.
        """
        stream = self.stream
        view = stream.view
        header = view[lo:hi]
        groups = len(T.APPEAL_GROUPS)
        full = [o.label for o in T.APPEAL_OUTCOMES]
        tails = {"结果维持": "维持", "结果纠正": "纠正", "其他结果": "其他结果", "尚未审结": "审结"}
        if all(header.count(tail) >= groups for tail in tails.values()):
            return
        # walk the header: group labels skipped, outcome labels matched in order
        pos, expected = lo, 0
        group_re = re.compile("|".join(T.APPEAL_GROUP_LABELS))
        while pos < hi and expected < groups * 5:
            g = group_re.match(view, pos, hi)
            if g:
                pos = g.end()
                continue
            want = full[expected % 5]
            if view.startswith(want, pos) and pos + len(want) <= hi:
                pos += len(want)
                expected += 1
                continue
            prefix = want[:2]
            if view.startswith(prefix, pos) and want != prefix and header.count(tails.get(want, want)) < groups:
                table.problems.append(
                    AlignmentProblem(
                        "truncated-label",
                        stream.compact.span(pos, pos + 2),
                        {"found": prefix, "expected": want},
                    )
                )
                pos += 2
                expected += 1
                continue
            pos += 1


_NUMBERING_HEAD = re.compile(
    r"^(?:[一二三四五六七八九十]{1,2}[、.,．，]|[(（][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十][)）]|\d{1,2}[.、,．，])"
)


def _label_core(label: str) -> str:
    """A label without its numbering, punctuation and spacing: the words alone.

    Two labels with the same core differ only in form (``1、`` for ``1.``, quotes,
    punctuation width), not in wording.
    """
    label = re.sub(r"\s+", "", label)
    label = _NUMBERING_HEAD.sub("", label)
    return re.sub(r"[^\w]|_", "", label)


def _wording_differs(stream: Stream, found: Found, label: str) -> bool:
    """Whether a label matched through a variant really has other wording.

    Not when only numbering, punctuation or spacing differ (the compact view already
    folds Traditional characters, pinyin and line wraps), nor when the official words
    are all there in order but torn apart by debris of neighbouring cells (a garbled
    PDF conversion: ``只\n度办\n理结计这一情形``).
    """
    vs, ve = stream.to_view_index(found.start), stream.to_view_index(found.end)
    canon = _label_core(label)
    core = _label_core(stream.view[vs:ve])
    if core == canon:
        return False
    missing = len(canon) - len(core)
    if missing > 0:
        window = _label_core(stream.view[vs : ve + 2 * missing])
    elif "\n" in stream.text.value[found.start : found.end]:
        window = core
    else:
        return True
    it = iter(window)
    return not all(ch in it for ch in canon)


def _header_labels(columns) -> list[tuple[str, str, tuple[str, ...]]]:
    """(label, core used for truncation, complete forms) of header columns (compact view)."""
    out = []
    for column in columns:
        label = column.label
        core = re.sub(r"[（(].*$", "", label)  # 本年收费金额（单位：万元）: the unit is optional
        forms = (core,) + tuple(column.variants)
        out.append((label, core, forms))
    return out


def _appeals_ok(values: list[int]) -> bool:
    return all(values[g * 5 + 4] == sum(values[g * 5 : g * 5 + 4]) for g in range(3))


def _legal_persons_position(segments: list[Segment], width: int) -> int | None:
    """Where an extra 法人或其他组织 subtotal column sits, if the rows prove there is one.

    Every labelled data row must carry ``width + 1`` numbers, and the sums must place
    the subtotal (after 自然人, or before 总计) the same way in every row.
    """
    rows = [s for s in segments if s.found and s.found.spec.role == "data" and s.core]
    if len(rows) < 3:
        return None
    numbers = []
    for seg in rows:
        core = seg.core
        if len(core) != width + 1:
            return None
        parsed = [parse_value(t.text.value)[0] if t.kind == "value" else 0 for t in core]
        if any(not isinstance(v, int) for v in parsed):
            return None
        numbers.append(parsed)
    candidates = []
    for at in (1, width - 1):
        ok = True
        for v in numbers:
            rest = v[:at] + v[at + 1 :]
            orgs = rest[1 : width - 1]
            if v[at] != sum(orgs) or rest[-1] != sum(rest[:-1]):
                ok = False
                break
        if ok:
            candidates.append(at)
    return candidates[0] if candidates else None


def _cover(tokens: list[Token]) -> Span | None:
    spans = [t.span for t in tokens if t.span.end > t.span.start]
    if not spans:
        return None
    out = spans[0]
    for span in spans[1:]:
        out = out.cover(span)
    return out


def _table_span(table: RecognisedTable, segments: list[Segment]) -> Span | None:
    covered = [v.span for v in table.cells.values() if v.span.end > v.span.start]
    covered += [r.label_span for r in table.rows.values() if r.label_span]
    if not covered:
        return None
    out = covered[0]
    for span in covered[1:]:
        out = out.cover(span)
    return out


def recognise(document: Document) -> StandardTables:
    """Tables 二, 三 and 四 of a document; never raises on odd input."""
    try:
        return Recogniser(document).run()
    except Exception as error:  # pragma: no cover - a bug here must not stop linting
        tables = StandardTables()
        document.reader_notes["tables_error"] = repr(error)
        return tables
