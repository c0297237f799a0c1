"""The dataclass method cache (gxlint/dataclass_cache.py): classes made inside the block
have the very methods @dataclass makes without it, from a fresh cache and from the file
alike; a damaged file is never trusted; nothing is left changed after the block."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import types
import zlib
from pathlib import Path

import pytest

from conftest import empty_kept_entries
from gxlint import dataclass_cache

REPO = Path(__file__).resolve().parent.parent

# dataclasses of every kind gxlint uses, and some it does not
DEFINITIONS = '''
from __future__ import annotations
from dataclasses import dataclass, field, KW_ONLY
from typing import ClassVar

@dataclass(frozen=True)
class Frozen:
    """A docstring."""
    a: int
    b: str = "x"
    c: tuple = ()
    d: dict = field(default_factory=dict, repr=False, compare=False)
    kind: ClassVar[str] = "frozen"

@dataclass
class Plain:
    a: int
    b: list = field(default_factory=list)
    def method(self) -> int:
        return self.a

@dataclass(order=True, slots=True)
class Ordered:
    x: int
    y: int = 0

@dataclass(eq=False)
class NoEq:
    a: int = field(default=1, init=False)

@dataclass(kw_only=True, unsafe_hash=True)
class KwOnly:
    a: int
    b: int = 2

@dataclass
class Mixed:
    a: int
    _: KW_ONLY
    b: int = 3
    def __post_init__(self):
        self.a = self.a * 2

@dataclass(frozen=True, slots=True)
class Derived(Frozen):
    e: float = 1.5
'''

METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__lt__", "__le__",
           "__gt__", "__ge__", "__getstate__", "__setstate__")


def _define() -> dict:
    """The classes of DEFINITIONS, made afresh in a module of their own."""
    module = types.ModuleType("dataclass_cache_probe")
    sys.modules[module.__name__] = module  # dataclasses looks the module up by name
    try:
        exec(compile(DEFINITIONS, "dataclass_cache_probe.py", "exec"), module.__dict__)
    finally:
        del sys.modules[module.__name__]
    return {name: value for name, value in vars(module).items()
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__}


def _shape(cls: type) -> dict:
    """Everything @dataclass put on the class, code objects compared by value."""
    out = {"doc": cls.__doc__, "match_args": getattr(cls, "__match_args__", None),
           "fields": [(f.name, f.default, f.init, f.repr, f.compare, f.kw_only, str(f.type)) for f in dataclasses.fields(cls)],
           "params": repr(cls.__dataclass_params__), "slots": getattr(cls, "__slots__", None)}
    for name in METHODS:
        method = cls.__dict__.get(name)
        code = getattr(method, "__code__", None)
        out[name] = (code, getattr(method, "__annotations__", None), getattr(method, "__defaults__", None),
                     getattr(method, "__kwdefaults__", None), getattr(method, "__qualname__", None)) if code else method
    return out


def _behaviour(classes: dict) -> list:
    frozen = classes["Frozen"](1, "y")
    ordered = sorted([classes["Ordered"](2, 1), classes["Ordered"](1, 5)])
    out = [repr(frozen), frozen == classes["Frozen"](1, "y", (), {"ignored": 1}), hash(frozen) == hash(classes["Frozen"](1, "y")),
           repr(ordered), repr(classes["Plain"](1)), repr(classes["KwOnly"](a=1)), hash(classes["KwOnly"](a=1)) == hash(classes["KwOnly"](a=1)),
           repr(classes["Mixed"](2, b=4)), repr(classes["Derived"](1, e=2.0)), classes["NoEq"]() == classes["NoEq"]()]
    with pytest.raises(dataclasses.FrozenInstanceError):
        frozen.a = 2
    with pytest.raises(TypeError):
        classes["KwOnly"](1)
    return out


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache in tmp_path, writes allowed."""
    if not dataclass_cache._ENABLED:
        pytest.skip("not CPython: the dataclass cache is off")
    return empty_kept_entries(dataclass_cache, monkeypatch, tmp_path / "__pycache__" / "dataclass-code.test.marshal")


