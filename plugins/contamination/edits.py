"""Where a contamination finding is and how its text is removed: spans and edits of lines."""

from __future__ import annotations

from typing import Iterable

from gxlint.document import LINEAR, Span, Text
from gxlint.plugin import Edit, Line, lazy_compile


def unit_span(unit: Line, i: int = 0, j: int | None = None) -> Span:
    return unit.text.span(i, j)


def stripped_span(unit: Line) -> Span:
    stripped = unit.text.strip()
    return stripped.span() if len(stripped) else unit.text.span()


def text_removal_edits(text: Text) -> tuple[Edit, ...]:
    """Edits deleting the characters of ``text`` only (never markup between them)."""
    edits: list[Edit] = []
    run_start = run_end = None
    for _, length, s, w in text.runs():
        if w == 0:  # synthetic
            continue
        # a verbatim run is one piece; each character of an entity run spans the entity
        for a, b in [(s, s + length)] if w == LINEAR else [(s, s + w)] * length:
            if run_end is not None and a == run_end:
                run_end = b
                continue
            if run_start is not None:
                edits.append(Edit(run_start, run_end))
            run_start, run_end = a, b
    if run_start is not None:
        edits.append(Edit(run_start, run_end))
    return tuple(edits)


def merge_edits(edits: Iterable[Edit]) -> tuple[Edit, ...]:
    out: list[Edit] = []
    for edit in sorted(edits, key=lambda e: e.start):
        if out and edit.start <= out[-1].end and not out[-1].replacement and not edit.replacement:
            out[-1] = Edit(out[-1].start, max(out[-1].end, edit.end))
        else:
            out.append(edit)
    return tuple(out)


HAN = lazy_compile(r"[\u4e00-\u9fff]")
