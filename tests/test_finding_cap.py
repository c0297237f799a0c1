"""The cap on findings per rule and file, applied as the rules run (issue 9).

:class:`FindingCollector` keeps at most ``limit + 1`` findings of a code while the rules
run; with the suppressions and the final :func:`cap_findings` the outcome must be the one
of capping the whole list at the end, which is what gxlint did before (and still does for
a file with fewer findings than the cap).
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from array import array
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gxlint.catalog import builtin_catalog
from gxlint.diagnostics import Diagnostic, Edit, Fix, FoldedFixes
from gxlint.engine import FileResult
from gxlint.finding_cap import FindingCollector, cap_findings
from gxlint.fixes import apply_fixes, fix_result, fixes_in_order, wanted
from gxlint.results import pack, unpack
from tests.fuzz.hostile_inputs import LINE_MAKERS, embed, seed_markdown

CODES = ("GX120", "GX121", "GX201")
LIMIT = 3

# (code, line, column, has a fix, suppressed by scope 0 / 1 / none)
finding = st.tuples(st.sampled_from(CODES), st.integers(1, 4), st.integers(1, 3), st.booleans(),
                    st.sampled_from([None, None, None, 0, 1]))


def _diagnostic(code: str, line: int, column: int, with_fix: bool, scope, n: int) -> Diagnostic:
    return Diagnostic(rule=builtin_catalog()[code].meta, path="r.txt", line=line, column=column,
                      end_line=line, end_column=column + 1, args={"n": n, "scope": scope},
                      fix=Fix((Edit(0, 1, str(n)),)) if with_fix else None)  # told apart by n


def _hidden(d: Diagnostic):
    scope = d.args["scope"]
    return None if scope is None else (d.code, (scope,))


def _fixes(fix):
    """A listed finding's fix, or the fixes folded into a GX024 finding in the order
    --fix takes them, with their findings' places."""
    if isinstance(fix, FoldedFixes):
        return [(line, column, part.edits) for (line, column, _), part in fix.parts()]
    return None if fix is None else fix.edits


def _final(diagnostics, dropped=None, folded=None):
    """What the engine does after the rules: drop the suppressed, sort (stably), cap."""
    shown = sorted((d for d in diagnostics if _hidden(d) is None), key=Diagnostic.sort_key)
    return [(d.code, d.line, d.column, dict(d.args), _fixes(d.fix)) for d in cap_findings(shown, LIMIT, dropped, folded)]


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
    assert _final(held, collector.dropped, collector.folded) == _final(everything)
    # every suppression that hid something is still seen to have hidden something
    assert {_hidden(d) for d in held} - {None} == {_hidden(d) for d in everything} - {None}
    # and the collector holds at most limit + 1 findings of a code, with a fix or not
    counts = Counter(d.code for d in held if _hidden(d) is None)
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


# --- the fixes of findings past the cap: folded into the GX024 finding, all still applied ---

TEXT = "0123456789abcdefghij"
edit = st.builds(lambda a, n, r: Edit(a, min(a + n, len(TEXT)), r),
                 st.integers(0, len(TEXT)), st.integers(0, 3), st.sampled_from(["", "X", "YZ"]))
# (code, line, column, the fix's edits (none: no fix), safe)
fixable_finding = st.tuples(st.sampled_from(CODES), st.integers(1, 3), st.integers(1, 3),
                            st.one_of(st.none(), st.lists(edit, min_size=1, max_size=3)), st.booleans())


