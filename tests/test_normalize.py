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


def _naive_view(value: str, drop_whitespace: bool) -> tuple[str, list[int]]:
    """The view built a character at a time, each with the text index it comes from: the
    pinyin annotations PINYIN_ANNOTATION finds (those that are readings) cut out, t2s and
    the fold applied, and for the compact view the spaces dropped.  What ``_view``'s runs
    must describe, however they are computed."""
    from gxlint.normalize import PINYIN_ANNOTATION, _fold, to_simplified

    cut = set()
    for match in PINYIN_ANNOTATION.finditer(value):
        if is_reading(match.group(2)):
            cut.update(range(match.start(2) - 1, match.end()))
    origins = [i for i in range(len(value)) if i not in cut]
    view = _fold(to_simplified("".join(value[i] for i in origins)))
    if drop_whitespace:
        kept = [k for k, ch in enumerate(view) if ch != " "]
        view, origins = "".join(view[k] for k in kept), [origins[k] for k in kept]
    return view, origins


def _expanded(length: int, origin) -> list[int]:
    """Each view character's text index, from a view's maximal runs (None: in place)."""
    if origin is None:
        return list(range(length))
    at, src = list(origin[0]), list(origin[1])
    ends = at[1:] + [length]
    return [s + d for a, b, s in zip(at, ends, src) for d in range(b - a)]


def _maximal(origin) -> bool:
    """No run continues the one before (the view's runs are the maximal ones)."""
    if origin is None:
        return True
    at, src = list(origin[0]), list(origin[1])
    return all(src[r] != src[r - 1] + (at[r] - at[r - 1]) for r in range(1, len(at)))


_VIEW_PIECES = st.one_of(
    st.sampled_from(["報(bào)告", "開(kāi)", "(一)", "覆(fù)議", "國(guó)務(wù)院", "公(gōng)(kāi)", "  ", "\n", "\x1f",
                     "\u3000", "\t", "１２", "（", "）", "(abc)", "报(x)"]),
    st.text(alphabet="報告國開號覆議一二(（)）abkāiòàù \n\t\x1f\u3000123", max_size=10),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_VIEW_PIECES, max_size=40).map("".join))
def test_the_runs_of_each_view_map_every_character_where_it_came_from(value):
    """The runs ``_view`` computes in bulk (str.split, running sums) are the maximal runs of
    the map built a character at a time, for both views; the view string is the same."""
    from gxlint import normalize as module

    saved = module._SPLIT_PIECE
    try:
        # the compact view's runs are found a piece of the string at a time: pieces of
        # every length, down to one character (a piece may end in a run of spaces, or meet
        # a stretch without a space to the end)
        for piece in (saved, 1, 2, 5):
            module._SPLIT_PIECE = piece
            for drop_whitespace in (False, True):
                expected_view, expected_origins = _naive_view(value, drop_whitespace)
                view, origin = module._view(value, drop_whitespace)
                assert view == expected_view
                assert _expanded(len(view), origin) == expected_origins
                assert _maximal(origin)
    finally:
        module._SPLIT_PIECE = saved


def test_the_compact_view_of_a_long_string_lists_no_stretch_of_it_at_once():
    """str.split lists every stretch between spaces: the compact view of a long string is
    built a piece at a time, so what it holds at once beyond the view is a piece's worth
    (a whole page split at once peaked at a byte and more a character: issue 9's bound)."""
    import tracemalloc

    from gxlint.normalize import _view

    value = "甲 乙丙 " * 200_000  # 1.2 million characters, 400,000 stretches
    _view(value[:100], True)
    tracemalloc.start()
    try:
        view, (at, src) = _view(value, True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(at) == 400_000 and view == "甲乙丙" * 200_000
    # the folded copy, the view and the two arrays of runs (4 bytes a run), and a piece
    kept = 2 * len(value) + 2 * len(view) + 8 * len(at)
    assert peak < kept + 2 * 2**20
