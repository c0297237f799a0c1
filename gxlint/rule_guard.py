"""Running one rule so that nothing it does takes the run down (GX901, GX903).

A rule is plugin code: it may raise, call ``sys.exit()``, yield things that are not
diagnostics, build a fix whose replacement is not a string, or loop forever.  Each of
these becomes one finding against the rule (GX901, or GX903 for the time budget) and
the other rules still run.

The time budget (setting ``rule-timeout``, seconds per rule and file) is enforced with
``SIGALRM``: a timer interrupts the main thread, where the rule runs, by raising
:class:`RuleTimeout` between two Python bytecodes.  Honest limits:

* POSIX main thread only: elsewhere (Windows, a rule run in a worker thread) there is
  no budget, and a rule that loops forever hangs the run as before;
* a rule stuck inside one long C call (a catastrophic regular expression, a huge
  ``int()``) is interrupted only when that call returns;
* :class:`RuleTimeout` is a ``BaseException``, so ``except Exception`` in a rule does not
  swallow it; a rule that catches ``BaseException`` is interrupted again every quarter
  of a second, but one that catches it every time and loops on cannot be stopped.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from gxlint.diagnostics import Diagnostic, Edit, Fix
from gxlint.finding_cap import FindingCollector

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.plugin.api import Context, Rule

DEFAULT_RULE_TIMEOUT = 10.0
_REPEAT = 0.25  # seconds between further interruptions of a rule that swallowed one


class RuleTimeout(BaseException):
    """A rule ran past its time budget (a BaseException, so ``except Exception`` in a rule
    does not swallow it)."""


class RuleFault(Exception):
    """A rule misbehaved; ``error`` is what to report (the rule's own exception, or one
    describing what it yielded)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


def budget_supported() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


# The state of the active rule_budgets() block: its SIGALRM handler raises only while a
# rule is "armed".  None outside such a block.
_scope: dict[str, bool] | None = None


@contextmanager
def rule_budgets(seconds: float | None) -> Iterator[None]:
    """Install the SIGALRM handler once for a series of :func:`time_budget` blocks (the
    rules run on one file): then each block only starts and stops the timer.  Installing
    and restoring a handler for each rule cost about 14 µs a rule, ~1 ms a file."""
    global _scope
    if not seconds or seconds <= 0 or not budget_supported() or _scope is not None:
        yield
        return
    state = {"armed": False}

    def on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
        if state["armed"]:
            raise RuleTimeout()

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_timer = signal.setitimer(signal.ITIMER_REAL, 0)  # someone else's timer: paused meanwhile
    _scope = state
    try:
        yield
    finally:
        _scope = None
        state["armed"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_timer[0] > 0:  # give it back
            signal.setitimer(signal.ITIMER_REAL, *previous_timer)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`RuleTimeout` in this (main) thread if the block runs past ``seconds``."""
    if not seconds or seconds <= 0 or not budget_supported():
        yield
        return
    if _scope is None:  # on its own: a handler for this one block
        with rule_budgets(seconds), time_budget(seconds):
            yield
        return
    scope = _scope
    scope["armed"] = True
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    try:
        yield
    finally:
        scope["armed"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)


def check_diagnostic(item: object, text_length: int) -> None:
    """TypeError/ValueError if ``item`` is not a well-formed Diagnostic (with a usable fix)."""
    if not isinstance(item, Diagnostic):
        raise TypeError(f"the rule yielded {type(item).__name__} {item!r:.80}, not a Diagnostic")
    fix = item.fix
    if fix is None:
        return
    if not isinstance(fix, Fix) or not isinstance(fix.edits, (tuple, list)):
        raise TypeError(f"the rule's fix is {type(fix).__name__}, not a Fix with a tuple of edits")
    for edit in fix.edits:
        if not isinstance(edit, Edit):
            raise TypeError(f"a fix edit is {type(edit).__name__}, not an Edit")
        if not isinstance(edit.replacement, str):
            raise TypeError(f"a fix replacement is {type(edit.replacement).__name__} {edit.replacement!r:.40}, not a string")
        if not (isinstance(edit.start, int) and isinstance(edit.end, int) and 0 <= edit.start <= edit.end <= text_length):
            raise ValueError(f"a fix edit [{edit.start!r}, {edit.end!r}) is outside the text (0–{text_length})")


def run_rule(rule: "Rule", ctx: "Context", budget: float | None,
             into: FindingCollector | None = None) -> FindingCollector:
    """Every diagnostic of ``rule.check(ctx)``, checked, collected as the rule yields them
    (into a child of ``into``, whose per-rule cap keeps a flood of findings out of memory),
    returned for the caller to merge; raises :class:`RuleFault` or :class:`RuleTimeout`
    (the rule's partial findings are dropped with it)."""
    text_length = len(ctx.source.text)
    out = into.child() if into is not None else FindingCollector()
    with time_budget(budget):
        try:
            for item in rule.check(ctx) or ():
                check_diagnostic(item, text_length)
                out.add(item)
        except (RuleTimeout, KeyboardInterrupt):
            raise
        except BaseException as error:  # SystemExit from sys.exit() included
            raise RuleFault(error) from None
    return out
