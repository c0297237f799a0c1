"""Text.span of any range is the smallest source span covering its characters, whatever the
order of the offset map (a table stream's map goes back and forth: a blank cell's separator
is anchored before the &nbsp; the cell held), checked against the per-character offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gxlint.document import Text


@st.composite
def texts_and_ranges(draw):
    pieces = draw(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 6), st.sampled_from(["verbatim", "entity", "synthetic"])),
                           min_size=1, max_size=12))
    starts: list[int] = []
    ends: list[int] = []
    for at, length, kind in pieces:
        for d in range(length):
            if kind == "verbatim":
                starts.append(at + d), ends.append(at + d + 1)
            else:
                starts.append(at), ends.append(at + (3 if kind == "entity" else 0))
    n = len(starts)
    i = draw(st.integers(-2, n + 2))
    j = draw(st.one_of(st.none(), st.integers(-2, n + 2)))
    return Text("x" * n, starts, ends), starts, ends, i, j


@given(texts_and_ranges())
def test_span_covers_exactly_the_characters_in_range(case):
    text, starts, ends, i, j = case
    n = len(starts)
    lo = max(0, min(i, n))
    hi = n if j is None else max(lo, min(j, n))
    span = text.span(i, j)
    if lo < hi:
        assert (span.start, span.end) == (min(starts[lo:hi]), max(ends[lo:hi]))
    else:
        assert span.start == span.end


def test_cells_made_a_table_at_a_time_are_the_cells_made_one_by_one():
    from gxlint.document import Cell

    rows = [[Text.verbatim("a", 0), Text.verbatim("1", 2)], [], [Text.verbatim("b", 4)]]
    made = Cell.rows_of(rows, 3)
    assert [[repr(c) for c in row] for row in made] == [
        [repr(Cell(text, 3 + r, c)) for c, text in enumerate(row)] for r, row in enumerate(rows)]
    assert [[repr(c) for c in Cell.row_of(row, r)] for r, row in enumerate(rows)] == [
        [repr(c) for c in row] for row in Cell.rows_of(rows)]
    assert all(type(c) is Cell for row in made for c in row)


@given(texts_and_ranges(), st.text(alphabet=" x\t\u3000\n", min_size=0, max_size=60))
def test_stripped_span_is_the_span_of_the_stripped_text(case, value):
    # the same map under a string of spaces and letters: a blank text, one stripped at either
    # end or neither, over maps in and out of order
    text, starts, ends, _, _ = case
    n = len(starts)
    value = (value * (n // max(len(value), 1) + 1))[:n] if value else " " * n
    text = Text(value, starts, ends)
    stripped = text.strip()
    expected = stripped.span() if len(stripped) else None
    got = text.stripped_span()
    assert (got.start, got.end) == (expected.start, expected.end) if expected is not None else got is None
    # a block's and a cell's span (what they are built on)
    from gxlint.document import Cell, Paragraph

    block_span = Paragraph(text).span
    assert (block_span.start, block_span.end) == ((expected.start, expected.end) if expected is not None
                                                  else (text.span().start, text.span().end))
    cell_span = Cell(text, 0, 0).span
    assert (cell_span.start, cell_span.end) == (block_span.start, block_span.end)
