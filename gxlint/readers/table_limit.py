"""How many table cells a reader builds before it refuses the file (GX025, issue 9).

A table cell costs a few hundred bytes however few it takes in the file (``| 1 ``,
``<td>1</td>``): a ``Cell``, its ``Text``, and for HTML the parsed elements behind it.  A
file made of tiny cells therefore cannot stay within gxlint's memory bound (20× the input
plus 8 MiB), and a 50 MB page of them would take gigabytes.  Real reports have a few
hundred cells (392 at most among the fixtures; about 600 in the largest seen), so a file
with more than :data:`MAX_TABLE_CELLS` is refused with GX025 and exit 2, saying it was not
checked, rather than read in part and passed.

* HTML counts the ``<td>``/``<th>`` tags before parsing (the tree is most of the cost);
* text counts the cells as it builds them (a line of pipes is cut into cells before the
  reader can tell it is no table);
* ``.docx`` counts the ``<w:tc>`` elements of ``word/document.xml`` before python-docx
  parses it, streaming the part (the package is compressed: a 40 KB file of 10,000 empty
  cells took 15 MiB);
* Markdown counts ``|`` before parsing, with its own limit (:mod:`gxlint.readers.markdown`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gxlint.errors import InputError
from gxlint.lazy_pattern import lazy_compile

if TYPE_CHECKING:  # pragma: no cover
    import zipfile

MAX_TABLE_CELLS = 5_000

_CELL_TAG = lazy_compile(r"<t[dh](?=[\s/>])", re.IGNORECASE)


_WHAT = {  # what was counted: (English, Chinese)
    "cells": ("table cells", "个表格单元格"),
    "tags": ("table cells (<td>/<th> tags)", "个表格单元格（<td>/<th> 标签）"),
    "pipes": ("table cell separators `|`", "个表格分隔符“|”"),
    "docx": ("table cells (<w:tc> elements)", "个表格单元格（<w:tc> 元素）"),
}


def too_many_cells(found: int | None, limit: int = MAX_TABLE_CELLS, what: str = "cells") -> InputError:
    """GX025 for a file with ``found`` table cells, tags or pipes (None: more than ``limit``,
    counting stopped there)."""
    en, zh = _WHAT[what]
    if found is None:
        return InputError("GX025", found=f"more than {limit:,} {en}", found_zh=f"超过 {limit:,} {zh}", limit=f"{limit:,}")
    return InputError("GX025", found=f"{found:,} {en}", found_zh=f"{found:,} {zh}", limit=f"{limit:,}")


def check_cell_tags(text: str, limit: int = MAX_TABLE_CELLS) -> None:
    """Refuse an HTML page with more than ``limit`` ``<td>``/``<th>`` tags (counted in the
    raw text, before the tree is built: comments and scripts included)."""
    if text.count("<") <= limit:  # cheap: most pages have few tags
        return
    found = sum(1 for _ in _CELL_TAG.finditer(text))
    if found > limit:
        raise too_many_cells(found, limit, "tags")


# a table cell element of WordprocessingML under any prefix (``<w:tc>``, not ``<w:tcPr>``)
_DOCX_CELL = lazy_compile(rb"<(?:[A-Za-z_][\w.-]{0,63}:)?tc[\s/>]")
_CHUNK = 1 << 20


# a run of character data, with the ">" of the tag before it
_XML_TEXT = lazy_compile(rb">[^<]+")
_XML_LEADING_TEXT = lazy_compile(rb"[^<]*")


class PartCounts:
    """What a streamed XML part holds: table cells, elements and bytes of character data."""

    __slots__ = ("cells", "elements", "text_bytes", "size")

    def __init__(self) -> None:
        self.cells = self.elements = self.text_bytes = self.size = 0


def count_docx_part(package: "zipfile.ZipFile", part: str = "word/document.xml",
                    chunk_size: int = _CHUNK) -> PartCounts | None:
    """Count the table cells, elements and character data of ``part`` of the ZIP ``package``,
    read a megabyte at a time (no part is held whole); None when there is no such part."""
    try:
        stream = package.open(part)
    except KeyError:
        return None  # no main part: python-docx says what is wrong
    counts = PartCounts()
    tail = b""
    in_text = False  # whether the last chunk ended in character data
    with stream:
        while True:
            chunk = stream.read(chunk_size)
            counts.size += len(chunk)
            data = tail + chunk
            # a cell tag is at most 70 bytes: one that may go on into the next chunk starts at
            # a "<" among the last 80, and waits for it
            cut = data.rfind(b"<", max(0, len(data) - 80)) if chunk else -1
            cut = len(data) if cut == -1 else cut
            counts.cells += sum(1 for _ in _DOCX_CELL.finditer(data, 0, cut))
            # elements: every "<" but those of end tags, declarations and processing instructions
            counts.elements += (data.count(b"<", 0, cut) - data.count(b"</", 0, cut) - data.count(b"<!", 0, cut)
                                - data.count(b"<?", 0, cut))
            # character data: the runs between a tag's ">" and the next "<" (no list is built:
            # a re.sub over a chunk of tiny elements made one bytes object a run, 10 MiB), and
            # the run the last chunk ended in, which goes on at this one's start
            lead = _XML_LEADING_TEXT.match(data, 0, cut).end() if in_text else 0
            counts.text_bytes += lead + sum(m.end() - m.start() - 1 for m in _XML_TEXT.finditer(data, lead, cut))
            last_lt, last_gt = data.rfind(b"<", 0, cut), data.rfind(b">", 0, cut)
            in_text = last_gt > last_lt or (last_lt == last_gt == -1 and in_text)
            tail = data[cut:]
            if not chunk:
                break
    return counts


def check_docx_cells(package: "zipfile.ZipFile", part: str = "word/document.xml", limit: int = MAX_TABLE_CELLS,
                     chunk_size: int = _CHUNK, counts: PartCounts | None = None) -> None:
    """Refuse a .docx whose main part holds more than ``limit`` table cells, read from the
    ZIP ``package`` a megabyte at a time (or from ``counts`` of that part already made)."""
    if counts is None:
        counts = count_docx_part(package, part, chunk_size)
    if counts is not None and counts.cells > limit:
        raise too_many_cells(counts.cells, limit, "docx")


class CellBudget:
    """Counts the cells a reader builds; refuses the file (GX025) past ``limit``."""

    __slots__ = ("left", "limit")

    def __init__(self, limit: int = MAX_TABLE_CELLS) -> None:
        self.limit = limit
        self.left = limit

    def take(self, count: int = 1) -> None:
        self.left -= count
        if self.left < 0:
            raise too_many_cells(None, self.limit)
