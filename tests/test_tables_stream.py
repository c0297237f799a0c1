"""The table stream's fast paths against the general code they replace.

:class:`gxlint.tables.stream.Stream` writes its runs directly (instead of a TextBuilder
call per cell and separator; as lists while they are few, then arrays), cuts a range
into pieces by ``str.split`` a chunk at a time (not a regex match per piece), classifies
pieces by their first character before trying the value patterns, tracks the block of
each piece as it goes (its row is looked up when asked for), and makes a token's Text
and span only when asked for.  Each of these must give exactly what the general code
gave: the reference implementations below are that code as it stood (a TextBuilder per
piece; PIECE's matches, both patterns tried on every piece; ``row_at`` and ``table_at``
by bisection; ``stream.text[start:end]`` and its ``span()`` for every token), compared
on every vendored report and on generated documents of tables and paragraphs with
multi-run, entity-like and synthetic cell texts.
"""

from __future__ import annotations

import bisect
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, HTML_CORPUS, REPO, SEEDS, read_document
from gxlint.document import LINEAR, Cell, Paragraph, Source, Table, Text, TextBuilder
from gxlint.page_markers import PAGE_MARKER_LINES
from gxlint.tables import stream as stream_module
from gxlint.tables.recognise import Recogniser
from gxlint.tables.stream import (
    BLANK,
    CELL,
    PIECE,
    ROW,
    SLASH_TOKEN,
    TEXT_MARK,
    TRAILING_BLANK,
    VALUE_TOKEN,
    Stream,
)


# --- the general code, as it was ------------------------------------------------------


def reference_text(blocks) -> tuple[Text, list[int], list[int], list[int], list[int]]:
    """The stream text built with one TextBuilder call per piece, and its row and table maps."""
    builder = TextBuilder()
    row_starts, row_values, table_starts, table_values = [], [], [], []
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
                row_starts.append(len(builder))
                row_values.append(row_id)
                for i in range(first, len(cells)):
                    cell = cells[i]
                    at = cell.span
                    if i > last:
                        builder.add_spanning(TRAILING_BLANK, at.start, at.end)
                    elif cell.text.value.strip():
                        builder.add_text(cell.text)
                    else:
                        builder.add_spanning(BLANK, at.start, at.end)
                    builder.add_spanning(CELL, at.end, at.end)
                end = cells[-1].span.end
                builder.add_spanning(ROW, end, end)
        else:
            table_values.append(-1)
            if not row_values or row_values[-1] != -1:
                row_starts.append(len(builder))
                row_values.append(-1)
            builder.add_text(block.text)
            end = block.text.span().end if len(block.text) else 0
            builder.add_spanning(ROW, end, end)
    return builder.build(), row_starts, row_values, table_starts, table_values


def reference_scan(value: str) -> str:
    chars = list(value)
    for match in PAGE_MARKER_LINES.finditer(value):
        i, j = match.span()
        chars[i:j] = " " * (j - i)
    return "".join(chars)


def reference_tokens(stream: Stream, start: int, end: int) -> list[tuple]:
    """``(kind, value, start, end, row, table, runs of the token's text, span)`` of every token."""

    def row_at(index: int) -> int:
        k = bisect.bisect_right(stream._row_starts, index) - 1
        return stream._row_values[k] if k >= 0 else -1

    def table_at(index: int) -> int:
        k = bisect.bisect_right(stream._table_starts, index) - 1
        return stream._table_values[k] if k >= 0 else -1

    out = []

    def token(kind: str, at: int, length: int) -> None:
        text = stream.text[at : at + length]
        out.append((kind, text.value, at, at + length, row_at(at), table_at(at), list(text.runs()), text.span()))

    if start < end:
        for match in PIECE.finditer(stream.scan, start, end):
            piece, at = match.group(), match.start()
            if piece == BLANK or piece == TRAILING_BLANK:
                token("blank" if piece == BLANK else "trailing-blank", at, 1)
            elif SLASH_TOKEN.fullmatch(piece) or VALUE_TOKEN.fullmatch(piece):
                token("value", at, len(piece))
            elif piece.strip(BLANK + TRAILING_BLANK):
                token("text", at, len(piece))
    return out


def fast_tokens(stream: Stream, start: int, end: int) -> list[tuple]:
    return [
        (t.kind, t.value, t.start, t.end, t.row, t.table, list(t.text.runs()), t.span)
        for t in stream.tokens(start, end)
    ]


