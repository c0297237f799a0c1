"""Baselines: record today's findings, report only new ones, flag stale entries."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import REPORT, gx  # noqa: E402


@pytest.fixture(autouse=True)
def english(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def codes(run):
    return [(d["code"], d["line"]) for d in json.loads(run.out)]


def test_write_then_apply_robust_to_line_shifts(tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    run = gx("--isolated", "--write-baseline", "gx-baseline.json", "r.txt", cwd=tmp_path)
    assert run.code == 0 and "wrote 3 finding(s) in 1 file(s)" in run.err
    data = json.loads((tmp_path / "gx-baseline.json").read_text(encoding="utf-8"))
    assert data["files"]["r.txt"]["TST001"] == {"count": 1, "messages": {"unfilled placeholder 【待填】": 1}}

    clean = gx("--isolated", "-f", "json", "--baseline", "gx-baseline.json", "r.txt", cwd=tmp_path)
    assert clean.code == 0 and codes(clean) == []

    # lines move and a new finding appears: only the new one is reported
    (tmp_path / "r.txt").write_text("\n\n" + REPORT + "补充【待填】\n", encoding="utf-8")
    new = gx("--isolated", "-f", "json", "--baseline", "gx-baseline.json", "r.txt", cwd=tmp_path)
    assert codes(new) == [("TST001", 16)] and new.code == 1


def test_stale_entries_reported(tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    gx("--isolated", "--write-baseline", "b.json", "r.txt", cwd=tmp_path)
    (tmp_path / "r.txt").write_text(REPORT.replace("！！", "。"), encoding="utf-8")
    run = gx("--isolated", "--extend-select", "GX012", "-f", "json", "--baseline", "b.json", "r.txt", cwd=tmp_path)
    data = json.loads(run.out)
    assert [d["code"] for d in data] == ["GX012"]
    assert data[0]["message"] == ("the baseline records 1 TST002 finding(s) in this file (doubled exclamation mark) "
                                  "that no longer occur; update it with --write-baseline")
    assert run.code == 0  # a warning


def test_files_not_linted_are_not_stale(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(REPORT, encoding="utf-8")
    gx("--isolated", "--write-baseline", "b.json", ".", cwd=tmp_path)
    run = gx("--isolated", "--extend-select", "GX012", "-f", "json", "--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert codes(run) == []


@pytest.mark.parametrize("content, needle", [
    (None, "baseline file not found"),
    ("{not json", "invalid JSON"),
    ('{"files": {}}', "not a gxlint baseline"),
    ('{"gxlint-baseline": 1, "files": {"r.txt": {"TST001": {"messages": {"x": 0}}}}}', "files.r.txt.TST001"),
])
def test_bad_baseline_exit_2(tmp_path, content, needle):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    if content is not None:
        (tmp_path / "b.json").write_text(content, encoding="utf-8")
    run = gx("--isolated", "--baseline", "b.json", "r.txt", cwd=tmp_path)
    assert run.code == 2 and needle in run.err and "Traceback" not in run.err
