"""The cap on findings per rule and file, applied as the rules run (issue 9).

:class:`FindingCollector` keeps at most ``limit + 1`` findings of a code while the rules
run; with the suppressions and the final :func:`cap_findings` the outcome must be the one
of capping the whole list at the end, which is what gxlint did before (and still does for
a file with fewer findings than the cap).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from gxlint.catalog import builtin_catalog
from gxlint.diagnostics import Diagnostic, Edit, Fix
from gxlint.finding_cap import FindingCollector, cap_findings
from tests.fuzz.hostile_inputs import LINE_MAKERS, seed_markdown

CODES = ("GX120", "GX121", "GX201")
LIMIT = 3

# (code, line, column, has a fix, suppressed by scope 0 / 1 / none)
finding = st.tuples(st.sampled_from(CODES), st.integers(1, 4), st.integers(1, 3), st.booleans(),
                    st.sampled_from([None, None, None, 0, 1]))


def _diagnostic(code: str, line: int, column: int, with_fix: bool, scope, n: int) -> Diagnostic:
    return Diagnostic(rule=builtin_catalog()[code].meta, path="r.txt", line=line, column=column,
                      end_line=line, end_column=column + 1, args={"n": n, "scope": scope},
                      fix=Fix((Edit(0, 1, "x"),)) if with_fix else None)


def _hidden(d: Diagnostic):
    scope = d.args["scope"]
    return None if scope is None else (d.code, (scope,))


def _final(diagnostics, dropped=None):
    """What the engine does after the rules: drop the suppressed, sort (stably), cap."""
    shown = sorted((d for d in diagnostics if _hidden(d) is None), key=Diagnostic.sort_key)
    return [(d.code, d.line, d.column, dict(d.args)) for d in cap_findings(shown, LIMIT, dropped)]


@settings(max_examples=300, deadline=None)
@given(rules=st.lists(st.lists(finding, max_size=25), max_size=4), failed=st.sets(st.integers(0, 3)),
       strip=st.booleans())
def test_capping_while_the_rules_run_gives_what_capping_at_the_end_gave(rules, failed, strip):
    everything: list[Diagnostic] = []
    collector = FindingCollector(LIMIT, suppression=_hidden, strip_fixes=strip)
    n = 0
    for r, rule in enumerate(rules):
        child = collector.child()
        made = []
        for code, line, column, with_fix, scope in rule:
            d = _diagnostic(code, line, column, with_fix, scope, n)
            n += 1
            made.append(d)
            child.add(d)
        if r in failed:  # a rule that raised: none of its findings count
            continue
        collector.merge(child)
        everything.extend(Diagnostic(**{**{f: getattr(d, f) for f in d.__slots__}, "fix": None})
                          if strip else d for d in made)
    held = collector.held()
    assert _final(held, collector.dropped) == _final(everything)
    # every suppression that hid something is still seen to have hidden something
    assert {_hidden(d) for d in held} - {None} == {_hidden(d) for d in everything} - {None}
    # and the collector holds at most limit + 1 capped findings of a code
    counts = Counter(d.code for d in held if _hidden(d) is None and d.fix is None)
    assert all(count <= LIMIT + 1 for count in counts.values()), counts


def _lint(path, *options):
    run = subprocess.run([sys.executable, "-m", "gxlint", "--no-cache", "--isolated", "--format", "json",
                          *options, str(path)], capture_output=True, timeout=600, text=True)
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def test_a_flood_partly_suppressed_still_lists_the_first_shown_and_counts_the_rest(tmp_path):
    # Two floods of GX120 (doubled words); the first inside gxlint-disable … enable.  Had the
    # cap kept the first findings before the suppression dropped them, the listed ones
    # would all be hidden and the count wrong.
    flood = LINE_MAKERS["doubled_words"](4_000)
    hidden = f"<!-- gxlint-disable GX120 -- a quoted list -->\n\n{flood}\n\n<!-- gxlint-enable GX120 -->\n\n"
    both = tmp_path / "both.md"
    both.write_text(seed_markdown().replace("## 一、总体情况\n", f"## 一、总体情况\n\n{hidden}{flood}\n\n", 1),
                    encoding="utf-8")
    alone = tmp_path / "alone.md"  # the same shown flood, without the hidden one
    alone.write_text(seed_markdown().replace("## 一、总体情况\n", f"## 一、总体情况\n\n{flood}\n\n", 1),
                     encoding="utf-8")
    found_both, found_alone = _lint(both), _lint(alone)
    codes = Counter(d["code"] for d in found_both)
    assert codes["GX120"] == 200 and codes["GX024"] == 1, codes
    # the disable directive hid findings: not reported unused (the seed's own GX011 stays)
    assert codes["GX011"] == Counter(d["code"] for d in found_alone)["GX011"]
    flood_line = next(d["line"] for d in found_alone if d["code"] == "GX120")
    shift = next(d["line"] for d in found_both if d["code"] == "GX120") - flood_line
    assert shift > 0 and all(d["line"] == flood_line + shift for d in found_both if d["code"] == "GX120")

    def capped(found):
        [summary] = [d for d in found if d["code"] == "GX024"]
        return summary["message"], [d["column"] for d in found if d["code"] == "GX120"]

    assert capped(found_both) == capped(found_alone)
