"""One definition of a PDF page marker, used by the text reader, the table recogniser and
the rules."""

from __future__ import annotations

import pytest

from gxlint.page_markers import PAGE_MARKER_LINES, is_page_marker


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
