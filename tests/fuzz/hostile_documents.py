"""Hostile .docx and PDF files, made with the libraries gxlint reads them with (issue 9).

A .docx or PDF is compressed, so a small file can hold a great deal: a ZIP member unpacks
to up to about a thousand times its size, and a PDF page can be repeated by reference.
These build such files on the real reports: a ``.docx`` of the text seed (python-docx)
with extra body XML, and PDFs of text lines or ruled grids drawn with PDFium's page
objects (pypdfium2), the page repeated.
"""

from __future__ import annotations

import ctypes
import io
import zipfile
from pathlib import Path

from tests.fuzz.hostile_inputs import embed

TINY_PARAGRAPH = "<w:p><w:r><w:t>1</w:t></w:r></w:p>"  # three elements, 35 bytes


def seed_docx(extra: str = "", text: str = "申请1件，報(bào)告") -> bytes:
    """The text seed (``text`` in its first section) as a .docx, with ``extra`` XML at the end of its body."""
    import docx

    document = docx.Document()
    for line in embed(text, "text").decode().splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    if not extra:
        return buffer.getvalue()
    source = zipfile.ZipFile(buffer)
    xml = source.read("word/document.xml").decode()
    at = xml.index("<w:sectPr") if "<w:sectPr" in xml else xml.index("</w:body>")
    xml = xml[:at] + extra + xml[at:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, xml if info.filename == "word/document.xml" else source.read(info))
    return out.getvalue()


def _new_pdf():
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    return document, document.new_page(595, 842)


def _save(document, page, pages: int) -> bytes:
    import pypdfium2.raw as raw

    assert raw.FPDFPage_GenerateContent(page.raw)
    for _ in range(pages - 1):
        document.import_pages(document, [0])
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def pdf_of_text(pages: int, lines: int, line: str = "1 " * 39 + "1") -> bytes:
    """``pages`` pages, each of ``lines`` lines of ``line`` in a standard font (80 characters)."""
    import pypdfium2.raw as raw

    document, page = _new_pdf()
    buffer = ctypes.create_string_buffer((line + "\0").encode("utf-16-le"))
    for k in range(lines):
        obj = raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(4))
        raw.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)))
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 20, 830 - (k % 200) * 4)
        raw.FPDFPage_InsertObject(page.raw, obj)
    return _save(document, page, pages)


def pdf_of_grids(pages: int, rows: int, columns: int) -> bytes:
    """``pages`` pages, each ruled as one table of ``rows`` × ``columns`` empty cells."""
    import pypdfium2.raw as raw

    document, page = _new_pdf()
    step = 10.0
    left, top = 20.0, 20.0

    def rule(x: float, y: float, width: float, height: float) -> None:
        obj = raw.FPDFPageObj_CreateNewRect(x, y, width, height)
        raw.FPDFPath_SetDrawMode(obj, 1, 0)  # filled: a thin filled rectangle is a ruling
        raw.FPDFPage_InsertObject(page.raw, obj)

    for r in range(rows + 1):
        rule(left, top + r * step, columns * step, 0.5)
    for c in range(columns + 1):
        rule(left + c * step, top, 0.5, rows * step)
    return _save(document, page, pages)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
