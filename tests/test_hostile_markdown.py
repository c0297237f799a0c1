"""Bounds on huge Markdown tables, very long lines and floods of findings (issue 9).

Before: a 1000 × 1000 Markdown table took 41 s and 1.9 GB; a 5 MB line of report words
took minutes (every finding copied and measured the whole line) and gave 192,312 GX120
findings.  The bounds below are generous (CPU seconds of the child process); the old
behaviour was more than 10× over each of them.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections import Counter

from gxlint.finding_cap import MAX_FINDINGS_PER_RULE
from gxlint.readers.markdown import MAX_TABLE_PIPES
from tests.fuzz.hostile_inputs import LINE_MAKERS, embed, markdown_table


def _gxlint(path, *options: str) -> tuple[subprocess.CompletedProcess, float]:
    """Run the command line on ``path``; also return the child's CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run([sys.executable, "-m", "gxlint", "--no-cache", *options, str(path)],
                         capture_output=True, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return run, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def test_a_markdown_file_with_too_many_table_cells_is_refused_quickly(tmp_path):
    path = tmp_path / "huge-table.md"
    path.write_bytes(markdown_table(1000, 1000))  # 4 MB: 41 s and 1.9 GB before
    run, seconds = _gxlint(path, "--format", "json")
    assert run.returncode == 2, run.stderr
    codes = [d["code"] for d in json.loads(run.stdout)]
    assert codes == ["GX025"], codes
    assert seconds < 4, seconds


def test_a_table_under_the_limit_is_still_read_as_a_table(linter):
    raw = markdown_table(100, 100)  # 10,000 cells
    assert raw.count(b"|") < MAX_TABLE_PIPES
    result = linter.lint_bytes(raw, "table.md")
    assert not result.fatal
    assert any(type(b).__name__ == "Table" and len(b.rows) == 101 for b in result.document.blocks)


def test_one_rule_reports_at_most_the_cap_and_then_says_how_many_more(linter):
    raw = embed(LINE_MAKERS["report_words"](60_000), "markdown")
    result = linter.lint_bytes(raw, "words.md")
    counts = Counter(d.code for d in result.diagnostics)
    assert counts["GX120"] == MAX_FINDINGS_PER_RULE, counts
    [summary] = [d for d in result.diagnostics if d.code == "GX024"]
    assert summary.args["rule"] == "GX120"
    assert int(summary.args["more"]) > 1000  # 60 KB of doubled phrases: thousands of findings
    # it stands where the first left-out finding was: after the last one listed
    last_listed = max((d for d in result.diagnostics if d.code == "GX120"), key=lambda d: d.start)
    assert summary.start >= last_listed.start
    assert "more are not listed" in summary.message("en")


def test_findings_on_a_3_mb_line_cost_what_they_cost_on_a_short_line(tmp_path):
    """Quadratic before: each of ~38,000 findings copied the whole line (reporters, frames)
    and the code frame cleaned and measured it cell by cell (a 1 MB line: over 40 s, so
    this one minutes). Now a few seconds."""
    path = tmp_path / "long-line.md"
    path.write_bytes(embed(LINE_MAKERS["report_words"](1_000_000), "markdown"))
    run, seconds = _gxlint(path, "--format", "full")
    assert run.returncode in (0, 1), run.stderr
    out = run.stdout.decode("utf-8")
    assert "GX024" in out and "GX120" in out
    assert seconds < 40, seconds
