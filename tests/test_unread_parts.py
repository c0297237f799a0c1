"""Never pass what was not read, in part either: rows of a table's template that are not
there (GX116), a table flattened into text that no reader could read (GX017), and a table's
caption written as a heading of its own (not a second section).

The inputs are variations of a real report (the committed Markdown shape of pingtan-2023,
see tests/fixtures/shapes/README.md), each with one thing changed, beside look-alikes that
must be left alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS, HTML_CORPUS, SEEDS, lint_findings

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"
PAGE = SHAPES / "pingtan-2023.md"  # tables 二, 三 and 四 of the 2021 template, every row filled
TABLE_FOUR_HEADER = "| 行政复议 | 行政诉讼 |"  # the first of table 四's five lines in PAGE


def _lines() -> list[str]:
    return PAGE.read_text(encoding="utf-8").splitlines()


def _write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _table_four(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(TABLE_FOUR_HEADER))


def _by_code(linter, path: Path, code: str):
    findings, _ = lint_findings(linter, path)
    return [f for f in findings if f.code == code]


# --- GX116: template rows not found ----------------------------------------------------------


def test_rows_dropped_from_tables_two_and_three_are_named(linter, tmp_path):
    dropped = ("| 行政处罚 |", "| 行政强制 |", "| 2.重复申请 |", "| 3.要求提供公开出版物 |")
    path = _write(tmp_path, "dropped.md", [line for line in _lines() if not line.startswith(dropped)])
    hits = _by_code(linter, path, "GX116")
    assert [h.en for h in hits] == [
        "table 二: 2 of the template's 6 rows were not found (行政处罚, 行政强制); their figures were "
        "not read or checked. Restore every row of the template (0 where there is nothing)",
        "table 三: 2 of the template's 25 rows were not found (2.重复申请, 3.要求提供公开出版物); their "
        "figures were not read or checked. Restore every row of the template (0 where there is nothing)",
    ]
    assert hits[0].severity == "warning" and "表二的标准格式有6行，其中2行没有找到：行政处罚、行政强制" in hits[0].zh
    assert not _by_code(linter, PAGE, "GX116")  # the report as published has every row


def test_table_three_reduced_to_its_first_row_names_four_rows_and_counts_the_rest(linter, tmp_path):
    """The shape a PDF-to-Markdown converter left in a report seen in the wild: table 三 as
    its first row only, under no header."""
    lines = _lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| （本列数据的勾稽关系"))
    end = next(i for i, line in enumerate(lines) if line.startswith("| 四、结转下年度继续办理"))
    first = next(line for line in lines[start:end] if line.startswith("| 一、本年新收"))
    path = _write(tmp_path, "first-row.md", lines[:start] + ["| 一、本年新收政府信息公开申请数量 | 80 | 1 | 0 | 0 | 0 | 0 | 81 |",
                                                             "|---|---|---|---|---|---|---|---|"] + lines[end + 1:])
    assert first.startswith("| 一、本年新收政府信息公开申请数量 | 80 | 1 |")
    hits = _by_code(linter, path, "GX116")
    assert len(hits) == 1, [h.en for h in hits]
    assert hits[0].en.startswith("table 三: 24 of the template's 25 rows were not found (二、上年结转政府信息公开申请数量, "
                                 "（一）予以公开, ")
    assert " and 20 more); their figures were not read or checked." in hits[0].en
    assert "等24行" in hits[0].zh


def test_a_copy_that_ends_inside_a_table_is_truncation_not_missing_rows(linter):
    # corpus 011 ends inside table 三 (18 of its rows never came): GX114 says the text ends
    codes = [f.code for f in lint_findings(linter, CORPUS / "011.txt")[0]]
    assert "GX114" in codes and "GX116" not in codes


def test_rows_that_lost_their_labels_are_reported_as_such_not_as_missing(linter):
    # seed 001: table 三's label cells hold strings of zeros (GX307), so 22 rows are unnamed
    codes = [f.code for f in lint_findings(linter, SEEDS / "001_a2685a52b6c2b6a4.txt")[0]]
    assert "GX307" in codes and "GX116" not in codes


def test_an_unfilled_table_is_gx109_alone(linter, tmp_path):
    lines = _lines()
    start, end = lines.index("| 第二十条第（一）项 |  |  |  |"), lines.index("| 行政事业性收费 | 5949.088667 |  |  |")
    blank = [line if not (start <= i <= end) else "|".join(c if not c.strip().replace(".", "").isdigit() else " "
                                                            for c in line.split("|"))
             for i, line in enumerate(lines)]
    path = _write(tmp_path, "unfilled.md", blank)
    codes = [f.code for f in lint_findings(linter, path)[0]]
    assert "GX109" in codes and "GX116" not in codes


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
                         + sorted(HTML_CORPUS.glob("*.html")) + sorted(SHAPES.glob("*.*[lmt]")),
                         ids=lambda p: p.name)
def test_no_real_report_or_shape_of_one_is_missing_rows(linter, path):
    assert not _by_code(linter, path, "GX116")


# --- GX017: a table flattened into text ----------------------------------------------------------


def _flattened(tmp_path: Path, suffix: str, numbers: str | None = None) -> tuple[Path, str]:
    """PAGE with table 四's two header rows lost (``行政复议行政诉讼`` left) and its 15
    numbers (or ``numbers``) left as one line: a Markdown paragraph, or a line of text."""
    lines = _lines()
    i = _table_four(lines)
    row = numbers or lines[i + 4]
    assert lines[i + 4].startswith("| 1 | 1 | 0 |")
    if suffix == ".txt":
        row = " ".join(row.replace("|", " ").split())
    return _write(tmp_path, f"flattened{suffix}", lines[:i] + ["行政复议行政诉讼", "", row] + lines[i + 5:]), row


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_table_four_flattened_into_one_balanced_row_of_15_numbers_is_read(linter, tmp_path, suffix):
    """The row's only reading: 15 numbers whose three 总计 are each the sum of their group."""
    from gxlint.tables.recognise import recognise

    path, _ = _flattened(tmp_path, suffix)
    result, original = linter.lint_path(str(path)), linter.lint_path(str(PAGE))
    assert "appeals" in result.checked.tables
    assert recognise(result.document).to_json()["appeals"] == recognise(original.document).to_json()["appeals"]
    assert sorted(d.code for d in result.diagnostics) == sorted(d.code for d in original.diagnostics)


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_table_four_flattened_into_a_row_that_does_not_balance_is_not_a_pass(linter, tmp_path, suffix):
    """The same row with one 总计 wrong (2 → 3) has no reading to trust: GX017 says the
    table was not read, pointing at the figures; never silence, never a guess."""
    path, row = _flattened(tmp_path, suffix, "| 1 | 1 | 0 | 0 | 3 | 4 | 0 | 0 | 1 | 5 | 1 | 0 | 1 | 0 | 2 |")
    result = linter.lint_path(str(path))
    hits = [d for d in result.diagnostics if d.code == "GX017"]
    assert "appeals" not in result.checked.tables
    assert len(hits) == 1, [d.message("en") for d in result.diagnostics]
    assert "table 四 (its section holds figures, but no table could be read from them" in hits[0].message("en")
    assert "表四（该节有数字，但没有读出表格" in hits[0].message("zh")
    line, _ = result.document.source.position(hits[0].start)
    assert path.read_text(encoding="utf-8").splitlines()[line - 1] == row  # it points at the figures
    assert "GX108" not in {d.code for d in result.diagnostics}


