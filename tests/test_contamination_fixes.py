"""The fixes of GX505 (pinyin) and GX508 (Traditional characters) are one edit per stretch
of a line, and apply to exactly the text one edit per change gives (issue #9: a page
converted or annotated throughout made hundreds of thousands of edits a megabyte)."""

from __future__ import annotations

import gc
import re
import tracemalloc


from conftest import REPO, read_document, seed
from gxlint.analysis.lines import source_lines
from gxlint.diagnostics import Edit
from gxlint.fixes import apply_fixes
from gxlint.normalize import PINYIN_ANNOTATION, to_simplified
from gxlint_plugins.contamination.edits import stretch_edits
from gxlint_plugins.contamination.pinyin import pinyin_matches

SHAPES = REPO / "tests" / "fixtures" / "shapes"


def apply(text: str, edits) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def entity_variant(tmp_path, prefix: str):
    """A real seed as an HTML page whose paragraphs hold entities and inline tags: texts
    that are not one slice of the source."""
    lines = seed(prefix).read_text(encoding="utf-8").split("\n")
    body = []
    for k, line in enumerate(lines):
        html = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if k % 3 == 0:
            html = html.replace("，", "&#65292;").replace("、", "&nbsp;、", 2)
        if k % 4 == 1:
            html = re.sub(r"(..)(\(\w+\))", r"<b>\1</b>\2", html, count=3).replace("報", "&#22577;", 1)
        if k % 5 == 2:
            html = re.sub(r"(國|業)", r"<span>\1</span>", html, count=4)
        body.append(f"<p>{html}</p>" if html.strip() else "")
    path = tmp_path / f"{prefix}.html"
    path.write_text("<html><head><meta charset='utf-8'><title>t</title></head><body>\n" + "\n".join(body)
                    + "\n</body></html>\n", encoding="utf-8")
    return path


def _documents(tmp_path):
    paths = [seed(p) for p in ("000", "001", "004")]
    paths += [SHAPES / f"seed-{p}.{shape}" for p in ("000", "001") for shape in ("md", "word.html", "cms.html")]
    paths += [entity_variant(tmp_path, p) for p in ("000", "001")]
    return paths


def _per_change(text, changes) -> list[Edit]:
    """One edit per change, at the change's own source span (what the rules made before)."""
    return [Edit(text.span(i, j).start, text.span(i, j).end, r) for i, j, r in changes]


def test_stretch_edits_apply_like_one_edit_per_change_and_never_span_markup(tmp_path):
    checked = stretched = 0
    for path in _documents(tmp_path):
        document = read_document(path)
        source = document.source.text
        for unit in source_lines(document):
            text = unit.text
            value = text.value
            # a change at every other Han character, and every pinyin annotation deleted
            changes = sorted([(k, k + 1, "字") for k in range(0, len(value), 2) if "\u4e00" <= value[k] <= "\u9fff"]
                             + [(m.start(2) - 1, m.end(), "") for m in PINYIN_ANNOTATION.finditer(value)])
            changes = [c for c, d in zip(changes, changes[1:] + [(len(value) + 1, 0, "")]) if c[1] <= d[0]]
            if not changes:
                continue
            edits = stretch_edits(text, source, changes)
            assert apply(source, edits) == apply(source, _per_change(text, changes)), (path.name, unit.index)
            assert len(edits) <= len(changes)
            # a stretch holds only the line's own characters (no markup, no other line)
            starts, ends = text.offsets()
            own = {p for a, b in zip(starts, ends) for p in range(a, b)}
            for edit in edits:
                inside = set(range(edit.start, edit.end))
                change_spans = {p for i, j, _ in changes for p in range(text.span(i, j).start, text.span(i, j).end)}
                assert inside <= own | change_spans, (path.name, unit.index, edit)
            checked += 1
            stretched += len(edits) < len(changes)
    assert checked > 500 and stretched > 300


def _traditional_reference(document) -> list[Edit]:
    """GX508's edits as it made them before: one per run of changed characters, each one
    source character wide and after the one before."""
    edits = []
    for unit in source_lines(document):
        value = unit.text.value
        converted = to_simplified(value)
        if converted == value or len(converted) != len(value):
            continue
        starts, ends = unit.text.offsets()
        k = 0
        while k < len(value):
            j = k
            while (j < len(value) and converted[j] != value[j] and ends[j] - starts[j] == 1
                   and (j == k or starts[j] == ends[j - 1])):
                j += 1
            if j == k:
                k += 1
                continue
            edits.append(Edit(starts[k], ends[j - 1], converted[k:j]))
            k = j
    return edits


