"""Memory on inputs dense with one special thing (issue 9): every unit that a reader or a
rule treats specially (tests/fuzz/hostile_inputs.py DENSE_UNITS), about 120 KB of it in a
row inside a real report, in each format, peaks within 20× the input plus 8 MiB (the
bound of tests/test_hostile_memory.py), or is refused by an input limit within it.  One
unit per reader runs in the quick loop; the rest are marked slow."""

from __future__ import annotations

import gc
import tracemalloc

import pytest

from tests.fuzz.hostile_inputs import DENSE_UNITS, dense
from tests.test_hostile_memory import _SUFFIX, FACTOR, FIXED, warm_linter  # noqa: F401 - the fixture, shared

SIZE = 120_000
QUICK = {("entities", "html"), ("emphasis", "markdown"), ("stray_question_marks", "text"),
         ("unicode_line_separators", "text"), ("brackets", "text"), ("quote_marks", "markdown")}


CASES = [pytest.param(name, fmt, id=f"{name}-{fmt}",
                      marks=() if (name, fmt) in QUICK else pytest.mark.slow)
         for name in DENSE_UNITS for fmt in _SUFFIX]


@pytest.mark.parametrize("name, fmt", CASES)
def test_a_report_dense_with_one_unit_stays_within_the_bound(warm_linter, name, fmt):
    unit, markup = DENSE_UNITS[name]
    data = dense(unit, fmt, SIZE, markup)
    gc.collect()
    tracemalloc.start()
    try:
        result = warm_linter.lint_bytes(data, f"dense.{_SUFFIX[fmt]}")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not any(d.code.startswith("GX9") for d in result.diagnostics), [d.code for d in result.diagnostics]
    bound = FACTOR * len(data) + FIXED
    assert peak <= bound, f"{name} in {fmt}: peak {peak / 2**20:.1f} MiB, bound {bound / 2**20:.1f} MiB"
