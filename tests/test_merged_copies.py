"""A converter's copies of a merged cell (pandas.read_html, spreadsheet exports) are folded
back into the cell they copy, and nothing else is (gxlint.readers.merged_copies).  The
filled-grid shapes of the real reports are in tests/test_shapes.py."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS

from gxlint.document import Cell, Source, Table, Text
from gxlint.readers.markdown import read
from gxlint.readers.merged_copies import fold_merged_copies


def _rows(*texts: list[str]) -> list[list[Cell]]:
    return [[Cell(Text.verbatim(t, 0), r, c) for c, t in enumerate(row)] for r, row in enumerate(texts)]


def _values(rows) -> list[list[tuple[str, int]]]:
    return [[(c.text.value, c.colspan) for c in row] for row in rows]


def test_a_merged_cell_written_over_three_columns_is_one_cell_again():
    rows = _rows(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                 ["规章", "0", "0", "0"],
                 ["信息内容", "本年处理决定数量", "本年处理决定数量", "本年处理决定数量"],
                 ["行政许可", "2293", "2293", "2293"])
    assert _values(fold_merged_copies(rows)) == [
        [("信息内容", 1), ("本年制发件数", 1), ("本年废止件数", 1), ("现行有效件数", 1)],
        [("规章", 1), ("0", 1), ("0", 1), ("0", 1)],  # equal numbers under distinct headers stay
        [("信息内容", 1), ("本年处理决定数量", 3)],
        [("行政许可", 1), ("2293", 3)],
    ]
    folded = fold_merged_copies(rows)
    assert [c.col for c in folded[3]] == [0, 1]  # grid columns, as an HTML colspan reads


def test_a_table_of_zeros_under_distinct_headers_is_left_alone():
    rows = _rows(["", "自然人", "商业企业", "科研机构", "总计"], ["一、本年新收", "0", "0", "0", "0"],
                 ["二、上年结转", "0", "0", "0", "0"])
    assert fold_merged_copies(rows) is rows


def test_a_repeated_header_over_columns_whose_figures_differ_is_left_alone():
    rows = _rows(["项目", "数量", "数量"], ["行政许可", "12", "12"], ["行政处罚", "3", "4"])
    assert fold_merged_copies(rows) is rows


def test_a_header_of_fragments_over_a_longer_row_of_numbers_is_left_alone(linter):
    """Corpus 005 (a PDF turned into Markdown by another tool): table 四's two header lines
    cut into fragments, ``结果 | 结果`` side by side, over a row of 15 numbers.  Not a filled
    grid (that is rectangular): folding its zeros lost a number and the table."""
    rows = _rows(["维持", "纠正", "结果", "审结", "结果", "结果", "其他", "尚未", "结果", "结果", "其他", "尚未"],
                 ["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"])
    assert fold_merged_copies(rows) is rows
    result = linter.lint_path(str(CORPUS / "005.txt"))
    assert "appeals" in result.checked.tables and "GX109" not in {d.code for d in result.diagnostics}


def test_fragments_of_a_wrapped_header_over_zeros_are_left_alone():
    """wanbolin-2024's table 四 (a PDF turned into Markdown): the upper line of its
    wrapped header, ``结果 | 结果 | 其他 | 尚未 | 总计`` twice, stands right above the row of
    numbers, as wide as it.  With zeros below (most agencies have no appeals) each pair
    repeats: fragments, not a merged cell."""
    header = ["结果", "结果", "其他", "尚未", "总计", "结果", "结果", "其他", "尚未", "总计", "结果", "结果", "其他", "尚未", "总计"]
    rows = _rows(header, ["0"] * 15)
    assert fold_merged_copies(rows) is rows


def test_a_table_that_says_its_spans_is_left_alone():
    rows = _rows(["信息内容", "本年处理决定数量", "本年处理决定数量"], ["行政许可", "5", "5"])
    rows[0][1] = Cell(rows[0][1].text, 0, 1, 1, 2)
    assert fold_merged_copies(rows) is rows


def test_the_markdown_reader_folds_and_keeps_each_cells_place():
    text = ("| 信息内容 | 本年处理决定数量 | 本年处理决定数量 |\n|---|---|---|\n"
            "| 行政许可 | 2293 | 2293 |\n")
    table = next(b for b in read(Source("t.md", text, format="markdown")).blocks if isinstance(b, Table))
    assert _values(table.rows) == [[("信息内容", 1), ("本年处理决定数量", 2)], [("行政许可", 1), ("2293", 2)]]
    span = table.rows[1][1].text.span()
    assert text[span.start:span.end] == "2293" and text.index("2293") == span.start  # the first copy


_LABEL = st.sampled_from(["自然人", "商业企业", "科研机构", "法人或其他组织", "本年制发件数", "本年废止件数", "现行有效件数"])


@settings(max_examples=300, deadline=None)
@given(width=st.integers(2, 6), data=st.data())
def test_a_table_written_as_a_filled_grid_folds_back_to_its_cells(width, data):
    """A table with distinct header labels and some cells merged over the columns to their
    right (in the header and in every row of numbers alike), written as a filled grid,
    folds back to its cells with those spans."""
    header = data.draw(st.lists(_LABEL, min_size=width, max_size=width, unique=True))
    body = data.draw(st.lists(st.lists(st.integers(0, 3).map(str), min_size=width, max_size=width),
                              min_size=1, max_size=4))
    spans = data.draw(st.lists(st.integers(1, 3), min_size=width, max_size=width))
    grid = [[text for text, span in zip(row, spans) for _ in range(span)] for row in [header, *body]]
    folded = fold_merged_copies(_rows(*grid))
    assert _values(folded) == [[(text, span) for text, span in zip(row, spans)] for row in [header, *body]]
