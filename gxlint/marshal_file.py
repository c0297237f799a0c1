"""Data kept between runs in ``__pycache__``, as Python keeps byte code: the files behind
:mod:`gxlint.regex_cache`, :mod:`gxlint.dataclass_cache` and :mod:`gxlint.toml_cache`.

The file is ``marshal`` data headed by a CRC-32 of its body.  A missing, damaged or
foreign file reads as nothing (the caller compiles, as without a cache); a write merges
into what another process may have written meanwhile, atomically, and is skipped where it
cannot be done (a read-only install).
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any, Callable


class KeptEntries:
    """Entries an earlier run compiled, read from ``path()`` on first use; the ones this run
    adds are merged into the file as the process exits (up to ``max_entries`` in all)."""

    def __init__(self, path: Callable[[], Path], max_entries: int,
                 valid: Callable[[dict], bool] = lambda data: True) -> None:
        self.path = path  # called when read or written, so a test may point it elsewhere
        self.max_entries = max_entries
        self.valid = valid
        self.new: dict[Any, Any] = {}
        self._stored: dict[Any, Any] | None = None

    @property
    def stored(self) -> dict[Any, Any]:
        """What the file held when first asked (nothing if it is missing, damaged or foreign)."""
        if self._stored is None:
            self._stored = _read_checked(self.path(), self.valid) or {}
        return self._stored

    def get(self, key: Any) -> Any:
        return self.stored.get(key) or self.new.get(key)

    def has_room(self) -> bool:
        return len(self.stored) + len(self.new) < self.max_entries

    def add(self, key: Any, value: Any) -> None:
        """Keep ``value`` for the file (the caller checked :meth:`has_room`)."""
        if not self.new:
            _write_at_exit(self.write)
        self.new[key] = value

    def forget(self) -> None:
        """Read the file again when next asked (as a new process would)."""
        self._stored = None

    def write(self) -> None:
        """Merge this run's new entries into what the file holds now."""
        if not self.new:
            return
        try:
            self.forget()  # re-read: another process may have written meanwhile
            merged = dict(self.stored)
            for key, value in self.new.items():
                if len(merged) >= self.max_entries:
                    break
                merged[key] = value
            body = marshal.dumps(merged)
            write_atomic(self.path(), zlib.crc32(body).to_bytes(4, "little") + body)
        finally:
            self.new.clear()


def _read_checked(path: Path, valid: Callable[[dict], bool]) -> dict | None:
    try:
        blob = path.read_bytes()
        body = blob[4:]
        if len(blob) > 4 and zlib.crc32(body).to_bytes(4, "little") == blob[:4]:
            data = marshal.loads(body)
            if isinstance(data, dict) and valid(data):
                return data
    except (OSError, ValueError, EOFError, TypeError):
        pass  # no file, or a damaged one
    return None


def _write_at_exit(write: Callable[[], None]) -> None:
    """Run ``write`` as the process exits, unless Python writes no byte code here either."""
    if sys.dont_write_bytecode:
        return
    import atexit  # lazy: only a run that compiled something new writes its cache

    atexit.register(write)


def write_atomic(path: Path, blob: bytes) -> None:
    """``blob`` into ``path`` through a temporary file and a rename, readable by every user
    of the installation as byte code is; nothing where that cannot be done."""
    try:
        import tempfile  # lazy: only when a cache is written

        path.parent.mkdir(exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.chmod(temp, 0o644)
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass  # a read-only install: compile or parse each time, as before