def test_a_section_without_table_or_figures_is_gx108_not_gx017(linter, tmp_path):
    lines = _lines()
    i = _table_four(lines)
    path = _write(tmp_path, "prose.md", lines[:i] + ["本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。"] + lines[i + 5:])
    codes = [f.code for f in lint_findings(linter, path)[0]]
    assert "GX108" in codes and "GX017" not in codes


# --- a table's caption as a heading --------------------------------------------------------------


@pytest.mark.parametrize("caption", ["### 表四：政府信息公开行政复议、行政诉讼情况", "## 表4 政府信息公开行政复议、行政诉讼情况",
                                     "#### 附表四 政府信息公开行政复议、行政诉讼情况"])
def test_a_tables_caption_heading_is_not_the_section_again(linter, tmp_path, caption):
    lines = _lines()
    i = _table_four(lines)
    path = _write(tmp_path, "captioned.md", lines[:i] + [caption, ""] + lines[i:])
    findings, _ = lint_findings(linter, path)
    original, _ = lint_findings(linter, PAGE)
    assert sorted(f.code for f in findings) == sorted(f.code for f in original)  # no GX105, GX107
    assert "appeals" in linter.lint_path(str(path)).checked.tables


def test_a_heading_that_names_the_section_is_still_the_section(linter, tmp_path):
    """The look-alike: the section's own title as a Markdown heading, unnumbered, is the
    section (a converter that drops the 一、 numbering)."""
    lines = _lines()
    at = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    path = _write(tmp_path, "unnumbered.md", lines[:at] + ["## 政府信息公开行政复议、行政诉讼情况"] + lines[at + 1:])
    result = linter.lint_path(str(path))
    assert result.checked.sections == 6 and "appeals" in result.checked.tables
