"""Damaged PDF and Word files never crash gxlint: whatever the damage, a file is either
read (every span inside the extracted text) or refused with an input error (GX013-GX015),
never an internal error (GX902) or a traceback.  The damage is done to the real fixtures
of tests/fixtures/documents (truncation with the end marker kept, so PDFium really parses
the damaged file, and overwritten byte runs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"
PDF = (DOCS / "pingtan-2023.lo.pdf").read_bytes()
DOCX = (DOCS / "pingtan-2023.lo.docx").read_bytes()
ALLOWED = {"GX009", "GX013", "GX014", "GX015", "GX004", "GX001", "GX002"}


def _damage(data: bytes, cut: float, at: float, junk: bytes) -> bytes:
    data = data[: max(16, int(len(data) * cut))]
    position = int(len(data) * at)
    data = data[:position] + junk + data[position + len(junk):]
    return data


def _check(linter, data: bytes, name: str) -> None:
    result = linter.lint_bytes(data, name)
    codes = {d.code for d in result.diagnostics}
    assert "GX902" not in codes and "GX901" not in codes, result.diagnostics
    if result.fatal:
        assert codes <= ALLOWED, codes
        return
    text = result.source.text
    for block in result.document.blocks:
        span = block.text.span()
        assert 0 <= span.start <= span.end <= len(text)


DAMAGE = dict(cut=st.floats(0.05, 1.0), at=st.floats(0.0, 1.0), junk=st.binary(max_size=64))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(**DAMAGE)
def test_damaged_pdf_is_read_or_refused(linter, cut, at, junk):
    data = _damage(PDF, cut, at, junk)
    if b"%%EOF" not in data[-4096:]:
        data += b"\n%%EOF\n"  # get past the truncation guard: PDFium must cope with the rest
    _check(linter, data, "damaged.pdf")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(**DAMAGE)
def test_damaged_docx_is_read_or_refused(linter, cut, at, junk):
    _check(linter, _damage(DOCX, cut, at, junk), "damaged.docx")


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.99])
def test_cut_pdf_with_an_end_marker(linter, cut):
    _check(linter, PDF[: int(len(PDF) * cut)] + b"\n%%EOF\n", "cut.pdf")
