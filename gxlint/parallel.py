"""``--jobs N``: lint files in worker processes, results in input order.

The workers are forked from the process that has already loaded the plugins and the
settings and linted the first file (so the readers are imported and their patterns
compiled): a worker starts with all of that in memory instead of paying gxlint's
start-up again.  Each task sends back a packed slim result (:mod:`gxlint.results`), never
a document; ``imap`` hands the results back in input order as they arrive, so the output
is byte for byte that of ``-j 1`` and each file is reported as soon as it and those
before it are done.

Where ``fork`` is not available (Windows, and macOS where it is unsafe) linting stays
serial: a freshly started process would have to load everything again.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any, Iterator, Sequence

from gxlint.errors import SetupError
from gxlint.results import Linted, PackedResult, pack, unpack

# below this many files per worker, forking costs more than it saves
MIN_FILES_PER_WORKER = 2

_STATE: dict[str, Any] = {}  # the forked workers' session and fix mode


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    import multiprocessing  # lazy: a one-file run never forks, and it costs ~3 ms

    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def worker_count(jobs: int, files: int) -> int:
    """How many worker processes to start for ``files`` files (1: lint in this process)."""
    if jobs <= 1 or files // MIN_FILES_PER_WORKER <= 1 or not can_fork():  # one worker: no need to ask
        return 1
    return max(1, min(jobs, files // MIN_FILES_PER_WORKER))


# Files are handed to the workers in batches, each one message each way.  A message
# costs about half a millisecond of CPU between the parent and a worker, as much as two
# cache hits; on two cores the parent shares them with the workers, so with four files a
# message the second run over 2,000 unchanged reports spent a third of its time on them.
# Batches shrink towards the end (guided scheduling, as OpenMP's): a batch is a quarter of
# a worker's share of what is left, at most MAX_BATCH files, so the last ones are single
# files and no worker waits long for another at the end of a first run, when a file can
# take 50 ms.
MAX_BATCH = 32


def batches(count: int, workers: int) -> list[tuple[int, int]]:
    """``[start, end)`` of each batch of ``count`` tasks for ``workers`` workers, in order:
    contiguous, covering every task once, shrinking to single tasks at the end."""
    out = []
    start = 0
    while start < count:
        size = max(1, min(MAX_BATCH, (count - start) // (4 * workers)))
        out.append((start, start + size))
        start += size
    return out


def _work_one(task: tuple[str, bytes | None, str]) -> tuple[str, Any, Any]:
    session, fix, then = _STATE["session"], _STATE["fix"], _STATE["then"]
    path, raw, name = task
    try:
        linted = session.lint(path, raw, name=name, fix=fix, packing=_STATE["packing"])
    except SetupError as error:
        return ("setup-error", str(error), None)
    if then is not None:  # e.g. packed as the parent keeps it (gxlint.result_stream)
        return ("done", then(linted), None)
    if isinstance(linted.result, PackedResult):  # packed as the cache keeps it (packing)
        return ("done", linted, None)
    return ("ok", pack(linted.result), linted.fix)


def _work(batch: Sequence[tuple[str, bytes | None, str]]) -> list[tuple[str, Any, Any]]:
    out = []
    for task in batch:
        out.append(_work_one(task))
        if out[-1][0] == "setup-error":  # the run stops there (see lint_parallel)
            break
    return out


def lint_parallel(session: Any, tasks: Sequence[tuple[str, bytes | None, str]], *, jobs: int,
                  fix: Any = None, then: Any = None, packing: Any = None) -> Iterator[Any]:
    """Each task's :class:`~gxlint.results.Linted`, in order (or what ``then`` made of it
    in the worker)."""
    workers = worker_count(jobs, len(tasks))
    # The first file is linted here: it imports the readers and compiles their patterns
    # once, before the fork, so no worker pays for them.
    path, raw, name = tasks[0]
    linted = session.lint(path, raw, name=name, fix=fix, packing=packing)
    yield linted if then is None else then(linted)
    rest = tasks[1:]
    if not rest:
        return
    _STATE.update(session=session, fix=fix, then=then, packing=packing)
    import multiprocessing  # lazy: see can_fork

    context = multiprocessing.get_context("fork")
    work = [rest[start:end] for start, end in batches(len(rest), workers)]
    # what the workers inherit (modules, compiled patterns, the session) lives as long as
    # they do: frozen, their collector never walks it (nor copies its pages on write)
    gc.freeze()
    try:
        with context.Pool(workers) as pool:
            for done in pool.imap(_work, work):
                for status, data, file_fix in done:
                    if status == "done":
                        yield data
                        continue
                    if status != "ok":
                        raise SetupError(data)
                    yield Linted(unpack(data, session.universe.metas), file_fix)
    finally:
        gc.unfreeze()
        _STATE.clear()