def assert_same_stream(blocks, ranges=()) -> Stream:
    stream = Stream(blocks)
    text, row_starts, row_values, table_starts, table_values = reference_text(blocks)
    assert stream.text.value == text.value
    assert list(stream.text.runs()) == list(text.runs())
    if stream._runs is not None:  # the runs' source ends, made for spans over many runs
        assert list(stream._ends_of()) == [s + n if w == LINEAR else s + w for _, n, s, w in text.runs()]
    # (lists, or arrays past _LIST_RUNS rows or blocks)
    assert (list(stream._row_starts), list(stream._row_values)) == (row_starts, row_values)
    assert (list(stream._table_starts), list(stream._table_values)) == (table_starts, table_values)
    assert stream.scan == reference_scan(text.value)
    # stream <-> compact view positions, as the view's own map gives them
    compact, size = stream.compact, len(stream.view)
    for i in range(size + 2):
        expected = 0 if not size else len(stream.text) if i >= size else compact.origin_at(i)
        assert stream.to_text_index(i) == expected, i
    for i in range(len(stream.text) + 2):
        assert stream.to_view_index(i) == compact.view_index(i), i
    n = len(stream.text)
    # the rows of many indexes in one call, as row_at gives each
    assert stream.rows_of(range(-1, n + 2)) == [stream.row_at(i) for i in range(-1, n + 2)]
    # each token's span (the usual one-run case of span_of, and tokens across runs)
    for token in stream.tokens(0, n):
        assert stream.span_of(token.start, token.end) == stream.text[token.start : token.end].span(), token
    for start, end in [(0, n), *ranges]:
        expected = reference_tokens(stream, start, end)
        assert fast_tokens(stream, start, end) == expected, (start, end)
        # without text tokens' positions: each is the one TEXT_MARK
        marked = [t if t is TEXT_MARK else t.start for t in stream.tokens(start, end, texts=False)]
        assert marked == [TEXT_MARK if t[0] == "text" else t[2] for t in expected]
        # spans and slices of any range (labels and table regions cross runs)
        text = stream.text[start:end]
        assert stream.span_of(start, end) == text.span()
        assert list(stream.slice(start, end).runs()) == list(text.runs())
        assert stream.slice(start, end).value == text.value
    return stream


# --- every vendored report --------------------------------------------------------------

REPORTS = sorted(
    [*SEEDS.glob("*.txt"), *CORPUS.glob("*.txt"), *HTML_CORPUS.glob("*.htm*"), *HTML_CORPUS.glob("*.txt"),
     *(REPO / "docs" / "examples").glob("*.md"), *(REPO / "docs" / "examples").glob("*.txt"),
     REPO / "tests" / "fixtures" / "report-003.md"]
)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: str(p.relative_to(REPO)))
def test_stream_and_tokens_match_the_general_code_on_real_reports(path: Path):
    document = read_document(path)
    blocks = document.blocks
    # the whole stream, and ranges that start and end inside pieces
    stream = Stream(blocks)
    n = len(stream.text)
    ranges = [(k * n // 7, (k + 2) * n // 7) for k in range(6)] + [(3, n - 5), (n // 2 + 1, n // 2 + 40)]
    assert_same_stream(blocks, ranges)


# --- generated documents ----------------------------------------------------------------

_PIECES = st.sampled_from(
    ["1", "23", "007", "1,234", "1.5", "3?", "增1", "减2", "-18", "+4", "/", "—", "--", "(zēng)5",
     "5件", "12万元", "2021年", "共5件。", "总计", "结果维持", "其他", "(一)", " ", "  ", "\u3000",
     "|", "｜", "\n", "\t", "- 3 -", "第 3 页", "\x00", "\x01", "\x1f", "a", "ＡＢ", "０９"]
)
_CELL_VALUE = st.lists(_PIECES, max_size=4).map("".join)


@st.composite
def _cell_text(draw, offset: int) -> Text:
    """A cell's text at source ``offset``: verbatim, an entity-like spanning text, a
    synthetic one, or several runs joined (a wrapped or partly entity-built cell)."""
    value = draw(_CELL_VALUE)
    how = draw(st.sampled_from(["verbatim", "spanning", "synthetic", "joined"]))
    if how == "verbatim" or not value:
        return Text.verbatim(value, offset)
    if how == "spanning":
        return Text.spanning(value, offset, offset + draw(st.integers(0, 6)))
    if how == "synthetic":
        return Text.synthetic(value, offset)
    cut = draw(st.integers(0, len(value)))
    builder = TextBuilder()
    builder.add_source(value[:cut], offset + draw(st.integers(0, 3)))
    builder.add_spanning(value[cut:], offset + draw(st.integers(0, 9)), offset + draw(st.integers(0, 12)))
    return builder.build()


@st.composite
def _blocks(draw):
    blocks = []
    offset = 0
    for _ in range(draw(st.integers(0, 5))):
        if draw(st.booleans()):
            rows = []
            for r in range(draw(st.integers(0, 4))):
                cells = []
                for c in range(draw(st.integers(0, 6))):
                    text = draw(_cell_text(offset))
                    anchor = draw(st.sampled_from([None, "here"]))
                    cells.append(Cell(text, r, c, anchor=None if anchor is None else Text.verbatim("", offset).span()))
                    offset += draw(st.integers(0, 10))  # out of order too: a cell may start before the last one ended
                rows.append(cells)
            blocks.append(Table(Text.verbatim("", offset), rows=rows))
        else:
            blocks.append(Paragraph(draw(_cell_text(offset))))
            offset += draw(st.integers(0, 30))
    return blocks


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_blocks(), st.integers(0, 400), st.integers(0, 400))
def test_stream_and_tokens_match_the_general_code_on_generated_documents(blocks, a, b):
    stream = Stream(blocks)
    n = len(stream.text)
    assert_same_stream(blocks, [(min(a, n), min(b, n)), (min(a, b, n), min(max(a, b), n))])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_blocks())