@settings(max_examples=400, deadline=None)
@given(rules=st.lists(st.lists(fixable_finding, max_size=20), max_size=3), unsafe=st.booleans())
def test_folded_fixes_apply_exactly_what_the_listed_fixes_applied(rules, unsafe):
    # What --fix applies, pass after pass, from the capped findings (fixes folded into
    # GX024) is what it applied from every finding listed, overlapping and tied fixes
    # included: the same fixes, taken in the same order.
    everything: list[Diagnostic] = []
    collector = FindingCollector(LIMIT)
    for rule in rules:
        child = collector.child()
        for code, line, column, edits, safe in rule:
            d = Diagnostic(rule=builtin_catalog()[code].meta, path="r.txt", line=line, column=column,
                           end_line=line, end_column=column + 1,
                           fix=None if edits is None else Fix(tuple(edits), safe=safe))
            everything.append(d)
            child.add(d)
        collector.merge(child)
    capped = cap_findings(sorted(collector.held(), key=Diagnostic.sort_key), LIMIT, collector.dropped,
                          collector.folded)
    listed = sorted(everything, key=Diagnostic.sort_key)
    assert fixes_in_order(capped, unsafe) == [d.fix for d in listed if wanted(d, unsafe)]
    assert apply_fixes(TEXT, fixes_in_order(capped, unsafe)) == apply_fixes(
        TEXT, [d.fix for d in listed if wanted(d, unsafe)])
    assert all(n <= LIMIT for n in Counter(d.code for d in capped if d.code != "GX024").values())
    for summary in (d for d in capped if d.code == "GX024"):
        assert summary.args["fixes"] == (len(summary.fix) if summary.fix else 0)
    # the JSON reporters write a folded fix's edits a chunk at a time: the same bytes
    _assert_json_as_dumped(capped)


def _assert_json_as_dumped(diagnostics: list[Diagnostic]) -> None:
    import io

    from gxlint.reporters import json as json_reporter, json_lines

    result = FileResult(path="r.txt", diagnostics=diagnostics)
    for lang in ("en", "zh"):
        out = io.StringIO()
        json_reporter.write([result], out, {"lang": lang})
        assert out.getvalue() == json.dumps([d.to_json(lang) for d in diagnostics], ensure_ascii=False,
                                            indent=2) + "\n"
        out = io.StringIO()
        json_lines.write([result], out, {"lang": lang})
        assert out.getvalue() == "".join(json.dumps(d.to_json(lang), ensure_ascii=False) + "\n" for d in diagnostics)


def test_folded_fixes_survive_the_cache_and_worker_processes():
    fixes = FoldedFixes("GX507")
    fixes.add(3, 7, 5, Fix((Edit(10, 11),), description="remove the '?'"))
    fixes.add(3, 2, -1, Fix((Edit(4, 5, "a"), Edit(8, 8, "b")), safe=False, description="other"))
    summary = Diagnostic(rule=builtin_catalog()["GX024"].meta, path="r.txt", line=3, column=2, end_line=3,
                         end_column=2, args={"rule": "GX507"}, fix=fixes)
    result = FileResult(path="r.txt", diagnostics=[summary])
    back = unpack(pickle.loads(pickle.dumps(pack(result))), {m.code: m for m in (summary.rule,)})
    [again] = back.diagnostics
    assert again == summary and isinstance(again.fix, FoldedFixes)
    assert [(key, fix) for key, fix in again.fix.parts()] == [
        ((3, 2, -1), Fix((Edit(4, 5, "a"), Edit(8, 8, "b")), safe=False, description="other")),
        ((3, 7, 5), Fix((Edit(10, 11),), description="remove the '?'"))]
    assert pickle.loads(pickle.dumps(fixes)) == fixes
    damaged = {**fixes.data(), "edit_ends": array("i", [1, 9])}
    with pytest.raises(ValueError):
        FoldedFixes.from_data(damaged)
    with pytest.raises(ValueError):
        FoldedFixes.from_data({"code": "GX507"})


@pytest.fixture(scope="module")
def patient_linter(registry):
    from gxlint.engine import Linter

    return Linter(registry, {"rule_timeout": 0})  # a flood takes seconds: a loaded machine must not stop GX507


@pytest.mark.parametrize("fmt,name", [("text", "marks.txt"), pytest.param("markdown", "marks.md", marks=pytest.mark.slow),
                                      pytest.param("html", "marks.html", marks=pytest.mark.slow)])
