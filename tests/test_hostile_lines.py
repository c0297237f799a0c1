"""Text and Markdown files of very many lines are refused past a line limit (GX027, issue 9).

A line costs objects however short it is: 500,000 lines of ``1`` (1 MB) took 165 MB, and
a report with a million blank lines pasted into it 345 MB.  The limit is counted before the
file is read; memory at the limit is held by tests/test_hostile_memory.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gxlint.errors import InputError
from gxlint.readers.line_limit import MAX_LINES, check_line_count

REPORTS = Path(__file__).resolve().parent / "fixtures" / "reports"
SEED = sorted((REPORTS / "seeds").glob("*.txt"))[2]  # a Simplified-character seed
PAGE = REPORTS / "corpus" / "html" / "pingtan-2023.html"


def _gxlint(path, *options):
    return subprocess.run([sys.executable, "-m", "gxlint", "--no-cache", "--isolated", *options, str(path)],
                          capture_output=True, timeout=300, text=True)


@pytest.mark.parametrize("suffix", ["txt", "md"])
def test_a_file_just_over_the_line_limit_is_refused_saying_how_many(tmp_path, suffix):
    path = tmp_path / f"lines.{suffix}"
    path.write_text("1\n" * (MAX_LINES + 1), encoding="utf-8")
    run = _gxlint(path, "--format", "json")
    assert run.returncode == 2, run.stderr
    [finding] = json.loads(run.stdout)
    assert finding["code"] == "GX027" and finding["name"] == "too-many-lines"
    assert f"the file has {MAX_LINES + 1:,} lines, more than the limit of {MAX_LINES:,}" in finding["message"]
    assert "it was not checked" in finding["message"]
    zh = _gxlint(path, "--format", "json", "--lang", "zh")
    assert zh.returncode == 2 and "未进行检查" in json.loads(zh.stdout)[0]["message"]


def test_a_report_with_a_million_blank_lines_pasted_in_is_refused(linter):
    report = SEED.read_text(encoding="utf-8")
    data = (report + "\n" * 1_000_000 + report).encode()
    result = linter.lint_bytes(data, "blank.txt")
    assert result.fatal and [d.code for d in result.diagnostics] == ["GX027"]


@pytest.mark.parametrize("text, lines", [
    ("", 1), ("a", 1), ("a\n", 1), ("a\nb", 2), ("a\nb\n", 2), ("\n", 1), ("\n\n", 2), ("a\r\nb\r\n", 2),
])
def test_lines_are_counted_as_an_editor_numbers_them(text, lines):
    check_line_count(text, limit=lines)
    with pytest.raises(InputError) as refused:
        check_line_count(text, limit=lines - 1)
    assert refused.value.code == "GX027" and refused.value.details["found"] == f"{lines:,}"


@pytest.mark.parametrize("text, lines", [
    ("a\rb", 2), ("a\rb\r", 2), ("a\r\nb\r", 2), ("\r\r\r", 3), ("a\nb\rc", 3),
])
def test_markdown_lines_end_at_a_bare_cr_too(text, lines):
    """markdown-it breaks lines at a CR not followed by LF: 30,000 lines of 申 ended by a
    bare CR (120 KB) made 26.8 MiB of Markdown tokens against a bound of 10.4 while the
    count saw one line; a text file's lines end at LF only, as its line numbers do."""
    check_line_count(text, limit=lines, cr_breaks=True)
    with pytest.raises(InputError):
        check_line_count(text, limit=lines - 1, cr_breaks=True)
    check_line_count(text.replace("\r\n", "\n").replace("\r", "x"), limit=text.count("\n") + 1)


def _findings(result):
    return [(d.code, d.line, d.column) for d in result.diagnostics]


@pytest.mark.parametrize("suffix", ["txt", "md"])
def test_a_real_report_padded_to_the_limit_is_read_as_before(linter, suffix):
    # metamorphic: blank lines after the report's last line change no finding
    report = SEED.read_text(encoding="utf-8")
    if not report.endswith("\n"):
        report += "\n"
    padded = report + "\n" * (MAX_LINES - report.count("\n"))
    assert padded.count("\n") == MAX_LINES
    before = linter.lint_bytes(report.encode(), f"report.{suffix}")
    after = linter.lint_bytes(padded.encode(), f"report.{suffix}")
    assert not after.fatal and _findings(after) == _findings(before)


def test_html_newlines_are_not_counted(linter):
    # a page's newlines are layout: a real page with 20,000 more is read as before
    page = PAGE.read_text(encoding="utf-8")
    padded = page.replace("</body>", "\n" * (2 * MAX_LINES) + "</body>", 1)
    assert padded.count("\n") > MAX_LINES
    before, after = linter.lint_bytes(page.encode(), "page.html"), linter.lint_bytes(padded.encode(), "page.html")
    assert not after.fatal and _findings(after) == _findings(before)


def test_every_real_report_is_well_under_the_limit():
    found = [p for p in REPORTS.rglob("*") if p.suffix in (".txt", ".md") and p.is_file()]
    assert len(found) >= 30
    assert max(p.read_text(encoding="utf-8", errors="replace").count("\n") for p in found) * 10 < MAX_LINES
