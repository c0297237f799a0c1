"""Mojibake: runs of text that are bytes decoded with the wrong charset.

A mirror site that read a GBK page as UTF-8 (or one byte off) publishes runs of rare
characters (``閲囪喘`` for ``采购``).  :func:`mojibake_spans` finds such runs and, where
it can, the text they stood for.  Used by the contamination rules (which report it) and
the text-quality rules (which do not trust the punctuation of a garbled run).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from pathlib import Path

from gxlint.lazy_pattern import lazy_compile
from gxlint.regex_cache import compile_pattern
from gxlint.normalize import t2s_converter


GB2312_FILE = Path(__file__).with_name("gb2312.txt")


@lru_cache(maxsize=1)
def _gb2312_sets() -> tuple[frozenset, frozenset]:
    """(every GB2312 character, the common ones: level 1 and the punctuation rows),
    read from the table shipped beside this module (about 1 ms; decoding the code table
    takes 12–30 ms, which every process would pay on its first report).
    """
    try:
        _header, common, rest = GB2312_FILE.read_text(encoding="utf-8").splitlines()[:3]
    except (OSError, ValueError):  # an installation without the table: build it
        return build_gb2312_sets()
    return frozenset(common) | frozenset(rest), frozenset(common)


def build_gb2312_sets() -> tuple[frozenset, frozenset]:
    """The sets of :func:`_gb2312_sets`, by decoding the GB2312 code table (what
    ``gb2312.txt`` was generated from; a test checks the two agree)."""
    every: set[str] = set()
    common: set[str] = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            code = bytes((lead, trail))
            try:
                ch = code.decode("gb2312")
            except UnicodeDecodeError:
                continue
            if len(ch) != 1 or ch.encode("gb2312") != code:
                continue
            every.add(ch)
            if 0xB0 <= lead <= 0xD7 or 0xA1 <= lead <= 0xA9:
                common.add(ch)
    return frozenset(every), frozenset(common)


def _common(ch: str) -> bool:
    """A character of GB2312 level 1 (the 3,755 common ones) or CJK punctuation."""
    return ch.isascii() or ch in _gb2312_sets()[1]


@lru_cache(maxsize=1)
def _opencc():
    try:  # the converter gxlint.normalize loads (lazily): its dictionaries are loaded once
        return t2s_converter()
    except Exception:  # pragma: no cover
        return None


@lru_cache(maxsize=16384)
def simplified_char(ch: str) -> str:
    converter = _opencc()
    if converter is None:
        return ch
    out = converter.convert(ch)
    return out if len(out) == 1 else ch


def _in_gb2312(ch: str) -> bool:
    return ch.isascii() or ch in _gb2312_sets()[0]


@lru_cache(maxsize=16384)
def _outside_gb2312(ch: str) -> bool:
    """The character, made Simplified, is not in GB2312 (a sign of mis-decoded bytes)."""
    return not _in_gb2312(simplified_char(ch))


_CJK_RUN = lazy_compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uff01-\uff5e\u3000-\u303f]{3,}")
_NOT_HAN = lazy_compile(r"[^\u4e00-\u9fff\u3400-\u4dbf]+")
_HAN_2 = lazy_compile(r"[\u4e00-\u9fff]{2,}")
_HAN_4 = lazy_compile(r"[\u4e00-\u9fff]{4,}")


def _utf8_read_as_gbk(run: str) -> str | None:
    """``閲囪喘`` → ``采购``: the run's GBK bytes form UTF-8 for common characters."""
    try:
        data = run.encode("gbk")
    except UnicodeEncodeError:
        return None
    best = ""
    for offset in range(min(3, len(data))):
        decoded = data[offset:].decode("utf-8", errors="replace")
        # one findall over the whole string: U+FFFD is no Han character, so the runs are
        # those of each piece between replacement characters, in the same order
        for chunk in _HAN_2.findall(decoded):
            if len(chunk) > len(best) and all(_common(c) for c in chunk):
                best = chunk
    return best if len(best) >= 2 else None


