"""Plugin faults are isolated (issue 9): bad yields, sys.exit(), bad fixes, endless loops,
broken gxlint_rules() hooks.  Each becomes a finding or error naming the plugin and rule,
and the other rules still run."""

from __future__ import annotations

import sys
import time
import types

import pytest

from gxlint.diagnostics import Edit, Fix
from gxlint.engine import Linter
from gxlint.plugin import hookimpl, rule
from gxlint.plugin.manager import PluginError, load_plugins

from conftest import seed


def _plugin(name: str, *rules) -> types.ModuleType:
    module = types.ModuleType(name)

    @hookimpl
    def gxlint_rules():
        return list(rules)

    module.gxlint_rules = gxlint_rules
    return module


def _meta(code: str, name: str):
    return dict(name=name, family="test", severity="warning", summary=name,
                messages={"zh": name, "en": name}, plugin="hostile-plugin")


@rule("HST001", **_meta("HST001", "yields-a-string"))
def yields_a_string(ctx):
    yield "not a diagnostic"


@rule("HST002", **_meta("HST002", "calls-sys-exit"))
def calls_sys_exit(ctx):
    sys.exit(0)
    yield  # pragma: no cover


@rule("HST003", **_meta("HST003", "bad-fix-replacement"))
def bad_fix_replacement(ctx):
    yield ctx.report(ctx.document.blocks[0], fix=Fix(edits=(Edit(0, 1, 42),)))  # type: ignore[arg-type]


@rule("HST004", **_meta("HST004", "loops-forever"))
def loops_forever(ctx):
    while True:
        pass
    yield  # pragma: no cover


@rule("HST005", **_meta("HST005", "swallows-exceptions"))
def swallows_exceptions(ctx):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # a rule that ignores every Exception and carries on
        try:
            while True:
                pass
        except Exception:  # noqa: BLE001 - the point of the test
            continue
    yield  # pragma: no cover


@rule("HST006", **_meta("HST006", "behaves"))
def behaves(ctx):
    yield ctx.report(ctx.document.blocks[0])


@rule("HST007", **_meta("HST007", "catches-the-interruption"))
def catches_the_interruption(ctx):
    """Catches the first interruption (a bare except) and carries on looping; ends on the
    second, past its budget."""
    try:
        while True:
            pass
    except BaseException:  # noqa: BLE001 - the point of the test
        pass
    while True:
        pass
    yield  # pragma: no cover


@rule("HST008", **_meta("HST008", "stops-when-interrupted"))
def stops_when_interrupted(ctx):
    """Catches the interruption and returns normally: still past its budget (GX903)."""
    try:
        while True:
            pass
    except BaseException:  # noqa: BLE001 - the point of the test
        pass
    yield ctx.report(ctx.document.blocks[0])


def _lint(*rules, settings=None):
    registry = load_plugins(extra=[("hostile-plugin", _plugin("hostile_plugin", *rules, behaves))])
    return Linter(registry, settings).lint_path(str(seed("003")))


@pytest.mark.parametrize("bad, words", [
    (yields_a_string, "not a Diagnostic"),
    (calls_sys_exit, "SystemExit"),
    (bad_fix_replacement, "not a string"),
])
def test_a_misbehaving_rule_is_gx901_naming_plugin_and_rule(bad, words):
    result = _lint(bad)
    crashes = [d for d in result.diagnostics if d.code == "GX901"]
    assert len(crashes) == 1, [d.message("en") for d in result.diagnostics if d.code.startswith("GX9")]
    message = crashes[0].message("en")
    assert bad.code in message and "hostile-plugin" in message and words in message, message
    assert "hostile-plugin" in crashes[0].message("zh")
    assert any(d.code == "HST006" for d in result.diagnostics), "the other rules must still run"
    assert not any(d.code == bad.code for d in result.diagnostics)


needs_budget = pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="the main thread's budget needs SIGALRM (POSIX)")


@needs_budget
@pytest.mark.parametrize("endless", [loops_forever, swallows_exceptions, catches_the_interruption,
                                     stops_when_interrupted])
def test_a_rule_that_never_ends_is_gx903_and_the_run_goes_on(endless):
    start = time.monotonic()
    result = _lint(endless, settings={"rule_timeout": 0.5})
    assert time.monotonic() - start < 30
    overruns = [d for d in result.diagnostics if d.code == "GX903"]
    assert len(overruns) == 1
    message = overruns[0].message("en")
    assert endless.code in message and "hostile-plugin" in message and "0.5 s" in message, message
    assert any(d.code == "HST006" for d in result.diagnostics)


@rule("HST009", **_meta("HST009", "slow-first"))
def slow_first(ctx):
    time.sleep(0.6)  # most of the budget: the file's one timer is set for this rule
    yield ctx.report(ctx.document.blocks[0])