def test_recogniser_reads_generated_documents_without_error(blocks):
    source = Source("generated.txt", "x" * 2000, format="text")
    from gxlint.document import Document

    Recogniser(Document(source, blocks=blocks)).run()  # not the guarded wrapper: a bug must show


def test_digit_runs_cut_into_cells_keep_their_located_text():
    """``pieces_of`` makes its tokens from the stream: each piece's text is the run's slice."""
    from gxlint.tables.labels import pieces_of

    stream = Stream([Paragraph(Text.verbatim("总计 801000081 其他", 10))])
    run = next(t for t in stream.tokens(0, len(stream.text)) if t.kind == "value")
    pieces = pieces_of(run, [80, 1, 0, 0, 0, 0, 81])
    assert [p.value for p in pieces] == ["80", "1", "0", "0", "0", "0", "81"]
    for piece in pieces:
        expected = run.text[piece.start - run.start : piece.end - run.start]
        assert piece.text.value == expected.value
        assert list(piece.text.runs()) == list(expected.runs())
        assert piece.span == expected.span()


# --- a page of tables: the runs kept in arrays ------------------------------------------


class _RunsInArrays:
    """Streams built while the list-to-array threshold is tiny (a big page's path), and
    spans over more than two runs found from the ends of all runs (a big range's path)."""

    def __enter__(self):
        self.saved = stream_module._LIST_RUNS, stream_module._FEW_RUNS
        stream_module._LIST_RUNS = 3
        stream_module._FEW_RUNS = 2
        return self

    def __exit__(self, *exc):
        stream_module._LIST_RUNS, stream_module._FEW_RUNS = self.saved


