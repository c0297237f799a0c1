"""Shared fixtures: the real reports in ../shared (seeds and corpus) and a linter."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GXLINT_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
HTML_CORPUS = CORPUS / "html"


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
    """Decode, read and structure a file exactly as the engine does (no rules run)."""
    from gxlint.document import Source
    from gxlint.engine import EXTENSIONS
    from gxlint.readers.decode import decode
    from gxlint.structure import annotate
    from importlib import import_module

    path = Path(path)
    raw = path.read_bytes()
    fmt = format or EXTENSIONS.get(path.suffix.lower(), "text")
    decoded = decode(raw, fmt)
    source = Source(str(path), decoded.text, format=fmt, encoding=decoded.encoding, raw=raw)
    module = {"html": "gxlint.readers.html", "markdown": "gxlint.readers.markdown", "text": "gxlint.readers.text"}[fmt]
    document = import_module(module).read(source)
    annotate(document)
    return document
