"""Compiled patterns kept between runs (gxlint/regex_cache.py): the same pattern objects as
``re.compile``, written only where byte code is, and a damaged file is never trusted."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from conftest import empty_kept_entries
from gxlint import regex_cache

REPO = Path(__file__).resolve().parent.parent

PATTERNS = [
    (r"[\u4e00-\u9fff]+", 0),
    (r"(?P<year>(?:19|20)\d{2})\s*年(?P<rest>.*?)报告$", 0),
    (r"(?i)gxlint-?(?P<kind>[a-z-]*)", 0),
    (r"澳门|BET365|ag真人", re.IGNORECASE),
    (r"^\s*(\d+)\s*$", re.MULTILINE),
    (r"(?<=[㐀-鿿]),(?: (?=[㐀-鿿])|(?=[㐀-鿿]))", 0),
    (r"(?P<x>[㐀-鿿A-Za-z0-9]{2,40}?)(?P=x)", 0),
    (r"\d{2,3}+x", 0),  # a possessive quantifier (Python 3.11)
]
SAMPLES = ["2024年某某县人民政府信息公开工作年度报告", "gxlint-disable GX201", "访问BET365 澳门", "  42  \nx",
           "中文,文字 中文，中文", "报告报告abcabc", "123x 1234x", ""]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache in tmp_path, writes allowed."""
    if not regex_cache._ENABLED:
        pytest.skip("no re._compiler on this interpreter: regex_cache is plain re.compile")
    return empty_kept_entries(regex_cache, monkeypatch, tmp_path / "__pycache__" / "regex.test.marshal")


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in SAMPLES:
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
        assert [m.groups() for m in a.finditer(text)] == [m.groups() for m in b.finditer(text)]
        assert a.sub("#", text) == b.sub("#", text)


def test_compiled_and_cached_patterns_equal_re_compile(fresh):
    if sys.version_info < (3, 11):
        PATTERNS.pop()  # no possessive quantifiers before 3.11
    first = [regex_cache.compile_pattern(p, f) for p, f in PATTERNS]
    regex_cache.KEPT.write()
    assert fresh.is_file()
    regex_cache.KEPT.forget()  # a new process: everything from the file
    again = [regex_cache.compile_pattern(p, f) for p, f in PATTERNS]
    assert not regex_cache.KEPT.new  # all hits
    for (pattern, flags), a, b in zip(PATTERNS, first, again):
        expected = re.compile(pattern, flags)
        _same(a, expected)
        _same(b, expected)


def test_errors_are_re_errors(fresh):
    with pytest.raises(re.error):
        regex_cache.compile_pattern(r"(unclosed")


