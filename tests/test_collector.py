"""The garbage collector is paused for start-up only (gxlint/collector.py): it runs while
files are linted, and the caller's setting is restored, also after errors."""

from __future__ import annotations

import gc
import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from gxlint.cli import main

PAGE = Path(__file__).resolve().parent / "fixtures" / "reports" / "corpus" / "html" / "pingtan-2023.html"


def _run(*args: str) -> tuple[int, list[bool]]:
    """Exit code, and for each collection during the run whether the collector was on."""
    seen: list[bool] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(gc.isenabled())

    gc.callbacks.append(record)
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            code = main(["--no-cache", *args])
    finally:
        gc.callbacks.remove(record)
    return code, seen


def test_collector_runs_while_linting_and_stays_on():
    assert gc.isenabled()
    code, collections = _run(str(PAGE))
    assert code in (0, 1)
    assert collections, "an HTML page's tree makes garbage: the collector must have run"
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        code, collections = _run(str(PAGE))
        assert code in (0, 1)
        assert not gc.isenabled()
        assert collections == []
    finally:
        gc.enable()


def test_restored_after_a_usage_error_and_after_version():
    assert _run("--no-such-option")[0] == 2
    assert gc.isenabled()
    assert _run("--version")[0] == 0
    assert gc.isenabled()


def test_start_up_is_frozen_while_linting_and_unfrozen_after():
    """What start-up made is frozen (collections while linting do not scan it again) and
    unfrozen when main() returns, so an in-process caller's garbage is collectable again."""
    frozen_during: list[int] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            frozen_during.append(gc.get_freeze_count())

    gc.unfreeze()
    gc.callbacks.append(record)
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            code = main(["--no-cache", str(PAGE)])
    finally:
        gc.callbacks.remove(record)
    assert code in (0, 1)
    assert frozen_during and min(frozen_during) > 1000
    assert gc.get_freeze_count() == 0


def test_the_command_leaves_everything_frozen_for_its_exit(monkeypatch):
    """main() without argv is the gxlint command, whose process ends next: it leaves its
    objects frozen (Python's shutdown then does not scan them); main(argv) does not."""
    monkeypatch.setattr("sys.argv", ["gxlint", "--no-cache", str(PAGE)])
    gc.unfreeze()
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            code = main()
        assert code in (0, 1)
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()
    assert _run(str(PAGE))[0] in (0, 1)
    assert gc.get_freeze_count() == 0
