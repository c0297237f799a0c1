"""``--jobs``: worker processes give byte for byte the output of one process."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import gx_process  # noqa: E402
from conftest import CORPUS, SEEDS  # noqa: E402

from gxlint.parallel import MAX_BATCH, batches, can_fork, worker_count  # noqa: E402

pytestmark = pytest.mark.skipif(not can_fork(), reason="--jobs forks worker processes; serial on this platform")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Every vendored report (seeds, corpus texts, saved pages), copied into nested folders."""
    root = tmp_path_factory.mktemp("archive")
    for folder in (SEEDS, CORPUS, CORPUS / "html"):
        target = root / folder.name
        target.mkdir(exist_ok=True)
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.suffix in (".txt", ".html", ".htm", ".md"):
                shutil.copyfile(path, target / path.name)
    return root


def lint(archive: Path, *args: str):
    return gx_process("--no-cache", *args, ".", cwd=archive, base=["--isolated"])


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "sarif"])
def test_jobs_output_equals_serial(archive, fmt):
    serial = lint(archive, "-j", "1", "-f", fmt)
    parallel = lint(archive, "-j", "2", "-f", fmt)
    assert serial.returncode in (1, 2), serial.stderr
    assert serial.stdout.count(b"GX") > 50  # the archive really has findings
    assert (parallel.returncode, parallel.stdout, parallel.stderr) == (serial.returncode, serial.stdout, serial.stderr)


def test_jobs_fix_writes_the_same_files(archive, tmp_path):
    copies = []
    for name in ("one", "two"):
        copy = tmp_path / name
        shutil.copytree(archive, copy)
        copies.append(copy)
    first = gx_process("--no-cache", "-j", "1", "--fix", ".", cwd=copies[0], base=["--isolated"])
    second = gx_process("--no-cache", "-j", "2", "--fix", ".", cwd=copies[1], base=["--isolated"])
    assert (first.returncode, first.stdout, first.stderr) == (second.returncode, second.stdout, second.stderr)
    assert b"fixed" in first.stderr
    changed = 0
    for path in sorted(copies[0].rglob("*")):
        if path.is_file():
            other = copies[1] / path.relative_to(copies[0])
            assert path.read_bytes() == other.read_bytes(), path
            changed += path.read_bytes() != (archive / path.relative_to(copies[0])).read_bytes()
    assert changed > 0


def test_jobs_with_standard_input_in_the_middle(archive):
    page = (archive / "seeds").iterdir().__next__().read_bytes()
    args = ["-f", "concise", "--stdin-filename", "piped.txt", "seeds", "-", "corpus"]
    serial = gx_process("--no-cache", "-j", "1", *args, cwd=archive, stdin=page, base=["--isolated"])
    parallel = gx_process("--no-cache", "-j", "2", *args, cwd=archive, stdin=page, base=["--isolated"])
    assert b"piped.txt:" in serial.stdout
    assert parallel.stdout == serial.stdout


def test_worker_count():
    assert worker_count(1, 1000) == 1
    assert worker_count(4, 3) == 1  # too few files to be worth a fork
    assert worker_count(4, 5) == 2
    assert worker_count(2, 1000) == 2


def test_bad_jobs_value(archive):
    run = gx_process("-j", "0", ".", cwd=archive, base=[])
    assert run.returncode == 2 and b"--jobs must be 1 or more" in run.stderr


def test_reports_stream_file_by_file(archive):
    """The full reporter prints a file's findings before the next file is linted, and
    each result it gets has no document."""
    import io

    from gxlint.result_stream import ResultStream
    from gxlint.plugin.manager import load_plugins
    from gxlint.session import Session, SessionSpec

    session = Session(SessionSpec(isolated=True, ignore=("GX6",), cwd=str(archive)))
    paths = session.collect(["seeds"])
    pulled = []

    def linted():
        for path in paths:
            pulled.append(path)
            yield session.lint(path)

    class Recorder(io.StringIO):
        first_write_after = None

        def write(self, text):
            if self.first_write_after is None and text.strip():
                self.first_write_after = len(pulled)
            return super().write(text)

    stream = Recorder()
    results = ResultStream(linted())
    load_plugins().reporters["concise"].write(results, stream, {"lang": "en"})
    assert stream.first_write_after == 1 and len(pulled) == len(paths) > 5
    assert all(r.document is None for r in results)
    assert stream.getvalue().count("\n") > len(paths)


@settings(max_examples=300, deadline=None)
@given(count=st.integers(1, 5000), workers=st.integers(1, 16))
def test_batches_cover_every_task_once_in_order_and_end_in_single_files(count, workers):
    spans = batches(count, workers)
    assert spans[0][0] == 0 and spans[-1][1] == count
    assert all(end == start for (_, end), (start, _) in zip(spans, spans[1:]))  # contiguous, in order
    sizes = [end - start for start, end in spans]
    assert all(1 <= size <= MAX_BATCH for size in sizes)
    assert sizes == sorted(sizes, reverse=True)  # shrinking: the last batches are the smallest
    assert sizes[-1] == 1


def test_full_batches_and_cache_hits_give_the_serial_output(archive, tmp_path):
    """An archive big enough for batches of MAX_BATCH files: a first run into a cache and
    a second run out of it, both with two workers, print what one process prints."""
    big = tmp_path / "big"
    sources = sorted(p for p in archive.rglob("*") if p.is_file())
    for i in range(12 * MAX_BATCH):
        source = sources[i % len(sources)]
        folder = big / f"batch{i // 100}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / f"{i:04d}-{source.name}")
    assert batches(12 * MAX_BATCH - 1, 2)[0] == (0, MAX_BATCH)
    serial = gx_process("--no-cache", "-j", "1", "-f", "concise", ".", cwd=big, base=["--isolated"])
    assert serial.stdout.count(b"GX") > 12 * MAX_BATCH
    cache = ["--cache-dir", str(tmp_path / "cache")]
    first = gx_process(*cache, "-j", "2", "-f", "concise", ".", cwd=big, base=["--isolated"])
    second = gx_process(*cache, "-j", "2", "-f", "concise", ".", cwd=big, base=["--isolated"])
    for run in (first, second):
        assert (run.returncode, run.stdout, run.stderr) == (serial.returncode, serial.stdout, serial.stderr)
