"""The width/compatibility fold of the matching view (``normalize._fold``) against
``str.translate`` with the fold table, which it replaces for speed: on every vendored
report's text, on random strings over every foldable character, and past the number of
distinct characters where it hands over to ``str.translate``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, HTML_CORPUS, REPO, SEEDS
from gxlint import normalize
from gxlint.normalize import _fold


def table() -> dict[int, str]:
    _fold("")  # the tables are built on first use
    return normalize._FOLD_TABLE


def test_no_fold_yields_a_foldable_character():
    """What makes replacing one character at a time equal to translating all at once."""
    folds = table()
    assert folds
    assert not any(ord(out) in folds for out in folds.values() if len(out) == 1)
    assert all(len(out) == 1 for out in folds.values())


def test_every_vendored_text_folds_as_translate_does():
    paths = [*SEEDS.glob("*.txt"), *CORPUS.glob("*.txt"), *HTML_CORPUS.glob("*.htm*"),
             *(REPO / "docs" / "examples").glob("*.md"), REPO / "tests" / "fixtures" / "report-003.md"]
    assert len(paths) > 20
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _fold(text) == text.translate(table()), path
        for line in text.splitlines():
            assert _fold(line) == line.translate(table()), (path, line)


_FOLDABLE = st.sampled_from(sorted(chr(cp) for cp in table()))
_OTHER = st.sampled_from(list("abc 012，。、（）总计结果|") + ["\u4e00", "\x00", "\x01"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_FOLDABLE, _OTHER), max_size=200).map("".join))
def test_random_strings_fold_as_translate_does(value):
    assert _fold(value) == value.translate(table())


def test_many_distinct_foldable_characters_hand_over_to_translate():
    value = "".join(sorted(chr(cp) for cp in table())) * 2
    assert len(set(value)) > normalize._FOLD_BY_REPLACE
    assert _fold(value) == value.translate(table())


# --- a whole text's lines normalised at once (the "norm" view of LineSearch) ---------------

_LINE_PIECES = st.one_of(_FOLDABLE, _OTHER, st.sampled_from(["\n", "\n\n", "\r\n", "\t", "報(bào)告", "(bao)", "覆议",
                                                            "覆\n议", "國", "(一)", "Σ", "\u3000"]))


def _lines_one_by_one(text: str) -> str:
    return "\n".join(normalize.normalized_value(line) for line in text.split("\n"))


def _starts(text: str) -> list[int]:
    starts = [0]
    for line in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return starts


def _check_lines_at_once(text: str) -> None:
    starts = _starts(text)
    joined, joined_starts = normalize.normalized_lines(text, starts)
    assert joined == _lines_one_by_one(text)
    assert list(joined_starts) == _starts(joined)
    assert (joined_starts is starts) == (len(joined) == len(text))
    plain, plain_starts = normalize.simplified_lines(text, starts)
    assert plain == "\n".join(map(normalize.to_simplified, text.split("\n")))
    assert list(plain_starts) == _starts(plain)
    assert (plain is text) == (plain == text)


def test_every_vendored_text_normalises_its_lines_at_once_as_one_by_one():
    paths = [*SEEDS.glob("*.txt"), *CORPUS.glob("*.txt"), *HTML_CORPUS.glob("*.htm*"),
             *(REPO / "docs" / "examples").glob("*.md"), REPO / "tests" / "fixtures" / "report-003.md"]
    assert len(paths) > 20
    for path in paths:
        _check_lines_at_once(path.read_text(encoding="utf-8", errors="replace"))


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=120).map("".join))
def test_random_texts_normalise_their_lines_at_once_as_one_by_one(text):
    _check_lines_at_once(text)


def _plain_lines() -> list[str]:
    """Lines of the vendored texts that need no more than folding."""
    lines = []
    for path in [*CORPUS.glob("*.txt"), *(REPO / "docs" / "examples").glob("*.md")]:
        lines += path.read_text(encoding="utf-8", errors="replace").split("\n")
    return [line for line in dict.fromkeys(lines) if normalize._lines_needing_more(line, [0]) == set()][:400]


_PLAIN_LINES = _plain_lines()
_SPECIAL = ["答覆", "報(bào)告", "覆议", "檔案", "國務院", "申请(shēn)", "\U00020000", "(一)", "（一）"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PLAIN_LINES), min_size=80, max_size=120),
       st.lists(st.tuples(st.integers(0, 119), st.sampled_from(_SPECIAL)), max_size=4))
def test_real_texts_with_a_few_special_lines_normalise_at_once_as_one_by_one(lines, inserts):
    for k, special in inserts:  # a few lines get a character or annotation folding does not cover
        k %= len(lines)
        lines[k] = lines[k][: len(lines[k]) // 2] + special + lines[k][len(lines[k]) // 2:]
    text = "\n".join(lines)
    assert normalize.normalized_lines(text, _starts(text)) is not None  # at most 4 of 80+ lines: one in 20
    _check_lines_at_once(text)


def test_only_the_lines_that_need_more_than_folding_are_normalised_one_by_one():
    text = "总计１２\n答覆申请\n報(bào)告\n覆议\n(一)情况\n" + "\U00020000" + "\n末行" + "\n总计" * 60
    special = normalize._lines_needing_more(text, _starts(text))
    assert {1, 2, 3} <= special and not {0, 4, 6} & special
    _check_lines_at_once(text)
    # most lines: the text made Simplified at once
    assert normalize._lines_needing_more("報\n國\n总计", [0, 2, 4]) is None
    assert normalize.normalized_lines("報\n國\n总计", [0, 2, 4]) == ("报\n国\n总计", [0, 2, 4])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PLAIN_LINES[:40] + _SPECIAL + ["報告", "國務院辦公廳", "覆核", "(bào)", "乾隆",
                                                                    "\U0002A6A5", ""]), max_size=60),
       st.integers(0, 3))
def test_texts_in_traditional_characters_are_made_simplified_at_once_as_line_by_line(lines, piece_bits):
    # many lines to convert: OpenCC over the text at once (in pieces of whole lines), the
    # same as each line on its own; and the normalised view built on that
    text = "\n".join(lines)
    original = normalize._CONVERT_PIECE
    normalize._CONVERT_PIECE = (1, 7, 64, 1 << 16)[piece_bits]
    try:
        _check_lines_at_once(text)
        _check_lines_at_once("報\n" + text)
    finally:
        normalize._CONVERT_PIECE = original


def test_a_line_whose_conversion_changes_its_length_is_converted_character_by_character(monkeypatch):
    class Growing:  # a converter whose phrase conversion changes a length (OpenCC's may)
        def convert(self, value: str) -> str:
            return value.replace("國務", "国务X") if len(value) > 1 else value.replace("國", "国")

    monkeypatch.setattr(normalize, "t2s_converter", lambda: Growing())
    normalize._simplified_memo.cache_clear()
    try:
        text = "國務院\n國\n國務\n总计"
        assert normalize.simplified_lines(text, _starts(text)) == ("国務院\n国\n国務\n总计", [0, 4, 6, 9])
    finally:
        normalize._simplified_memo.cache_clear()


def test_normalized_value_is_the_normalized_texts_value():
    from gxlint.document import Text

    for value in ["", "報(bào)告　１２", "覆议", "x" * 5000 + "，", "(一)总计"]:
        assert normalize.normalized_value(value) == Text.verbatim(value, 0).normalized.value
