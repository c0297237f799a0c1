"""Files of tiny table cells are refused past a cell limit, in every format (GX025, issue 9).

A cell costs a few hundred bytes however small it is in the file; before the limit a
200 × 200 HTML table peaked at 75× its size and a text one at 99×, and a 50 MB page of
cells would have taken gigabytes (memory: tests/test_hostile_memory.py).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile

import pytest

from hypothesis import given
from hypothesis import strategies as st

from gxlint.readers import text as text_reader
from gxlint.document import Source
from gxlint.errors import InputError
from gxlint.readers.table_limit import MAX_TABLE_CELLS, check_docx_cells
from tests.fuzz.hostile_inputs import FIXTURES, embed


def _gxlint(path, *options):
    return subprocess.run([sys.executable, "-m", "gxlint", "--no-cache", "--isolated", *options, str(path)],
                          capture_output=True, timeout=300, text=True)


def _html_table(rows: int, columns: int) -> bytes:
    body = "<table>" + ("<tr>" + "<td>1</td>" * columns + "</tr>") * rows + "</table>"
    return embed("@@", "html").decode().replace("<p>@@</p>", body).encode()


def _text_table(rows: int, columns: int) -> bytes:
    return embed("\n".join(["| " + " | ".join("1" * columns) + " |"] * rows), "text")


def test_an_html_page_of_tiny_cells_is_refused_saying_how_many(tmp_path):
    page = tmp_path / "cells.html"
    page.write_bytes(_html_table(200, 200))
    tags = len(re.findall(rb"(?i)<t[dh][\s/>]", page.read_bytes()))
    run = _gxlint(page, "--format", "json")
    assert run.returncode == 2, run.stderr
    [finding] = json.loads(run.stdout)
    assert finding["code"] == "GX025"
    assert f"{tags:,} table cells (<td>/<th> tags)" in finding["message"]
    assert f"limit of {MAX_TABLE_CELLS:,}" in finding["message"] and "it was not checked" in finding["message"]
    zh = _gxlint(page, "--format", "json", "--lang", "zh")
    assert "未进行检查" in json.loads(zh.stdout)[0]["message"]


def test_a_text_file_of_tiny_cells_is_refused(tmp_path):
    path = tmp_path / "cells.txt"
    path.write_bytes(_text_table(200, 200))
    run = _gxlint(path, "--format", "json")
    assert run.returncode == 2, run.stderr
    [finding] = json.loads(run.stdout)
    assert finding["code"] == "GX025"
    assert f"more than {MAX_TABLE_CELLS:,} table cells" in finding["message"]


def _docx_table(path, rows: int, columns: int):
    import docx

    document = docx.Document()
    for line in embed("", "text").decode().splitlines():
        document.add_paragraph(line)
    document.add_table(rows=rows, cols=columns)  # empty cells: a few bytes each, compressed
    document.save(path)
    return path


def test_a_docx_of_tiny_cells_is_refused_before_it_is_parsed(tmp_path):
    path = _docx_table(tmp_path / "cells.docx", 100, 100)  # 10,000 cells in about 40 KB: 15 MiB parsed
    run = _gxlint(path, "--format", "json")
    assert run.returncode == 2, run.stderr
    [finding] = json.loads(run.stdout)
    assert finding["code"] == "GX025" and "10,000 table cells (<w:tc> elements)" in finding["message"]


def test_the_docx_cell_count_is_the_same_in_any_chunk_size(tmp_path):
    path = _docx_table(tmp_path / "cells.docx", 30, 30)
    with zipfile.ZipFile(path) as package:
        whole = len(re.findall(rb"<w:tc[\s/>]", package.read("word/document.xml")))
        assert whole == 900
        for chunk_size in (5, 77, 4096):
            check_docx_cells(package, limit=whole, chunk_size=chunk_size)  # not more than the limit
            with pytest.raises(InputError) as refused:
                check_docx_cells(package, limit=whole - 1, chunk_size=chunk_size)
            assert refused.value.details["found"].startswith("900 ")


def test_a_megabyte_line_of_cells_is_refused_before_it_is_cut_into_cells(linter):
    line = "| 1 " * 250_000
    result = linter.lint_bytes(embed(line, "text"), "pipes.txt")
    assert [d.code for d in result.diagnostics] == ["GX025"]


def test_tables_under_the_limit_are_read(linter):
    for name, data in (("t.html", _html_table(60, 60)), ("t.txt", _text_table(60, 60))):
        result = linter.lint_bytes(data, name)
        assert not result.fatal, name
        assert any(len(t.rows) == 60 and len(t.rows[0]) == 60 for t in result.document.tables()), name


def test_no_real_report_comes_near_the_limit():
    # the largest real report has 392 cells (286 <td> tags in a saved page): a tenth of the limit
    counts = {}
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix in (".html", ".htm"):
            counts[path.name] = len(re.findall(r"(?i)<t[dh][\s/>]", path.read_text(encoding="utf-8", errors="replace")))
        elif path.suffix in (".txt", ".md"):  # read as text, where every run of pipes is cut into cells
            document = text_reader.read(Source(str(path), path.read_text(encoding="utf-8", errors="replace"),
                                               format="text"))
            counts[path.name] = sum(len(row) for table in document.tables() for row in table.rows)
    assert len(counts) > 60
    assert max(counts.values()) < MAX_TABLE_CELLS // 10, sorted(counts.items(), key=lambda kv: kv[1])[-3:]


@given(st.text(alphabet="| a\t", max_size=30))
def test_the_pipe_row_test_without_a_list_of_parts_says_what_the_list_said(value):
    value = value.strip()
    if not value or "|" not in value or not value.strip("| \t") or text_reader._MD_RULE.match(value):
        return
    listed = len([s for s in value.split("|") if s.strip()]) >= 2
    assert text_reader._two_filled_segments(value) == listed
