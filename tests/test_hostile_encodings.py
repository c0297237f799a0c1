"""Encodings a hostile or careless publisher produces (issue 9): UTF-16 without a BOM,
a UTF-8 page that declares charset=utf-16."""

from __future__ import annotations

from pathlib import Path

import pytest

from gxlint.readers.decode import decode, looks_binary

REPO = Path(__file__).resolve().parent.parent
SEED = sorted((REPO / "tests" / "fixtures" / "reports" / "seeds").glob("003_*.txt"))[0]
PAGE = REPO / "tests" / "fixtures" / "reports" / "corpus" / "html" / "pingtan-2023.html"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_as_the_report(linter, tmp_path, encoding):
    text = SEED.read_text(encoding="utf-8")
    raw = text.encode(encoding)  # no BOM: the codec names with an order never write one
    assert not looks_binary(raw)
    decoded = decode(raw, "text")
    assert decoded.encoding == encoding and decoded.text == text
    path = tmp_path / "report.txt"
    path.write_bytes(raw)
    direct = linter.lint_path(str(SEED))
    result = linter.lint_path(str(path))
    assert not result.fatal
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [(d.code, d.line, d.column) for d in direct.diagnostics]


def test_a_utf8_page_declaring_utf16_is_read_as_utf8(linter, tmp_path):
    page = PAGE.read_text(encoding="utf-8")
    assert "charset" in page.lower()
    import re

    lying = re.sub(r"charset=[\"']?[\w-]+", "charset=utf-16", page, count=1, flags=re.I)
    decoded = decode(lying.encode("utf-8"), "html")
    assert decoded.encoding == "utf-8" and decoded.text == lying
    path = tmp_path / "page.html"
    path.write_text(lying, encoding="utf-8")
    result = linter.lint_path(str(path))
    assert not result.fatal and not any(d.code in ("GX002", "GX003") for d in result.diagnostics)


def test_binary_files_are_still_binary():
    assert looks_binary(bytes(range(256)) * 64)
    assert looks_binary(b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 4000)
