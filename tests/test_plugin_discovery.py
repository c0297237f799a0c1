"""Entry points found without importlib.metadata (gxlint/plugin/discovery.py) are the ones
importlib.metadata finds: compared on real distribution directories on a real sys.path,
in fresh processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

COMPARE = """
import json, sys
from importlib.metadata import entry_points
from gxlint.plugin.discovery import find_entry_points
ours = find_entry_points("gxlint")
theirs = entry_points(group="gxlint")
print(json.dumps({
    "ours": None if ours is None else [[e.name, e.value, e.dist_version()] for e in ours],
    "theirs": [[e.name, e.value, f"{e.dist.metadata['Name']} {e.dist.metadata['Version']}"] for e in theirs],
}))
"""


def _dist(site: Path, directory: str, name: str, version: str, entry_points: str, *, egg: bool = False) -> None:
    info = site / directory
    info.mkdir(parents=True)
    (info / ("PKG-INFO" if egg else "METADATA")).write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: x: y\n\nName: not a header\n",
        encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def _compare(env_path: str, cwd: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=env_path)
    done = subprocess.run([sys.executable, "-c", COMPARE], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_same_entry_points_as_importlib_metadata(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(first, "gxlint_alpha-1.0.dist-info", "gxlint-alpha", "1.0",
          "# a comment\n[console_scripts]\nalpha = alpha:main\n\n[gxlint]\n alpha = alpha_plugin : hooks \n"
          "beta=beta_plugin [extra]\n")
    _dist(first, "Gxlint.Gamma-2.0.egg-info", "Gxlint.Gamma", "2.0", "[gxlint]\ngamma = gamma.plugin\n", egg=True)
    _dist(first, "other-3.0.dist-info", "other", "3.0", "[pytest11]\nother = other\n")
    # the same distribution again further down sys.path: importlib.metadata takes the first
    _dist(second, "gxlint_alpha-0.9.dist-info", "gxlint-alpha", "0.9", "[gxlint]\nold = old_plugin\n")
    _dist(second, "gxlint_gamma-1.5.dist-info", "gxlint-gamma", "1.5", "[gxlint]\nold_gamma = x\n")
    _dist(second, "delta-1.dist-info", "delta", "1", "[gxlint]\ndelta = delta_plugin\n")
    found = _compare(os.pathsep.join([str(first), str(second)]), tmp_path)
    assert found["ours"] is not None
    assert found["ours"] == found["theirs"]
    names = [name for name, _, _ in found["ours"]]
    assert {"alpha", "beta", "gamma", "delta"} <= set(names) and "old" not in names and "old_gamma" not in names
    assert ["alpha", "alpha_plugin : hooks", "gxlint-alpha 1.0"] in found["ours"]


def test_the_current_directory_on_sys_path_counts(tmp_path):
    """``python -c`` puts the working directory first on sys.path: an egg-info there (a
    source checkout) is found first, by both."""
    _dist(tmp_path, "gxlint_local.egg-info", "gxlint-local", "0.1", "[gxlint]\nlocal = local_plugin\n", egg=True)
    found = _compare("", tmp_path)
    assert found["ours"] == found["theirs"]
    assert ["local", "local_plugin", "gxlint-local 0.1"] in found["ours"]


def test_a_zip_on_sys_path_is_left_to_importlib_metadata(tmp_path):
    archive = tmp_path / "plugins.zip"
    import zipfile

    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped\nVersion: 1.0\n")
        zipped.writestr("zipped-1.0.dist-info/entry_points.txt", "[gxlint]\nzipped = zipped_plugin\n")
    found = _compare(str(archive), tmp_path)
    assert found["ours"] is None  # the caller falls back to importlib.metadata
    assert ["zipped", "zipped_plugin", "zipped 1.0"] in found["theirs"]


def test_a_run_does_not_import_importlib_metadata(tmp_path):
    report = REPO / "tests" / "fixtures" / "report-003.md"
    probe = ("import sys, runpy\nsys.argv = ['gxlint', '--no-cache', sys.argv[1]]\n"
             "try:\n    runpy.run_module('gxlint', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print('importlib.metadata' in sys.modules, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe, str(report)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().endswith("False"), done.stderr
    assert "GX" in done.stdout  # the built-in rules were found and ran
