"""Lint on a Dask cluster, for archives that outgrow one machine (``pip install 'gxlint[dask]'``).

The per-file lint is pure (a file's bytes and its settings in, a slim result out), so it
maps over a ``dask.distributed`` cluster: the client walks the inputs, sends batches of
paths to the workers, and hands the results back in input order as they arrive.  A
worker builds its :class:`~gxlint.session.Session` once, from the session's
:class:`~gxlint.session.SessionSpec` (plugins loaded, configuration parsed, the cache
opened), and reuses it for every batch; results travel back packed, without documents.
The workers must see the files at the same paths (a shared file system; see
``docs/scale.md``) and have gxlint and the same plugins installed.  Results are the same
as a serial run's.

Command line: ``gxlint --dask-scheduler tcp://HOST:8786 PATHS…`` (or the path of a
scheduler file).  Python::

    from distributed import Client
    from gxlint.batch import lint_paths

    with Client("tcp://scheduler:8786") as client:
        for result in lint_paths(["/archive/2024"], client=client):
            ...
"""

from __future__ import annotations

import os
from collections import deque
from typing import Any, Iterable, Iterator, Sequence

from gxlint import api
from gxlint.engine import FileResult
from gxlint.errors import SetupError
from gxlint.results import pack, unpack
from gxlint.session import Session

BATCH_FILES = 16  # files per task: enough work (about a second) to amortise the scheduler's overhead
IN_FLIGHT_PER_THREAD = 4  # batches queued per worker thread, so no worker waits for the next

_SESSIONS: dict[Any, Any] = {}  # on a worker: the session of each spec, built once
_BUILDS = [0]  # on a worker: how many sessions it built (tests check: one per spec)


def _worker_session(spec: Any) -> Any:
    session = _SESSIONS.get(spec)
    if session is None:
        session = _SESSIONS[spec] = Session(spec)
        _BUILDS[0] += 1
    return session


def lint_batch(spec: Any, paths: Sequence[str]) -> list[tuple[str, Any]]:
    """Run on a worker: lint ``paths`` with the session of ``spec``; packed results."""
    try:
        session = _worker_session(spec)
        return [("ok", pack(session.lint(path).result)) for path in paths]
    except SetupError as error:
        return [("setup-error", str(error))]


def connect(address: str) -> Any:
    """A client of the scheduler at ``address`` (``tcp://host:port``, or a scheduler file)."""
    try:
        from distributed import Client  # lazy: Dask is optional (the dask extra)
    except ImportError:
        raise SetupError("--dask-scheduler needs Dask: pip install 'gxlint[dask]'") from None
    try:
        if os.path.isfile(address):
            return Client(scheduler_file=address)
        return Client(address)  # waits distributed.comm.timeouts.connect (30 s by default)
    except (OSError, TimeoutError, ValueError) as error:
        raise SetupError(f"--dask-scheduler {address}: cannot connect: {error}") from None


def lint_paths(paths: Iterable[str | os.PathLike], *, client: Any = None, scheduler: str | None = None,
               session: Any = None, batch_files: int = BATCH_FILES, **settings: Any) -> Iterator[FileResult]:
    """Lint files and folders on a Dask cluster; yield each file's slim result in input
    order as soon as it (and every file before it) is done.

    ``client``: a ``distributed.Client`` (or give ``scheduler``, an address).  ``settings``
    are those of :func:`gxlint.api.session`; the command line passes its ``session``
    (whose files it has already collected) instead.
    """
    if session is None:
        session = api.session(**settings)
        inputs = session.collect([os.fspath(p) for p in paths])
    else:
        inputs = [os.fspath(p) for p in paths]
    own_client = client is None
    if own_client:
        if scheduler is None:
            raise TypeError("lint_paths() needs a client or a scheduler address")
        client = connect(scheduler)
    pending: deque = deque()
    try:
        batches = [inputs[i:i + batch_files] for i in range(0, len(inputs), batch_files)]
        threads = sum(client.nthreads().values()) or 1
        window = max(2, threads * IN_FLIGHT_PER_THREAD)
        spec = session.spec
        submitted = 0
        while submitted < len(batches) or pending:
            while submitted < len(batches) and len(pending) < window:
                # pure=False: each batch is new work, never a result Dask kept from before
                pending.append(client.submit(lint_batch, spec, batches[submitted], pure=False))
                submitted += 1
            future = pending.popleft()
            answers = future.result()
            future.release()
            for status, data in answers:
                if status != "ok":
                    raise SetupError(data)
                yield unpack(data, session.universe.metas)
    finally:
        for future in pending:  # stopped early (an error, or the caller stopped reading)
            future.cancel()
        if own_client:
            client.close()
