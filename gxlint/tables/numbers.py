"""Reading one table cell: the number it holds and what is wrong with it.

``parse_cell`` never guesses: it fills ``number`` only when the intended value is clear
(``1?`` → 1, ``00`` → 0, ``5件`` → 5) and always says what deviated from a clean number,
with the problem names of :class:`gxlint.tables.model.Value`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from gxlint.document import Text
from gxlint.lazy_pattern import lazy_compile

Kind = Literal["count", "money", "signed"]
Number = int | float

# Placeholders for "nothing here" in a cell.
SLASHES = frozenset("/-—–－／\\﹣−")
_UNITS = r"(?:件|条|个|项|次|人|家|份|起|宗|万元|元)"
_PLAIN = lazy_compile(r"\d+(?:\.\d+)?")
_THOUSANDS = lazy_compile(r"\d{1,3}(?:,\d{3})++(?:\.\d+)?")  # (possessive: no backtracking point a group)
_QUESTION = lazy_compile(r"(\d+(?:\.\d+)?)[?]+")
# 增/减 (also Traditional 減), possibly with a leaked pinyin reading: 減(jiǎn)21
_SIGNED = lazy_compile(
    r"(增加|减少|減少|增|减|減|\+|-)(?:\([a-zāáǎàēéěèīíǐìōóǒòūúǔùü]{1,6}\))?(\d+(?:\.\d+)?)"
)
_NEGATIVE = ("减", "减少", "減", "減少", "-")
_WITH_UNIT = lazy_compile(rf"(\d+(?:\.\d+)?){_UNITS}")
# No count of requests nor sum of money in yuan has 16 digits; a cell that has is no
# number (and Python's int() refuses a string of more than 4,300 digits: the fuzzer's
# 5,000-digit cell stopped the whole table recogniser).
_MAX_DIGITS = 15
_TOO_MANY_DIGITS = lazy_compile(r"\d{%d}" % (_MAX_DIGITS + 1))


def _fold(value: str) -> str:
    """Full-width digits and punctuation to ASCII; whitespace out (``1 2`` stays two)."""
    out = []
    for ch in value:
        if ch in "−﹣－":
            out.append("-")
            continue
        if ch in "？":
            out.append("?")
            continue
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out).strip()


def _to_number(digits: str, kind: Kind) -> Number:
    if kind == "money":
        return float(digits)
    if "." in digits:
        value = float(digits)
        return int(value) if value.is_integer() else value
    return int(digits)


@lru_cache(maxsize=4096)  # the same few cell strings ("0", "/", "12") come back all the time
def parse_value(raw: str, kind: Kind = "count") -> tuple[Number | None, str | None]:
    """The number in a cell's string and the problem, if any (see module doc)."""
    value = _fold(raw)
    if not value or value.isspace():
        return None, "blank"
    compact = re.sub(r"\s+", "", value)
    if all(ch in SLASHES for ch in compact):
        return None, "slash"
    if len(compact) > _MAX_DIGITS and _TOO_MANY_DIGITS.search(compact):
        return None, "not-a-number"
    if _PLAIN.fullmatch(compact):
        return _clean(compact, kind)
    if _THOUSANDS.fullmatch(compact):
        return _clean(compact.replace(",", ""), kind)
    match = _QUESTION.fullmatch(compact)
    if match:
        number, _ = _clean(match.group(1), kind)
        return number, "stray-question-mark"
    match = _SIGNED.fullmatch(compact)
    if match:
        number, problem = _clean(match.group(2), kind)
        negative = match.group(1) in _NEGATIVE
        if number is not None and negative:
            number = -number
        if kind == "signed":
            return number, problem
        if negative:
            return number, "negative"
        return number, problem or "not-a-number"  # 增1 in a count cell
    match = _WITH_UNIT.fullmatch(compact)
    if match:
        number, _ = _clean(match.group(1), kind)
        return number, "not-a-number"
    return None, "not-a-number"


def _clean(digits: str, kind: Kind) -> tuple[Number, str | None]:
    integer = digits.split(".", 1)[0]
    number = _to_number(digits, kind)
    if len(integer) > 1 and integer.startswith("0"):
        return number, "leading-zero"
    if "." in digits and kind != "money":
        return number, "decimal"
    return number, None


def parse_cell(text: Text | str | None, kind: Kind = "count") -> tuple[Number | None, str | None]:
    """``(number, problem)`` for a cell's located text (or a plain string)."""
    if text is None:
        return None, "blank"
    return parse_value(text.value if isinstance(text, Text) else text, kind)


def splits(digits: str, parts: int, *, max_len: int = 9, limit: int = 50_000) -> list[list[int]] | None:
    """Every way to cut a digit run into ``parts`` integers without leading zeros.

    Used for text dumps whose cells ran together (``801000081``).  The caller keeps a
    split only if exactly one satisfies the table's arithmetic.  Returns None when the
    run has more than ``limit`` splits (too ambiguous to be worth checking).
    """
    out: list[list[int]] = []
    n = len(digits)
    if parts <= 0 or n < parts or n > parts * max_len or not digits.isdigit():
        return out
    budget = [limit]

    def walk(start: int, left: int, acc: list[int]) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            return
        if left == 1:
            piece = digits[start:]
            if len(piece) <= max_len and (piece == "0" or not piece.startswith("0")):
                out.append(acc + [int(piece)])
            return
        if digits[start] == "0":  # a zero is always a cell of its own
            if n - start - 1 >= left - 1:
                walk(start + 1, left - 1, acc + [0])
            return
        for end in range(start + 1, min(n - (left - 1), start + max_len) + 1):
            walk(end, left - 1, acc + [int(digits[start:end])])

    walk(0, parts, [])
    return None if budget[0] < 0 else out
