"""A real third-party plugin (examples/gxlint-agency-check) installed and found through
its entry point, configured from gxlint.toml, and disabled with -p no:NAME."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import REPO, REPORT, gx_process  # noqa: E402

EXAMPLE = REPO / "examples" / "gxlint-agency-check"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    source = tmp_path_factory.mktemp("src") / "gxlint-agency-check"
    import shutil

    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("*.egg-info", "build", "__pycache__"))
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps",
         "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot build the example plugin here: {proc.stderr[-500:]}")
    return target


def run(site: Path, cwd: Path, *args: str):
    return gx_process(*args, cwd=cwd, base=[], env={"PYTHONPATH": str(site)})


def test_entry_point_plugin_runs_and_can_be_disabled(site, tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "gxlint.toml").write_text(
        'select = ["AGC"]\n[plugins.agency-check]\nagencies = ["某某县教育局"]\n', encoding="utf-8")
    version = run(site, tmp_path, "--version")
    assert b"agency-check" in version.stdout and b"gxlint-agency-check 0.1.0" in version.stdout
    found = run(site, tmp_path, "-f", "json", "r.txt")
    data = json.loads(found.stdout)
    assert [d["code"] for d in data] == ["AGC001"] and found.returncode == 1
    assert data[0]["message"] == "the agency '某某市某某局' in the title is not in the agency-check list"
    disabled = run(site, tmp_path, "-p", "no:agency-check", "-f", "json", "r.txt")
    assert disabled.returncode == 2 and b"select: unknown rule code, prefix or name 'AGC'" in disabled.stderr
    (tmp_path / "gxlint.toml").write_text('[plugins.agency-check]\nagencies = "x"\n', encoding="utf-8")
    bad = run(site, tmp_path, "r.txt")
    assert bad.returncode == 2 and b"agencies must be a list of strings" in bad.stderr
    assert b"Traceback" not in bad.stderr
