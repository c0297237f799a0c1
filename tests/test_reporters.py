"""Every output format, validated the way its consumer reads it."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import FIXTURES, REPORT, gx  # noqa: E402

JSON_KEYS = ["path", "line", "column", "end_line", "end_column", "code", "name", "family", "severity", "message", "fix"]


@pytest.fixture(autouse=True)
def english(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "报告.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_json_is_one_array_with_exact_keys(report):
    run = gx("--isolated", "-f", "json", str(report))
    data = json.loads(run.out)
    assert isinstance(data, list) and len(data) == 3
    for item in data:
        assert list(item) == JSON_KEYS
    first = data[0]
    assert first == {
        "path": str(report), "line": 3, "column": 9, "end_line": 3, "end_column": 13,
        "code": "TST001", "name": "unfilled-placeholder", "family": "placeholders", "severity": "error",
        "message": "unfilled placeholder 【待填】",
        "fix": {"safe": True, "description": "delete the marker",
                "edits": [{"start": first["fix"]["edits"][0]["start"], "end": first["fix"]["edits"][0]["end"],
                           "replacement": ""}]},
    }
    assert data[2]["fix"]["safe"] is False


def test_json_lines(report):
    lines = gx("--isolated", "-f", "json-lines", str(report)).out.splitlines()
    assert [json.loads(line)["code"] for line in lines] == ["TST001", "TST002", "TST003"]


def test_github_workflow_commands(tmp_path):
    path = tmp_path / "a,b:c.txt"
    path.write_text(REPORT, encoding="utf-8")
    lines = gx("--isolated", "-f", "github", str(path)).out.splitlines()
    escaped = str(path).replace(":", "%3A").replace(",", "%2C")
    assert lines[0] == (f"::error file={escaped},line=3,col=9,endLine=3,endColumn=13,"
                        "title=TST001 unfilled-placeholder::unfilled placeholder 【待填】")
    assert lines[1].startswith("::warning ") and lines[2].startswith("::notice ")


def test_github_escapes_message_newlines():
    from gxlint.reporters.github import escape_data, escape_property

    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("x:y,z") == "x%3Ay%2Cz"


def test_sarif_validates_against_the_official_schema(report):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    run = gx("--isolated", "-f", "sarif", str(report))
    log = json.loads(run.out)
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    driver = log["runs"][0]["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert {"TST001", "TST002", "TST003", "GX010"} <= set(ids)
    rule = driver["rules"][ids.index("TST001")]
    assert rule["name"] == "unfilled-placeholder"
    assert rule["shortDescription"]["text"] == "An unfilled placeholder"
    assert rule["fullDescription"]["text"] == "The marker 【待填】 left in the text."
    assert "Fill it in." in rule["help"]["text"] and "### How to fix" in rule["help"]["markdown"]
    assert rule["defaultConfiguration"]["level"] == "error"
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    loc = results[0]["locations"][0]["physicalLocation"]
    assert loc["region"] == {"startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 13}
    assert results[0]["ruleIndex"] == ids.index("TST001")
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_sarif_relative_uri_is_percent_encoded(report):
    run = gx("--isolated", "-f", "sarif", report.name, cwd=report.parent)
    loc = json.loads(run.out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "%E6%8A%A5%E5%91%8A.txt", "uriBaseId": "%SRCROOT%"}


def test_gitlab_code_quality_fingerprints_survive_line_shifts(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT + "补充说明【待填】\n", encoding="utf-8")
    before = json.loads(gx("--isolated", "-f", "gitlab", "r.txt", cwd=tmp_path).out)
    path.write_text("\n\n" + REPORT + "补充说明【待填】\n", encoding="utf-8")
    after = json.loads(gx("--isolated", "-f", "gitlab", "r.txt", cwd=tmp_path).out)
    for issue in before:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["location"]["path"] == "r.txt"
    assert [i["severity"] for i in before] == ["major", "minor", "info", "major"]
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] + 2 for i in before] == [i["location"]["lines"]["begin"] for i in after]
    assert len({i["fingerprint"] for i in before}) == 4  # identical findings stay distinct


def test_junit_one_testcase_per_file(tmp_path):
    (tmp_path / "bad.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "good.txt").write_text(REPORT.replace("【待填】", "1").replace("！！", "").replace("的的", "的"),
                                       encoding="utf-8")
    run = gx("--isolated", "-f", "junit", ".", cwd=tmp_path)
    root = ET.fromstring(run.out.split("\n", 1)[1])
    suite = root.find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"bad.txt", "empty.txt", "good.txt"}
    assert [f.get("type") for f in cases["bad.txt"].findall("failure")] == ["TST001", "TST002", "TST003"]
    assert [e.get("type") for e in cases["empty.txt"].findall("error")] == ["GX001"]
    assert list(cases["good.txt"]) == []
    assert suite.get("tests") == "3" and suite.get("failures") == "3" and suite.get("errors") == "1"


def test_full_format_code_frame_aligned_in_cells(report):
    from rich.cells import cell_len

    out = gx("--isolated", "--ignore", "TST001,TST003", str(report)).out
    lines = out.splitlines()
    assert lines[0] == f"{report}:3:14: TST002 [*] [warning] doubled exclamation mark  (doubled-exclamation)"
    source_line, caret_line = lines[2], lines[3]
    assert source_line == "3 | 本年度共收到申请【待填】件！！"
    prefix = source_line[: source_line.index("！！")]
    assert caret_line.index("^") == cell_len(prefix)  # carets start under ！！ on screen
    assert caret_line.count("^") == cell_len("！！")
    assert "\x1b[" not in out
    assert lines[-2:] == ["Found 1 problem (0 errors, 1 warning, 0 info) in 1 file; 0 of 3 tables and 6 of 6 sections checked.",
                         "[*] 1 fixable with the --fix option."]


def test_full_format_colour(report, monkeypatch):
    assert "\x1b[" in gx("--isolated", "--color", "always", str(report)).out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in gx("--isolated", str(report)).out
    assert gx("--isolated", "-f", "text", str(report)).out == gx("--isolated", str(report)).out


def test_full_window_for_long_lines():
    from rich.cells import cell_len

    from gxlint.reporters.text import window

    line = "甲" * 300 + "ERR" + "乙" * 300
    shown, pad, width = window(line, 300, 303)
    assert cell_len(shown) <= 102 and shown.startswith("…") and shown.endswith("…")
    assert cell_len(shown[: shown.index("ERR")]) == pad
    assert width == 3


def test_concise_has_no_code_frame_and_no_rich(report):
    out = gx("--isolated", "-f", "concise", str(report)).out
    assert all(re.match(r".+:\d+:\d+: (TST\d{3}|Found|\[\*\]|\d+ more)", line) or line.startswith(("Found", "[*]", "1 more"))
               for line in out.splitlines())
