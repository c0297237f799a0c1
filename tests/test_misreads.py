"""Misreads found on real reports (issue 7, section 3): each shape built from a real report.

Every fixture here is a vendored report (tests/fixtures/reports) read by gxlint and written
to ``tmp_path`` with only what the shape needs changed; tests/renderings.py writes the
Markdown and copied-text forms of a real page.  Each test states the finding the shape used
to cause and checks it is gone, and that the figures are read as they stand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import corpus, read_document, seed
from renderings import to_markdown, to_text


@pytest.fixture(scope="module")
def lint_file(linter):
    def run(path: Path):
        return linter.lint_path(str(path)).diagnostics

    return run


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def _replace_once(text: str, old: str, new: str, start: int = 0) -> str:
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old):]


# --- signed values in the 2019 template ---------------------------------------------------


def _signed_2019_page(tmp_path: Path) -> Path:
    """pingtan-2019.html (2019 template) with 行政处罚 | 2648 | -18 | 538 (was 2648 | 0 | 430)."""
    page = corpus("pingtan-2019.html").read_text(encoding="utf-8")
    at = page.index("2648</span>")
    page = _replace_once(page, ">0</span>", ">-18</span>", at)
    page = _replace_once(page, ">430</span>", ">538</span>", at)
    path = tmp_path / "signed-2019.html"
    path.write_text(page, encoding="utf-8")
    return path


def _forms(tmp_path: Path, page: Path) -> list[Path]:
    document = read_document(page)
    markdown = tmp_path / (page.stem + ".md")
    markdown.write_text(to_markdown(document), encoding="utf-8")
    text = tmp_path / (page.stem + ".txt")
    text.write_text(to_text(document), encoding="utf-8")
    return [page, markdown, text]


def test_signed_change_column_is_read_as_a_signed_value_in_every_form(tmp_path, lint_file):
    for path in _forms(tmp_path, _signed_2019_page(tmp_path)):
        table = read_document(path).standard_tables.get("active")
        assert table.template == "2019", path
        assert table.number("penalties.previous") == 2648, path
        assert table.number("penalties.change") == -18, path
        assert table.number("penalties.decisions") == 538, path
        assert table.cells["penalties.change"].problem is None, path
        found = codes(lint_file(path))
        for code in ("GX206", "GX301", "GX302", "GX309"):
            assert code not in found, (path, code)


def test_a_negative_number_in_a_count_column_is_still_a_negative_count(tmp_path, lint_file):
    """The look-alike: -18 where the template wants a count (处理决定数量) is GX206."""
    page = _signed_2019_page(tmp_path).read_text(encoding="utf-8")
    at = page.index("2648</span>")
    page = _replace_once(page, ">538</span>", ">-538</span>", at)
    path = tmp_path / "negative-count.html"
    path.write_text(page, encoding="utf-8")
    found = [d for d in lint_file(path) if d.code == "GX206"]
    assert len(found) == 1 and "-538" in found[0].message("en"), found


def test_a_cell_of_two_digits_is_never_cut_into_two_cells(tmp_path, lint_file):
    """Text form: ``行政事业性收费 | 35 | -2`` is 35 and -2 (it used to read 3 and 5)."""
    page = _signed_2019_page(tmp_path)
    text = to_text(read_document(page))
    assert "\n行政事业性收费 | 35 | 0\n" in text
    both = tmp_path / "fee-signed.txt"
    both.write_text(text.replace("\n行政事业性收费 | 35 | 0\n", "\n行政事业性收费 | 35 | -2\n"), encoding="utf-8")
    table = read_document(both).standard_tables.get("active")
    assert (table.number("fees.previous"), table.number("fees.change")) == (35, -2)
    # with the second cell lost, 35 may be one cell or two run together: neither is guessed
    short = tmp_path / "fee-short.txt"
    short.write_text(text.replace("\n行政事业性收费 | 35 | 0\n", "\n行政事业性收费 35\n"), encoding="utf-8")
    table = read_document(short).standard_tables.get("active")
    assert table.number("fees.previous") is None and table.number("fees.change") is None
    line = text.split("\n").index("行政事业性收费 | 35 | 0") + 1
    assert [(d.code, d.line) for d in lint_file(short) if d.code in ("GX302", "GX309")] == [("GX309", line)]
