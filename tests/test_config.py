"""Configuration files, selection and their errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import REPORT  # noqa: E402
from clitools import gx as _gx  # noqa: E402


def gx(*args, **kwargs):
    """The test plugin without --select: configuration decides (built-in rules run too;
    the assertions look at the test rules only)."""
    return _gx(*args, base=["-p", "gxlint_testplugin"], **kwargs)


@pytest.fixture(autouse=True)
def english(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def codes(run) -> list[str]:
    return [d["code"] for d in json.loads(run.out)]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path):
    write(tmp_path / "a.txt", REPORT)
    write(tmp_path / "sub" / "b.txt", REPORT)
    return tmp_path


def lint(tree, *args):
    return gx("-f", "json", *args, ".", cwd=tree)


def by_file(run) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in json.loads(run.out):
        if not d["code"].startswith("TST"):
            continue
        out.setdefault(Path(d["path"]).as_posix(), []).append(d["code"])
    return out


def test_pyproject_tool_table(tree):
    write(tree / "pyproject.toml", '[project]\nname = "x"\n[tool.gxlint]\nignore = ["TST002"]\n')
    assert by_file(lint(tree)) == {"a.txt": ["TST001", "TST003"], "sub/b.txt": ["TST001", "TST003"]}


def test_nearest_wins_and_pyproject_without_table_is_skipped(tree):
    write(tree / "gxlint.toml", 'ignore = ["TST002"]\n')
    write(tree / "sub" / ".gxlint.toml", 'ignore = ["doubled-de"]\n')
    write(tree / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert by_file(lint(tree)) == {"a.txt": ["TST001", "TST003"], "sub/b.txt": ["TST001", "TST002"]}


def test_extend_inherits(tree):
    write(tree / "gxlint.toml", 'select = ["TST"]\n')
    write(tree / "base.toml", 'ignore = ["TST002"]\n[rules.TST001]\nseverity = "warning"\n')
    write(tree / "sub" / "gxlint.toml", 'extend = "../base.toml"\nextend-select = []\n[rules.TST003]\nenabled = false\n')
    run = lint(tree)
    assert by_file(run)["sub/b.txt"] == ["TST001"]
    assert by_file(run)["a.txt"] == ["TST001", "TST002", "TST003"]  # base.toml is not found by name
    severities = {(Path(d["path"]).as_posix(), d["code"]): d["severity"] for d in json.loads(run.out)}
    assert severities[("sub/b.txt", "TST001")] == "warning"
    assert run.code == 1  # a.txt still has an error


def test_severity_override_changes_exit_code(tree):
    write(tree / "gxlint.toml", 'select = ["TST"]\n')
    assert lint(tree).code == 1
    write(tree / "gxlint.toml", 'select = ["TST"]\n[rules.unfilled-placeholder]\nseverity = "warning"\n')
    assert lint(tree).code == 0


def test_options_override(tree):
    write(tree / "gxlint.toml", '[rules.TST001.options]\nmarker = "的的"\n')
    run = gx("-f", "json", "--select", "TST001", "a.txt", cwd=tree)
    assert [d["message"] for d in json.loads(run.out) if d["code"] == "TST001"] == ["unfilled placeholder 【待填】".replace("【待填】", "的的")]


def test_per_file_ignores(tree):
    write(tree / "gxlint.toml", '[per-file-ignores]\n"sub/*.txt" = ["TST0"]\n"a.txt" = ["TST003"]\n')
    assert by_file(lint(tree)) == {"a.txt": ["TST001", "TST002"]}


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_symlinked_folder_takes_the_settings_of_where_the_link_is(tmp_path):
    """As ruff does: a folder reached through a symbolic link is configured by the
    configuration above the link (not the one above its target), its patterns match the
    link's paths, and a configuration inside the folder applies either way."""
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    write(project / "gxlint.toml", 'ignore = ["TST002"]\n[per-file-ignores]\n"linked/b.txt" = ["TST003"]\n')
    write(elsewhere / "gxlint.toml", 'ignore = ["TST001"]\n')
    write(elsewhere / "reports" / "a.txt", REPORT)
    write(elsewhere / "reports" / "b.txt", REPORT)
    write(elsewhere / "own" / "gxlint.toml", 'ignore = ["doubled-de"]\n')
    write(elsewhere / "own" / "c.txt", REPORT)
    (project / "linked").symlink_to(elsewhere / "reports", target_is_directory=True)
    (project / "own").symlink_to(elsewhere / "own", target_is_directory=True)

    for args in (["linked"], ["linked/a.txt", "linked/b.txt"]):  # walked, or named
        assert by_file(gx("-f", "json", *args, cwd=project)) == {
            "linked/a.txt": ["TST001", "TST003"], "linked/b.txt": ["TST001"]}
    assert by_file(gx("-f", "json", "own/c.txt", cwd=project)) == {"own/c.txt": ["TST001", "TST002"]}
    # through the real folder, the settings of the real place
    assert by_file(gx("-f", "json", "reports", cwd=elsewhere)) == {
        "reports/a.txt": ["TST002", "TST003"], "reports/b.txt": ["TST002", "TST003"]}
    shown = json.loads(gx("--show-settings", "linked/b.txt", "-f", "json", cwd=project).out)
    assert shown["config_files"] == [str(project / "gxlint.toml")]
    assert [e["matches"] for e in shown["per_file_ignores"]] == [True]


