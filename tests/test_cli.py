"""The command line: inputs, formats, languages, information commands and exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import CLEAN, REPORT, gx, gx_process  # noqa: E402


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def english(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


def test_findings_and_exit_code_1_on_error(report):
    run = gx("--isolated", "-f", "concise", str(report))
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0] == f"{report}:3:9: TST001 [*] [error] unfilled placeholder 【待填】"
    assert lines[1] == f"{report}:3:14: TST002 [*] [warning] doubled exclamation mark"
    assert lines[2] == f"{report}:5:7: TST003 [info] doubled 的"
    assert "Found 3 problems (1 error, 1 warning, 0 info)" not in run.out  # counts are real
    assert "Found 3 problems (1 error, 1 warning, 1 info) in 1 file; 0 of 3 tables and 6 of 6 sections checked." in run.out


def test_warnings_only_exit_0_and_max_warnings(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT.replace("【待填】", "5"), encoding="utf-8")
    assert gx("--isolated", str(path)).code == 0
    run = gx("--isolated", "--max-warnings", "0", str(path))
    assert run.code == 1 and "more than --max-warnings 0" in run.err
    assert gx("--isolated", "--max-warnings", "1", str(path)).code == 0


def test_exit_zero(report):
    run = gx("--isolated", "--exit-zero", str(report))
    assert run.code == 0 and "TST001" in run.out


def test_clean_file(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(CLEAN, encoding="utf-8")
    run = gx("--isolated", str(path))
    assert run.code == 0
    # no finding, but this small report has no tables: that is not a pass (issue 7 §2)
    assert run.out.strip() == ("No problems found, but not every table was checked "
                               "(1 file; 0 of 3 tables and 6 of 6 sections checked).")
    assert gx("--isolated", "-q", str(path)).out == ""


def test_all_checks_passed_only_when_the_tables_were_read():
    from conftest import HTML_CORPUS

    page = HTML_CORPUS / "pingtan-2023.html"
    run = gx("--isolated", str(page))  # the test rules find nothing on the real page
    assert run.code == 0
    assert run.out.strip() == "All checks passed! (1 file; 3 of 3 tables and 6 of 6 sections checked)"
    zh = gx("--isolated", "--lang", "zh", str(page))
    assert zh.out.strip() == "全部检查通过！（1 个文件；已检查统计表 3/3 张、章节 6/6 个）"


@pytest.mark.parametrize("content, code", [(b"", "GX001"), (b"\x00\x01\x02binary" * 20, "GX002")])
def test_input_errors_exit_2(tmp_path, content, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    run = gx("--isolated", "-f", "json", str(path))
    assert run.code == 2
    assert [d["code"] for d in json.loads(run.out)] == [code]


def test_missing_file_is_an_input_error(tmp_path):
    run = gx("--isolated", "-f", "concise", str(tmp_path / "nope.html"))
    assert run.code == 2 and "GX006" in run.out


@pytest.mark.parametrize("args, needle", [
    (["--format", "nope"], "unknown format 'nope'"),
    (["--select", "NOPE9"], "--select: unknown rule code, prefix or name 'NOPE9'"),
    (["--ignore", "no-such-rule"], "--ignore: unknown rule"),
    (["-p", "no:no-such-plugin"], "no plugin named 'no-such-plugin'"),
    (["-p", "no_such_module_xyz"], "cannot import plugin module"),
    (["--unsafe-fixes"], "--unsafe-fixes needs --fix or --diff"),
    (["--max-warnings", "-1"], "--max-warnings must be 0 or more"),
    (["--explain", "XYZ999"], "unknown rule 'XYZ999'"),
])
def test_usage_errors_exit_2_without_traceback(report, args, needle):
    run = gx("--isolated", *args, str(report))
    assert run.code == 2
    assert needle in run.err
    assert "Traceback" not in run.err + run.out


def test_argparse_error_exit_2(report):
    run = gx("--no-such-option", str(report))
    assert run.code == 2 and "unrecognized arguments" in run.err


def test_internal_error_is_one_line_and_exit_2(report):
    run = gx("--isolated", "-f", "boom", str(report))
    assert run.code == 2
    assert "gxlint: internal error: RuntimeError: the boom reporter always fails" in run.err
    assert "please report it" in run.err and "Traceback" not in run.err


def test_directory_walk_sorted_hidden_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/z.md", "a.txt", "b/a.html", ".hidden/x.txt", "notes.odt", "c.markdown", "d.shtml"):
        (tmp_path / name).write_text(REPORT, encoding="utf-8")
    run = gx("--isolated", "--ignore", "TST002,TST003", "-f", "json", str(tmp_path))
    paths = [Path(d["path"]).relative_to(tmp_path).as_posix() for d in json.loads(run.out)]
    assert paths == ["a.txt", "b/a.html", "b/z.md", "c.markdown", "d.shtml"]


def test_empty_directory_warns_and_exits_0(tmp_path):
    run = gx("--isolated", str(tmp_path))
    assert run.code == 0 and "no report files" in run.err


def test_stdin_with_filename_picks_format(tmp_path):
    markdown = "# " + REPORT.replace("\n一、", "\n\n## 一、")
    proc = gx_process("--isolated", "-f", "json", "--stdin-filename", "r/report.md", "-",
                      stdin=markdown.encode("utf-8"), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert {d["path"] for d in data} == {"r/report.md"}
    assert {d["code"] for d in data} == {"TST001", "TST002", "TST003"}


def test_lang_from_locale_and_flag(report, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    run = gx("--isolated", "-f", "concise", str(report))
    assert "[错误] 未填写的占位符 【待填】" in run.out and "共发现 3 个问题" in run.out
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # LC_ALL wins over LANG
    assert "[error] unfilled placeholder" in gx("--isolated", "-f", "concise", str(report)).out
    assert "[错误]" in gx("--isolated", "--lang", "zh", "-f", "concise", str(report)).out


def test_list_rules(monkeypatch):
    run = gx("--list-rules")
    assert run.code == 0
    row = next(line for line in run.out.splitlines() if line.startswith("TST001"))
    assert row.split()[:5] == ["TST001", "unfilled-placeholder", "placeholders", "error", "yes"]
    assert row.endswith("An unfilled placeholder")
    assert any(line.startswith("GX010") for line in run.out.splitlines())
    zh = gx("--list-rules", "--lang", "zh")
    assert any(line.startswith("TST001") and line.endswith("未填写的占位符") for line in zh.out.splitlines())
    data = json.loads(gx("--list-rules", "-f", "json").out)
    entry = next(r for r in data if r["code"] == "TST003")
    assert entry == {"code": "TST003", "name": "doubled-de", "family": "contamination", "severity": "info",
                     "fixable": True, "summary": "A doubled 的", "plugin": "gxlint_testplugin"}


def test_explain_by_code_and_name():
    run = gx("--explain", "unfilled-placeholder")
    assert run.code == 0
    assert run.out.startswith("TST001 unfilled-placeholder")
    for part in ("The marker 【待填】 left in the text.", "It was never filled in.", "收到申请【待填】件", "Fill it in."):
        assert part in run.out
    builtin = gx("--explain", "GX010")
    assert "bare gxlint-disable" in builtin.out


def test_version_lists_plugins():
    run = gx("--version")
    assert run.code == 0
    from gxlint import __version__

    assert run.out.splitlines()[0] == f"gxlint {__version__}"
    assert "gxlint_testplugin" in run.out and "[3 rules]" in run.out


def test_output_file_and_statistics(report, tmp_path):
    target = tmp_path / "out.json"
    run = gx("--isolated", "-f", "json", "-o", str(target), str(report))
    assert run.code == 1 and run.out == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 3
    stats = gx("--isolated", "--statistics", str(report))
    assert stats.out.splitlines() == ["1  TST001  [*] unfilled-placeholder", "1  TST002  [*] doubled-exclamation",
                                      "1  TST003      doubled-de"]
    data = json.loads(gx("--isolated", "--statistics", "-f", "json", str(report)).out)
    assert data[0] == {"code": "TST001", "name": "unfilled-placeholder", "count": 1, "fixable": True}


def test_real_process_entry_point(report):
    proc = gx_process("--isolated", "-f", "concise", str(report))
    assert proc.returncode == 1
    assert b"TST001" in proc.stdout and proc.stderr == b""
