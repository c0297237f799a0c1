"""File names that are not UTF-8 (issue 9): every output format stays valid UTF-8 and
shows the name with the undecodable bytes as \\xNN."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import REPORT, gx_process  # noqa: E402

pytestmark = pytest.mark.skipif(os.name != "posix" or sys.platform == "darwin",
                                reason="needs a file system that stores arbitrary bytes in names")


@pytest.fixture
def bad_name(tmp_path: Path) -> bytes:
    name = os.path.join(os.fsencode(tmp_path), b"bad\xff.txt")
    with open(name, "wb") as handle:
        handle.write(REPORT.encode("utf-8"))
    return name


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "json-lines", "github", "sarif", "gitlab", "junit"])
def test_every_format_escapes_a_non_utf8_file_name(bad_name, fmt):
    run = gx_process("--format", fmt, os.fsdecode(bad_name), base=[])
    assert run.returncode in (0, 1), run.stderr.decode("utf-8", "replace")
    out = run.stdout.decode("utf-8")  # valid UTF-8, or this raises
    assert any(shown in out for shown in ("bad\\xff.txt", "bad\\\\xff.txt", "bad%5Cxff.txt")), out[:500]
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)


def test_fix_still_writes_the_real_file(bad_name):
    before = open(bad_name, "rb").read()
    gx_process("--fix", os.fsdecode(bad_name), base=[])
    assert os.path.exists(bad_name)
    assert not [n for n in os.listdir(os.path.dirname(bad_name)) if n.endswith(b".gxlint-tmp")]
    assert open(bad_name, "rb").read() is not None and before


def test_a_walk_skips_a_non_report_whatever_its_name(tmp_path):
    """A file met on a directory walk that is not a report is skipped, not GX004, also when
    its name is not UTF-8 (the walk knows it by its real name, the report shows it escaped);
    without the cache, and again when its result comes from the cache."""
    folder = tmp_path / "walked"
    folder.mkdir()
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    not_a_report = "购物清单：苹果、香蕉。\n".encode("utf-8")
    for name in (b"bad\xff.txt", b"plain.txt"):
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(not_a_report)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    for options in (["--no-cache"], cache, cache):  # the last run is served by the cache
        run = gx_process(*options, "-j", "1", "--format", "concise", "walked", cwd=tmp_path, base=[])
        out = run.stdout.decode("utf-8")
        assert "GX004" not in out and "xff" not in out, out
        assert "2 files skipped (not a report)" in out, out
    named = gx_process("--no-cache", "--format", "concise", os.fsdecode(os.path.join(os.fsencode(folder), b"bad\xff.txt")),
                       base=[])
    assert b"GX004" in named.stdout  # named explicitly, it is still told it is not a report
