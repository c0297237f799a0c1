"""The matching view maps every match back to the original characters."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from gxlint.document import Source, Text
from gxlint.normalize import is_reading, normalize, normalize_str


def located(value: str) -> Text:
    return Text.from_source(value, 0, len(value))


def test_traditional_pinyin_and_widths_fold_to_the_template_form():
    text = located("政府信息公開(kāi)行政復(fù)議（一）總計：１２")
    view = normalize(text)
    assert view.value == "政府信息公开行政复议(一)总计:12"


def test_match_maps_back_to_original_span():
    raw = "前言。報(bào)告中所列數(shù)據(jù)"
    text = located(raw)
    view = normalize(text)
    i = view.value.index("报告中")
    span = view.span(i, i + 3)
    assert raw[span.start:span.end] == "報(bào)告中"


def test_parenthesised_words_that_are_not_readings_stay():
    for value in ("(一)", "(单位:万元)", "(含上年度转结)", "分(ABC)"):
        assert normalize_str(value) == normalize_str(value)  # unchanged shape
        assert "(" in normalize_str(value)


def test_readings_are_checked():
    assert is_reading("bào") and is_reading("zheng") and is_reading("guó")
    assert not is_reading("abc") and not is_reading("www") and not is_reading("pdf")


def test_kangxi_radicals_and_ideographic_space():
    assert normalize_str("⼀、总体情况\u3000") == "一、总体情况 "


def test_compact_view_ignores_whitespace_inside_labels():
    text = located("只计这一情 形，不\n计其他情形")
    assert text.compact.value == "只计这一情形,不计其他情形"


def test_opencc_phrase_fix_for_review():
    assert normalize_str("行政覆議") == "行政复议"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_spans_of_any_view_stay_inside_the_text(value):
    text = located(value)
    for view in (text.normalized, text.compact):
        assert len(view.origin) == len(view.value)
        for i in range(0, len(view.value) + 1, max(1, len(view.value) // 7 or 1)):
            span = view.span(i, len(view.value))
            assert 0 <= span.start <= span.end <= len(value)


def test_source_positions_are_one_based_and_count_characters():
    source = Source("x.txt", "第一行\n第二行报告\r\nthird", format="text")
    assert source.position(0) == (1, 1)
    offset = source.text.index("报告")
    assert source.position(offset) == (2, 4)
    assert source.line_text(2) == "第二行报告"
    assert source.position(len(source.text)) == (3, 6)


def test_a_character_beyond_the_plane_is_found_in_any_piece():
    import re

    from gxlint import normalize as module

    astral = re.compile("[\U00010000-\U0010ffff]")
    size = module._ASTRAL_PIECE
    for value in ("", "报告", "\ud800", "a\udc00b", "𠀀", "报𠀀告", "x" * (2 * size) + "𠀀", "报" * (size - 1) + "𠀀报",
                  "报" * (3 * size)):
        assert module.has_astral(value) == bool(astral.search(value)), value[-5:]


def test_the_lines_holding_a_word_are_those_a_search_of_the_words_finds():
    import re
    from array import array

    from gxlint.normalize import PHRASE_FIXES, _mark_lines, mark_lines_holding, line_starts_of

    words = [wrong for wrong, right in PHRASE_FIXES.items() if wrong != right]
    lines = ["全面覆盖", "行政覆议覆议", "报告", "覆核结果", "覆议", "", "檔案", "覆", "议覆议"]
    for text in ("\n".join(lines), "\n".join(reversed(lines)), "覆议", "报告", ""):
        starts = array("i", line_starts_of(text))
        by_find: set[int] = set()
        mark_lines_holding(words, text, starts, by_find)
        by_search: set[int] = set()
        _mark_lines(re.compile("|".join(words)), text, starts, by_search)
        assert by_find == by_search, text
