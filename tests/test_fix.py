"""--fix, --unsafe-fixes and --diff: correct, idempotent, and never losing data."""

from __future__ import annotations

import codecs
import json
import os
import stat
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import REPORT, gx, gx_process  # noqa: E402

FIXED_SAFE = REPORT.replace("【待填】", "").replace("！！", "！")


@pytest.fixture(autouse=True)
def english(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def test_fix_applies_safe_fixes_and_exit_reflects_the_rest(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    run = gx("--isolated", "--fix", "-f", "json", str(path))
    assert path.read_text(encoding="utf-8") == FIXED_SAFE
    assert [d["code"] for d in json.loads(run.out)] == ["TST003"]  # the unsafe one remains
    assert run.code == 0 and "fixed 2 finding(s) in 1 file(s)" in run.err
    before = path.read_bytes()
    again = gx("--isolated", "--fix", str(path))
    assert path.read_bytes() == before and "fixed" not in again.err  # idempotent
    gx("--isolated", "--fix", "--unsafe-fixes", str(path))
    assert path.read_text(encoding="utf-8") == FIXED_SAFE.replace("的的", "的")


def test_overlapping_fixes_converge_over_passes(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT.replace("！！", "！！！！！"), encoding="utf-8")
    gx("--isolated", "--fix", str(path))
    assert "！！" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding, bom", [("gb18030", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE)])
def test_encoding_bom_and_crlf_kept(tmp_path, encoding, bom):
    path = tmp_path / "r.txt"
    path.write_bytes(bom + REPORT.replace("\n", "\r\n").encode(encoding))
    os.chmod(path, 0o640)
    gx("--isolated", "--fix", str(path))
    assert path.read_bytes() == bom + FIXED_SAFE.replace("\n", "\r\n").encode(encoding)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]  # no temporary file left behind


def test_file_that_does_not_round_trip_is_not_written(tmp_path):
    path = tmp_path / "r.txt"
    raw = REPORT.encode("utf-8").replace("无。".encode("utf-8"), "无".encode("utf-8") + b"\xff\xfe")
    path.write_bytes(raw)
    run = gx("--isolated", "--fix", str(path))
    assert path.read_bytes() == raw
    assert "not fixed: the file does not decode and encode back to the same bytes" in run.err
    assert run.code == 1


def test_diff_writes_nothing(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    run = gx("--isolated", "--diff", str(path))
    assert path.read_text(encoding="utf-8") == REPORT
    assert run.code == 1
    assert f"--- a/{path}" in run.out and "-本年度共收到申请【待填】件！！" in run.out
    assert "+本年度共收到申请件！" in run.out and "的的" not in run.out.split("@@", 2)[-1].replace("本局主动公开的的", "")
    assert gx("--isolated", "--diff", "--unsafe-fixes", str(path)).out.count("+本局主动公开的信息") == 1


def test_stdin_fix_writes_fixed_text_to_stdout(tmp_path):
    proc = gx_process("--isolated", "--fix", "-f", "concise", "--stdin-filename", "r.txt", "-",
                      stdin=REPORT.encode("gb18030"), cwd=tmp_path)
    assert proc.stdout == FIXED_SAFE.encode("gb18030")
    assert b"TST003" in proc.stderr and proc.returncode == 0


def test_apply_fixes_unit():
    from gxlint.diagnostics import Edit, Fix
    from gxlint.fixes import apply_fixes

    text = "a\r\nbc"
    fixes = [Fix((Edit(1, 1, "X\nY"),)), Fix((Edit(0, 2, ""),)), Fix((Edit(5, 9, ""),)), Fix((Edit(4, 5, "Z"),))]
    new, count = apply_fixes(text, fixes)
    assert (new, count) == ("\nbZ", 2)  # the overlapping and the out-of-range fix are skipped
    assert apply_fixes(text, [Fix((Edit(1, 1, "X\nY"),))]) == ("aX\r\nY\r\nbc", 1)  # CRLF kept


def _apply_by_comparing_every_edit(text, fixes):
    """apply_fixes as it was written first: each fix's edits compared with every accepted one."""
    def overlaps(a, b):
        if a.start == a.end == b.start == b.end:
            return True
        return a.start < b.end and b.start < a.end

    accepted, count = [], 0
    for fix in sorted((f for f in fixes if f.edits),
                      key=lambda f: (min(e.start for e in f.edits), max(e.end for e in f.edits))):
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if any(e.start < 0 or e.end > len(text) or e.end < e.start for e in edits):
            continue
        if any(a.end > b.start for a, b in zip(edits, edits[1:])):
            continue
        if any(overlaps(e, other) for e in edits for other in accepted):
            continue
        accepted.extend(edits)
        count += 1
    out, last = [], 0
    for edit in sorted(accepted, key=lambda e: (e.start, e.end)):
        out += [text[last:edit.start], edit.replacement]
        last = edit.end
    return "".join(out) + text[last:], count


def test_apply_fixes_takes_the_fixes_it_took_when_it_compared_every_edit():
    # apply_fixes finds a clash by bisection (40,000 fixes compared pairwise took minutes);
    # insertions, touching and nested edits, several edits a fix: the same fixes taken
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from gxlint.diagnostics import Edit, Fix
    from gxlint.fixes import apply_fixes

    text = "0123456789"
    edit = st.builds(lambda a, n, r: Edit(a, a + n, r), st.integers(-1, 10), st.integers(0, 3),
                     st.sampled_from(["", "x", "yz"]))
    fix = st.builds(lambda edits: Fix(tuple(edits)), st.lists(edit, min_size=0, max_size=3))

    @settings(max_examples=1000, deadline=None)
    @given(st.lists(fix, max_size=8))
    def check(fixes):
        assert apply_fixes(text, fixes) == _apply_by_comparing_every_edit(text, fixes)

    check()
