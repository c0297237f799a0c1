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


def is_page_marker(line: str) -> bool:
    """Is this line nothing but a page marker?"""
    return PAGE_MARKER.match(line) is not None
