"""Reading with a cap, from things that end (issue 9): devices, FIFOs, endless stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import REPORT, gx_process  # noqa: E402

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")


@posix_only
def test_a_named_fifo_is_an_input_error_not_a_hang(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    run = gx_process("--format", "concise", str(fifo), base=[])
    assert run.returncode == 2
    out = run.stdout.decode()
    assert "GX016" in out and "FIFO" in out, out
    assert "Traceback" not in run.stderr.decode()


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_an_input_error_in_both_languages(device):
    if not os.path.exists(device):
        pytest.skip(f"{device} is missing")
    run = gx_process("--format", "concise", device, base=[])
    assert run.returncode == 2
    assert "GX016" in run.stdout.decode() and "character device" in run.stdout.decode()
    run = gx_process("--lang", "zh", "--format", "concise", device, base=[])
    assert "字符设备" in run.stdout.decode()


@posix_only
def test_a_directory_walk_skips_fifos(tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    run = gx_process("--format", "json", str(tmp_path), base=[])
    assert run.returncode in (0, 1), run.stdout + run.stderr
    assert b"pipe.txt" not in run.stdout
    assert b"report.txt" in run.stdout


@posix_only
def test_endless_standard_input_stops_at_the_size_limit():
    with open("/dev/zero", "rb") as endless:
        run = subprocess.run([sys.executable, "-m", "gxlint", "--format", "concise", "--stdin-filename", "r.txt", "-"],
                             stdin=endless, capture_output=True, timeout=120)
    assert run.returncode == 2
    assert b"GX005" in run.stdout, run.stdout + run.stderr


def test_a_file_over_the_limit_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    from gxlint import engine
    from gxlint.plugin.manager import load_plugins

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    monkeypatch.setattr(engine, "MAX_BYTES", 4096)
    result = engine.Linter(load_plugins()).lint_path(str(path))
    assert result.fatal and [d.code for d in result.diagnostics] == ["GX005"]


def test_a_directory_named_as_a_file_is_still_unreadable(tmp_path):
    from gxlint.engine import Linter
    from gxlint.plugin.manager import load_plugins

    result = Linter(load_plugins()).lint_path(str(tmp_path))
    assert result.fatal and [d.code for d in result.diagnostics] == ["GX006"]


def test_read_file_reads_what_the_file_holds_even_when_its_size_says_otherwise(tmp_path):
    """A file is read to its end (a /proc file says size 0 and holds text), and a file over
    the limit is refused however it got there."""
    from gxlint.errors import InputError
    from gxlint.reading import read_file

    path = tmp_path / "r.txt"
    path.write_bytes(REPORT.encode("utf-8"))
    assert read_file(str(path), 1 << 20) == REPORT.encode("utf-8")
    assert read_file(str(path), len(REPORT.encode("utf-8"))) == REPORT.encode("utf-8")  # exactly the limit
    with pytest.raises(InputError):
        read_file(str(path), len(REPORT.encode("utf-8")) - 1)
    status = Path("/proc/self/status")
    if status.is_file() and status.stat().st_size == 0:
        assert read_file(str(status), 1 << 20).startswith(b"Name:")
        with pytest.raises(InputError):
            read_file(str(status), 8)  # says size 0, holds more than 8 bytes