@rule("HST010", **_meta("HST010", "slow-second"))
def slow_second(ctx):
    time.sleep(0.6)  # starts once the first has run: its own budget, not what is left of the first's
    yield ctx.report(ctx.document.blocks[0])


@needs_budget
def test_each_rule_has_its_own_budget_though_the_file_has_one_timer():
    """The timer is set once a file (rule_guard.rule_budgets); each rule still gets the
    whole budget from its own start: two rules of 0.6 s under a 1 s budget both finish,
    and an endless rule after them is still stopped."""
    result = _lint(slow_first, slow_second, settings={"rule_timeout": 1.0})
    codes = [d.code for d in result.diagnostics]
    assert "HST009" in codes and "HST010" in codes and "GX903" not in codes
    start = time.monotonic()
    result = _lint(slow_first, slow_second, loops_forever, settings={"rule_timeout": 1.0})
    codes = [d.code for d in result.diagnostics]
    assert "HST009" in codes and "HST010" in codes and codes.count("GX903") == 1
    assert time.monotonic() - start < 10


def _in_threads(count, *rules, settings):
    """Lint seed 003 in ``count`` threads at once (not the main thread: no SIGALRM there,
    the watchdog keeps the budget); each thread's result and seconds."""
    import threading

    results: list = [None] * count

    def lint(i):
        start = time.monotonic()
        try:
            results[i] = (_lint(*rules, settings=settings), time.monotonic() - start)
        except BaseException as error:  # noqa: BLE001 - a stray interruption must fail the test, not vanish
            results[i] = (error, time.monotonic() - start)

    threads = [threading.Thread(target=lint, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads), "a rule in a thread hung the run"
    return results


@pytest.mark.parametrize("endless", [loops_forever, swallows_exceptions, catches_the_interruption,
                                     stops_when_interrupted])
def test_a_rule_that_never_ends_in_a_thread_is_gx903_and_the_run_goes_on(endless):
    (result, seconds), = _in_threads(1, endless, settings={"rule_timeout": 0.5})
    assert not isinstance(result, BaseException), repr(result)
    assert seconds < 30
    overruns = [d for d in result.diagnostics if d.code == "GX903"]
    assert len(overruns) == 1, [d.message("en") for d in result.diagnostics if d.code.startswith("GX9")]
    message = overruns[0].message("en")
    assert endless.code in message and "hostile-plugin" in message and "0.5 s" in message, message
    assert not any(d.code == endless.code for d in result.diagnostics)  # its partial findings dropped
    assert any(d.code == "HST006" for d in result.diagnostics), "the other rules must still run"


def test_budgets_in_several_threads_at_once_stop_each_rule():
    """Four threads lint at once, each with its own endless rule: each gets its own GX903,
    and the same run with well-behaved rules only is unchanged by the watchdog."""
    results = _in_threads(4, loops_forever, settings={"rule_timeout": 0.5})
    expected = _lint(loops_forever, settings={"rule_timeout": 0.5}).diagnostics
    for result, seconds in results:
        assert not isinstance(result, BaseException), repr(result)
        assert [d.code for d in result.diagnostics].count("GX903") == 1
        assert [d.sort_key() for d in result.diagnostics] == [d.sort_key() for d in expected]
    (calm, _), = _in_threads(1, settings={"rule_timeout": 0.5})
    assert not any(d.code.startswith("GX9") for d in calm.diagnostics)
    assert calm.diagnostics == _lint(settings={"rule_timeout": 0.5}).diagnostics


def test_a_thread_budget_leaves_nothing_armed_after_the_block():
    """After an interrupted block the thread is disarmed and no interruption is pending: a
    loop of a second after it runs to its end."""
    import threading

    from gxlint.rule_guard import RuleTimeout, time_budget

    outcome = []

    def work():
        try:
            with time_budget(0.2):
                while True:
                    pass
        except RuleTimeout:
            outcome.append("stopped")
        deadline = time.monotonic() + 1.0
        try:
            while time.monotonic() < deadline:
                pass
            with time_budget(1.0):
                pass  # a block within its budget ends normally
            outcome.append("no stray interruption")
        except BaseException as error:  # noqa: BLE001
            outcome.append(repr(error))

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(30)
    assert outcome == ["stopped", "no stray interruption"]


@needs_budget
def test_the_budget_gives_back_an_outer_timer():
    import signal

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        _lint(settings={"rule_timeout": 2.0})
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 5.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@needs_budget
def test_time_budget_on_its_own_stops_the_block_and_restores_the_handler():
    """Outside an engine run (no rule_budgets() block), time_budget installs its own handler
    and puts the previous one and its timer back."""
    import signal

    from gxlint.rule_guard import RuleTimeout, time_budget

    outer = lambda *a: None  # noqa: E731
    previous = signal.signal(signal.SIGALRM, outer)
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        start = time.monotonic()
        with pytest.raises(RuleTimeout):
            with time_budget(0.2):
                while True:
                    pass
        assert time.monotonic() - start < 5
        with time_budget(1.0):
            pass  # a block within its budget ends normally
        assert signal.getsignal(signal.SIGALRM) is outer
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 5.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_rule_timeout_is_a_setting_checked_like_the_others(tmp_path):
    from gxlint.config import ConfigError, Universe, parse_config

    universe = Universe.from_registry(load_plugins())
    (tmp_path / "gxlint.toml").write_text("rule-timeout = 2.5\n", encoding="utf-8")
    assert parse_config(tmp_path / "gxlint.toml", universe).rule_timeout == 2.5
    for bad in ('"ten"', "-1", "true"):
        (tmp_path / "gxlint.toml").write_text(f"rule-timeout = {bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="rule-timeout"):
            parse_config(tmp_path / "gxlint.toml", universe)


@pytest.mark.parametrize("returned, words", [("GX201", "not a list"), ({"a": 1}, "not a list")])
def test_gxlint_rules_returning_a_non_list_names_the_plugin(returned, words):
    module = types.ModuleType("odd")

    @hookimpl
    def gxlint_rules():
        return returned

    module.gxlint_rules = gxlint_rules
    with pytest.raises(PluginError, match=f"plugin 'odd'.*{words}"):
        load_plugins(extra=[("odd", module)])


def test_gxlint_rules_raising_names_the_plugin():
    module = types.ModuleType("raiser")

    @hookimpl
    def gxlint_rules():
        raise RuntimeError("no rules today")

    module.gxlint_rules = gxlint_rules
    with pytest.raises(PluginError, match="plugin 'raiser'.*gxlint_rules.*RuntimeError: no rules today"):
        load_plugins(extra=[("raiser", module)])


# --- multi-report rules: their collect runs on each file, their check once over all -----

def _never_ends(ctx):
    while True:
        pass


def _exits(ctx_or_reports):
    sys.exit(3)


def _multi(code: str, collect=None, check=None):
    from gxlint.plugin import multi_report_rule

    def quiet(reports):
        return ()

    return multi_report_rule(code, collect=collect, **_meta(code, f"multi-{code.lower()}"))(check or quiet)


def _lint_with_multi(*multi, settings=None, path=None):
    module = _plugin("hostile_multi", behaves)

    @hookimpl
    def gxlint_multi_report_rules():
        return list(multi)

    module.gxlint_multi_report_rules = gxlint_multi_report_rules
    registry = load_plugins(extra=[("hostile-plugin", module)])
    linter = Linter(registry, settings)
    return registry, linter, linter.lint_path(str(path or seed("003")))


@pytest.mark.parametrize("in_thread", [False, True])
def test_a_multi_report_collect_that_never_ends_is_gx903_and_the_run_goes_on(in_thread):
    """A collect function runs on each file like a per-file rule, within the same budget,
    in the main thread (SIGALRM) and in any other (the watchdog)."""
    import threading

    endless = _multi("HST101", collect=_never_ends)
    out = {}

    def run():
        out["result"] = _lint_with_multi(endless, settings={"rule_timeout": 0.5})[2]

    start = time.monotonic()
    if in_thread:
        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        thread.join(60)
        assert not thread.is_alive(), "a collect function in a thread hung the run"
    else:
        run()
    assert time.monotonic() - start < 30
    result = out["result"]
    overruns = [d for d in result.diagnostics if d.code == "GX903"]
    assert len(overruns) == 1, [d.message("en") for d in result.diagnostics if d.code.startswith("GX9")]
    message = overruns[0].message("en")
    assert "HST101" in message and "hostile-plugin" in message and "0.5 s" in message, message
    assert any(d.code == "HST006" for d in result.diagnostics)
    assert "HST101" not in result.facts.extra


def test_multi_report_rules_that_call_sys_exit_are_gx901():
    """sys.exit() in a collect function (on each file) or in a check (once over all) is
    isolated as GX901 naming the rule, like a per-file rule's, not an exit of gxlint."""
    from gxlint.multireport import find

    exits_collecting, exits_checking = _multi("HST102", collect=_exits), _multi("HST103", check=_exits)
    registry, linter, first = _lint_with_multi(exits_collecting, exits_checking)
    crashes = [d.message("en") for d in first.diagnostics if d.code == "GX901"]
    assert len(crashes) == 1 and "HST102" in crashes[0] and "SystemExit" in crashes[0], crashes
    assert any(d.code == "HST006" for d in first.diagnostics)
    second = linter.lint_path(str(seed("000")))
    found = find([first.facts, second.facts], registry, lambda path: linter)
    messages = [d.message("en") for findings in found.values() for d in findings if d.code == "GX901"]
    assert len(messages) == 1 and "HST103" in messages[0] and "SystemExit" in messages[0], found
