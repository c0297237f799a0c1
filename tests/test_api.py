"""The public Python API (gxlint.api, re-exported lazily from gxlint)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import gx_process  # noqa: E402
from conftest import REPO, corpus, seed  # noqa: E402

import gxlint  # noqa: E402

EXAMPLE = REPO / "examples" / "wanbolin-2024.txt"


def test_import_gxlint_does_not_load_the_api():
    code = "import sys, gxlint; print('gxlint.api' in sys.modules, 'gxlint.engine' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
    assert gxlint.lint_path is gxlint.api.lint_path
    with pytest.raises(AttributeError):
        gxlint.no_such_name  # noqa: B018


def test_lint_path_equals_the_command_line():
    result = gxlint.lint_path(EXAMPLE, isolated=True)
    cli = json.loads(gx_process("--isolated", "--no-cache", "-f", "json", str(EXAMPLE), base=[]).stdout)
    assert [d.to_json() for d in result.diagnostics] == cli
    assert not result.fatal and result.document is not None


def test_lint_bytes_and_text_agree_with_the_file():
    by_path = [d.to_json() for d in gxlint.lint_path(EXAMPLE, isolated=True).diagnostics]
    raw = EXAMPLE.read_bytes()
    by_bytes = [d.to_json() for d in gxlint.lint_bytes(raw, str(EXAMPLE), isolated=True).diagnostics]
    by_text = [d.to_json() for d in gxlint.lint_text(raw.decode("utf-8"), str(EXAMPLE), isolated=True).diagnostics]
    assert by_path == by_bytes == by_text


def test_gb18030_html_bytes():
    page = corpus("pingtan-2023.txt").read_text(encoding="utf-8")
    html = "<html><head><meta charset='gb2312'></head><body><pre>" + page + "</pre></body></html>"
    result = gxlint.lint_bytes(html.encode("gb18030"), "pingtan.html", isolated=True)
    assert not result.fatal and result.document.source.encoding.lower().startswith("gb")


def test_settings_select_and_errors():
    result = gxlint.lint_path(EXAMPLE, select=["GX3"], isolated=True)
    assert result.diagnostics and all(d.code.startswith("GX3") for d in result.diagnostics)
    with pytest.raises(gxlint.SetupError, match="GX999"):
        gxlint.lint_path(EXAMPLE, select=["GX999"])
    with pytest.raises(gxlint.SetupError, match="no plugin named"):
        gxlint.lint_path(EXAMPLE, plugins=["no:nonesuch"])


def test_missing_file_is_a_finding_not_an_exception(tmp_path):
    result = gxlint.lint_path(tmp_path / "absent.txt", isolated=True)
    assert result.fatal and [d.code for d in result.diagnostics] == ["GX006"]
    assert result.path == str(tmp_path / "absent.txt")


def test_read_document_runs_no_rule():
    reading = gxlint.read_document(seed("003"))
    assert not reading.fatal and reading.document is not None
    assert all(d.code.startswith("GX0") for d in reading.diagnostics)
    kinds = [table.kind for table in reading.tables]
    assert kinds == ["active", "requests", "appeals"]
    assert isinstance(reading.tables.number("requests", "received.natural_person"), int)
    text = gxlint.read_document(text=seed("003").read_text(encoding="utf-8"), name="x.txt")
    assert text.tables.to_json() == reading.tables.to_json()
    with pytest.raises(TypeError):
        gxlint.read_document()


def test_read_document_not_a_report():
    reading = gxlint.read_document(data="<p>你好</p>".encode(), name="x.html")
    assert reading.fatal and [d.code for d in reading.diagnostics] == ["GX004"]


def test_lint_paths_streams_slim_results_in_order(tmp_path):
    folder = REPO / "docs" / "examples" / "site"
    results = list(gxlint.lint_paths([folder], jobs=2, isolated=True))
    assert [r.path for r in results] == sorted(str(p) for p in folder.rglob("*.*") if p.suffix in (".txt", ".md"))
    assert all(r.document is None for r in results)
    serial = [gxlint.lint_path(r.path, isolated=True) for r in results]
    assert [[d.to_json() for d in r.diagnostics] for r in results] == \
        [[d.to_json() for d in r.diagnostics] for r in serial]
