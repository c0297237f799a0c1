"""Running one rule so that nothing it does takes the run down (GX901, GX903).

A rule is plugin code: it may raise, call ``sys.exit()``, yield things that are not
diagnostics, build a fix whose replacement is not a string, or loop forever.  Each of
these becomes one finding against the rule (GX901, or GX903 for the time budget) and
the other rules still run.

The time budget (setting ``rule-timeout``, seconds per rule and file) raises
:class:`RuleTimeout` in the rule's thread between two Python bytecodes:

* in the main thread on POSIX, with ``SIGALRM`` (a timer signal also cuts short a
  blocking call such as ``time.sleep``);
* in any other thread (Dask workers, an embedding that lints from a thread), and in the
  main thread where there is no ``SIGALRM`` (Windows), a watchdog thread raises it with
  CPython's ``PyThreadState_SetAsyncExc``, the way ``stopit`` and the killable-thread
  recipes do.

Honest limits:

* a rule stuck inside one long C call (a catastrophic regular expression, a huge
  ``int()``, and for the watchdog also ``time.sleep`` or a blocking read) is interrupted
  only when that call returns;
* the watchdog needs CPython (``ctypes.pythonapi``); elsewhere a rule in a thread has no
  budget;
* :class:`RuleTimeout` is a ``BaseException``, so ``except Exception`` in a rule does not
  swallow it; a rule that catches ``BaseException`` is interrupted again every quarter
  of a second, but one that catches it every time and loops on cannot be stopped.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from gxlint.diagnostics import Diagnostic, Edit, Fix
from gxlint.finding_cap import FindingCollector

# signal.signal without its wrapper's enum conversions of the handlers (SIG_DFL, SIG_IGN
# as Handlers members: 37,000 instructions of the 57,000 a file's block cost); the handler
# it gives back is set again as it came.  (Python's own: signal.signal calls it.)
_set_handler = getattr(getattr(signal, "_signal", None), "signal", signal.signal)

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


def _signal_budget() -> bool:
    """Whether this thread's budget is kept with SIGALRM (the POSIX main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def budget_supported() -> bool:
    """Whether a rule run in this thread has a time budget."""
    return _signal_budget() or _async_raise_available()


class _Scope:
    """The state of the active :func:`rule_budgets` block: the thread it keeps budgets for,
    which rule runs ("armed") since when, and whether its budget ran out ("fired")."""

    __slots__ = ("seconds", "thread", "armed", "fired", "started")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.thread = threading.get_ident()
        self.armed = False
        self.fired = False
        self.started = 0.0

    def arm(self) -> None:
        """A rule starts: its whole budget from now."""
        self.fired = False
        self.started = time.monotonic()
        self.armed = True

    def disarm(self) -> None:
        """The rule ended; :class:`RuleTimeout` if it ran past its budget, even if it
        caught the interruption."""
        self.armed = False
        if self.fired:
            raise RuleTimeout()


_scope: _Scope | None = None  # None outside a rule_budgets() block


def _scope_for(seconds: float | None) -> _Scope | None:
    """The active :func:`rule_budgets` block when it keeps this thread's budgets of
    ``seconds`` (a block is opened only in the POSIX main thread), else None."""
    scope = _scope
    if scope is not None and scope.seconds == seconds and scope.thread == threading.get_ident():
        return scope
    return None


@contextmanager
def rule_budgets(seconds: float | None) -> Iterator[None]:
    """Install the SIGALRM handler and start one timer for a series of :func:`time_budget`
    blocks (the rules run on one file): each block then only notes when its rule started.
    When the timer fires, the handler interrupts the rule running if its own budget is
    spent, else sets the timer to the end of that budget.  So a file costs two timer calls,
    not two a rule (installing a handler for each rule cost about 14 µs a rule, setting
    the timer for each about 2 µs)."""
    global _scope
    if not seconds or seconds <= 0:
        yield
        return
    if not _signal_budget():
        try:
            yield
        finally:  # a rule's late interruption must not reach the code after the rules
            if _watchdog is not None:
                _watchdog.settle()
        return
    if _scope is not None:
        yield
        return
    state = _Scope(seconds)

    def on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
        if not state.armed:  # between rules: a whole budget for the next one
            signal.setitimer(signal.ITIMER_REAL, seconds)
            return
        left = state.started + seconds - time.monotonic()
        if left > 0 and not state.fired:  # set for an earlier rule: this one has time left
            signal.setitimer(signal.ITIMER_REAL, left)
            return
        state.fired = True
        signal.setitimer(signal.ITIMER_REAL, _REPEAT)  # again, if the rule swallows it
        raise RuleTimeout()

    previous_handler = _set_handler(signal.SIGALRM, on_alarm)
    previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds)  # someone else's timer: paused meanwhile
    _scope = state
    try:
        yield
    finally:
        _scope = None
        state.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        _set_handler(signal.SIGALRM, previous_handler)
        if previous_timer[0] > 0:  # give it back
            signal.setitimer(signal.ITIMER_REAL, *previous_timer)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`RuleTimeout` in this thread if the block runs past ``seconds``."""
    scope = _scope_for(seconds)
    if scope is not None:  # within the file's rule_budgets() block: only note the start
        scope.arm()
        try:
            yield
        finally:
            scope.disarm()
        return
    if not seconds or seconds <= 0 or not budget_supported():
        yield
        return
    if not _signal_budget():
        watchdog = _the_watchdog()
        entry = watchdog.arm(seconds)
        try:
            yield
        finally:
            if watchdog.disarm(entry):  # past its budget, even if the rule caught the interruption
                raise RuleTimeout()
        return
    with _own_scope(), rule_budgets(seconds), time_budget(seconds):  # on its own: a handler for this block
        yield


@contextmanager
def _own_scope() -> Iterator[None]:
    """Set aside an enclosing block of another budget (its timer is paused and given back
    by the inner rule_budgets), so that the inner block gets its own."""
    global _scope
    outer, _scope = _scope, None
    try:
        yield
    finally:
        _scope = outer


# --- the watchdog: budgets of rules run outside the POSIX main thread ---------------------

def _async_raise_available() -> bool:
    return sys.implementation.name == "cpython"


def _set_async_exc(ident: int, exception: type[BaseException] | None) -> int:
    """Raise ``exception`` (a class: CPython instantiates it there) in thread ``ident`` at
    its next bytecode, or with None take back one not yet raised; how many threads it
    reached."""
    import ctypes  # lazy: only rules run outside the main thread need it

    target = ctypes.py_object(exception) if exception is not None else None  # None: NULL
    count = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), target)
    if count > 1:  # cannot happen for a live ident; CPython's docs say to undo it
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
    return count


class _Armed:
    """One rule's budget in one thread: when to interrupt it, and whether it was."""

    __slots__ = ("ident", "deadline", "fired")

    def __init__(self, ident: int, deadline: float) -> None:
        self.ident = ident
        self.deadline = deadline
        self.fired = False


