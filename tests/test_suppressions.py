"""Inline suppression comments in HTML, Markdown and text reports."""

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


def findings(tmp_path, name: str, text: str, *args) -> list[tuple[str, int]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run = gx("--isolated", "--extend-select", "GX010,GX011", "-f", "json", *args, str(path))
    assert run.code in (0, 1), run.err
    return [(d["code"], d["line"]) for d in json.loads(run.out)]


def markdown(report: str) -> str:
    return "# " + report.replace("\n一、", "\n\n## 一、")


LINE3 = "本年度共收到申请【待填】件！！"


def test_markdown_next_line(tmp_path):
    text = REPORT.replace(LINE3, "<!-- gxlint-disable-next-line TST001 -- 数据待核实 -->\n\n" + LINE3)
    got = findings(tmp_path, "r.md", markdown(text))
    assert ("TST001", 6) not in got and ("TST002", 6) in got
    assert not any(code.startswith("GX01") for code, _ in got)


def test_html_range_by_name_and_prefix(tmp_path):
    body = REPORT.replace(LINE3, "<!-- gxlint-disable doubled-exclamation, TST00 -->" + LINE3 + "<!-- gxlint-enable TST002 TST00 -->")
    html = "<html><head><meta charset='utf-8'><title>报告</title></head><body><pre>" + body + "</pre></body></html>"
    got = findings(tmp_path, "r.html", html)
    assert [c for c, _ in got if c.startswith("TST")] == ["TST003"]  # after the enable


def test_text_line_directive(tmp_path):
    text = REPORT.replace(LINE3, "# gxlint-disable-next-line TST001, TST002 -- reason\n" + LINE3)
    got = findings(tmp_path, "r.txt", text)
    assert [c for c, _ in got] == ["TST003"]


def test_disable_file_anywhere(tmp_path):
    got = findings(tmp_path, "r.txt", REPORT + "# gxlint-disable-file TST003 -- 引用原文\n")
    assert [c for c, _ in got] == ["TST001", "TST002"]


def test_bare_and_unknown_directives_refused(tmp_path):
    text = REPORT + "# gxlint-disable\n# gxlint-disable-next-line NOPE1\n# gxlint-disabel TST001\n"
    got = findings(tmp_path, "r.txt", text)
    assert [c for c, _ in got].count("GX010") == 3
    assert ("TST001", 3) in got  # nothing was suppressed


def test_unused_and_unmatched_enable(tmp_path):
    text = "# gxlint-disable-next-line TST002 -- stale\n" + REPORT + "# gxlint-enable TST001\n"
    got = findings(tmp_path, "r.txt", text)
    assert ("GX011", 1) in got and ("GX010", 15) in got
    path = tmp_path / "r.txt"
    message = next(d["message"] for d in json.loads(gx("--isolated", "--extend-select", "GX011", "-f", "json", str(path)).out)
                   if d["code"] == "GX011")
    assert message == "gxlint-disable-next-line TST002 suppressed nothing; remove it"


def test_unused_check_respects_selection(tmp_path):
    text = "# gxlint-disable-file TST002 -- only for the full rule set\n" + REPORT.replace("！！", "")
    got = findings(tmp_path, "r.txt", text, "--ignore", "TST002")
    assert "GX011" not in [c for c, _ in got]  # the rule is not enabled here: not judged unused


def test_suppression_findings_can_be_ignored(tmp_path):
    text = REPORT + "# gxlint-disable\n"
    got = findings(tmp_path, "r.txt", text, "--ignore", "GX010")
    assert "GX010" not in [c for c, _ in got]
