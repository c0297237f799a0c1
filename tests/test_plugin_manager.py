"""Plugin loading fails loudly and clearly: misspelt hooks, bad signatures, broken imports,
code collisions, the reserved GX prefix."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from gxlint.plugin import hookimpl, rule
from gxlint.plugin.manager import PluginError, load_plugins


def _module(name: str, **attrs) -> types.ModuleType:
    module = types.ModuleType(name)
    for key, value in attrs.items():
        setattr(module, key, value)
    return module


def _rule(code: str, name: str):
    @rule(code, name=name, family="test", severity="warning", summary="s",
          messages={"zh": "中文", "en": "english"})
    def check(ctx):
        return ()

    return check


def test_a_misspelt_hook_is_an_error_naming_it():
    @hookimpl
    def gxlint_rule():  # the hook is gxlint_rules
        return []

    with pytest.raises(PluginError, match="gxlint_rule\\(\\).*not a gxlint hook"):
        load_plugins(extra=[("typo", _module("typo", gxlint_rule=gxlint_rule))])


def test_a_hook_with_a_wrong_signature_is_an_error():
    @hookimpl
    def gxlint_configure(settings, unexpected):
        return None

    with pytest.raises(PluginError, match="typo2"):
        load_plugins(extra=[("typo2", _module("typo2", gxlint_configure=gxlint_configure))])


def test_rule_code_collisions_between_plugins_are_detected():
    first = _rule("ACME001", "first-rule")
    second = _rule("ACME001", "second-rule")

    @hookimpl
    def rules_a():
        return [first]

    @hookimpl
    def rules_b():
        return [second]

    a = _module("acme_a", gxlint_rules=rules_a)
    b = _module("acme_b", gxlint_rules=rules_b)
    with pytest.raises(PluginError, match="ACME001 is defined by both"):
        load_plugins(extra=[("acme-a", a), ("acme-b", b)])


def test_third_party_plugins_cannot_use_the_gx_prefix():
    squatter = _rule("GX999", "squatter")

    @hookimpl
    def gxlint_rules():
        return [squatter]

    with pytest.raises(PluginError, match="reserved prefix GX"):
        load_plugins(extra=[("squat", _module("squat", gxlint_rules=gxlint_rules))])


def test_a_hook_returning_something_else_than_rules_is_an_error():
    @hookimpl
    def gxlint_rules():
        return ["GX201"]

    with pytest.raises(PluginError, match="not a Rule"):
        load_plugins(extra=[("strings", _module("strings", gxlint_rules=gxlint_rules))])


def test_builtin_rules_come_through_the_entry_point_group():
    registry = load_plugins()
    owners = {registry.rule_owner[code] for code in registry.rules if code.startswith("GX")}
    assert owners == {"sections", "text_quality", "totals", "placeholders", "years", "contamination", "coverage"}
    assert {p.name for p in registry.plugins} >= owners | {"gxlint"}


def test_disabling_a_builtin_plugin_removes_its_rules():
    registry = load_plugins(disabled={"contamination"})
    assert not any(code.startswith("GX5") for code in registry.rules)
    assert any(code.startswith("GX2") for code in registry.rules)


def _broken_distribution(tmp_path: Path) -> Path:
    """A real installed distribution (dist-info + module) whose plugin module fails to import."""
    site = tmp_path / "site"
    dist = site / "gxlint_broken-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: gxlint-broken\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[gxlint]\nbroken = gxlint_broken\n", encoding="utf-8")
    (site / "gxlint_broken.py").write_text("import module_that_does_not_exist\n", encoding="utf-8")
    return site


def test_a_plugin_that_fails_to_import_is_a_clear_error_and_exit_2(tmp_path):
    site = _broken_distribution(tmp_path)
    report = tmp_path / "report.txt"
    report.write_text("某某局2024年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(site), NO_COLOR="1")
    done = subprocess.run([sys.executable, "-m", "gxlint", str(report)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert "broken" in done.stderr and "failed to load" in done.stderr
    assert "ModuleNotFoundError" in done.stderr
    assert "Traceback" not in done.stderr
    # and the user can switch it off for a run
    done = subprocess.run([sys.executable, "-m", "gxlint", "-p", "no:broken", str(report)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode in (0, 1), done.stderr


def test_the_quick_manager_finds_the_hooks_pluggy_finds(tmp_path):
    """gxlint's PluginManager passes over module attributes that cannot be hooks before
    pluggy's look-up; it must find exactly what pluggy's own manager finds: on every
    built-in plugin module, and on a module with hooks of every kind pluggy takes and
    marked attributes it does not."""
    import pluggy

    from gxlint.plugin import hookspecs
    from gxlint.plugin.manager import PluginManager, load_plugins

    odd = types.ModuleType("odd_plugin")
    exec(
        "from gxlint.plugin import hookimpl\n"
        "import functools\n"
        "@hookimpl\n"
        "def gxlint_rules():\n    return []\n"
        "class Holder:\n"
        "    @staticmethod\n"
        "    @hookimpl\n"
        "    def gxlint_readers():\n        return []\n"
        "    @classmethod\n"
        "    @hookimpl\n"
        "    def gxlint_reporters(cls):\n        return []\n"
        "gxlint_readers = Holder.__dict__['gxlint_readers']\n"
        "gxlint_reporters = Holder.gxlint_reporters\n"
        "def _configure(settings):\n    pass\n"
        "marked_partial = hookimpl(specname='gxlint_configure')(functools.partial(_configure))\n"
        "class MarkedClass:\n    pass\n"
        "MarkedClass.gxlint_impl = {}\n"
        "CONSTANT = 3\n",
        odd.__dict__,
    )
    registry = load_plugins()
    modules = [sys.modules[p.module] for p in registry.plugins if p.module in sys.modules] + [odd]
    assert len(modules) >= 9

    def hooks(manager_class, module):
        manager = manager_class("gxlint")
        manager.add_hookspecs(hookspecs)
        manager.register(module, name="probe")
        return sorted((caller.name, impl.function.__qualname__)
                      for caller in manager.get_hookcallers(module) for impl in caller.get_hookimpls())

    for module in modules:
        assert hooks(PluginManager, module) == hooks(pluggy.PluginManager, module), module.__name__
    assert hooks(PluginManager, odd) == [("gxlint_readers", "Holder.gxlint_readers"),
                                         ("gxlint_reporters", "Holder.gxlint_reporters"),
                                         ("gxlint_rules", "gxlint_rules")]
