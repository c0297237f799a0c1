"""Compiled regular expressions kept between runs, as Python keeps byte code.

Python's ``re`` compiles a character class spanning the CJK range (``[\\u4e00-\\u9fff]``)
by marking each of its ~20,000 code points in a table, in Python code: about 1 ms a
class, and gxlint's rules use dozens; compiling the patterns one small file needs took
about a third of that run.  The compiler's output is a list of integers that
``_sre.compile`` turns into a pattern object.  That list is kept here, in
``gxlint/__pycache__``, as ``marshal`` data, keyed by pattern and flags, and a later run
hands it straight to ``_sre.compile``: the same pattern object, without the work.

Safe by construction:

* the file is named after the interpreter's version and ``re``'s own ``MAGIC`` number
  (the compiled-code format), and headed by a checksum of its body: anything else, a
  truncated or damaged file, one written by another Python, is ignored;
* ``_sre.compile`` validates the code it is given, and any error on this path falls back
  to ``re.compile``;
* on interpreters without ``re._compiler`` (Python 3.10, PyPy) this is ``re.compile``;
* nothing is written where Python would not write byte code (``PYTHONDONTWRITEBYTECODE``),
  new entries are written once, atomically, when the process exits, and the file stops
  growing at :data:`MAX_ENTRIES` (patterns built from user settings vary).
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import zlib
from array import array
from pathlib import Path
from typing import Any

MAX_ENTRIES = 2000

_compiler = getattr(re, "_compiler", None)
_parser = getattr(re, "_parser", None)
_constants = getattr(re, "_constants", None)
try:
    import _sre
except ImportError:  # pragma: no cover - not CPython
    _sre = None

_ENABLED = (sys.implementation.name == "cpython" and None not in (_compiler, _parser, _constants, _sre)
            and hasattr(_compiler, "_code") and array("I").itemsize == getattr(_sre, "CODESIZE", 4))

_entries: dict[tuple[str, int], tuple] | None = None  # loaded on first use
_new: dict[tuple[str, int], tuple] = {}


def cache_file() -> Path:
    magic = getattr(_constants, "MAGIC", 0)
    tag = f"{sys.implementation.cache_tag}-{sys.version_info.releaselevel}{sys.version_info.micro}-{magic}"
    return Path(__file__).resolve().parent / "__pycache__" / f"regex.{tag}.marshal"


def _load() -> dict[tuple[str, int], tuple]:
    global _entries
    if _entries is None:
        _entries = {}
        try:
            blob = cache_file().read_bytes()
            body = blob[4:]
            if len(blob) > 4 and zlib.crc32(body).to_bytes(4, "little") == blob[:4]:
                data = marshal.loads(body)
                if isinstance(data, dict):
                    _entries = data
        except (OSError, ValueError, EOFError, TypeError):
            pass  # no file, or a damaged one: compile, and write a new one at exit
    return _entries


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when an earlier run compiled it."""
    if not _ENABLED or not isinstance(pattern, str) or not isinstance(flags, int) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    flags = int(flags)  # a RegexFlag is an int that marshal cannot store
    key = (pattern, flags)
    entry = _load().get(key) or _new.get(key)
    if entry is not None:
        try:
            final_flags, code, groups, groupindex, indexgroup = entry
            return _sre.compile(pattern, final_flags, array("I", code).tolist(), groups, groupindex, indexgroup)
        except Exception:  # a stale or damaged entry: compile it afresh
            pass
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        code = [int(op) for op in code]
        compiled = _sre.compile(pattern, int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
                                tuple(indexgroup))
        # the code as bytes: one memory copy to load, where a list of ints is one object each
        entry = (compiled.flags, array("I", code).tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except re.error:
        raise
    except Exception:  # anything unexpected in the internals: the public way
        return re.compile(pattern, flags)
    if len(_load()) + len(_new) < MAX_ENTRIES:
        if not _new:
            _schedule_write()
        _new[key] = entry
    return compiled


def _schedule_write() -> None:
    if sys.dont_write_bytecode:
        return
    import atexit  # lazy: only a run that compiled a new pattern writes the cache

    atexit.register(_write)


def _write() -> None:
    """Merge this run's new entries into the file (atomically; errors are ignored)."""
    if not _new:
        return
    try:
        import tempfile  # lazy: only when the cache is written

        global _entries
        _entries = None  # re-read: another process may have written meanwhile
        merged: dict[tuple[str, int], Any] = dict(_load())
        for key, entry in _new.items():
            if len(merged) >= MAX_ENTRIES:
                break
            merged[key] = entry
        body = marshal.dumps(merged)
        target = cache_file()
        target.parent.mkdir(exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(zlib.crc32(body).to_bytes(4, "little") + body)
            os.chmod(temp, 0o644)  # readable by every user of the installation, as byte code is
            os.replace(temp, target)
        except BaseException:
            os.unlink(temp)
            raise
    except Exception:
        pass  # a read-only install: compile each time, as before
    finally:
        _new.clear()
