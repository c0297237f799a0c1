"""Python's cyclic garbage collector paused while gxlint starts up.

Start-up (imports, plugin loading, the rule catalogue, the configuration) allocates tens of
thousands of long-lived objects and no garbage cycles worth collecting, yet the allocations
set off collections that scan every object made so far: about 10 ms of one small file's
run.  :func:`paused_for_start_up` turns the collector off for the command;
:func:`start_up_done` turns it back on once the session is loaded, before any file is read
(an HTML tree is full of cycles), and leaving the block restores whatever state the caller
had (``gxlint.cli.main`` is also called in-process, by tests and by pre-commit hooks).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

_was_enabled: list[bool] = []  # a stack: main() may be re-entered in-process


@contextmanager
def paused_for_start_up() -> Iterator[None]:
    _was_enabled.append(gc.isenabled())
    gc.disable()
    try:
        yield
    finally:
        if _was_enabled.pop():
            gc.enable()


def start_up_done() -> None:
    """Turn the collector back on (if it was on when the command started)."""
    if _was_enabled and _was_enabled[-1]:
        gc.enable()
