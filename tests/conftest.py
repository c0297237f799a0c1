"""Shared fixtures: the real reports (vendored in tests/fixtures/reports) and a linter."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The real reports, vendored byte for byte (see tests/fixtures/reports/PROVENANCE.md), so the
# suite runs from a fresh clone; GXLINT_SHARED points at another copy of the same layout.
SHARED = Path(os.environ.get("GXLINT_SHARED", REPO / "tests" / "fixtures" / "reports"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
HTML_CORPUS = CORPUS / "html"


@pytest.fixture(autouse=True, scope="session")
def _no_kept_entries_written_by_tests():
    """The test process leaves gxlint's kept files (compiled patterns and their facts,
    dataclass code) in the package as they were: what it compiled is the tests' own
    (hypothesis makes hundreds of patterns) and would fill files that are for real runs,
    which stop growing at their limit.  Its new entries are dropped before the exit
    hook that would write them; tests of those files write theirs explicitly, and a
    gxlint run in a subprocess writes as a user's does."""
    yield
    from gxlint import dataclass_cache, regex_cache

    for kept in (regex_cache.KEPT, dataclass_cache.KEPT):
        kept.new.clear()


def seed(prefix: str) -> Path:
    """A seed report by its number prefix, e.g. seed("003")."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found under {SEEDS}")
    return matches[0]


def corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        path = HTML_CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus file {name} not found under {CORPUS}")
    return path


@pytest.fixture(scope="session")
def registry():
    from gxlint.plugin.manager import load_plugins

    return load_plugins()


@pytest.fixture(scope="session")
def linter(registry):
    from gxlint.engine import Linter

    return Linter(registry)


def read_document(path: Path | str, format: str | None = None):
    """The document of a file, read exactly as the engine reads it (no rules run)."""
    from gxlint.api import read_document as read

    return read(path, format=format, isolated=True).document


# --- acceptance helpers: one linted view of a real file, shared by the acceptance tests ---

from dataclasses import dataclass as _dataclass  # noqa: E402

ARITHMETIC = {"GX201", "GX202", "GX203", "GX204", "GX205", "GX206"}


@_dataclass(frozen=True)
class Finding:
    """A diagnostic reduced to what acceptance checks look at (both languages rendered)."""

    code: str
    family: str
    severity: str
    line: int
    column: int
    end_line: int
    end_column: int
    en: str
    zh: str

    def covers(self, line: int, tol: int = 1) -> bool:
        """The diagnostic's line span touches ``line`` (±tol)."""
        return self.line - tol <= line <= self.end_line + tol

    def __repr__(self) -> str:  # short, for assertion messages
        return f"{self.code}@{self.line}:{self.column}-{self.end_line}:{self.end_column} {self.en[:140]}"


_LINTED: dict[str, tuple[list[Finding], list[str]]] = {}


def lint_findings(linter, path: Path) -> tuple[list[Finding], list[str]]:
    """The findings of ``path`` (linted once per session) and the file's lines."""
    key = str(path)
    if key not in _LINTED:
        result = linter.lint_path(key)
        findings = [
            Finding(d.code, d.family, d.effective_severity.value, d.line, d.column, d.end_line,
                    d.end_column, d.message("en"), d.message("zh"))
            for d in result.diagnostics
        ]
        _LINTED[key] = (findings, path.read_text(encoding="utf-8").split("\n"))
    return _LINTED[key]


def empty_kept_entries(module, monkeypatch, target: Path) -> Path:
    """Point a cache module's ``KEPT`` entries (gxlint.marshal_file) at the empty file
    ``target``, with writes allowed: what a first run on a fresh installation sees."""
    monkeypatch.setattr(module, "cache_file", lambda: target)
    monkeypatch.setattr(module.KEPT, "_stored", None)
    monkeypatch.setattr(module.KEPT, "new", {})
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return target
