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
from tests.test_hostile_memory import _check, warm_linter  # noqa: F401 - the fixture, shared


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


# --- numbers dense where the tables are (the recogniser's token limit) -----------------------

def _in_table_three(line: str) -> bytes:
    """Corpus report 011 (a line-per-cell table 三) with ``line`` inside table 三, after the
    cells of (一)予以公开: where the fuzzer put 60,000 tab-separated numbers."""
    text = (FIXTURES / "reports" / "corpus" / "011.txt").read_text(encoding="utf-8")
    at = text.index("(二)部分公开")
    return (text[:at] + line + "\n\n" + text[at:]).encode("utf-8")


def test_numbers_dense_in_a_table_say_the_tables_were_not_read(warm_linter):
    from gxlint.tables.stream import MAX_TOKENS

    data = _in_table_three("\t1" * 60_000)  # found by the fuzzer: 24.7 MiB for 122 KB
    codes: list[str] = []
    _check(warm_linter, data, "dense.txt", codes)
    result = warm_linter.lint_bytes(data, "dense.txt")
    [unread] = [d for d in result.diagnostics if d.code == "GX017"]
    assert unread.args["count"] == 3 and "not read" in unread.args["tables_en"]
    # it points at the numbers that passed the limit, not at the first table
    dense_line = data[:data.index(b"\t1")].count(b"\n") + 1
    assert unread.line == dense_line, (unread.line, dense_line)
    assert "未读取" in unread.args["tables_zh"]
    assert result.document.tables()  # the reader's own tables are kept; only the template reading stopped
    # just under the limit, the tables are read, the numbers reported as a row no label owns
    under = _in_table_three("\t1" * (MAX_TOKENS // 2 - 200))
    _check(warm_linter, under, "under.txt")
    result = warm_linter.lint_bytes(under, "under.txt")
    plain = warm_linter.lint_bytes(_in_table_three(""), "plain.txt")  # (its table 四 is cut off: GX017)
    assert [d.args for d in result.diagnostics if d.code == "GX017"] == [
        d.args for d in plain.diagnostics if d.code == "GX017"]
    assert "GX301" in [d.code for d in result.diagnostics]


def test_no_real_report_comes_near_the_token_limit(monkeypatch):
    # every report's tables are read the same with a tenth of the limit
    from gxlint.tables import stream
    from gxlint.tables.recognise import recognise
    from tests.conftest import read_document

    monkeypatch.setattr(stream, "MAX_TOKENS", stream.MAX_TOKENS // 10)
    paths = [p for p in sorted(FIXTURES.rglob("*")) if p.suffix in (".html", ".htm", ".txt", ".md")]
    assert len(paths) > 60
    for path in paths:
        assert recognise(read_document(path)).unread is None, path


def test_a_table_recogniser_bug_is_an_internal_error_and_the_tables_are_not_passed(monkeypatch, linter):
    from gxlint.tables.recognise import Recogniser

    def broken(self):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(Recogniser, "run", broken)
    data = (FIXTURES / "reports" / "corpus" / "011.txt").read_bytes()
    result = linter.lint_bytes(data, "011.txt")
    by_code = {d.code: d for d in result.diagnostics}
    assert by_code["GX902"].args["stage"] == "table recogniser"
    assert "ZeroDivisionError: a bug" in by_code["GX902"].args["error"]
    assert "the table recogniser failed" in by_code["GX017"].args["tables_en"]
    assert "GX111" in by_code  # the other rules still ran


@pytest.mark.parametrize("digits, number", [(5000, None), (4400, None), (16, None), (15, 10**15 - 1)])
def test_a_table_cell_of_many_digits_is_no_number_and_no_crash(linter, digits, number):
    # a 5,000-digit cell (the fuzzer's huge_numbers) stopped the whole recogniser: int()
    # refuses more than 4,300 digits; no count has 16
    text = (FIXTURES / "shapes" / "seed-003.md").read_text(encoding="utf-8")
    row = "| (一)予以公开 | 7 |"  # its first cell
    assert row in text
    text = text.replace(row, row.replace("7", "9" * digits))
    result = linter.lint_bytes(text.encode(), "seed-003.md")
    assert not [d for d in result.diagnostics if d.code.startswith("GX9")]
    from gxlint.analysis import analyse

    value = analyse(result.document).tables.requests.cells["granted.natural_person"]
    assert value.number == number
    assert (value.problem == "not-a-number") == (number is None)