def test_a_flood_of_fixable_findings_is_listed_to_the_cap_and_fixed_in_full(patient_linter, fmt, name):
    # 40,000 stray '?' (GX507, each with a fix): 200 are listed, one GX024 finding says how
    # many more and carries their fixes, and --fix makes the text it made when all were
    # listed, as a flood under the cap shows (the same report, 150 marks).
    flood = patient_linter.lint_bytes(embed("1? " * 40_000, fmt), name)
    assert len(flood.diagnostics) < 250
    listed = [d for d in flood.diagnostics if d.code == "GX507"]
    [summary] = [d for d in flood.diagnostics if d.code == "GX024"]
    assert len(listed) == 200 and summary.args["more"] == summary.args["fixes"] == len(summary.fix) == 39_800
    assert (summary.line, summary.column) > max((d.line, d.column) for d in listed)
    assert summary.message("en").endswith("; --fix still applies the 39800 fixes they carry")
    assert "其中 39800 处可自动修复" in summary.message("zh")
    assert summary.to_json()["fix"]["fixes"] == len(summary.to_json()["fix"]["edits"]) == 39_800
    _, fixed = fix_result(patient_linter, flood)
    small = patient_linter.lint_bytes(embed("1? " * 150, fmt), name)
    assert "GX024" not in {d.code for d in small.diagnostics}
    _, fixed_small = fix_result(patient_linter, small)
    assert fixed.problem is None and fixed.applied - fixed_small.applied == 40_000 - 150
    assert fixed.fixed == fixed_small.fixed.replace("1 " * 150, "1 " * 40_000, 1) != fixed_small.fixed


def test_a_flood_of_folded_fixes_is_written_as_json_within_the_memory_bound(patient_linter):
    # 40,000 GX507 fixes folded into GX024: encoded as dicts all at once for the JSON
    # output they took 43 MiB for 120 KB of input; written a chunk at a time, the same bytes
    import tracemalloc

    from gxlint.reporters import json as json_reporter
    from tests.test_hostile_memory import FACTOR, FIXED

    data = embed("1? " * 40_000, "text")
    flood = patient_linter.lint_bytes(data, "marks.txt")
    [summary] = [d for d in flood.diagnostics if d.code == "GX024"]
    assert len(summary.fix) > 39_000

    class Sink:  # what reaches the terminal or file is not held
        size = 0

        def write(self, text: str) -> None:
            Sink.size += len(text)

    tracemalloc.start()
    try:
        json_reporter.write([flood], Sink(), {})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert Sink.size > 40_000 * 50  # every edit is written
    assert peak <= FACTOR * len(data) + FIXED, f"{peak / 2**20:.1f} MiB"
    _assert_json_as_dumped(flood.diagnostics)


def test_the_summary_counts_each_fix_a_gx024_finding_carries(patient_linter):
    # 500 stray '?' (GX507, a safe fix each): 200 listed, 300 folded into GX024; the
    # summary counts 500 fixes, as --fix applies, not 201
    from gxlint.reporters._common import summary

    flood = patient_linter.lint_bytes(embed("1? " * 500, "text"), "marks.txt")
    [capped] = [d for d in flood.diagnostics if d.code == "GX024"]
    assert capped.fix.counts == (300, 0) and len([d for d in flood.diagnostics if d.code == "GX507"]) == 200
    listed_safe = sum(1 for d in flood.diagnostics if d.fix is not None and d.code != "GX024" and d.fix.safe)
    assert f"[*] {listed_safe + 300} fixable with the --fix option." in summary([flood], "en")
    assert f"[*] 其中 {listed_safe + 300} 个可用 --fix 自动修复。" in summary([flood], "zh")


def test_folded_fixes_count_safe_and_unsafe_fixes_apart():
    from gxlint.diagnostics import Edit, Fix

    folded = FoldedFixes("GX507")
    for k, safe in enumerate((True, False, True)):
        folded.add(1, k + 1, 0, Fix(edits=(Edit(k, k + 1, ""),), safe=safe))
    assert folded.counts == (2, 1) and Fix(edits=(), safe=False).counts == (0, 1) and Fix(edits=()).counts == (1, 0)
