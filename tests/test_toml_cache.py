"""The parsed-TOML cache for shipped data: same data as tomllib, and never trusted blindly."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from gxlint.catalog import builtin_catalog_path
from gxlint.toml_cache import cache_path, load_toml

import tomllib


@pytest.fixture
def rules(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "rules.toml"
    shutil.copyfile(builtin_catalog_path(), path)
    return path


def test_cached_load_equals_tomllib(rules):
    expected = tomllib.loads(rules.read_text(encoding="utf-8"))
    assert load_toml(rules) == expected
    assert cache_path(rules).is_file()
    assert load_toml(rules) == expected  # from the cache


def test_edited_file_misses(rules):
    load_toml(rules)
    rules.write_text(rules.read_text(encoding="utf-8").replace('severity = "error"', 'severity = "info"', 1),
                     encoding="utf-8")
    assert load_toml(rules) == tomllib.loads(rules.read_text(encoding="utf-8"))


@pytest.mark.parametrize("damage", [b"", b"x" * 5, None, b"garbage" * 100])
def test_damaged_entry_is_ignored_and_rewritten(rules, damage):
    expected = load_toml(rules)
    entry = cache_path(rules)
    blob = entry.read_bytes()
    # None: the right header over a truncated body
    entry.write_bytes(blob[: len(blob) // 2] if damage is None else damage)
    assert load_toml(rules) == expected
    assert entry.read_bytes() == blob


def test_nothing_written_without_byte_code(rules, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert load_toml(rules) == tomllib.loads(rules.read_text(encoding="utf-8"))
    assert not cache_path(rules).exists()


def test_dates_are_not_cached_but_still_read(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "dated.toml"
    path.write_text("when = 2024-01-02\n", encoding="utf-8")
    assert load_toml(path) == tomllib.loads(path.read_text(encoding="utf-8"))
    assert not cache_path(path).exists()