def test_config_flag_and_isolated(tree):
    write(tree / "gxlint.toml", 'ignore = ["TST"]\n')
    write(tree / "other.toml", 'ignore = ["TST001"]\n')
    assert by_file(lint(tree)) == {}
    assert by_file(lint(tree, "--config", "other.toml"))["sub/b.txt"] == ["TST002", "TST003"]
    assert by_file(lint(tree, "--isolated"))["a.txt"] == ["TST001", "TST002", "TST003"]


def test_select_specificity_and_cli_last(tree):
    write(tree / "gxlint.toml", 'select = ["TST"]\nignore = ["TST0"]\nextend-select = ["TST002"]\n')
    assert by_file(lint(tree))["a.txt"] == ["TST002"]  # the code is more specific than the prefix
    assert by_file(lint(tree, "--extend-select", "doubled-de"))["a.txt"] == ["TST002", "TST003"]
    assert by_file(lint(tree, "--ignore", "TST002")) == {}


@pytest.mark.parametrize("text, needle", [
    ('selct = ["TST"]\n', "gxlint.toml: selct: unknown key"),
    ('select = ["NOPE1"]\n', "gxlint.toml: select: unknown rule code, prefix or name 'NOPE1'"),
    ('ignore = "TST001"\nlang = "fr"\n', 'gxlint.toml: lang: must be "zh" or "en"'),
    ('[rules.TST999]\nseverity = "error"\n', "gxlint.toml: rules.TST999: unknown rule code or name"),
    ('[rules.TST001]\nseverity = "fatal"\n', "gxlint.toml: rules.TST001.severity: must be"),
    ('[rules.TST001]\nenabled = "no"\n', "rules.TST001.enabled: must be true or false"),
    ('[rules.TST001]\ncolour = 1\n', "rules.TST001.colour: unknown key"),
    ('[rules.TST001.options]\nmarker = 3\n', "rules.TST001.options.marker: must be a string"),
    ('[rules.TST001.options]\nmarkr = "x"\n', "rule TST001 has no option 'markr'"),
    ('[per-file-ignores]\n"*.txt" = ["XX1"]\n', "per-file-ignores"),
    ('select = [\n', "invalid TOML"),
    ('extend = "missing.toml"\n', "extend:"),
])
def test_bad_configuration_exit_2(tree, text, needle):
    write(tree / "gxlint.toml", text)
    run = lint(tree)
    assert run.code == 2
    assert needle in run.err and str(tree / "gxlint.toml") in run.err
    assert "Traceback" not in run.err


def test_bad_pyproject_names_tool_gxlint(tree):
    write(tree / "pyproject.toml", '[tool.gxlint]\nfoo = 1\n')
    run = lint(tree)
    assert run.code == 2 and "pyproject.toml: tool.gxlint.foo: unknown key" in run.err


