"""GX505: pinyin annotations a mirror site leaked into the text (``報(bào)告``)."""

from __future__ import annotations

import importlib.util
import os
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import Callable, Iterator, Sequence

from gxlint.plugin import (
    Context,
    Diagnostic,
    Edit,
    Fix,
    Line,
    LineSearch,
    PINYIN_ANNOTATION,
    PINYIN_SIGN,
    is_reading,
    line_search,
    rule,
    simplified_char,
)

from .chrome import is_border
from .edits import HAN, stretch_edits


def _plain_syllable(letters: str) -> str:
    plain = unicodedata.normalize("NFD", letters.lower())
    return "".join(c for c in plain if not unicodedata.combining(c)).replace("ü", "v").replace("u:", "v")


def _has_tone(letters: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", letters) if c not in "\u0308")


@lru_cache(maxsize=1)
def _pinyin_dict():
    """pypinyin's single-character dictionary (code point -> "bào,fú"), if installed."""
    # Load only the single-character table: importing the pypinyin package itself loads
    # its phrase dictionaries too (~0.75 s), this file alone takes ~0.15 s.
    try:
        spec = importlib.util.find_spec("pypinyin")
        if spec is None or not spec.submodule_search_locations:
            return None
        path = os.path.join(list(spec.submodule_search_locations)[0], "pinyin_dict.py")
        module_spec = importlib.util.spec_from_file_location("_gxlint_pinyin_dict", path)
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        return module.pinyin_dict
    except Exception:  # pragma: no cover - depends on the environment
        return None


@lru_cache(maxsize=8192)
def reading_matches(char: str, letters: str) -> bool | None:
    """True/False if the syllable is/isn't a reading of ``char``; None if unknown."""
    table = _pinyin_dict()
    if table is None:
        return None
    readings = table.get(ord(char))
    if readings is None:
        simplified = simplified_char(char)
        readings = table.get(ord(simplified)) if simplified != char else None
    if not readings:
        return None
    wanted = _plain_syllable(letters)
    return any(_plain_syllable(r) == wanted for r in readings.split(","))


def pinyin_matches(unit: Line, *, lenient: bool) -> list[re.Match]:
    """Verified pinyin annotations in a unit's raw text."""
    return [m for m in PINYIN_ANNOTATION.finditer(unit.value) if _is_annotation(m[1], m[2], lenient)]


@lru_cache(maxsize=8192)
def _is_annotation(char: str, letters: str, lenient: bool) -> bool:
    """Whether ``char(letters)`` is a leaked annotation: the letters a pinyin syllable that
    is a reading of the character (unknown to the dictionary: one with a tone mark, or any
    on a page full of them, ``lenient``).  One cached call a match."""
    if not is_reading(letters):
        return False
    verdict = reading_matches(char, letters)
    if verdict is None:
        verdict = _has_tone(letters) or lenient
    return verdict


def interrupts_pinyin_block(unit: Line) -> bool:
    """An unaffected unit ends a GX505 block only if it holds Chinese text.

    Blank lines, table-border lines (``|``) and number-only cells do not.
    """
    return not unit.blank and not is_border(unit.value) and bool(HAN.search(unit.value))


class _LineAnnotations:
    """The verified annotations of a line, read off ``PINYIN_SIGN.split`` of its string
    (``[before, letters, between, …, letters, after]``, each annotation's character the
    last of the piece before it; made in C, found from each "("), not a match object each:
    a report annotated throughout has hundreds, and a match and its groups cost more than
    the rest of the rule."""

    __slots__ = ("value", "parts", "verified", "all_verified")

    def __init__(self, value: str, parts: list[str], verified: list[bool]) -> None:
        self.value = value
        self.parts = parts
        self.verified = verified  # one per annotation, in order
        self.all_verified = all(verified)

    def count(self) -> int:
        return self.verified.count(True)

    def spans(self) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each verified annotation: from its character past its ")"."""
        parts = self.parts
        paren = len(parts[0])
        for k, ok in enumerate(self.verified):
            end = paren + len(parts[2 * k + 1]) + 2  # "(", the letters, ")"
            if ok:
                yield paren - 1, end
            paren = end + len(parts[2 * k + 2])

    def first(self) -> tuple[int, int]:
        return next(self.spans())

    def last(self) -> tuple[int, int]:
        if self.all_verified:  # the last one ends where the text after it starts
            end = len(self.value) - len(self.parts[-1])
            return end - len(self.parts[-2]) - 3, end
        return list(self.spans())[-1]

    def removed(self) -> tuple[int, int, str]:
        """The one edit of the line as it stands: from its first "(" to past its last ")",
        the text between kept, every verified annotation's "(letters)" taken out."""
        if self.all_verified:
            parts = self.parts
            return len(parts[0]), len(self.value) - len(parts[-1]), "".join(parts[2:-1:2])
        value = self.value
        pieces = []
        first = last = -1
        for i, j in self.spans():
            if first < 0:
                first = last = i + 1
            pieces.append(value[last:i + 1])
            last = j
        return first, last, "".join(pieces)


_last_character = itemgetter(-1)


def _line_annotations(value: str, lenient: bool) -> _LineAnnotations | None:
    """The annotations of a line's string, or None when none is verified (see
    :func:`pinyin_matches`: the same annotations)."""
    parts = PINYIN_SIGN.split(value)
    if len(parts) == 1:
        return None
    verified = list(map(_is_annotation, map(_last_character, parts[0:-1:2]), parts[1::2], repeat(lenient)))
    return _LineAnnotations(value, parts, verified) if True in verified else None


class _Block:
    """A GX505 finding as its block grows: its fix's edits and what its message says, not
    its matches (a page annotated throughout holds 140,000 of them a megabyte)."""

    def __init__(self, k: int, unit: Line, found: _LineAnnotations) -> None:
        i, j = found.first()
        self.start = unit.text.span(i, j)
        self.last = (k, found)  # the last line's annotations (their last one's span is made once)
        self.sample = found.value[i:j]
        self.edits: list[Edit] = []
        self.count = 0
        self.text_lines = 0  # units that are lines of a text file (one line each)
        self.offsets: list[int] = []  # where each annotation of the other units starts

    def add(self, ctx: Context, k: int, found: _LineAnnotations, verbatim: int | None) -> None:
        """Unit ``k`` of ``ctx.lines``; ``verbatim``: where it stands in the source, for a line
        of a text or Markdown file that is one slice of it (``unit.text.verbatim_start()``),
        else None (only then is the unit made: a file's lines are made when asked for)."""
        if verbatim is not None:
            # a line of a text file as it stands in the source: the one edit stretch_edits
            # makes, from the first "(" to the last ")", the text between kept (made here
            # without a change tuple an annotation, nor the line's Text)
            first, last, kept = found.removed()
            self.edits.append(Edit(verbatim + first, verbatim + last, kept))
            self.text_lines += 1
        else:
            unit = ctx.lines[k]
            text = unit.text
            changes = [(i + 1, j, "") for i, j in found.spans()]  # "(bào)" after its character
            self.edits.extend(stretch_edits(text, ctx.source.text, changes))
            if unit.line_span is not None:
                self.text_lines += 1
            else:
                self.offsets.extend(text.span(i, j).start for i, j, _ in changes)
        self.count += found.count()
        self.last = (k, found)

    def lines(self, ctx: Context) -> int:
        """How many source lines hold its annotations."""
        if not self.offsets:  # lines of a text file: one each
            return self.text_lines
        position = ctx.source.position
        return len({position(offset)[0] for offset in self.offsets})


def _readings(value: str) -> int:
    """How many annotations of a line have letters that are a reading (not yet checked
    against their character)."""
    return sum(map(is_reading, PINYIN_SIGN.split(value)[1::2]))


@rule("GX505")
def pinyin_annotations(ctx: Context) -> Iterator[Diagnostic]:
    units = ctx.lines
    search = line_search(ctx)
    # the lines it may match: those holding its sign (found from the "(", where the
    # annotation's own pattern tries every Chinese character)
    candidates = search.indexes(PINYIN_SIGN, "raw")
    # each line's string from the search, not its Line: a file's lines are made only for a
    # block's first and last, or where a unit's located text is needed
    string = search.string
    # Without a dictionary, toneless syllables count only on a page full of them (five or
    # more readings: counted up to five, those lines read again below).
    readings = 0
    for k in candidates:
        readings += _readings(string(k))
        if readings >= 5:
            break
    if not readings:
        return
    lenient = readings >= 5
    # One finding per block: a maximal run of affected units not interrupted by an
    # unaffected unit holding Chinese text.  Each is reported when the next one starts, so
    # that one block's matches and edits are held at a time.
    block: _Block | None = None
    last = -1  # the last affected unit
    file_lines = ctx.document.format in ("text", "markdown")  # (lines with a line span each)
    for k in candidates:
        found = _line_annotations(string(k), lenient)
        if found is None:
            continue
        if block is not None and interrupted(units, search, last, k):
            yield _report(ctx, block)
            block = None
        if block is None:
            block = _Block(k, units[k], found)
        block.add(ctx, k, found, search.verbatim_start(k) if file_lines else None)
        last = k
    if block is not None:
        yield _report(ctx, block)


def interrupted(units: Sequence[Line], search: LineSearch, after: int, before: int,
                ends: Callable[[Line], bool] = interrupts_pinyin_block) -> bool:
    """Whether a unit between ``after`` and ``before`` ends a block (``ends``, which only a
    unit holding Han characters passes): only those a search of the lines between finds are asked."""
    if before - after < 2:
        return False
    raw = search.view("raw")
    starts = raw.starts
    position, end = starts[after + 1], starts[before] - 1  # (the newline before line ``before``)
    while (found := HAN.search(raw.text, position, end)) is not None:
        k = bisect_right(starts, found.start()) - 1
        if ends(units[k]):
            return True
        position = starts[k + 1]
    return False


def _report(ctx: Context, block: _Block) -> Diagnostic:
    start = block.start
    k, found = block.last
    end = ctx.lines[k].text.span(*found.last())
    first_line = ctx.source.position(start.start)[0]
    last_line = ctx.source.position(end.end - 1)[0] if end.end > end.start else first_line
    lines = block.lines(ctx)
    span_text = f"{first_line}" if first_line == last_line else f"{first_line}–{last_line}"
    return ctx.report(
        start.cover(end),
        fix=Fix(edits=tuple(block.edits), safe=True, description="remove the pinyin annotations"),
        count=block.count,
        lines=lines,
        where_zh=f"第 {span_text} 行" + ("" if first_line == last_line else f"（其中 {lines} 行有注音）"),
        where_en=f"on line {span_text}" if first_line == last_line else f"on {lines} of lines {span_text}",
        sample=block.sample,
    )
