"""How much markup a Markdown file may hold before gxlint refuses it (GX028, issue 9).

markdown-it makes a token of a few hundred bytes for every piece of inline markup
(emphasis, a link, a code span, an entity, an escape) and several for every list item or
heading, all before gxlint's reader sees the first: 120 KB of ``**1** `` in one paragraph
took 45.5 MiB, 9,900 lines of ``- 1`` 20.6 MiB, against gxlint's memory bound (20× the
input plus 8 MiB) of 9–10 MiB.  So, as pipes (GX025) and HTML tags (GX026) are, markup is
counted before parsing: each character that can open an inline token (``*``, ``_``,
`````, ``&``, ``\\``, ``~``; ``[`` three times, as a link is three tokens and its
attributes) and four for each line that starts a list item or a heading.  A file over
:data:`MAX_MARKUP` is refused with GX028 and exit 2, saying it was not checked.  The
largest real Markdown file in the repository (this project's README) counts about 750;
at the limit every shape measured peaks within the bound (docs/hostile-input.md).
"""

from __future__ import annotations

import re

from gxlint.errors import InputError
from gxlint.lazy_pattern import lazy_compile

MAX_MARKUP = 8_000

_INLINE = "*_`&\\~"
# a line that opens a list item or a heading, inside block quotes or not (the quote
# marks taken possessively: giving one back never lets a marker match, and the regex
# engine kept a backtracking point for each, 15.7 MiB for a line of 124,000 ">")
_BLOCK_MARKER = lazy_compile(
    r"^[ \t]{0,3}(?:>[ \t]?)*+[ \t]{0,3}(?:[-*+]|\d{1,9}[.)]|#{1,6})(?=[ \t]|$)", re.MULTILINE)


def markup_count(text: str) -> int:
    """The markup of a Markdown ``text``, counted as :data:`MAX_MARKUP` is."""
    inline = sum(text.count(c) for c in _INLINE) + 3 * text.count("[")
    return inline + 4 * sum(1 for _ in _BLOCK_MARKER.finditer(text))


def check_markup_count(text: str, limit: int = MAX_MARKUP) -> None:
    """Refuse a Markdown text with more markup than ``limit`` (counted before parsing;
    call it after the line limit, which bounds the scan for list and heading lines)."""
    found = markup_count(text)
    if found > limit:
        raise InputError("GX028", found=f"{found:,}", limit=f"{limit:,}")
