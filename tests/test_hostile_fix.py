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


def _fix(*paths: Path, preexec_fn=None):
    return gx_process("--fix", "--format", "concise", *map(str, paths), base=[], preexec_fn=preexec_fn)


_PR_CAPBSET_DROP = 24  # <linux/prctl.h>
# <linux/capability.h>: what lets root ignore permission bits (write, search, owner checks)
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 1, 2, 3


def _without_permission_override() -> None:
    """Run in the child before it starts gxlint: drop root's power to ignore permission bits
    from its capability bounding set, so that after exec root meets a directory's mode bits
    as its owner would.  Dropping to the ``nobody`` user instead cannot work where the
    interpreter lives in root's home (``/root/.pyenv``, mode 700), as on this project's
    machines and CI."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _fix_as_unprivileged(*paths: Path):
    """``_fix`` in a process that permission bits hold: as root (CI runs as root), root
    without the capabilities that override them; skipped, saying so, where they cannot be
    dropped."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return _fix(*paths)
    if not sys.platform.startswith("linux"):
        pytest.skip("as root, permission bits hold only once the capabilities are dropped (Linux)")
    import subprocess

    try:
        return _fix(*paths, preexec_fn=_without_permission_override)
    except subprocess.SubprocessError as error:
        pytest.skip(f"as root, and cannot drop CAP_DAC_OVERRIDE for the child here: {error}")


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
    message = run.stderr.decode()
    assert "has 2 hard links" in message and "the other names with the old text" in message
    assert f"(cp -p {path} {path}.copy && mv {path}.copy {path})" in message, message  # says what to do
    assert not [p.name for p in tmp_path.iterdir() if p.name not in ("report.txt", "other.txt")]


@posix_only
def test_a_hard_link_made_a_file_of_its_own_as_the_refusal_says_is_fixed(tmp_path):
    path = _report(tmp_path)
    other = tmp_path / "other.txt"
    os.link(path, other)
    import shlex
    import subprocess

    advice = _fix(path).stderr.decode().split("(cp -p ", 1)[1].split(")", 1)[0]
    subprocess.run(["sh", "-c", f"cp -p {advice}"], check=True)  # what the refusal says to do
    assert os.stat(path).st_ino != os.stat(other).st_ino and not list(tmp_path.glob("*.copy"))
    assert shlex.split(advice)[0] == str(path)
    run = _fix(path)
    assert run.returncode in (0, 1), run.stderr.decode()
    assert path.read_bytes() != EXAMPLE.read_bytes() and other.read_bytes() == EXAMPLE.read_bytes()


@posix_only
def test_an_unwritable_directory_fails_the_run(tmp_path):
    """Run as root too (CI runs as root): without the capabilities that let root write
    anywhere (see ``_fix_as_unprivileged``)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = _report(folder)
    folder.chmod(0o555)
    try:
        run = _fix_as_unprivileged(path)
    finally:
        folder.chmod(0o755)
    assert run.returncode == 2, run.stderr.decode()
    assert path.read_bytes() == EXAMPLE.read_bytes()
    assert "cannot write: Permission denied" in run.stderr.decode()
    assert not [p.name for p in folder.iterdir() if p.name != path.name]  # no temp file left


@posix_only
def test_the_same_directory_writable_is_fixed_by_the_same_process(tmp_path):
    """The control for the test above: the same unprivileged process fixes the file once
    the directory is writable, so it is the directory's mode that stopped it."""
    folder = tmp_path / "rw"
    folder.mkdir()
    path = _report(folder)
    run = _fix_as_unprivileged(path)
    assert run.returncode in (0, 1), run.stderr.decode()
    assert path.read_bytes() != EXAMPLE.read_bytes()


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


def test_each_file_is_written_as_soon_as_it_is_fixed_and_nothing_is_kept(tmp_path):
    """--fix writes a file when its result arrives, before the next file is linted, and
    keeps neither its fixed text nor its bytes (a run over many files does not hold them
    all until the end); a refusal is told and counted as it comes."""
    from gxlint.fixes import FixWriter
    from gxlint.result_stream import ResultStream
    from gxlint.session import FixMode, Session, SessionSpec

    first, second = _report(tmp_path, "first.txt"), _report(tmp_path, "second.txt")
    read_only = _report(tmp_path, "third.txt")
    read_only.chmod(0o444)
    said: list[str] = []
    writer = FixWriter(said.append)
    session = Session(SessionSpec(cwd=str(tmp_path), isolated=True))
    results = ResultStream(session.lint_many([str(first), str(second), str(read_only)], fix=FixMode()),
                           on_fix=writer)
    on_disk = []
    for _ in results:
        on_disk.append(tuple(p.read_bytes() != EXAMPLE.read_bytes() for p in (first, second)))
    assert on_disk == [(True, False), (True, True), (True, True)]
    assert results.fixes == []
    assert (writer.files, writer.unwritten) == (2, 1) and writer.applied >= 2
    assert len(said) == 1 and "third.txt" in said[0] and "read-only" in said[0]
    assert read_only.read_bytes() == EXAMPLE.read_bytes()
