"""Compiled regular expressions kept between runs, as Python keeps byte code.

Python's ``re`` compiles a character class spanning the CJK range (``[\\u4e00-\\u9fff]``)
by marking each of its ~20,000 code points in a table, in Python code: about 1 ms a
class, and gxlint's rules use dozens; compiling the patterns one small file needs took
about a third of that run.  The compiler's output is a list of integers that
``_sre.compile`` turns into a pattern object.  That list is kept here, in
``gxlint/__pycache__``, as ``marshal`` data, keyed by pattern and flags, and a later run
hands it straight to ``_sre.compile``: the same pattern object, without the work.

While gxlint runs, :func:`cached_re_compile` also serves ``re.compile`` itself from this
cache, for the patterns the modules imported meanwhile compile (markdown-it's ~60, about
5 ms of one small Markdown file's run); they are kept under keys of their own, at most
:data:`MAX_IMPORTED` of them.

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

import re
import sys
from array import array
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from gxlint.marshal_file import KeptEntries

T = TypeVar("T")

MAX_ENTRIES = 2000
# Patterns other modules compile (cached_re_compile) are kept only up to this many: some
# are built from a set, in an order that changes from run to run (markdown-it's
# terminator class), and each order would otherwise add an entry on every run.
MAX_IMPORTED = 200

_compiler = getattr(re, "_compiler", None)
_parser = getattr(re, "_parser", None)
_constants = getattr(re, "_constants", None)
try:
    import _sre
except ImportError:  # pragma: no cover - not CPython
    _sre = None

_ENABLED = (sys.implementation.name == "cpython" and None not in (_compiler, _parser, _constants, _sre)
            and hasattr(_compiler, "_code") and array("I").itemsize == getattr(_sre, "CODESIZE", 4))

# the public way, kept: cached_re_compile() puts compile_pattern in re.compile's place
_re_compile = re.compile
_serving = 0  # nested cached_re_compile() blocks



def cache_file() -> Path:
    magic = getattr(_constants, "MAGIC", 0)
    tag = f"{sys.implementation.cache_tag}-{sys.version_info.releaselevel}{sys.version_info.micro}-{magic}"
    return Path(__file__).resolve().parent / "__pycache__" / f"regex.{tag}.marshal"


_DEBUG = int(re.DEBUG)

# (pattern, flags[, "imported"]) -> what _sre.compile needs, read from the file on first use
KEPT = KeptEntries(lambda: cache_file(), MAX_ENTRIES)


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when an earlier run compiled it."""
    return _compile_kept(pattern, flags, imported=False)


def _compile_kept(pattern: str, flags: int, imported: bool) -> re.Pattern[str]:
    """``imported``: a pattern another module compiled through ``re.compile`` inside
    :func:`cached_re_compile`, kept under a key of its own (see :data:`MAX_IMPORTED`)."""
    if not _ENABLED or not isinstance(pattern, str) or not isinstance(flags, int):
        return _re_compile(pattern, flags)
    flags = int(flags)  # a RegexFlag is an int that marshal cannot store (and its & is slow enum code)
    if flags & _DEBUG:
        return _re_compile(pattern, flags)
    key: tuple = (_imported_key(pattern), flags, "imported") if imported else (pattern, flags)
    entry = KEPT.get(key)
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
        return _re_compile(pattern, flags)
    if KEPT.has_room() and (not imported or _imported_count() < MAX_IMPORTED):
        KEPT.add(key, entry)
    return compiled


# markdown-it builds its inline terminator class from a set, in an order that changes from
# run to run (string hashing is randomised): each order would be an entry of its own, and
# every run would rewrite the file at exit.  A class of ASCII characters, each literal
# (escaped punctuation or a plain character: no range, no negation, no class escape), is
# kept under its characters sorted; ``re`` compiles such a class to the same code in any
# order (a bitmap of the characters).
_LITERAL_CLASS = re.compile(r"\[((?:\\[^0-9A-Za-z]|[^\\\[\]\-^])+)\]")
_CLASS_ITEM = re.compile(r"\\.|.", re.DOTALL)


def _imported_key(pattern: str) -> str:
    found = _LITERAL_CLASS.fullmatch(pattern) if pattern.isascii() else None
    if found is None:
        return pattern
    return "[" + "".join(sorted(set(_CLASS_ITEM.findall(found.group(1))))) + "]"


def _imported_count() -> int:
    return sum(1 for key in KEPT.stored if key[2:] == ("imported",)) + sum(1 for key in KEPT.new if key[2:] == ("imported",))


def kept_fact(name: str, pattern: str, flags: int, derive: Callable[[], T], valid: Callable[[Any], bool]) -> T:
    """``derive()``, a fact read off the parse of ``(pattern, flags)`` (which characters
    its matches start with), kept beside the pattern's code: parsing again is what the
    compiled code saves, about 1 ms a pattern with a CJK class (the fifteen the line
    search asks about were 19 ms of a small file's run).  ``name`` must change whenever
    ``derive`` could give another answer (callers put a checksum of their code in it).
    Only values ``marshal`` stores (str, int, None, tuples of them …) are kept, and a kept
    value is used only if ``valid`` accepts it (else it is derived again)."""
    if not _ENABLED or type(pattern) is not str:
        return derive()
    key = (pattern, int(flags), name)
    entry = KEPT.get(key)  # (value,): None is a value too
    if type(entry) is tuple and len(entry) == 1 and valid(entry[0]):
        return entry[0]
    value = derive()
    if KEPT.has_room():
        KEPT.add(key, (value,))
    return value


def _compile(pattern: Any, flags: int = 0) -> re.Pattern:
    """``re.compile`` as other modules see it inside :func:`cached_re_compile`: like
    ``re``'s own, it hands out the same object again for the same pattern."""
    key = (type(pattern), pattern, flags)
    try:
        return _served[key]
    except KeyError:
        pass
    except TypeError:  # unhashable: not a pattern re.compile takes; it says why
        return _re_compile(pattern, flags)
    compiled = _compile_kept(pattern, flags, imported=True)
    if len(_served) < _MAX_SERVED:
        _served[key] = compiled
    return compiled


_MAX_SERVED = 512  # as re's own cache
_served: dict[tuple[type, Any, Any], re.Pattern] = {}


@contextmanager
def cached_re_compile() -> Iterator[None]:
    """``re.compile`` served from this cache inside the block.  Modules imported while
    gxlint runs compile their patterns at import: markdown-it about 60 (~5 ms a run),
    ``tomllib``, ``html5lib``'s.  Their pattern objects are the same as ``re.compile``'s
    (see :func:`compile_pattern`); leaving the block puts ``re.compile`` back."""
    global _serving
    if not _ENABLED or (_serving == 0 and re.compile is not _re_compile):
        yield  # another tool stands in for re.compile already: leave it alone
        return
    if _serving == 0:
        re.compile = _compile
    _serving += 1
    try:
        yield
    finally:
        _serving -= 1
        if _serving == 0:
            re.compile = _re_compile