@pytest.mark.parametrize("path", REPORTS[:: max(1, len(REPORTS) // 8)], ids=lambda p: p.name)
def test_runs_kept_in_arrays_match_the_general_code_on_real_reports(path: Path):
    document = read_document(path)
    with _RunsInArrays():
        stream = Stream(document.blocks)
        assert stream._runs is None or not isinstance(stream._runs[0], list)
        assert not isinstance(stream._row_starts, list) and not isinstance(stream._table_values, list)
        n = len(stream.text)
        assert_same_stream(document.blocks, [(k * n // 5, (k + 2) * n // 5) for k in range(4)])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_blocks(), st.integers(0, 400), st.integers(0, 400))
def test_runs_kept_in_arrays_match_the_general_code_on_generated_documents(blocks, a, b):
    with _RunsInArrays():
        n = len(Stream(blocks).text)
        assert_same_stream(blocks, [(min(a, b, n), min(max(a, b), n))])


# --- runs written as lists, then arrays past the threshold -------------------------------

_DOCUMENTS: dict[Path, object] = {}


def _document(path: Path):
    if path not in _DOCUMENTS:
        _DOCUMENTS[path] = read_document(path)
    return _DOCUMENTS[path]


class _ListRuns:
    """Streams built while the list-to-array threshold is ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __enter__(self):
        self.saved = stream_module._LIST_RUNS
        stream_module._LIST_RUNS = self.limit
        return self

    def __exit__(self, *exc):
        stream_module._LIST_RUNS = self.saved


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REPORTS), st.integers(1, 1200), st.integers(0, 10**6), st.integers(0, 10**6))
def test_runs_switched_to_arrays_anywhere_match_the_general_code_on_real_reports(path, limit, a, b):
    """The runs start as lists and become arrays before a row, a paragraph or a cell of
    several runs could take them past the threshold: wherever that falls (in a table, in
    running text, or never), the stream is the one the general code builds, and it keeps
    lists only if it has no more runs than the threshold."""
    blocks = _document(path).blocks
    with _ListRuns(limit):
        stream = Stream(blocks)
        n = len(stream.text)
        assert_same_stream(blocks, [(min(a, b) % (n + 1), max(a, b) % (n + 1))])
        if stream._runs is not None and isinstance(stream._runs[0], list):
            assert len(stream._runs[0]) <= limit  # (arrays may come a little early: before a row that could pass it)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_blocks(), st.integers(1, 30), st.integers(0, 400), st.integers(0, 400))
def test_runs_switched_to_arrays_anywhere_match_the_general_code_on_generated_documents(blocks, limit, a, b):
    with _ListRuns(limit):
        stream = Stream(blocks)
        n = len(stream.text)
        assert_same_stream(blocks, [(min(a, b, n), min(max(a, b), n))])
        if stream._runs is not None and isinstance(stream._runs[0], list):
            assert len(stream._runs[0]) <= limit  # (arrays may come a little early: before a row that could pass it)


# --- locate: a slice and its span in one look-up -----------------------------------------


def assert_locate_is_slice_and_span(stream: Stream, start: int, end: int) -> None:
    text, span = stream.locate(start, end)
    reference = stream.text[start:end]
    assert text.value == reference.value
    assert list(text.runs()) == list(reference.runs())
    assert span == reference.span() == stream.span_of(start, end)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REPORTS), st.data())
def test_locate_is_the_slice_and_its_span_on_real_reports(path, data):
    """Labels (the recogniser reads their text and span with one ``locate``) and values:
    every token, every whole cell and random ranges give what ``text[start:end]`` gives."""
    stream = Stream(_document(path).blocks)
    n = len(stream.text)
    for token in stream.tokens(0, n):
        assert_locate_is_slice_and_span(stream, token.start, token.end)
    for start in stream._cell_texts:
        assert_locate_is_slice_and_span(stream, start, start + len(stream._cell_texts[start].value))
    for _ in range(20):
        a = data.draw(st.integers(0, n))
        b = data.draw(st.integers(a, min(n, a + 80)))
        assert_locate_is_slice_and_span(stream, a, b)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_blocks(), st.integers(0, 400), st.integers(0, 400))
def test_locate_is_the_slice_and_its_span_on_generated_documents(blocks, a, b):
    stream = Stream(blocks)
    n = len(stream.text)
    start, end = min(a, b, n), min(max(a, b), n)
    assert_locate_is_slice_and_span(stream, start, end)
    for token in stream.tokens(0, n):
        assert_locate_is_slice_and_span(stream, token.start, token.end)


# --- the values after a label ------------------------------------------------------------


def reference_segment_after(stream: Stream, found, start: int, end: int, last: bool) -> tuple[list, list]:
    """segment_after as it was written first: every token with its text, kinds by name."""
    values, stray = [], []
    label_table = stream.table_at(found.start) if found else -2
    stopped = False
    for token in stream.tokens(start, end):
        if token.kind == "text":
            if values:
                stopped = True
                if last:
                    break
            continue
        foreign = found is None or token.table != label_table
        if token.kind == "trailing-blank":
            if not stopped and not foreign and values:
                values.append(token)
            continue
        if stopped or foreign:
            if token.kind == "value" and not last:
                stray.append(token)
            continue
        values.append(token)
    return values, stray


def _seen(tokens) -> list[tuple]:
    return [(t.kind, t.value, t.start, t.end, t.row, t.table) for t in tokens]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REPORTS), st.data())
def test_segment_after_matches_the_reference_on_real_reports(path, data):
    """Every label the recogniser finds, with the range it reads and ranges drawn across
    tables and running text, with or without a label, last or not."""
    from gxlint.tables.labels import find_rows, segment_after
    from gxlint.tables.templates import ACTIVE_2021, REQUESTS_2021

    stream = Stream(_document(path).blocks)
    n = len(stream.text)
    found = find_rows(stream, REQUESTS_2021.rows, 0, len(stream.view)) + find_rows(stream, ACTIVE_2021.rows, 0, len(stream.view))
    cases = [(f, f.end, min(n, f.end + data.draw(st.integers(0, 300))), data.draw(st.booleans())) for f in found]
    for _ in range(10):
        a = data.draw(st.integers(0, n))
        label = data.draw(st.sampled_from([None, *found])) if found else None
        cases.append((label, a, data.draw(st.integers(a, n)), data.draw(st.booleans())))
    for label, start, end, last in cases:
        segment = segment_after(stream, label, start, end, last)
        values, stray = reference_segment_after(stream, label, start, end, last)
        assert segment.found is label
        assert _seen(segment.values) == _seen(values)
        assert _seen(segment.stray) == _seen(stray)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REPORTS), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 400)), max_size=12),
       st.booleans(), st.booleans())
def test_tokens_of_several_ranges_are_the_tokens_of_each(path, draws, ordered, texts):
    """One call for many ranges (a table's rows) gives each range's own tokens, whether the
    ranges come in stream order (the block only moves on) or not, touch, or are empty."""
    stream = Stream(_document(path).blocks)
    n = len(stream.text)
    ranges = [(a % (n + 1), min(n, a % (n + 1) + length)) for a, length in draws]
    ranges += [(b, a) for a, b in ranges[:2]]  # reversed: empty
    if ordered:
        ranges.sort()
    runs = stream.tokens_of(ranges, texts=texts)
    assert len(runs) == len(ranges)
    for (start, end), tokens in zip(ranges, runs):
        expected = stream.tokens(start, end, texts=texts)
        assert [(t.kind, t.value, t.start, t.end, t.table) for t in tokens] == [
            (t.kind, t.value, t.start, t.end, t.table) for t in expected
        ]
        if texts:
            assert fast_tokens(stream, start, end) == reference_tokens(stream, start, end)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_segments_after_are_segment_after_of_each_label_on_real_reports(path):
    """The recogniser reads a table's rows in one call: each segment is segment_after's
    (and so the reference's) for its label and range, the last one to the table's end."""
    from gxlint.tables.labels import find_rows, segment_after, segments_after
    from gxlint.tables.templates import ACTIVE_2021, REQUESTS_2021

    stream = Stream(_document(path).blocks)
    n, size = len(stream.text), len(stream.view)
    for rows, end in [(REQUESTS_2021.rows, n), (ACTIVE_2021.rows, n), (REQUESTS_2021.rows, stream.to_text_index(size // 2))]:
        found = find_rows(stream, rows, 0, size)
        segments = segments_after(stream, found, end)
        assert len(segments) == len(found)
        for i, (label, segment) in enumerate(zip(found, segments)):
            last = i + 1 == len(found)
            stop = end if last else found[i + 1].start
            expected = segment_after(stream, label, label.end, stop, last)
            assert segment.found is label
            assert _seen(segment.values) == _seen(expected.values)
            assert _seen(segment.stray) == _seen(expected.stray)
            assert (_seen(expected.values), _seen(expected.stray)) == tuple(
                _seen(x) for x in reference_segment_after(stream, label, label.end, stop, last)
            )


# --- pieces split a chunk at a time ------------------------------------------------------


class _Chunk:
    """Stream.tokens splitting ranges ``size`` characters at a time (a big page's path)."""

    def __init__(self, size: int) -> None:
        self.size = size

    def __enter__(self):
        self.saved = stream_module._CHUNK
        stream_module._CHUNK = self.size
        return self

    def __exit__(self, *exc):
        stream_module._CHUNK = self.saved


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REPORTS), st.integers(1, 300), st.integers(0, 10**6), st.integers(0, 10**6))
def test_tokens_of_chunks_of_any_size_match_the_general_code_on_real_reports(path, size, a, b):
    """Chunks end where a piece ends, however small: the tokens are those of the whole range."""
    stream = Stream(_document(path).blocks)
    n = len(stream.text)
    start, end = min(a, b) % (n + 1), max(a, b) % (n + 1)
    with _Chunk(size):
        for lo, hi in [(0, n), (start, end)]:
            assert fast_tokens(stream, lo, hi) == reference_tokens(stream, lo, hi)
            marked = [t if t is TEXT_MARK else t.start for t in stream.tokens(lo, hi, texts=False)]
            assert marked == [TEXT_MARK if t[0] == "text" else t[2] for t in reference_tokens(stream, lo, hi)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_blocks(), st.integers(1, 12), st.integers(0, 400), st.integers(0, 400))
def test_tokens_of_chunks_of_any_size_match_the_general_code_on_generated_documents(blocks, size, a, b):
    stream = Stream(blocks)
    n = len(stream.text)
    with _Chunk(size):
        for lo, hi in [(0, n), (min(a, b, n), min(max(a, b), n))]:
            assert fast_tokens(stream, lo, hi) == reference_tokens(stream, lo, hi)


# --- header labels, kept by the column's identity ---------------------------------------


def test_header_labels_are_each_columns_own_also_for_new_columns():
    from gxlint.tables.labels import _header_label, header_labels
    from gxlint.tables.templates import ACTIVE_2019, ACTIVE_2021, LEGAL_PERSONS, REQUEST_COLUMNS, Column

    columns = [*REQUEST_COLUMNS, LEGAL_PERSONS]
    for template in (ACTIVE_2019, ACTIVE_2021):
        for spec in template.data_rows():
            columns.extend(template.columns_of(spec))
    expected = [_header_label(column) for column in columns]
    assert header_labels(columns) == expected
    assert header_labels(columns) == expected  # (the second time from what was kept)
    # columns made anew (another object at each call, equal or not) get their own labels
    for number in range(300):  # (past the number kept: the memo is cleared, not grown)
        made = Column(f"c{number}", f"本年新制作（单位：件）{number}", variants=(f"本年新{number}",))
        assert header_labels([made]) == [(made.label, "本年新制作", ("本年新制作", f"本年新{number}"))]



# --- a source offset's first stream index ------------------------------------------------


def assert_first_index_from_is_the_texts(stream: Stream, offsets) -> None:
    for offset in offsets:
        assert stream.first_index_from(offset) == stream.text.first_index_from(offset), offset


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: str(p.relative_to(REPO)))
def test_first_index_from_is_the_texts_on_real_reports(path: Path):
    """Section headings are found in the stream from the run lists, as Text's walk finds
    them: every source offset up to past the last run, and each section heading's."""
    document = _document(path)
    stream = Stream(document.blocks)
    high = max(stream._runs[1]) + 3 if stream._runs else 3
    assert_first_index_from_is_the_texts(stream, range(0, high, max(1, high // 3000)))
    assert_first_index_from_is_the_texts(stream, [s.heading.span.start for s in document.sections])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_blocks(), st.integers(-2, 400))
def test_first_index_from_is_the_texts_on_generated_documents(blocks, offset):
    """Out-of-order maps, spanning and synthetic runs, as lists or arrays."""
    assert_first_index_from_is_the_texts(Stream(blocks), [offset, offset + 1, offset + 7])
    previous = stream_module._LIST_RUNS
    stream_module._LIST_RUNS = 1
    try:
        assert_first_index_from_is_the_texts(Stream(blocks), [offset, offset + 1, offset + 7])
    finally:
        stream_module._LIST_RUNS = previous


# --- tokens' compact views ---------------------------------------------------------------


def assert_views_of_are_the_view_slices(stream: Stream, tokens) -> None:
    to_view = stream.to_view_index
    assert stream.views_of(tokens) == [stream.view[to_view(t.start) : to_view(t.end)] for t in tokens]


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: str(p.relative_to(REPO)))
def test_views_of_tokens_are_their_view_slices_on_real_reports(path: Path):
    """The header check reads each text token's view with one bisection: the same strings
    as two to_view_index calls a token (every token of the stream, and ranges cut inside
    pieces)."""
    stream = Stream(_document(path).blocks)
    n = len(stream.text)
    assert_views_of_are_the_view_slices(stream, stream.tokens(0, n))
    for k in range(7):
        assert_views_of_are_the_view_slices(stream, stream.tokens(k * n // 7 + 1, (k + 1) * n // 7 - 1))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_blocks(), st.integers(0, 400), st.integers(0, 400))
def test_views_of_tokens_are_their_view_slices_on_generated_documents(blocks, a, b):
    """Pinyin readings inside tokens (a view run ending inside one), blanks, pipes."""
    stream = Stream(blocks)
    n = len(stream.text)
    assert_views_of_are_the_view_slices(stream, stream.tokens(0, n))
    assert_views_of_are_the_view_slices(stream, stream.tokens(min(a, b, n), min(max(a, b), n)))
