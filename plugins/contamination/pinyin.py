"""GX505: pinyin annotations a mirror site leaked into the text (``報(bào)告``)."""

from __future__ import annotations

import importlib.util
import os
import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Iterator

from gxlint.plugin import (
    Context,
    Diagnostic,
    Edit,
    Fix,
    Line,
    PINYIN_ANNOTATION,
    is_reading,
    line_search,
    rule,
    simplified_char,
)

from .chrome import is_border
from .edits import HAN


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
    return _verified((m for m in PINYIN_ANNOTATION.finditer(unit.value) if is_reading(m.group(2))), lenient=lenient)


def _verified(matches: Iterable[re.Match], *, lenient: bool) -> list[re.Match]:
    """The annotations (matches whose letters are a reading) that are a reading of their character."""
    found = []
    for match in matches:
        letters = match.group(2)
        verdict = reading_matches(match.group(1), letters)
        if verdict is None:
            verdict = _has_tone(letters) or lenient
        if verdict:
            found.append(match)
    return found


def interrupts_pinyin_block(unit: Line) -> bool:
    """An unaffected unit ends a GX505 block only if it holds Chinese text.

    Blank lines, table-border lines (``|``) and number-only cells do not.
    """
    return not unit.blank and not is_border(unit.value) and bool(HAN.search(unit.value))


@rule("GX505")
def pinyin_annotations(ctx: Context) -> Iterator[Diagnostic]:
    units = ctx.lines
    candidates = {
        k: [m for m in PINYIN_ANNOTATION.finditer(units[k].value) if is_reading(m.group(2))]
        for k in line_search(ctx).indexes(PINYIN_ANNOTATION, "raw")  # the lines it may match
    }
    if not any(candidates.values()):
        return
    # Without a dictionary, toneless syllables count only on a page full of them.
    lenient = sum(len(v) for v in candidates.values()) >= 5
    # One finding per block: a maximal run of affected units not interrupted by an
    # unaffected unit holding Chinese text.
    blocks: list[list[tuple[Line, list[re.Match]]]] = []
    open_block = False
    han = set(line_search(ctx).indexes(HAN, "raw"))  # the lines interrupts_pinyin_block() may hold
    for k, unit in enumerate(units):
        found = candidates.get(k)
        matches = _verified(found, lenient=lenient) if found else []  # pinyin_matches(unit), found once
        if matches:
            if not open_block:
                blocks.append([])
                open_block = True
            blocks[-1].append((unit, matches))
        elif open_block and k in han and interrupts_pinyin_block(unit):  # (nothing to end while none is open)
            open_block = False
    for block in blocks:
        edits = []
        for unit, matches in block:
            verbatim = unit.text.verbatim_start()
            for m in matches:
                if verbatim is not None:  # (Text.span of a verbatim slice, without its checks)
                    edits.append(Edit(verbatim + m.start(2) - 1, verbatim + m.end()))
                else:
                    span = unit.text.span(m.start(2) - 1, m.end())
                    edits.append(Edit(span.start, span.end))
        first_unit, first_matches = block[0]
        last_unit, last_matches = block[-1]
        start = first_unit.text.span(first_matches[0].start(), first_matches[0].end())
        end = last_unit.text.span(last_matches[-1].start(), last_matches[-1].end())
        first_line = ctx.source.position(start.start)[0]
        last_line = ctx.source.position(end.end - 1)[0] if end.end > end.start else first_line
        count = len(edits)
        if all(unit.line_span is not None for unit, _ in block):  # a text line each: the lines are the units
            lines = len(block)
        else:
            lines = len({ctx.source.position(e.start)[0] for e in edits})
        span_text = f"{first_line}" if first_line == last_line else f"{first_line}–{last_line}"
        yield ctx.report(
            start.cover(end),
            fix=Fix(edits=tuple(edits), safe=True, description="remove the pinyin annotations"),
            count=count,
            lines=lines,
            where_zh=f"第 {span_text} 行" + ("" if first_line == last_line else f"（其中 {lines} 行有注音）"),
            where_en=f"on line {span_text}" if first_line == last_line else f"on {lines} of lines {span_text}",
            sample=first_matches[0].group(0),
        )
