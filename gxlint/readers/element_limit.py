"""How many elements an HTML page may have before gxlint refuses it (GX026, issue 9).

Every element of a page becomes a parsed node, and a paragraph or list item also a block
with its texts and matching views: several hundred bytes to a kilobyte each, against four
bytes of ``<p>1`` or ``<br>`` in the file.  A page made of tiny elements therefore cannot
stay within gxlint's memory bound (20× the input plus 8 MiB): on 360 KB, ``<p>1</p>``
repeated took 96× its size.  Comments are nodes too (``<!---->`` cost 36× its bytes).
Real report pages have at most about 2,200 such tags, so a page with more than
:data:`MAX_ELEMENTS` is refused with GX026 and exit 2, saying it was not checked, before
its tree is built.  The limit is the largest that keeps pages of tiny elements within the
bound (measured in docs/hostile-input.md, held by tests/test_hostile_memory.py).
"""

from __future__ import annotations

from gxlint.errors import InputError
from gxlint.lazy_pattern import lazy_compile

MAX_ELEMENTS = 11_000

# where the HTML tokenizer starts a node: a start tag ("<" and an ASCII letter), a comment,
# doctype or processing instruction ("<!", "<?"), or a bogus comment ("</" and neither a
# letter nor ">")
_NODE_TAG = lazy_compile(r"<(?:[A-Za-z!?]|/[^A-Za-z>])")


def count_tags(text: str) -> int:
    """The start tags and comments of ``text`` (those inside comments and scripts included:
    an over-count only, and real pages have few)."""
    return sum(1 for _ in _NODE_TAG.finditer(text))


def check_element_count(text: str, limit: int = MAX_ELEMENTS) -> None:
    """Refuse an HTML page with more than ``limit`` start tags and comments (counted in the
    raw text, before the tree is built)."""
    if text.count("<") <= limit:  # cheap: every tag counted starts with "<"
        return
    found = count_tags(text)
    if found > limit:
        raise InputError("GX026", found=f"{found:,}", limit=f"{limit:,}")
