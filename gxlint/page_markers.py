"""Page markers of text copied from a PDF (``- 3 -``, ``—3—``, ``第 3 页``, ``第3页，共12页``,
``3/12页``): one definition for the text reader, the table recogniser and the rules."""

from __future__ import annotations

from gxlint.lazy_pattern import lazy_compile

_MARKER = (
    r"(?:[-－—–]{1,2}\s*\d{1,4}\s*[-－—–]{1,2}"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}\s*页)"
)

# A whole line (or stripped string) that is a page marker.
PAGE_MARKER = lazy_compile(rf"^\s*{_MARKER}\s*$")
# Page-marker lines inside a longer, multi-line value (``finditer``): the line breaks stay.
PAGE_MARKER_LINES = lazy_compile(rf"(?m)^[ \t\u3000]*{_MARKER}[ \t\u3000]*$")
# The same lines after the first, found from their line break: a literal first character,
# which the regex engine skips to (``^`` is tried at every character, ~10 instructions each).
_MARKER_AFTER_BREAK = lazy_compile(rf"\n([ \t\u3000]*{_MARKER}[ \t\u3000]*)(?=\n|\Z)")


def is_page_marker(line: str) -> bool:
    """Is this line nothing but a page marker?"""
    return PAGE_MARKER.match(line) is not None


_DASHES = "-－—–"  # (the first form's dashes, as in _MARKER)


def page_marker_line_spans(value: str) -> list[tuple[int, int]]:
    """The spans of ``PAGE_MARKER_LINES.finditer(value)``, found faster: the first line
    tried where it stands, every other from the line break before it; in a value without
    页 only the lines that hold a dash (a table stream: a report's tables and paragraphs
    as lines, a regex tried at each of their breaks was a tenth of the stream's cost)."""
    if "页" not in value:
        return _dash_marker_spans(value)
    spans = []
    first = PAGE_MARKER_LINES.match(value)
    if first is not None:
        spans.append(first.span())
    for match in _MARKER_AFTER_BREAK.finditer(value, first.end() if first is not None else 0):
        spans.append(match.span(1))
    return spans


def _dash_marker_spans(value: str) -> list[tuple[int, int]]:
    """:func:`page_marker_line_spans` of a value without 页: only the first form can match,
    whose first character after the line's blanks is a dash, so only the lines holding a
    dash are tried (each line searched once a dash character, however many it holds)."""
    starts = set()
    for dash in _DASHES:
        i = value.find(dash)
        while i >= 0:
            starts.add(value.rfind("\n", 0, i) + 1)
            line_end = value.find("\n", i)
            if line_end < 0:
                break
            i = value.find(dash, line_end)
    spans = []
    end = 0  # where the last marker found ends (a marker's blanks may hold line breaks)
    match = PAGE_MARKER_LINES.match
    for start in sorted(starts):
        if start < end:
            continue
        found = match(value, start)
        if found is not None:
            spans.append(found.span())
            end = found.end()
    return spans
