"""Shipped TOML data read through a byte-code-style cache.

Parsing ``rules.toml`` (100 KB) with the pure-Python ``tomllib`` takes about 10 ms, and
every run needs it (each built-in rule's metadata comes from it).  Like Python's own
``.pyc`` files, the parsed data is kept in ``__pycache__`` beside the file, as ``marshal``
data (about 0.3 ms to load) headed by a checksum of the TOML bytes: an edited file misses,
and a cache entry that is unreadable, corrupt or for other bytes is ignored and rewritten.
Nothing is written where Python would not write byte code (``PYTHONDONTWRITEBYTECODE``)
or where the directory is not writable.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from pathlib import Path
from typing import Any

from gxlint.marshal_file import write_atomic

_DIGEST_SIZE = 8


def _digest(raw: bytes) -> bytes:
    # CRC-32 and length: enough to tell an edited data file (the entry guards against
    # stale data, not against an attacker who can write to the package directory), and
    # unlike hashlib, zlib costs no start-up (argparse has already imported it)
    return (zlib.crc32(raw).to_bytes(4, "little") + (len(raw) & 0xFFFFFFFF).to_bytes(4, "little"))


def parse_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads``, importing the parser only when a file must really be parsed."""
    import tomllib  # lazy: see the docstring

    return tomllib.loads(text)


def cache_path(path: Path) -> Path:
    return path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.marshal"


def load_toml(path: Path) -> dict[str, Any]:
    """``tomllib.load`` of ``path``, from the cache when it holds these bytes."""
    raw = path.read_bytes()
    digest = _digest(raw)
    cached = cache_path(path)
    try:
        blob = cached.read_bytes()
        if blob[:_DIGEST_SIZE] == digest:
            data = marshal.loads(blob[_DIGEST_SIZE:])
            if isinstance(data, dict):
                return data
    except (OSError, ValueError, EOFError, TypeError):
        pass  # no entry, or a damaged one: parse and rewrite it
    data = parse_toml(raw.decode("utf-8"))
    if not sys.dont_write_bytecode:
        _write(cached, digest, data)
    return data


def _write(cached: Path, digest: bytes, data: dict[str, Any]) -> None:
    try:
        payload = marshal.dumps(data)
    except ValueError:
        return  # values marshal cannot hold (dates): parse each time
    write_atomic(cached, digest + payload)
