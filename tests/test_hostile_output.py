"""--output-file is written whole or not at all (issue 9): a reporter that raises leaves
neither a partial file nor a temp file, and an earlier report stays as it was."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import REPORT, gx_process  # noqa: E402


def test_a_crashing_reporter_leaves_the_previous_output_file(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "lint.json"
    out.write_text("[]\n", encoding="utf-8")
    run = gx_process("--format", "boom", "--output-file", str(out), str(report))
    assert run.returncode == 2
    assert out.read_text(encoding="utf-8") == "[]\n"
    assert not list(tmp_path.glob(".lint.json.*"))


def test_a_complete_output_file_replaces_the_old_one(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "lint.json"
    out.write_text("old\n", encoding="utf-8")
    run = gx_process("--format", "json", "--output-file", str(out), str(report))
    assert run.returncode in (0, 1), run.stderr.decode()
    assert out.read_text(encoding="utf-8").lstrip().startswith("[")
    assert not list(tmp_path.glob(".lint.json.*"))
