"""Dask: the per-file lint mapped over a real distributed.LocalCluster with worker
processes gives what a serial run gives."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import gx_process  # noqa: E402
from conftest import CORPUS, SEEDS  # noqa: E402

distributed = pytest.importorskip("distributed", reason="the Dask tests need gxlint[dask] (dask[distributed])")

from gxlint.results import pack  # noqa: E402


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Every vendored report (seeds, corpus texts, saved pages) in nested folders."""
    root = tmp_path_factory.mktemp("dask-archive")
    for folder in (SEEDS, CORPUS, CORPUS / "html"):
        target = root / folder.name
        target.mkdir(exist_ok=True)
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.suffix in (".txt", ".html", ".md"):
                shutil.copyfile(path, target / path.name)
    return root


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each.  The scheduler serves HTTP even without a
    dashboard, on 8787 unless told: a free port, so parallel test runs do not collide."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address="127.0.0.1:0", silence_logs=40) as local:
        with distributed.Client(local) as client:
            yield local, client


def test_lint_paths_on_a_cluster_equals_serial(archive, cluster):
    import gxlint
    from gxlint.batch import lint_paths

    _, client = cluster
    folders = [str(archive / name) for name in ("seeds", "corpus", "html")]
    serial = [pack(r) for r in gxlint.lint_paths(folders, jobs=1, isolated=True)]
    on_dask = [pack(r) for r in lint_paths(folders, client=client, isolated=True, batch_files=5)]
    assert len(serial) > 40 and sum(len(r["diagnostics"]) for r in serial) > 100
    assert on_dask == serial
    # every worker built its session (plugins loaded) once for all its batches
    builds = client.run(lambda: __import__("gxlint.batch", fromlist=["_BUILDS"])._BUILDS[0])
    assert sorted(builds.values()) == [1, 1]


def test_command_line_dask_scheduler_equals_serial(archive, cluster):
    local, _ = cluster
    for fmt in ("full", "json"):
        serial = gx_process("--no-cache", "-j", "1", "-f", fmt, ".", cwd=archive, base=["--isolated"])
        on_dask = gx_process("--no-cache", "--dask-scheduler", local.scheduler_address, "-f", fmt, ".",
                             cwd=archive, base=["--isolated"])
        assert on_dask.returncode == serial.returncode, on_dask.stderr
        assert on_dask.stdout == serial.stdout


def test_dask_settings_errors_reach_the_client(archive, cluster):
    local, _ = cluster
    (archive / "seeds" / "gxlint.toml").write_text('select = ["NOPE1"]\n', encoding="utf-8")
    try:
        run = gx_process("--no-cache", "--dask-scheduler", local.scheduler_address, "seeds", cwd=archive, base=[])
    finally:
        (archive / "seeds" / "gxlint.toml").unlink()
    assert run.returncode == 2 and b"NOPE1" in run.stderr and b"Traceback" not in run.stderr


def test_dask_refuses_what_it_cannot_do(archive):
    for extra in (["--fix"], ["--show-tables"], ["-"]):
        run = gx_process("--dask-scheduler", "tcp://127.0.0.1:1", *extra, ".", cwd=archive, base=[])
        assert run.returncode == 2 and b"--dask-scheduler" in run.stderr


def test_unreachable_scheduler_is_a_clear_error(archive):
    run = gx_process("--no-cache", "--dask-scheduler", "tcp://127.0.0.1:9", "seeds", cwd=archive, base=[],
                     env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert run.returncode == 2 and b"cannot connect" in run.stderr and b"Traceback" not in run.stderr


def test_a_rule_that_never_ends_on_a_worker_is_gx903_and_the_run_goes_on(archive, cluster, tmp_path):
    """A rule runs in a worker thread of a worker process, where there is no SIGALRM: the
    watchdog stops it on each file, as the main thread's timer does in a serial run."""
    import time

    import gxlint
    from gxlint.batch import lint_paths

    _, client = cluster
    config = tmp_path / "gxlint.toml"
    config.write_text("rule-timeout = 0.5\n", encoding="utf-8")
    files = [str(archive / "seeds" / name) for name in sorted(p.name for p in (archive / "seeds").iterdir())[:2]]
    settings = dict(plugins=["gxlint_endless"], config=config)
    start = time.monotonic()
    on_dask = [pack(r) for r in lint_paths(files, client=client, batch_files=1, **settings)]
    assert time.monotonic() - start < 60
    serial = [pack(r) for r in gxlint.lint_paths(files, jobs=1, **settings)]
    assert len(on_dask) == 2 and on_dask == serial
    for result in on_dask:  # a packed diagnostic: [code, line, column, end line, end column, args, ...]
        overruns = [d[5] for d in result["diagnostics"] if d[0] == "GX903"]
        assert overruns == [{"failed": "END001", "rule_name": "never-ends", "plugin": "gxlint_endless", "seconds": "0.5"}]
        assert {d[0] for d in result["diagnostics"]} - {"GX903"}, "the other rules must still run"
