"""Python's cyclic garbage collector paused while gxlint starts up.

Start-up (imports, plugin loading, the rule catalogue, the configuration) allocates tens of
thousands of long-lived objects and no garbage cycles worth collecting, yet the allocations
set off collections that scan every object made so far: about 10 ms of one small file's
run.  :func:`paused_for_start_up` turns the collector off for the command;
:func:`start_up_done` turns it back on once the session is loaded, before any file is read
(an HTML tree is full of cycles), and leaving the block restores whatever state the caller
had (``gxlint.cli.main`` is also called in-process, by tests and by pre-commit hooks).

What start-up made is then frozen (``gc.freeze``): it stays for the whole run, yet with
the collector paused it all sat in the youngest generation, and the first collections
while linting scanned it again (3–6 ms of one small file's run, for nothing).  Frozen, the
collections see only what linting makes.  Leaving the block unfreezes it (``gc.unfreeze``),
so an in-process caller's objects are collectable again afterwards.

When the command is the process (:func:`frozen_for_exit`), everything is frozen again as
it ends: Python's shutdown collects garbage over every object once more (about 20 ms of
one small file's run, to free memory the operating system takes back anyway).  Only the
collector's work is skipped: ``atexit`` handlers still run (the caches are written), the
standard streams are flushed, and every file gxlint writes is closed before it returns.
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
            gc.unfreeze()  # an in-process caller's objects are collectable again
            gc.enable()


def start_up_done() -> None:
    """Freeze what start-up made and turn the collector back on (if it was on when the
    command started)."""
    if _was_enabled and _was_enabled[-1]:
        gc.freeze()
        gc.enable()


# Formats whose readers make no garbage cycles while a file is linted (an HTML page
# leaves html5lib's tree, thousands; a text's matching views do not hold the text, so
# a text or Markdown lint leaves none: tests/test_text_views.py): the collections
# that the allocations of linting such a file set off find nothing to free, yet scan
# every object the file made so far, which grows with the file (5 % of a small report's
# time, 25 % of a 4 MB text's, and what made that time grow faster than the size).
ACYCLIC_FORMATS = frozenset({"text", "markdown"})


@contextmanager
def paused_for(fmt: str) -> Iterator[None]:
    """The collector paused while one file of format ``fmt`` is linted, if that format's
    reader makes no garbage cycles (:data:`ACYCLIC_FORMATS`): its document is freed as
    the run drops it."""
    if fmt not in ACYCLIC_FORMATS or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def frozen_for_exit() -> None:
    """Freeze every object: the process is about to end (see the module's notes)."""
    gc.freeze()
