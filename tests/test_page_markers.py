"""One definition of a PDF page marker, used by the text reader, the table recogniser and
the rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from gxlint.page_markers import PAGE_MARKER_LINES, is_page_marker, page_marker_line_spans


@pytest.mark.parametrize("line", ["- 3 -", "—3—", "－ 12 －", "--7--", "第 3 页", "第3页，共12页", "第3页/共12页",
                                  "3/12页", "  - 3 -  ", "\u3000第 3 页"])
def test_page_markers(line):
    assert is_page_marker(line)


@pytest.mark.parametrize("line", ["3", "- 3", "第三页", "2023-1-3", "共12页", "第3页的内容", "收到申请3件",
                                  "- 12345 -", "1.-3-", ""])
def test_look_alikes_are_not_page_markers(line):
    assert not is_page_marker(line)


def test_markers_inside_a_value_keep_their_place():
    value = "总计 12\n- 3 -\n第 4 页\n本年 5"
    assert [value[i:j] for i, j in (m.span() for m in PAGE_MARKER_LINES.finditer(value))] == ["- 3 -", "第 4 页"]


_MARKER_PIECES = st.sampled_from(
    ["\n", " ", "\t", "\u3000", "- 3 -", "—3—", "第 3 页", "第3页，共12页", "3/12页", "-", "3", "页", "共", "x",
     "\x1f", "\r", "\u2028", "\x0b", "第\n3\n页", "- 3\n-", "－", "—", "–", "-3-", "\n- 3", "2023-1-3"]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_MARKER_PIECES, max_size=14).map("".join))
def test_marker_line_spans_are_the_lines_pattern_finds(value):
    # (found from each line break, not by trying ^ at every character)
    assert page_marker_line_spans(value) == [m.span() for m in PAGE_MARKER_LINES.finditer(value)]


@settings(max_examples=2000, deadline=None)
@given(st.lists(_MARKER_PIECES.filter(lambda piece: "页" not in piece), max_size=14).map("".join))
def test_marker_line_spans_without_the_page_character(value):
    # (a value without 页: only the lines holding a dash are tried)
    assert page_marker_line_spans(value) == [m.span() for m in PAGE_MARKER_LINES.finditer(value)]
