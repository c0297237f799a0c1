"""The cell parser: every problem name of ``Value`` on the strings real tables hold."""

import pytest

from gxlint.document import Text
from gxlint.tables.numbers import parse_cell, parse_value, splits


@pytest.mark.parametrize(
    "raw, kind, expected",
    [
        ("0", "count", (0, None)),
        ("64142", "count", (64142, None)),
        (" 12 ", "count", (12, None)),
        ("２３", "count", (23, None)),  # full-width digits
        ("1,234", "count", (1234, None)),
        ("", "count", (None, "blank")),
        ("\u3000", "count", (None, "blank")),
        ("/", "count", (None, "slash")),
        ("-", "count", (None, "slash")),
        ("—", "count", (None, "slash")),
        ("00", "count", (0, "leading-zero")),  # seed 003 line 43
        ("0?", "count", (0, "stray-question-mark")),  # seed 004 line 296
        ("1?", "count", (1, "stray-question-mark")),
        ("2？", "count", (2, "stray-question-mark")),
        ("2.5", "count", (2.5, "decimal")),
        ("3.0", "count", (3, "decimal")),
        ("5件", "count", (5, "not-a-number")),
        ("abc", "count", (None, "not-a-number")),
        ("无", "count", (None, "not-a-number")),
        ("-3", "count", (-3, "negative")),
        ("7730.28", "money", (7730.28, None)),
        ("803", "money", (803.0, None)),
        ("4068.208", "money", (4068.208, None)),
        ("增1", "signed", (1, None)),
        ("减21", "signed", (-21, None)),
        ("減21", "signed", (-21, None)),  # Traditional, seed 001
        ("減(jiǎn)21", "signed", (-21, None)),  # with a leaked pinyin reading
        ("0", "signed", (0, None)),
        ("增1", "count", (1, "not-a-number")),
    ],
)
def test_parse_value(raw, kind, expected):
    number, problem = parse_value(raw, kind)
    assert (number, problem) == expected
    if number is not None and kind == "money":
        assert isinstance(number, float)


def test_parse_cell_takes_located_text():
    text = Text.from_source("a | 0? | b", 4, 6)
    assert parse_cell(text) == (0, "stray-question-mark")
    assert parse_cell(None) == (None, "blank")


def test_splits_keeps_zeros_as_cells_and_finds_the_unique_sum():
    options = splits("801000081", 7)
    good = [o for o in options if o[-1] == sum(o[:-1])]
    assert good == [[80, 1, 0, 0, 0, 0, 81]]
    assert splits("000", 3) == [[0, 0, 0]]
    assert len(splits("77132470", 3)) > 1  # no arithmetic in table 二: ambiguous
    assert splits("12", 3) == []


def test_splits_gives_up_on_hopeless_runs():
    assert splits("1" * 60, 7, limit=1000) is None