def _shifted_gbk(run: str) -> str | None:
    """GBK text read one byte off: the run's bytes, shifted by one, are common text."""
    try:
        data = run.encode("gb18030")
    except UnicodeEncodeError:
        return None
    decoded = data[1:].decode("gbk", errors="replace")
    best = ""
    for chunk in _HAN_4.findall(decoded):  # (as in _utf8_read_as_gbk: no run crosses a U+FFFD)
        if chunk[:2] in run:  # the decoder fell back into step: that is the original text
            continue
        if len(chunk) > len(best) and all(_common(simplified_char(c)) for c in chunk):
            best = chunk
    return best or None


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# Characters decoded one byte off, from each start tried (garbling shows within a few).
SHIFT_WINDOW = 256


def rare_han(value: str) -> frozenset[str]:
    """The Han characters of ``value`` outside GB2312 level 1: where garbling shows.
    Computed once over a whole document, it lets :func:`may_be_garbled` skip each line
    that :func:`mojibake_spans` would find clean."""
    return frozenset(_rare_han_pattern().findall(value))


_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))  # what _is_han() holds


def garbled_sign() -> "re.Pattern[str]":
    """A pattern of U+FFFD and every Han character outside GB2312 level 1: a line it does
    not match is one :func:`may_be_garbled` passes over, whatever text's ``rare_han``
    it is given (those are Han characters outside level 1)."""
    return _rare_han_pattern(with_replacement=True)


@lru_cache(maxsize=2)
def _rare_han_pattern(with_replacement: bool = False) -> "re.Pattern[str]":
    """A class of the Han characters outside GB2312 level 1 (the gaps between the common
    ones): one regex scan of a document instead of a set of all its characters (half the
    time, and a tenth on a text with few rare characters)."""
    # (the gaps between consecutive common code points, found in C: a loop a character
    # took 3.5 ms, on every run's first report)
    common = sorted(map(ord, _gb2312_sets()[1]))
    ranges = []
    for low, high in _HAN_RANGES:
        inside = common[bisect_left(common, low) : bisect_right(common, high)]
        bounds = [low - 1, *inside, high + 1]
        ranges += [(a + 1, b - 1) for a, b in zip(bounds, bounds[1:]) if b - a > 1]
    source = ("[" + "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
              + ("\\ufffd" if with_replacement else "") + "]")
    return compile_pattern(source)


def may_be_garbled(value: str, rare: frozenset[str]) -> bool:
    """False when :func:`mojibake_spans` finds nothing in ``value`` for certain: no U+FFFD and
    none of ``rare`` (the :func:`rare_han` of a text holding ``value``)."""
    return "\ufffd" in value or (bool(rare) and not rare.isdisjoint(value))


def mojibake_spans(value: str) -> list[tuple[int, int, str]]:
    """``(start, end, recovered)`` of garbled runs in a raw string."""
    if len(value) <= _MEMO_MAX_LENGTH:
        return list(_memo_spans(value))
    return _spans(value)


# The same lines are asked about by GX506 (lines) and GX122 (blocks: the same strings in a
# text file); the answer depends on the string alone.
_MEMO_MAX_LENGTH = 4096


def _spans(value: str) -> list[tuple[int, int, str]]:
    found = []
    k = value.find("\ufffd")
    while k >= 0:
        found.append((k, k + 1, ""))
        k = value.find("\ufffd", k + 1)
    common = _gb2312_sets()[1]
    if not any(_is_han(ch) for ch in set(value).difference(common)):
        # Every Han character is a common one (and stays in GB2312 made Simplified: a test
        # holds the table to this), so no run has the rare characters garbling leaves.
        return found
    for match in _CJK_RUN.finditer(value):
        run = match.group(0)
        chars = _NOT_HAN.sub("", run)  # the Han characters, as one string (not a list of them)
        if len(chars) < 3:
            continue
        rare = len(chars) - sum(map(common.__contains__, chars))  # Han characters are never ASCII
        outside = sum(map(_outside_gb2312, chars))
        if rare >= 2:
            recovered = _utf8_read_as_gbk(run)
            if recovered:
                found.append((match.start(), match.end(), recovered))
                continue
        if outside >= 2:
            for k in range(len(run) - 3):
                # a window, not the whole rest of the run: quadratic on a long run otherwise
                recovered = _shifted_gbk(run[k : k + SHIFT_WINDOW])
                if recovered:
                    found.append((match.start() + k, match.end(), recovered))
                    break
    return sorted(found)


_memo_spans = lru_cache(maxsize=4096)(lambda value: tuple(_spans(value)))
