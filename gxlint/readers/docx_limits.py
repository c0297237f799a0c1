"""How much of a .docx gxlint parses before it refuses the file (issue 9, memory).

A .docx is a ZIP package: its main part ``word/document.xml`` unpacks to 13-19× the file
(the real reports among the fixtures: 190-235 KB from 12-16 KB), and a hostile one to
about a thousand times (deflate's limit).  python-docx parses the whole part into an lxml
tree, a couple of hundred bytes per element, and every paragraph becomes a block: 80,000
elements of tiny paragraphs in a 41 KB file took 16 MiB.  So the main part is counted as
it streams, a megabyte at a time, before it is parsed (:func:`count_docx_part`), and
refused past these limits, with exit 2 and "it was not checked":

* more than ``MAX_TABLE_CELLS`` ``<w:tc>`` cells: GX025, as for every format;
* more than :data:`MAX_DOCX_ELEMENTS` elements: GX015 (the fixtures have 6,900-10,100);
* more than :data:`MAX_DOCX_TEXT` bytes of character data: GX015 (the fixtures have
  about 10-20 KB).

What is parsed is then bounded whatever the file's size: see docs/hostile-input.md for
the peak measured at these limits.  The package's declared sizes and compression ratios
are checked before this, in :func:`gxlint.readers.documents.open_zip`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gxlint.readers.documents import damaged
from gxlint.readers.table_limit import check_docx_cells, count_docx_part

if TYPE_CHECKING:  # pragma: no cover
    import zipfile

MAX_DOCX_ELEMENTS = 50_000
MAX_DOCX_TEXT = 1024 * 1024


def check_docx_part(package: "zipfile.ZipFile", part: str = "word/document.xml",
                    max_elements: int = MAX_DOCX_ELEMENTS, max_text: int = MAX_DOCX_TEXT) -> None:
    """Refuse a .docx whose main part holds more cells, elements or text than gxlint parses."""
    counts = count_docx_part(package, part)
    if counts is None:
        return  # no main part: python-docx says what is wrong
    check_docx_cells(package, part, counts=counts)
    if counts.elements > max_elements:
        raise damaged("docx", f"its main part holds {counts.elements:,} XML elements (limit {max_elements:,}; "
                              f"a real report has about 10,000)",
                      f"其正文部件含 {counts.elements:,} 个 XML 元素（上限 {max_elements:,}；正常报告约 1 万个）")
    if counts.text_bytes > max_text:
        raise damaged("docx", f"its main part holds {counts.text_bytes:,} bytes of text (limit {max_text:,}; "
                              f"a real report has a few tens of thousands)",
                      f"其正文部件含 {counts.text_bytes:,} 字节文字（上限 {max_text:,}；正常报告只有数万字节）")