@pytest.mark.parametrize("damage", ["empty", "truncated", "checksum", "garbage-code"])
def test_a_damaged_file_is_ignored_and_rewritten(fresh, damage):
    pattern = r"[\u3400-\u9fff]{2,}"
    regex_cache.compile_pattern(pattern)
    regex_cache.KEPT.write()
    blob = fresh.read_bytes()
    if damage == "empty":
        fresh.write_bytes(b"")
    elif damage == "truncated":
        fresh.write_bytes(blob[: len(blob) // 2])
    elif damage == "checksum":
        fresh.write_bytes(b"\0\0\0\0" + blob[4:])
    else:  # a well-formed file whose code is nonsense: _sre.compile refuses it
        import marshal

        from array import array

        body = marshal.dumps({(pattern, 0): (32, array("I", [1, 2, 3, 999999]).tobytes(), 0, {}, (None,))})
        fresh.write_bytes(zlib.crc32(body).to_bytes(4, "little") + body)
    regex_cache.KEPT.forget()
    compiled = regex_cache.compile_pattern(pattern)
    _same(compiled, re.compile(pattern))
    regex_cache.KEPT.write()
    regex_cache.KEPT.forget()
    assert (pattern, 0) in regex_cache.KEPT.stored
    _same(regex_cache.compile_pattern(pattern), re.compile(pattern))


def test_nothing_written_without_byte_code(fresh, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    regex_cache.compile_pattern(r"[\u4e00-\u9fff]x")
    assert not fresh.exists()


def test_the_file_stops_growing(fresh, monkeypatch):
    monkeypatch.setattr(regex_cache.KEPT, "max_entries", 3)
    for n in range(10):
        regex_cache.compile_pattern(f"a{{{n}}}")
    regex_cache.KEPT.write()
    regex_cache.KEPT.forget()
    assert len(regex_cache.KEPT.stored) == 3


def test_a_real_run_writes_and_then_uses_the_cache(tmp_path):
    """Two fresh processes on a copy of the package: the first writes the file at exit,
    the second compiles (and parses for the line search's first characters) nothing it
    found there, and both print the same findings."""
    import shutil

    package = tmp_path / "gxlint"
    shutil.copytree(REPO / "gxlint", package, ignore=shutil.ignore_patterns("__pycache__"))
    probe = (
        "import sys, io, contextlib\n"
        "from gxlint import regex_cache\n"
        "from gxlint.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    code = main(['--no-cache', '-f', 'concise', sys.argv[1]])\n"
        "print(out.getvalue(), end='')\n"
        "own = [k for k in regex_cache.KEPT.new if len(k) == 2 or k[2] != 'imported']\n"
        "print('NEW', len(own), 'LOADED', len(regex_cache.KEPT._stored or {}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tmp_path)
    report = REPO / "tests" / "fixtures" / "report-003.md"
    runs = [subprocess.run([sys.executable, "-c", probe, str(report)], capture_output=True, text=True, env=env,
                           cwd=tmp_path, timeout=120) for _ in range(2)]
    assert all("Traceback" not in r.stderr for r in runs), runs[0].stderr
    first, second = (r.stdout.rsplit("NEW", 1) for r in runs)
    assert first[0] == second[0] and "GX" in first[0]
    assert list(package.glob("__pycache__/regex.*.marshal"))
    new, loaded = int(second[1].split()[0]), int(second[1].split()[2])
    assert new == 0 and loaded > 50


def test_re_compile_is_served_from_the_cache_inside_the_block(fresh):
    """Inside cached_re_compile() re.compile gives the same patterns (from the cache, kept
    under keys of their own, at most MAX_IMPORTED of them), the same object again for the
    same pattern, and its errors; outside, re.compile is re's own again."""
    original = re.compile
    with regex_cache.cached_re_compile():
        assert re.compile is not original
        served = [re.compile(p, f) for p, f in PATTERNS]
        assert re.compile(PATTERNS[0][0]) is re.compile(PATTERNS[0][0])
        assert re.compile(b"[a-z]+").pattern == b"[a-z]+"  # bytes: re's own way
        with pytest.raises(re.error):
            re.compile("(unclosed")
        with regex_cache.cached_re_compile():  # nested
            pass
        assert re.compile is not original
    assert re.compile is original
    for (p, f), pattern in zip(PATTERNS, served):
        _same(pattern, original(p, f))
    assert {k[:2] for k in regex_cache.KEPT.new if len(k) == 3} >= {(p, int(f)) for p, f in PATTERNS}
    regex_cache.KEPT.new.clear()
    monkeypatch_count = regex_cache.MAX_IMPORTED
    try:
        regex_cache.MAX_IMPORTED = 3
        regex_cache._served.clear()
        with regex_cache.cached_re_compile():
            for i in range(10):
                re.compile(f"x{{{i}}}y")
        assert sum(1 for k in regex_cache.KEPT.new if len(k) == 3) == 3
    finally:
        regex_cache.MAX_IMPORTED = monkeypatch_count
        regex_cache._served.clear()


def test_a_literal_class_in_any_order_is_one_entry(fresh):
    """markdown-it's terminator class comes from a set, in another order each run: every
    order is served by one entry (else each run would add one and rewrite the file), and
    each pattern is the one asked for."""
    import random

    items = [re.escape(c) for c in "\n!#$%&*+-:<=>@[\\]^_`{}~"]
    rng = random.Random(8)
    orders = []
    for _ in range(6):
        rng.shuffle(items)
        orders.append("[" + "".join(items) + "]")
    with regex_cache.cached_re_compile():
        served = [re.compile(p) for p in orders]
    assert len([k for k in regex_cache.KEPT.new if len(k) == 3]) == 1
    text = "a*b_c\nd[e]f\\g^h`i{j}k~l:m<n>o=p@q!r#s$t%u&v+w-x" + "".join(chr(c) for c in range(128))
    for p, pattern in zip(orders, served):
        assert pattern.pattern == p
        _same(pattern, re.compile(p))
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in re.compile(p).finditer(text)]
    # classes that are not plain literal sets keep their own keys: ranges, negation, escapes
    for source in ("[a-z]", "[^ab]", r"[\d_]", "[ab-]", "[中文]"):
        assert regex_cache._imported_key(source) == source
    assert regex_cache._imported_key("[ba]") == regex_cache._imported_key("[ab]") == "[ab]"


def test_a_fact_of_a_pattern_is_kept_and_served_only_while_valid(fresh):
    """kept_fact derives once, a new process (the file read again) is served without
    deriving, another name derives afresh, and a kept value ``valid`` refuses (a damaged
    or foreign entry) is derived again, never used."""
    calls = []

    def derive(answer):
        def run():
            calls.append(answer)
            return answer
        return run

    def is_text(value):
        return value is None or type(value) is str

    assert regex_cache.kept_fact("first-1", "[ab]c", 0, derive("ab"), is_text) == "ab"
    assert regex_cache.kept_fact("first-1", "x", 0, derive(None), is_text) is None  # None is kept too
    regex_cache.KEPT.write()
    regex_cache.KEPT.forget()  # a new process
    assert regex_cache.kept_fact("first-1", "[ab]c", 0, derive("wrong"), is_text) == "ab"
    assert regex_cache.kept_fact("first-1", "x", 0, derive("wrong"), is_text) is None
    assert calls == ["ab", None]
    assert regex_cache.kept_fact("first-2", "[ab]c", 0, derive("abc"), is_text) == "abc"  # the code changed
    regex_cache.KEPT.stored[("[ab]c", 0, "first-1")] = (42,)  # not what is_text accepts
    assert regex_cache.kept_fact("first-1", "[ab]c", 0, derive("ab"), is_text) == "ab"
    regex_cache.KEPT.stored[("y", 0, "first-1")] = "ab"  # not a (value,) entry
    assert regex_cache.kept_fact("first-1", "y", 0, derive("y"), is_text) == "y"
    assert calls == ["ab", None, "abc", "ab", "y"]
    # facts are not patterns another module compiled: they leave MAX_IMPORTED's count alone
    assert regex_cache._imported_count() == 0


def test_the_line_searchs_first_characters_are_kept_and_equal_the_parse(fresh, monkeypatch):
    from gxlint.analysis import line_search

    patterns = [("澳门|bet365|ag真人", re.IGNORECASE), (r"[<{〈《]\s*关键词", 0), (r"\d+", 0), ("a|b*", 0)]
    line_search._first_characters.cache_clear()
    first = [line_search._first_characters(p, int(f)) for p, f in patterns]
    assert first == [line_search._parsed_first_characters(p, int(f)) for p, f in patterns]
    assert first[0] is not None and first[-1] is None  # (a|b* may match nothing)
    regex_cache.KEPT.write()
    regex_cache.KEPT.forget()
    line_search._first_characters.cache_clear()
    parsed = []
    monkeypatch.setattr(line_search, "_parser", type("Counting", (), {"parse": lambda *a: parsed.append(a)}))
    assert [line_search._first_characters(p, int(f)) for p, f in patterns] == first
    assert parsed == []
    line_search._first_characters.cache_clear()
