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


def read_checked(path: Path, valid: Callable[[dict], bool] = lambda data: True) -> dict | None:
    """The dict stored at ``path``, or None when there is none or it fails its checksum or ``valid``."""
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


def write_merged(path: Path, stored: dict, new: dict, max_entries: int) -> None:
    """Write ``stored`` (what the file holds now) with ``new`` added, up to ``max_entries``."""
    merged: dict[Any, Any] = dict(stored)
    for key, value in new.items():
        if len(merged) >= max_entries:
            break
        merged[key] = value
    body = marshal.dumps(merged)
    write_atomic(path, zlib.crc32(body).to_bytes(4, "little") + body)


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


def write_at_exit(write: Callable[[], None]) -> None:
    """Run ``write`` as the process exits, unless Python writes no byte code here either."""
    if sys.dont_write_bytecode:
        return
    import atexit  # lazy: only a run that compiled something new writes its cache

    atexit.register(write)
