"""Where a contamination finding is and how its text is removed: spans and edits of lines."""

from __future__ import annotations

from bisect import bisect_left
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


def _seams(text: Text) -> list[int]:
    """The characters ``k`` of ``text`` whose source does not start where character
    ``k - 1``'s ends (markup or a jump between them; each character after the first of an
    entity run): a stretch of the text crossing none is one piece of the source that holds
    the text's own characters and nothing else."""
    seams: list[int] = []
    previous_end = None
    for first, length, s, w in text.runs():
        if previous_end is not None and s != previous_end:
            seams.append(first)
        if w == LINEAR:
            previous_end = s + length
        else:
            if w:  # (synthetic characters, all at s, follow one another)
                seams.extend(range(first + 1, first + length))
            previous_end = s + w
    return seams


def stretch_edits(text: Text, source: str, changes: Iterable[tuple[int, int, str]]) -> list[Edit]:
    """The edits making ``changes`` to a line's text — ``(i, j, replacement)``: its
    characters ``[i, j)`` replaced, ascending and disjoint — one per stretch of the source
    that holds only the text's own characters (the whole line when it stands in the source
    as it is), the unchanged source between its changes copied into the replacement.

    Applied, they give the text one edit per change gives; but a fix changing every other
    character of a 1 MB file is a few edits a line, not hundreds of thousands of objects
    (the memory bound of a lint: issue #9).  A stretch never spans markup, so it overlaps
    another line's or another fix's edits no more than the changes themselves do, except
    for an edit between two changes of this line."""
    edits: list[Edit] = []
    pieces: list[str] = []
    verbatim = text.verbatim_start()
    if verbatim is not None:  # the line as it stands in the source: one stretch
        value = text.value
        first = last = -1
        for i, j, replacement in changes:
            if first < 0:
                first = i
            else:
                pieces.append(value[last:i])
            pieces.append(replacement)
            last = j
        if first >= 0:
            edits.append(Edit(verbatim + first, verbatim + last, "".join(pieces)))
        return edits
    seams = _seams(text)
    start = end = last = -1
    for i, j, replacement in changes:
        span = text.span(i, j)
        if pieces:
            seam = bisect_left(seams, last)  # the first seam at or after the last change's end
            if span.start >= end and (seam == len(seams) or seams[seam] > i):  # the same stretch
                pieces.append(source[end:span.start])
                pieces.append(replacement)
                end, last = span.end, j
                continue
            edits.append(Edit(start, end, "".join(pieces)))
            pieces = []
        pieces.append(replacement)
        start, end, last = span.start, span.end, j
    if pieces:
        edits.append(Edit(start, end, "".join(pieces)))
    return edits


HAN = lazy_compile(r"[\u4e00-\u9fff]")
