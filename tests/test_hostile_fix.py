"""--fix on files a rewrite could damage (issue 9): read-only files, symbolic and hard
links, unwritable directories, stale temp files, mode and ownership."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import gx_process  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "wanbolin-2024.txt"  # has a safe fix (GX501)
posix_only = pytest.mark.skipif(os.name != "posix", reason="modes, links and owners are POSIX")


def _report(tmp_path: Path, name: str = "report.txt") -> Path:
    path = tmp_path / name
    shutil.copyfile(EXAMPLE, path)
    return path


def _fix(*paths: Path):
    return gx_process("--fix", "--format", "concise", *map(str, paths), base=[])


def test_the_example_is_fixable(tmp_path):
    path = _report(tmp_path)
    run = _fix(path)
    assert path.read_bytes() != EXAMPLE.read_bytes(), run.stderr.decode()


@posix_only
def test_a_read_only_file_is_not_written_and_the_run_fails(tmp_path):
    path = _report(tmp_path)
    path.chmod(0o444)
    run = _fix(path)
    assert run.returncode == 2
    assert path.read_bytes() == EXAMPLE.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert "read-only" in run.stderr.decode()


@posix_only
def test_a_symbolic_link_is_fixed_through_and_stays_a_link(tmp_path):
    target = _report(tmp_path, "target.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run = _fix(link)
    assert link.is_symlink(), run.stderr.decode()
    assert target.read_bytes() != EXAMPLE.read_bytes()


@posix_only
def test_hard_links_are_not_broken(tmp_path):
    path = _report(tmp_path)
    other = tmp_path / "other.txt"
    os.link(path, other)
    run = _fix(path)
    assert run.returncode == 2
    assert os.stat(path).st_ino == os.stat(other).st_ino
    assert path.read_bytes() == EXAMPLE.read_bytes()
    assert "hard links" in run.stderr.decode()


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into any directory")
def test_an_unwritable_directory_fails_the_run(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = _report(folder)
    folder.chmod(0o555)
    try:
        run = _fix(path)
    finally:
        folder.chmod(0o755)
    assert run.returncode == 2
    assert path.read_bytes() == EXAMPLE.read_bytes()


def test_stale_temp_files_of_a_killed_run_are_removed(tmp_path):
    path = _report(tmp_path)
    stale = tmp_path / ".report.txt.k1ll3d.gxlint-tmp"
    stale.write_bytes(b"half a report")
    unrelated = tmp_path / ".other.txt.k1ll3d.gxlint-tmp"
    unrelated.write_bytes(b"another file's")
    _fix(path)
    assert not stale.exists()
    assert unrelated.exists()


@posix_only
def test_mode_and_ownership_are_kept(tmp_path):
    path = _report(tmp_path)
    path.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(path, 12345, 12346)
    _fix(path)
    info = path.stat()
    assert path.read_bytes() != EXAMPLE.read_bytes()
    assert stat.S_IMODE(info.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (12345, 12346)