def test_circular_extend(tree):
    write(tree / "gxlint.toml", 'extend = "x.toml"\n')
    write(tree / "x.toml", 'extend = "gxlint.toml"\n')
    run = lint(tree)
    assert run.code == 2 and "circular extend" in run.err


def test_show_settings(tree):
    write(tree / "gxlint.toml", 'lang = "zh"\nignore = ["TST002"]\n[rules.TST001]\nseverity = "info"\n'
          '[per-file-ignores]\n"sub/**" = ["TST003"]\n[plugins.demo]\nx = 1\n')
    run = gx("--show-settings", "sub/b.txt", "-f", "json", cwd=tree)
    info = json.loads(run.out)
    assert run.code == 0
    assert info["config_files"] == [str((tree / "gxlint.toml").resolve())]
    assert "TST001" in info["enabled"] and "TST002" in info["disabled"] and "TST003" in info["disabled"]
    assert info["severity"] == {"TST001": "info"} and info["plugins"] == {"demo": {"x": 1}} and info["lang"] == "zh"
    text = gx("--show-settings", "a.txt", cwd=tree).out
    assert "rules.TST001.severity = info" in text and "does not match this file" in text


def test_config_lang(tree):
    write(tree / "gxlint.toml", 'lang = "zh"\n')
    assert "未填写的占位符" in gx("-f", "concise", "a.txt", cwd=tree).out


def test_plugin_settings_reach_rules_and_configure_hook(tree):
    from gxlint.config import Resolver, Settings, Universe, parse_config
    from gxlint.plugin.manager import load_plugins

    import gxlint_testplugin

    write(tree / "gxlint.toml", '[plugins.gxlint_testplugin]\nanswer = 42\n')
    registry = load_plugins(extra=[("gxlint_testplugin", gxlint_testplugin)])
    universe = Universe.from_registry(registry)
    settings = Resolver(universe).settings_for(tree / "a.txt")
    assert settings.engine_settings()["plugins"] == {"gxlint_testplugin": {"answer": 42}}
    assert Settings.build(parse_config(tree / "gxlint.toml", universe), universe).is_enabled("TST001", tree / "a.txt")


def test_glob_matching():
    from gxlint.config import glob_matches

    base = Path("/r")
    assert glob_matches("*.txt", Path("/r/x/y.txt"), base)  # no slash: the file name
    assert not glob_matches("x/*.txt", Path("/r/x/z/y.txt"), base)
    assert glob_matches("x/**/*.txt", Path("/r/x/z/y.txt"), base)
    assert glob_matches("x/**/*.txt", Path("/r/x/y.txt"), base)
    assert glob_matches("x", Path("/r/x/y.txt"), base)  # a directory: everything below
    assert glob_matches("年报/202[34]*", Path("/r/年报/2023.html"), base)


def test_a_renamed_rule_keeps_its_former_name_for_selectors_and_suppressions(tmp_path):
    """GX025 was `markdown-tables-too-large` before it covered every format: a configuration
    or a suppression comment written then still works, and names no other rule."""
    from gxlint.config import Universe
    from gxlint.plugin.manager import load_plugins

    universe = Universe.from_registry(load_plugins())
    assert universe.resolve("markdown-tables-too-large") == universe.resolve("tables-too-large")
    assert universe.resolve("tables-too-large")[0] == frozenset({"GX025"})
    assert universe.code_for("Markdown-Tables-Too-Large") == "GX025"
    # end to end: a configuration file selecting the rule by its former name
    table = "\n".join("| " + " | ".join("1" for _ in range(80)) + " |" for _ in range(80))
    report = write(tmp_path / "big.txt", REPORT + "\n" + table + "\n")
    write(tmp_path / "gxlint.toml", 'select = ["markdown-tables-too-large"]\n')
    run = _gx("--no-cache", "-f", "json", str(report), base=[], cwd=tmp_path)
    assert codes(run) == ["GX025"] and "unknown rule" not in run.err
