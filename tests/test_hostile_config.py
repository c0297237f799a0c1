"""Configuration errors, not crashes (issue 9): bad encodings, deep nesting, a directory
named gxlint.toml, a device as --config.  Each exits 2 with a message naming the file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import REPORT, gx_process  # noqa: E402


def _project(tmp_path: Path, config: bytes | None) -> Path:
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    if config is not None:
        (tmp_path / "gxlint.toml").write_bytes(config)
    return tmp_path


@pytest.mark.parametrize("config, words", [
    ('lang = "zh"\n# 中文注释\n'.encode("gbk"), "not UTF-8"),
    ('lang = "zh"\n'.encode("utf-16"), "not UTF-8"),
    (bytes(range(256)) * 4, "gxlint.toml"),
    (b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
])
def test_a_broken_configuration_file_is_a_configuration_error(tmp_path, config, words):
    project = _project(tmp_path, config)
    run = gx_process("report.txt", cwd=project, base=[])
    err = run.stderr.decode()
    assert run.returncode == 2, err
    assert words in err and "Traceback" not in err and "bug in gxlint" not in err, err


def test_a_directory_named_gxlint_toml_is_an_error(tmp_path):
    project = _project(tmp_path, None)
    (project / "gxlint.toml").mkdir()
    run = gx_process("report.txt", cwd=project, base=[])
    assert run.returncode == 2
    assert "is a directory" in run.stderr.decode()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_as_the_configuration_is_an_error_not_a_hang(tmp_path):
    project = _project(tmp_path, None)
    run = gx_process("--config", "/dev/zero", "report.txt", cwd=project, base=[])
    assert run.returncode == 2
    err = run.stderr.decode()
    assert "/dev/zero" in err  # refused before it is read (no hang)
    assert "character device, not a file" in err and "not found" not in err, err


def test_a_directory_as_the_configuration_is_not_called_missing(tmp_path):
    project = _project(tmp_path, None)
    (project / "settings").mkdir()
    run = gx_process("--config", "settings", "report.txt", cwd=project, base=[])
    assert run.returncode == 2
    err = run.stderr.decode()
    assert "is a directory, not a file" in err and "not found" not in err, err


def test_a_missing_configuration_is_not_found(tmp_path):
    project = _project(tmp_path, None)
    run = gx_process("--config", "nowhere.toml", "report.txt", cwd=project, base=[])
    assert run.returncode == 2
    assert "nowhere.toml: configuration file not found" in run.stderr.decode()


def test_rule_timeout_reaches_the_engine(tmp_path):
    project = _project(tmp_path, b"rule-timeout = 0\n")
    run = gx_process("--show-settings", "report.txt", cwd=project, base=[])
    assert run.returncode == 0, run.stderr.decode()


@pytest.mark.parametrize("options, words", [
    ('{ extra_lexicons = ["missing.txt"] }', "cannot read 'missing.txt'"),
    ('{ extra_lexicons = ["folder"] }', "cannot read 'folder'"),
    ('{ extra_lexicons = ["binary.bin"] }', "not UTF-8 text"),
    ('{ extra_lexicons = ["/dev/zero"] }', "character device"),
    ('{ extra_phrases = [1, 2] }', "list of strings"),
])
def test_bad_gx503_option_values_are_configuration_errors(tmp_path, options, words):
    if "/dev/zero" in options and not os.path.exists("/dev/zero"):
        pytest.skip("needs /dev/zero")
    project = _project(tmp_path, f"[rules.GX503]\noptions = {options}\n".encode())
    (project / "folder").mkdir()
    (project / "binary.bin").write_bytes(bytes(range(256)))
    run = gx_process("report.txt", cwd=project, base=[])
    err = run.stderr.decode()
    assert run.returncode == 2, err
    assert words in err and "GX901" not in run.stdout.decode(), err


def test_a_negative_count_option_is_a_configuration_error(tmp_path):
    project = _project(tmp_path, b"[rules.GX504]\noptions = { min_links = -5 }\n")
    run = gx_process("report.txt", cwd=project, base=[])
    assert run.returncode == 2
    assert "must not be negative" in run.stderr.decode()


def test_a_real_lexicon_file_is_accepted(tmp_path):
    project = _project(tmp_path, b'[rules.GX503]\noptions = { extra_lexicons = ["words.txt"] }\n')
    (project / "words.txt").write_text("快乐星球官方网站\n", encoding="utf-8")
    run = gx_process("report.txt", cwd=project, base=[])
    assert run.returncode in (0, 1), run.stderr.decode()