def test_traditional_fix_gives_the_text_of_one_edit_per_changed_run(tmp_path, linter):
    for path in _documents(tmp_path):
        result = linter.lint_path(str(path))
        (finding,) = [d for d in result.diagnostics if d.code == "GX508"]
        text = result.source.text
        reference = _traditional_reference(result.document)
        assert apply(text, finding.fix.edits) == apply(text, reference), path.name
        assert apply_fixes(text, [finding.fix]) == (apply(text, reference), 1)
        assert len(finding.fix.edits) < len(reference) / 3
        if path.suffix == ".txt":  # a line of a text file is one stretch
            assert len(finding.fix.edits) == finding.args["lines"]


def test_pinyin_fix_gives_the_text_of_one_deletion_per_annotation(tmp_path, linter):
    for path in _documents(tmp_path):
        result = linter.lint_path(str(path))
        findings = [d for d in result.diagnostics if d.code == "GX505"]
        if "004" in path.name:
            assert not findings
            continue
        assert findings, path.name
        text = result.source.text
        position = result.source.position
        every = [(unit.text.span(m.start(), m.end()), unit.text.span(m.start(2) - 1, m.end()))
                 for unit in source_lines(result.document) for m in pinyin_matches(unit, lenient=True)]
        for finding in findings:
            # the annotations the finding counts: those within its span (blocks never interleave)
            reference = [Edit(s.start, s.end) for m, s in every if finding.start <= m.start and m.end <= finding.end]
            assert len(reference) == finding.args["count"], (path.name, finding.line)
            assert apply(text, finding.fix.edits) == apply(text, reference), (path.name, finding.line)
            assert len({position(e.start)[0] for e in reference}) == finding.args["lines"]
            assert len(finding.fix.edits) <= len(reference)
            if path.suffix == ".txt":  # a line of a text file is one stretch
                assert len(finding.fix.edits) == finding.args["lines"]


def test_a_megabyte_of_annotated_traditional_prose_stays_within_the_memory_bound(registry):
    """Seed 001's prose lines (Traditional characters with pinyin readings on most words)
    repeated to 1 MB: the fixes of GX505 and GX508 were 390,000 edits (38 MiB at the peak
    of the lint); the bound of tests/test_hostile_memory.py holds."""
    lines = [x for x in seed("001").read_text(encoding="utf-8").split("\n")
             if len(x) > 60 and "|" not in x and not re.search(r"\d\s+\d", x)]
    assert len(lines) >= 5
    data = b""
    while len(data) < 1_000_000:
        data += ("\n".join(lines) + "\n").encode("utf-8")
    from gxlint.engine import Linter

    linter = Linter(registry, {"rule_timeout": 0})  # tracemalloc on a busy machine slows rules past their budget
    linter.lint_bytes(seed("000").read_bytes(), "warm.txt")
    gc.collect()
    tracemalloc.start()
    try:
        result = linter.lint_bytes(data, "prose.txt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not any(d.code.startswith("GX9") for d in result.diagnostics)
    assert peak <= 20 * len(data) + 8 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"
    fixed = {d.code: d.fix for d in result.diagnostics if d.code in ("GX505", "GX508")}
    assert set(fixed) == {"GX505", "GX508"}
    n_lines = data.count(b"\n")
    assert all(len(fix.edits) <= n_lines for fix in fixed.values())


def test_changed_stretch_is_the_first_to_the_last_difference():
    import random

    from gxlint_plugins.contamination.traditional import _changed_stretch

    rng = random.Random(8)
    for _ in range(5000):
        value = "".join(rng.choice("報告报") for _ in range(rng.randint(1, 40)))
        converted = list(value)
        for _ in range(rng.randint(1, 4)):
            converted[rng.randrange(len(value))] = "国"
        converted = "".join(converted)
        places = [k for k in range(len(value)) if value[k] != converted[k]]
        if places:
            assert _changed_stretch(value, converted) == (places[0], places[-1] + 1)
