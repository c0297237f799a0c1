"""Linear time on hostile lines (issue 9): every reader, analysis stage and rule.

Each hostile line of ``tests/fuzz/hostile_inputs.py`` is put inside a real report at
10 KB and at 100 KB; no stage may grow more than 30× (linear is 10×, the quadratic
cases this catches grew 60–100×) nor take more than 10 s.  Times are CPU seconds of
this process; stages under 100 ms at 100 KB are not compared, and a
stage that looks superlinear is timed twice more (least time kept) before the test fails (noise on a shared machine).
``benchmarks/linearity.py`` prints the same measurements as a table.
"""

from __future__ import annotations

import pytest

from tests.fuzz.hostile_inputs import LINE_MAKERS, embed, filled_grid_table, markdown_table
from tests.fuzz.stages import time_stages

SMALL = 10_000
FACTOR = 10
MAX_GROWTH = 30.0
MAX_SECONDS = 10.0
NOISE = 0.1


def _min_times(runs):
    """Per stage, the least time over several runs (a busy machine only ever adds time)."""
    best = runs[0]
    for run in runs[1:]:
        for stage, seconds in run.seconds.items():
            best.seconds[stage] = min(best.seconds.get(stage, seconds), seconds)
    return best


def _measure(make_input, what: str) -> None:
    """Check growth; a stage that looks superlinear is timed twice more before failing."""
    small, large = time_stages(*make_input(SMALL)), time_stages(*make_input(SMALL * FACTOR))
    try:
        _check_growth(small, large, what)
    except AssertionError:
        small = _min_times([small] + [time_stages(*make_input(SMALL)) for _ in range(2)])
        large = _min_times([large] + [time_stages(*make_input(SMALL * FACTOR)) for _ in range(2)])
        _check_growth(small, large, what)


def _check_growth(small, large, what: str) -> None:
    # A reader refusing the input (an InputError: GX025 for 100,000 pipes in Markdown) is
    # a bounded outcome, not a failure; any other error is.
    errors = {stage: e for stage, e in large.errors.items() if not e.startswith("InputError")}
    assert not errors, f"{what}: {errors}"
    slow = {stage: s for stage, s in large.seconds.items() if s > MAX_SECONDS}
    assert not slow, f"{what}: stages over {MAX_SECONDS} s at {SMALL * FACTOR} characters: {slow}"
    grew = {
        stage: round(seconds / max(small.seconds.get(stage, 0.0), NOISE / FACTOR), 1)
        for stage, seconds in large.seconds.items()
        if seconds >= NOISE
    }
    fast_growing = {stage: g for stage, g in grew.items() if g > MAX_GROWTH}
    assert not fast_growing, f"{what}: time grew faster than linear ({FACTOR}× input): {fast_growing}"


# The cases issue 9 measured (GX210 on digits and on figures, GX211 on spaces, GX123),
# in the quick suite; the whole matrix runs in CI (slow: about 3 minutes).
QUICK = ["digits", "words_and_figures", "figure_phrase_spaces", "words_and_spaces", "claims"]


@pytest.mark.parametrize("name", QUICK)
def test_the_quadratic_cases_of_issue_9_are_linear(name):
    make = LINE_MAKERS[name]
    _measure(lambda n: (embed(make(n), "text"), "text"), f"{name} in text")


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("name", sorted(LINE_MAKERS))
def test_every_stage_is_linear_on_hostile_lines(name, fmt):
    make = LINE_MAKERS[name]
    _measure(lambda n: (embed(make(n), fmt), fmt), f"{name} in {fmt}")


def test_markdown_tables_are_linear_in_their_cells():
    _measure(lambda n: (markdown_table(n // 100, 30), "markdown"), "a Markdown table of 1000×30 cells")


def test_markdown_tables_written_as_filled_grids_are_linear_in_their_cells():
    # (10 and 100 rows of 45 cells: under the 5,000 cells past which a table is refused, GX025)
    _measure(lambda n: (filled_grid_table(n // 1000, 45), "markdown"), "a filled-grid Markdown table of 100×45 cells")


def test_a_5000_digit_figure_is_no_crash(linter):
    """GX210 used to fail with int()'s 4300-digit limit (GX901)."""
    raw = embed("受理政府信息公开申请" + "9" * 5000 + "件。行政复议" + "1" * 5000 + "件。", "text")
    result = linter.lint_bytes(raw, "huge-number.txt")
    codes = {d.code for d in result.diagnostics}
    assert not any(code.startswith("GX9") for code in codes), codes