class _Watchdog:
    """A daemon thread that interrupts each armed thread past its deadline.

    Arming and disarming are a dictionary update under a lock; the thread is woken only
    when a deadline comes before the time it already sleeps to, so with budgets of
    seconds and rules of milliseconds it sleeps through nearly every rule."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._armed: dict[int, _Armed] = {}
        self._wakes_at: float | None = None  # None: sleeps until woken
        self._thread = threading.Thread(target=self._run, name="gxlint-rule-watchdog", daemon=True)
        self._thread.start()

    def arm(self, seconds: float) -> _Armed:
        entry = _Armed(threading.get_ident(), time.monotonic() + seconds)
        with self._lock:
            self._armed[entry.ident] = entry
            if self._wakes_at is None or entry.deadline < self._wakes_at:
                self._changed.notify()
        return entry

    def disarm(self, entry: _Armed) -> bool:
        """Stop ``entry``'s budget; whether it was interrupted (an interruption not yet
        raised is taken back, so that none reaches the code after the rule)."""
        with self._lock:
            if self._armed.get(entry.ident) is entry:
                del self._armed[entry.ident]
            if entry.fired:
                _set_async_exc(entry.ident, None)
        return entry.fired

    def settle(self) -> None:
        """Disarm whatever is still armed in this thread (a rule interrupted before its own
        disarm ran) and take back an interruption not yet raised."""
        entry = self._armed.get(threading.get_ident())
        if entry is not None:
            self.disarm(entry)

    def _run(self) -> None:
        with self._lock:
            while True:
                now = time.monotonic()
                for entry in list(self._armed.values()):
                    if entry.deadline <= now:
                        if not _set_async_exc(entry.ident, RuleTimeout):
                            del self._armed[entry.ident]  # its thread is gone
                            continue
                        entry.fired = True
                        entry.deadline = now + _REPEAT  # again, if the rule swallows it
                self._wakes_at = min((e.deadline for e in self._armed.values()), default=None)
                self._changed.wait(None if self._wakes_at is None else self._wakes_at - now)


_watchdog: _Watchdog | None = None
_watchdog_lock = threading.Lock()


def _the_watchdog() -> _Watchdog:
    global _watchdog
    if _watchdog is None:
        with _watchdog_lock:
            if _watchdog is None:
                _watchdog = _Watchdog()
    return _watchdog


def _forget_watchdog() -> None:
    """In a forked child the watchdog thread is gone (and its lock may be held): start anew."""
    global _watchdog, _watchdog_lock
    _watchdog = None
    _watchdog_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_watchdog)


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
             into: FindingCollector | None = None) -> FindingCollector | None:
    """Every diagnostic of ``rule.check(ctx)``, checked, collected as the rule yields them
    (into a child of ``into`` made at the first one, whose per-rule cap keeps a flood of
    findings out of memory), returned for the caller to merge; None when the rule found
    nothing.  Raises :class:`RuleFault` or :class:`RuleTimeout` (the rule's partial
    findings are dropped with it)."""
    if not budget or budget <= 0:  # no budget: what time_budget would do, without its context manager
        return _collect(rule, ctx, into, None)
    scope = _scope_for(budget)
    if scope is None:
        with time_budget(budget):
            return _collect(rule, ctx, into, None)
    # the engine's rules run in its rule_budgets() block: no context manager a rule
    return _collect(rule, ctx, into, scope)


def _collect(rule: "Rule", ctx: "Context", into: FindingCollector | None,
             scope: _Scope | None) -> FindingCollector | None:
    """run_rule's work; ``scope``: the block whose timer keeps the rule's budget (armed
    and disarmed here, inside the one try a rule needs), None when an enclosing
    time_budget keeps it."""
    out = None
    if scope is not None:
        scope.arm()
    try:
        found = rule.check(ctx)
        if found:
            text_length = len(ctx.source.text)
            for item in found:
                check_diagnostic(item, text_length)
                if out is None:
                    out = into.child() if into is not None else FindingCollector()
                out.add(item)
    except (RuleTimeout, KeyboardInterrupt):
        raise
    except BaseException as error:  # SystemExit from sys.exit() included
        raise RuleFault(error) from None
    finally:
        if scope is not None:
            scope.disarm()
    return out
