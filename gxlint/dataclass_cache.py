"""Byte code of the methods ``@dataclass`` generates, kept between runs.

``@dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__`` … as Python source and compiles it with ``exec`` when the class is
created: about 0.3–0.5 ms a class, and one run creates some 75 (gxlint's own, its
plugins', markdown-it's), a fifth of linting one small file.  Python keeps the byte code
of modules in ``__pycache__``, not that of this generated source.  While gxlint runs
(:func:`gxlint.cli.main`), :func:`cached_dataclass_code` hands the ``exec`` calls of the
``dataclasses`` module the code compiled from the same text by an earlier run, kept in
``gxlint/__pycache__`` as ``marshal`` data, as Python keeps byte code.

The same classes by construction:

* an entry is keyed by the whole source text, and is what ``exec`` of that text compiles:
  ``compile(text, "<string>", "exec", dont_inherit=True)`` (``dataclasses`` has no
  ``__future__`` imports to inherit); only ``exec(text, globals_dict, locals_dict)``
  calls are served from the cache, any other call goes to ``exec`` unchanged;
* the file is named after the interpreter's byte-code tag, exact version and optimisation
  level and headed by a checksum of its body: a damaged file, or one another Python
  wrote, is ignored;
* ``dataclasses`` is changed only inside the ``with`` block (a name ``exec`` in its
  globals, removed on the way out) and only where it has no ``exec`` of its own;
* nothing is written where Python would not write byte code (``PYTHONDONTWRITEBYTECODE``),
  new entries are written once, atomically, when the process exits, and the file stops
  growing at :data:`MAX_ENTRIES`.
"""

from __future__ import annotations

import builtins
import dataclasses
import sys
from contextlib import contextmanager
from pathlib import Path
from types import CodeType
from typing import Any, Iterator

from gxlint.marshal_file import KeptEntries

MAX_ENTRIES = 2000

_ENABLED = sys.implementation.name == "cpython" and "exec" not in vars(dataclasses)

_depth = 0  # nested cached_dataclass_code() blocks (main() may be re-entered in-process)


def cache_file() -> Path:
    tag = f"{sys.implementation.cache_tag}-{sys.version_info.releaselevel}{sys.version_info.micro}-O{sys.flags.optimize}"
    return Path(__file__).resolve().parent / "__pycache__" / f"dataclass-code.{tag}.marshal"


# the methods' code by their source text, read from the file on first use
KEPT = KeptEntries(lambda: cache_file(), MAX_ENTRIES,
                   lambda data: all(type(k) is str and type(v) is CodeType for k, v in data.items()))


def code_for(source: str) -> CodeType:
    """What ``exec(source)`` in ``dataclasses`` compiles, from the cache when an earlier run did."""
    code = KEPT.get(source)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        if KEPT.has_room():
            KEPT.add(source, code)
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec`` as the ``dataclasses`` module sees it inside :func:`cached_dataclass_code`."""
    if type(source) is str and type(globals) is dict and type(locals) is dict:
        return builtins.exec(code_for(source), globals, locals)
    caller = sys._getframe(1)  # exec's defaults are its caller's namespaces
    if globals is None:
        globals = caller.f_globals
        if locals is None:
            locals = caller.f_locals
    return builtins.exec(source, globals, locals)


@contextmanager
def cached_dataclass_code() -> Iterator[None]:
    """Classes decorated with ``@dataclass`` inside this block get their methods' byte
    code from the cache."""
    global _depth
    if not _ENABLED:
        yield
        return
    if _depth == 0:
        dataclasses.exec = _exec  # type: ignore[attr-defined]
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            del dataclasses.exec  # type: ignore[attr-defined]
