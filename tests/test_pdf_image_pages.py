"""GX020: PDF pages that are pictures without a text layer were not read, and gxlint says so.

The mixed PDFs are built at test time from the committed fixtures (tests/fixtures/documents):
pages of a text PDF exported by LibreOffice (seed-000.lo.pdf) and pages of scanned.pdf
(a real report's pages as images), joined with PDFium's page import.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

pdfium = pytest.importorskip("pypdfium2")

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"
TEXT = DOCS / "seed-000.lo.pdf"  # 4 pages with a text layer
SCANNED = DOCS / "scanned.pdf"  # 2 pages, images only


def _combine(path: Path, plan: list[tuple[str, int]], blank_after: bool = False,
             page_numbers: bool = False) -> Path:
    """A PDF of the pages ``plan`` names: ("text", i) from TEXT, ("scan", i) from SCANNED;
    with ``page_numbers``, every page gets a text ``- N -`` in its bottom margin, as a
    printer's or viewer's stamp puts on scanned pages too."""
    text, scan = pdfium.PdfDocument(str(TEXT)), pdfium.PdfDocument(str(SCANNED))
    out = pdfium.PdfDocument.new()
    for kind, index in plan:
        out.import_pages(text if kind == "text" else scan, [index])
    if page_numbers:
        for number in range(len(out)):
            _stamp_text(out, out[number], f"- {number + 1} -")
    if blank_after:
        out.new_page(595, 842)  # A4, nothing on it
    buffer = io.BytesIO()
    out.save(buffer)
    for document in (out, text, scan):
        document.close()
    path.write_bytes(buffer.getvalue())
    return path


def _stamp_text(document, page, label: str) -> None:
    """A line of text in a standard font at the foot of ``page`` (PDFium's page objects)."""
    import ctypes

    import pypdfium2.raw as raw

    width, _height = page.get_size()
    obj = raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(10))
    text = ctypes.create_string_buffer((label + "\0").encode("utf-16-le"))
    raw.FPDFText_SetText(obj, ctypes.cast(text, ctypes.POINTER(raw.FPDF_WCHAR)))
    raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, width / 2 - 12, 20)
    raw.FPDFPage_InsertObject(page.raw, obj)
    assert raw.FPDFPage_GenerateContent(page.raw)


def _gx020(result):
    return [d for d in result.diagnostics if d.code == "GX020"]


def test_scanned_pages_among_text_pages_are_reported(linter, tmp_path):
    pdf = _combine(tmp_path / "mixed.pdf", [("text", 0), ("text", 1), ("scan", 0), ("text", 2), ("scan", 1), ("text", 3)])
    result = linter.lint_path(str(pdf))
    (finding,) = _gx020(result)
    assert finding.effective_severity.value == "warning" and finding.rule.family == "input"
    assert finding.message("en") == "pages 3, 5 of 6 without a text layer (images): not checked; OCR them"
    assert finding.message("zh") == "PDF 第 3、5 页（共 6 页）没有文字层（是图片），这些页面未经检查：请先进行文字识别（OCR）"
    # at the first line after the first scanned page: page 4 (the third text page) starts there
    assert result.source.page_at(finding.line, finding.column) == 4
    assert finding.column == 1
    # the last line of page 2 is on page 2, not on the scanned page 3 that follows it
    starts = result.source.page_starts
    assert starts[2] == starts[3] and result.source.page(starts[3] - 1) == 2
    lines = result.source.text.split("\n")
    third_page_text = pdfium.PdfDocument(str(TEXT))[2].get_textpage().get_text_range()
    assert lines[finding.line - 1].replace(" ", "")[:6] in third_page_text.replace(" ", "").replace("\r\n", "")


def test_a_scanned_last_page_is_reported_at_line_1(linter, tmp_path):
    pdf = _combine(tmp_path / "signed.pdf", [("text", 0), ("text", 1), ("text", 2), ("text", 3), ("scan", 0)])
    result = linter.lint_path(str(pdf))
    (finding,) = _gx020(result)
    assert finding.message("en") == "page 5 of 5 without a text layer (images): not checked; OCR them"
    assert (finding.line, finding.column) == (1, 1)


def test_the_warning_on_the_command_line(tmp_path):
    pdf = _combine(tmp_path / "mixed.pdf", [("scan", 0), ("text", 0), ("text", 1), ("text", 2), ("text", 3)])
    run = subprocess.run([sys.executable, "-m", "gxlint", "--color", "never", "--format", "concise", str(pdf)],
                         capture_output=True, text=True, timeout=120)
    assert "Traceback" not in run.stderr
    assert run.returncode == 0, run.stdout + run.stderr  # a warning: the text pages were linted
    assert "GX020 [warning] page 1 of 5 without a text layer (images)" in run.stdout


def test_a_blank_page_is_not_a_scanned_page(linter, tmp_path):
    # an empty page (no text, no image), e.g. the back of a sheet: nothing was left unread
    pdf = _combine(tmp_path / "blank.pdf", [("text", 0), ("text", 1), ("text", 2), ("text", 3)], blank_after=True)
    result = linter.lint_path(str(pdf))
    assert result.document is not None and not result.fatal
    assert result.document.reader_notes["pdf_pages"] == 5
    assert not _gx020(result)


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.pdf")
                                        if p.name not in ("scanned.pdf", "encrypted.pdf", "truncated.pdf")))
def test_text_pdfs_are_silent(linter, name):
    # both producers (LibreOffice, Chromium with its header and footer) have a text layer on every page
    assert not _gx020(linter.lint_path(str(DOCS / name)))


def test_an_all_image_pdf_is_still_gx013_alone(linter):
    result = linter.lint_path(str(SCANNED))
    assert [d.code for d in result.diagnostics] == ["GX013"]


def test_a_scanned_page_with_a_text_page_number_is_still_a_scanned_page(linter, tmp_path):
    """The page number in the margin is text, but nothing of the page's body is."""
    pdf = _combine(tmp_path / "numbered.pdf", [("text", 0), ("text", 1), ("scan", 0), ("text", 2), ("scan", 1), ("text", 3)],
                   page_numbers=True)
    document = pdfium.PdfDocument(str(pdf))
    assert document[2].get_textpage().get_text_range().strip() == "- 3 -"  # the stamp is real text
    document.close()
    result = linter.lint_path(str(pdf))
    (finding,) = _gx020(result)
    assert finding.message("en") == "pages 3, 5 of 6 without a text layer (images): not checked; OCR them"
    assert result.source.page_at(finding.line, finding.column) == 4
    # look-alike: the same text pages numbered the same way are all read
    plain = _combine(tmp_path / "text-numbered.pdf", [("text", k) for k in range(4)], page_numbers=True)
    assert _gx020(linter.lint_path(str(plain))) == []


def test_a_wholly_scanned_pdf_with_page_numbers_is_not_read(linter, tmp_path):
    """Only page numbers have a text layer: nothing of the report was read (GX013)."""
    pdf = _combine(tmp_path / "scanned-numbered.pdf", [("scan", 0), ("scan", 1)], page_numbers=True)
    result = linter.lint_path(str(pdf))
    assert result.fatal and [d.code for d in result.diagnostics] == ["GX013"]