def test_classes_are_the_same_with_a_cold_and_a_warm_cache(fresh):
    plain = _define()
    with dataclass_cache.cached_dataclass_code():
        cold = _define()
    assert dataclass_cache.KEPT.new  # compiled this time, and kept for the file
    dataclass_cache.KEPT.write()
    assert fresh.is_file() and not dataclass_cache.KEPT.new
    dataclass_cache.KEPT.forget()  # a new process: every method from the file
    with dataclass_cache.cached_dataclass_code():
        warm = _define()
    assert not dataclass_cache.KEPT.new  # nothing compiled
    for name in plain:
        assert _shape(cold[name]) == _shape(plain[name]), name
        assert _shape(warm[name]) == _shape(plain[name]), name
    assert _behaviour(warm) == _behaviour(cold) == _behaviour(plain)


def test_the_block_leaves_dataclasses_as_it_was(fresh):
    assert "exec" not in vars(dataclasses)
    with dataclass_cache.cached_dataclass_code():
        assert vars(dataclasses)["exec"] is dataclass_cache._exec
        with dataclass_cache.cached_dataclass_code():  # nested, as main() re-entered in-process
            pass
        assert vars(dataclasses)["exec"] is dataclass_cache._exec
    assert "exec" not in vars(dataclasses)
    with pytest.raises(ZeroDivisionError):
        with dataclass_cache.cached_dataclass_code():
            1 / 0
    assert "exec" not in vars(dataclasses)


def test_other_exec_calls_pass_through(fresh):
    """Only exec(text, dict, dict) is served from the cache; exec's defaults stay its caller's."""
    namespace: dict = {}
    dataclass_cache._exec("x = 1", namespace)
    assert namespace["x"] == 1
    code = compile("y = 2", "<test>", "exec")
    dataclass_cache._exec(code, namespace, namespace)
    assert namespace["y"] == 2
    assert not dataclass_cache.KEPT.new


@pytest.mark.parametrize("damage", ["checksum", "truncated", "not a dict", "foreign"])
def test_a_damaged_file_is_ignored(fresh, damage):
    import marshal

    fresh.parent.mkdir()
    body = marshal.dumps({"def f(): pass": compile("1", "<x>", "eval")})
    blobs = {
        "checksum": b"\0\0\0\0" + body,
        "truncated": zlib.crc32(body).to_bytes(4, "little") + body[:-5],
        "not a dict": zlib.crc32(marshal.dumps([1])).to_bytes(4, "little") + marshal.dumps([1]),
        "foreign": zlib.crc32(marshal.dumps({"x": 1})).to_bytes(4, "little") + marshal.dumps({"x": 1}),
    }
    fresh.write_bytes(blobs[damage])
    assert dataclass_cache.KEPT.stored == {}
    plain = _define()
    with dataclass_cache.cached_dataclass_code():
        cached = _define()
    assert all(_shape(cached[n]) == _shape(plain[n]) for n in plain)


def test_nothing_written_where_byte_code_is_not(fresh, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    with dataclass_cache.cached_dataclass_code():
        _define()
    dataclass_cache.KEPT.new.clear()  # what atexit would have written, had it been scheduled
    assert not fresh.exists()


def test_gxlint_runs_the_same_with_the_cache_file_and_without(tmp_path):
    """End to end, in fresh processes: a run that writes the cache file and one that reads
    it print the same findings as one that may not write it."""
    target = dataclass_cache.cache_file()
    report = REPO / "tests" / "fixtures" / "report-003.md"
    command = [sys.executable, "-m", "gxlint", "--no-cache", "-j", "1", "--format", "json", str(report)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    without = subprocess.run(command, capture_output=True, text=True, env={**env, "PYTHONDONTWRITEBYTECODE": "1"})
    writing = subprocess.run(command, capture_output=True, text=True, env=env)
    assert target.is_file()
    reading = subprocess.run(command, capture_output=True, text=True, env=env)
    assert without.stdout and without.stdout == writing.stdout == reading.stdout
    assert without.returncode == writing.returncode == reading.returncode
