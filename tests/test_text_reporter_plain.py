"""The ``full`` reporter writes uncoloured output without rich's console (start-up time);
the bytes must be exactly what rich's uncoloured console wrote for the same lines."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from gxlint.engine import Linter
from gxlint.plugin.manager import load_plugins
from gxlint.reporters import text as full

REPO = Path(__file__).resolve().parent.parent
REPORTS = REPO / "tests" / "fixtures" / "reports"
FILES = sorted([*REPORTS.glob("seeds/*"), *REPORTS.glob("corpus/*.txt"), *REPORTS.glob("corpus/html/*.html"),
                REPO / "tests" / "fixtures" / "report-003.md"])


def through_rich(results, options) -> str:
    """What ``write`` printed before the plain path: every line through rich."""
    stream = io.StringIO()
    console = full._console(stream, False)
    for line in full.render(results, options):
        console.print(full._rich_text(line), soft_wrap=True, overflow="ignore", crop=False)
    return stream.getvalue()


def written(results, options) -> str:
    stream = io.StringIO()
    full.write(results, stream, options)
    return stream.getvalue()


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(load_plugins())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plain_output_equals_rich_on_real_reports(linter, lang):
    assert len(FILES) > 10
    results = [linter.lint_path(str(path)) for path in FILES]
    assert sum(len(r.diagnostics) for r in results) > 20
    for options in ({"lang": lang}, {"lang": lang, "show_source": False}, {"lang": lang, "quiet": True}):
        assert written(results, options) == through_rich(results, options)


def test_control_characters_in_names_are_written_as_rich_wrote_them(linter, tmp_path):
    # A tab (expanded by rich), a carriage return and a bell (dropped by rich), an escape
    # (kept): each file name ends up in the finding's header line.
    source = (REPORTS / "seeds").glob("*.txt").__next__().read_bytes()
    results = []
    for name in ("tab\there.txt", "cr\rhere.txt", "bell\x07here.txt", "esc\x1bhere.txt", "nl\nhere.txt"):
        path = tmp_path / name
        path.write_bytes(source)
        results.append(linter.lint_path(str(path)))
    assert all(r.diagnostics for r in results)
    assert written(results, {"lang": "en"}) == through_rich(results, {"lang": "en"})


def test_uncoloured_run_does_not_import_rich_console():
    code = ("import sys, runpy; sys.argv = ['gxlint', '--isolated', sys.argv[1]]\n"
            "try:\n    runpy.run_module('gxlint', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('rich.console' in sys.modules, 'rich.text' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(REPO / "tests" / "fixtures" / "report-003.md")],
                         capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"}).stdout
    assert out.splitlines()[-1] == "False False"


def test_one_file_run_imports_no_pickle_json_or_shutil():
    """A pre-commit hook's run on one file without the cache packs nothing (pickle), writes
    no JSON (json) and asks the terminal's width only for help (shutil): 6 ms of start-up."""
    code = ("import sys, runpy; sys.argv = ['gxlint', '--isolated', '--no-cache', sys.argv[1]]\n"
            "try:\n    runpy.run_module('gxlint', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pickle', 'json', 'shutil') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(REPO / "tests" / "fixtures" / "report-003.md")],
                         capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"}).stdout
    assert out.splitlines()[-1] == "[]"
