"""Auditing many reports: the per-file summary and the table dataset, on real reports."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_variants import SERIES, page, set_cell_after, write  # noqa: E402
from clitools import gx  # noqa: E402
from conftest import SEEDS  # noqa: E402


def run(*args: str):
    return gx("--isolated", *args, base=[])


@pytest.fixture(scope="module")
def summary_rows() -> list[dict]:
    result = run("--format", "summary", *map(str, SERIES.values()), str(SEEDS))
    assert result.code == 1, result.err  # a seed has an error finding
    return list(csv.DictReader(io.StringIO(result.out)))


def test_summary_has_one_row_per_file_with_identity_and_counts(summary_rows):
    seeds = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md"))
    assert len(summary_rows) == len(SERIES) + len(seeds)
    by_name = {Path(r["path"]).name: r for r in summary_rows}
    row = by_name["pingtan-2019.html"]
    assert (row["agency"], row["year"], row["era"], row["tables_read"], row["sections_found"]) == (
        "平潭综合实验区", "2019", "2019", "3/3", "6/6")
    assert by_name["pingtan-2023.html"]["era"] == "2021"
    # the counts are the file's real findings
    findings = json.loads(run("--format", "json", str(SERIES[2019])).out)
    levels = [d["severity"] for d in findings]
    assert (int(row["errors"]), int(row["warnings"]), int(row["info"])) == (
        levels.count("error"), levels.count("warning"), levels.count("info"))
    assert row["top_codes"].split()[0] == "GX124×6"


def test_summary_sorted_worst_first(summary_rows):
    keys = [(int(r["errors"]), int(r["warnings"]), int(r["info"])) for r in summary_rows]
    assert keys == sorted(keys, reverse=True)
    assert int(summary_rows[0]["errors"]) > 0


def test_summary_includes_cross_year_findings_and_unreadable_files(tmp_path):
    empty = write(tmp_path, "empty.html", "  \n")
    result = run("--format", "summary-json", str(SERIES[2022]), str(SERIES[2023]), str(empty))
    assert result.code == 2  # an input error
    rows = json.loads(result.out)
    assert rows[0]["path"] == str(empty) and rows[0]["status"] == "not linted"
    assert rows[0]["top_codes"] == [{"code": "GX001", "count": 1}]
    row = next(r for r in rows if r["path"] == str(SERIES[2023]))
    alone = json.loads(run("--format", "summary-json", str(SERIES[2023])).out)[0]
    assert row["info"] == alone["info"] + 1  # GX603 needs the 2022 report
    assert row["year"] == 2023 and row["tables_read"] == "3/3"


def dataset(*args: str) -> list[dict]:
    result = run("--show-tables", "--format", "csv", *args)
    assert result.code == 0, result.err
    return list(csv.DictReader(io.StringIO(result.out)))


def test_dataset_long_form_over_many_files():
    rows = dataset(*map(str, SERIES.values()))
    assert list(rows[0])[:10] == ["path", "agency", "year", "table", "row_key", "column_key", "value", "raw_text",
                                  "line", "column"]
    assert {r["path"] for r in rows} == {str(p) for p in SERIES.values()}
    cell = [r for r in rows if r["path"] == str(SERIES[2022]) and r["table"] == "active"
            and r["row_key"] == "normative_documents" and r["column_key"] == "in_force"]
    assert len(cell) == 1 and cell[0]["value"] == "698" and cell[0]["raw_text"] == "698"
    # the position points at the cell in the file
    lines = SERIES[2022].read_text(encoding="utf-8").split("\n")
    line, column = int(cell[0]["line"]), int(cell[0]["column"])
    assert lines[line - 1][column - 1:column + 2] == "698"
    # money keeps its decimals; the 2019 layout has its own keys
    fees = [r for r in rows if r["year"] == "2021" and r["row_key"] == "fees"]
    assert fees[0]["value"] == "24252.311082"
    assert any(r["year"] == "2019" and r["column_key"] == "total_published" and r["template"] == "2019" for r in rows)


def test_dataset_keeps_raw_text_of_malformed_and_blank_cells(tmp_path):
    text = set_cell_after(page(2022), "上年结转", 2, "00")
    text = set_cell_after(text, "上年结转", 3, "")
    path = write(tmp_path, "pingtan-2022.html", text)
    jsonl = run("--show-tables", "--format", "jsonl", str(path))
    records = [json.loads(line) for line in jsonl.out.splitlines()]
    carried = {r["column_key"]: r for r in records if r["row_key"] == "carried_over"}
    assert carried["commercial"]["raw_text"] == "00" and carried["commercial"]["value"] == 0
    assert carried["commercial"]["problem"] == "leading-zero"
    assert carried["research"]["raw_text"] == "" and carried["research"]["value"] is None
    assert carried["research"]["problem"] == "blank"


def test_dataset_reports_unreadable_files_on_stderr(tmp_path):
    empty = write(tmp_path, "empty.txt", "")
    result = run("--show-tables", "--format", "csv", str(empty), str(SERIES[2023]))
    assert result.code == 2 and "GX001" in result.err
    assert result.out.count("\n") > 100  # the readable file's cells are still written


@pytest.mark.parametrize("fmt", ["summary", "html"])
def test_parallel_and_cached_runs_give_the_same_audit(tmp_path, fmt):
    """--jobs and the cache ship per-file facts between processes and runs: the summary,
    the page (code frames, tables, history findings) and the exit status are the same."""
    import subprocess

    paths = [str(p) for p in (*SERIES.values(), SERIES[2023].with_suffix(".txt"), SEEDS)]
    outputs = []
    for options in (["-j", "1", "--no-cache"], ["-j", "2", "--cache-dir", str(tmp_path / "cache")],
                    ["-j", "2", "--cache-dir", str(tmp_path / "cache")]):
        out = tmp_path / f"out-{len(outputs)}"
        run = subprocess.run([sys.executable, "-m", "gxlint", "--isolated", *options, "--format", fmt,
                              "--output-file", str(out), *paths], capture_output=True, timeout=600)
        outputs.append((run.returncode, out.read_text(encoding="utf-8")))
    assert outputs[0][0] == 1
    assert outputs[1] == outputs[0] and outputs[2] == outputs[0]
    if fmt == "html":  # the history findings need every file's facts, whichever process read it
        assert "GX603" in outputs[0][1] and "GX606" in outputs[0][1]
