"""``--output-file`` written whole or not at all: a temp file beside it, renamed at the end.

A reporter that raises half-way (a plugin's, or an interrupted run) must not leave a
truncated report where a CI job will pick it up; nor should it destroy the previous one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any


class AtomicOutput:
    """A text stream for ``path``: :meth:`commit` renames it into place; :meth:`close`
    without a commit throws the partial output away."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        directory = self.path.parent if str(self.path.parent) else Path(".")
        fd, self._temp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".gxlint-tmp", dir=directory)
        self._stream = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        self._done = False

    def __getattr__(self, name: str) -> Any:  # write, flush, isatty, fileno … of the temp file
        return getattr(self._stream, name)

    def commit(self) -> None:
        if self._done:
            return
        self._done = True
        self._stream.close()
        try:
            if self.path.exists():
                os.chmod(self._temp, os.stat(self.path).st_mode & 0o7777)
            else:  # mkstemp makes 0600; a new report gets the usual mode
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(self._temp, 0o666 & ~umask)
            os.replace(self._temp, self.path)
        except BaseException:
            self._discard()
            raise

    def close(self) -> None:
        if not self._done:
            self._done = True
            self._stream.close()
            self._discard()

    def _discard(self) -> None:
        try:
            os.unlink(self._temp)
        except OSError:
            pass
