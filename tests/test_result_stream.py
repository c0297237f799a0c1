"""A run keeps its results packed until the report (gxlint.result_stream): the output is
byte for byte that of live results, and what is kept per file stays small."""

from __future__ import annotations

import shutil
import sys
import tracemalloc
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

from clitools import gx  # noqa: E402
from conftest import CORPUS, HTML_CORPUS, SEEDS  # noqa: E402

import gxlint.result_stream  # noqa: E402
from gxlint.report_facts import CellFact, PackedCells, ReportFacts, compact  # noqa: E402
from gxlint.result_stream import Prepare  # noqa: E402


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Every vendored report, and the seeds a second time under other names (copies are
    duplicate reports, GX606), so the multi-report rules have findings to add."""
    root = tmp_path_factory.mktemp("archive")
    for folder, target in ((SEEDS, "seeds"), (CORPUS, "corpus"), (HTML_CORPUS, "html"), (SEEDS, "again")):
        (root / target).mkdir()
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.suffix in (".txt", ".html", ".md"):
                shutil.copyfile(path, root / target / path.name)
    return root


def run_both(monkeypatch, archive: Path, *args: str):
    packed = gx("--isolated", "--no-cache", "-j", "1", *args, ".", cwd=archive, base=[])
    with monkeypatch.context() as patch:
        patch.setattr(gxlint.result_stream, "PACKED_FORMATS", frozenset())  # every result kept live
        live = gx("--isolated", "--no-cache", "-j", "1", *args, ".", cwd=archive, base=[])
    return packed, live


def test_packed_output_equals_live_output(monkeypatch, archive):
    packed, live = run_both(monkeypatch, archive, "-f", "full")
    assert live.out.count("GX606") >= 3 and live.out.count(" GX2") > 10  # both kinds of findings are there
    assert (packed.code, packed.out, packed.err) == (live.code, live.out, live.err)


def test_fix_keeps_results_packed_and_fixes_as_live(monkeypatch, archive, tmp_path):
    """--fix keeps each file's result packed (it writes the file as soon as it is fixed):
    the report, the messages and every fixed file are those of a run keeping live results."""
    kept_packed = []
    init = Prepare.__init__

    def spy(self, *args, **kwargs):
        init(self, *args, **kwargs)
        kept_packed.append(self.metas is not None)

    monkeypatch.setattr(Prepare, "__init__", spy)
    runs = []
    for packed in (True, False):
        copy = tmp_path / ("packed" if packed else "live")
        shutil.copytree(archive, copy)
        with monkeypatch.context() as patch:
            if not packed:
                patch.setattr(gxlint.result_stream, "PACKED_FORMATS", frozenset())
            run = gx("--isolated", "--no-cache", "-j", "1", "--fix", "--unsafe-fixes", "-f", "full", ".",
                     cwd=copy, base=[])
        files = {p.relative_to(copy).as_posix(): p.read_bytes() for p in sorted(copy.rglob("*")) if p.is_file()}
        runs.append((run.code, run.out, run.err, files))
    assert kept_packed == [True, False]
    assert "fixed" in runs[0][2] and runs[0][3] != {p.relative_to(archive).as_posix(): p.read_bytes()
                                                    for p in sorted(archive.rglob("*")) if p.is_file()}
    assert runs[0] == runs[1]


def test_diff_streams_each_file_and_prints_as_live(monkeypatch, archive):
    """--diff keeps each file's result packed and prints its diff as soon as the file is
    linted, keeping no diff or fixed text: the output is that of a run keeping everything."""
    kept_packed, kept_fixes = [], []
    init = gxlint.result_stream.ResultStream.__init__

    def spy(self, *args, **kwargs):
        init(self, *args, **kwargs)
        kept_packed.append(self.packed)
        kept_fixes.append(self.fixes)  # the list a run without a writer fills

    monkeypatch.setattr(gxlint.result_stream.ResultStream, "__init__", spy)
    before = {p: p.read_bytes() for p in sorted(archive.rglob("*")) if p.is_file()}
    packed, live = run_both(monkeypatch, archive, "--diff", "--unsafe-fixes")
    assert kept_packed == [True, False] and kept_fixes == [[], []]
    assert packed.out.count("\n+++ b/") >= 3 and "would fix" in packed.err
    assert (packed.code, packed.out, packed.err) == (live.code, live.out, live.err) and packed.code == 1
    assert {p: p.read_bytes() for p in sorted(archive.rglob("*")) if p.is_file()} == before  # nothing written


def test_diff_prints_a_files_diff_before_the_next_file_is_linted(tmp_path):
    """Each diff is printed when its file is done, not at the end of the run."""
    import io

    from gxlint.fixes import DiffWriter
    from gxlint.results import FileFix

    order = []

    class Stream(io.StringIO):
        def write(self, text):
            order.append(("diff", text))
            return super().write(text)

    def linted():
        from gxlint.results import Linted

        for k in range(3):
            order.append(("lint", k))
            yield Linted(_fatal_free_result(f"f{k}.txt"), FileFix(f"f{k}.txt", applied=1, diff=f"diff {k}\n"))

    writer = DiffWriter(Stream(), order.append)
    gxlint.result_stream.ResultStream(linted(), on_fix=writer).consume()
    assert order == [("lint", 0), ("diff", "diff 0\n"), ("lint", 1), ("diff", "diff 1\n"),
                     ("lint", 2), ("diff", "diff 2\n")]
    assert writer.applied == 3


def _fatal_free_result(path):
    from gxlint.results import FileResult

    return FileResult(path=path)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(gxlint.result_stream.PACKED_FORMATS - {"full"}))
def test_every_packed_format_equals_live(monkeypatch, archive, fmt):
    packed, live = run_both(monkeypatch, archive, "-f", fmt, "--lang", "zh")
    if fmt in gxlint.result_stream.COMPACT_FACT_FORMATS:  # a row per file, from its facts
        assert "平潭综合实验区" in live.out and "2019" in live.out and "3/3" in live.out
    else:
        assert "GX606" in live.out
    assert (packed.code, packed.out, packed.err) == (live.code, live.out, live.err)


@pytest.mark.parametrize("fmt", sorted(gxlint.result_stream.COMPACT_FACT_FORMATS))
def test_summaries_are_written_from_packed_results(monkeypatch, archive, fmt):
    """The summary formats read only what compact facts keep: the run keeps packed
    results, with or without the cross-report rules, and prints what live results print."""
    for extra in ((), ("--ignore", "GX6")):
        packed, live = run_both(monkeypatch, archive, "-f", fmt, *extra)
        assert "平潭综合实验区" in live.out and "not a report" in live.out
        assert (packed.code, packed.out, packed.err) == (live.code, live.out, live.err)


def test_packed_with_a_baseline_and_late_findings(monkeypatch, archive, tmp_path):
    """The baseline applies to the multi-report findings added after every file was read."""
    baseline = tmp_path / "baseline.json"
    gx("--isolated", "--no-cache", "-j", "1", "--write-baseline", str(baseline), "seeds", cwd=archive, base=[])
    packed, live = run_both(monkeypatch, archive, "-f", "concise", "--baseline", str(baseline))
    assert "GX606" in live.out  # the copies in again/ come first: the seeds are their duplicates
    assert not any(line.startswith("seeds/") and " GX606 " not in line for line in live.out.splitlines()[:-3])
    assert (packed.code, packed.out, packed.err) == (live.code, live.out, live.err)


def cells() -> list[CellFact]:
    return [
        CellFact("requests", "received.total", 12, "12", None, 40, 3, 40, 5, 900, 902),
        CellFact("requests", "granted.total", None, "", "blank", 41, 3, 41, 3, 950, 950),
        CellFact("requests", "granted.total", 7, "7", None, 42, 3, 42, 4, 960, 961),  # a duplicate key
        CellFact("active", "licensing.decisions", 1234, "1,234", None, 10, 8, 10, 13, 300, 305),
        CellFact("appeals", "review.total", 2.5, "2.5", "decimal", 60, 1, 60, 4, 1500, 1503),
    ]


def test_packed_cells_give_back_every_cell():
    packed = PackedCells(cells())
    assert list(packed) == cells() and len(packed) == 5 and packed[-1] == cells()[-1]
    full = ReportFacts(path="a.txt", cells=cells())
    small = compact(full)
    for cell in cells():
        assert small.cell(cell.table, cell.key) == full.cell(cell.table, cell.key)
        assert small.number(cell.table, cell.key) == full.number(cell.table, cell.key)
    assert small.cell("requests", "granted.total").value == 7  # the later duplicate, as ReportFacts.cell
    assert small.cell("requests", "nothing.total") is None
    import pickle

    assert pickle.loads(pickle.dumps(small)).cells == cells()


def test_a_packed_run_keeps_a_few_kilobytes_per_report(archive):
    """Streaming memory: what a run keeps per file until the report, measured (the live
    results, for comparison, measured as a copy of them)."""
    import pickle

    from gxlint.session import Session, SessionSpec

    session = Session(SessionSpec(isolated=True, cwd=str(archive)))
    linted = list(session.lint_many(session.collect(["."])))

    def held(make) -> float:
        tracemalloc.start()
        try:
            kept = make()
            size = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
        del kept
        return size / len(linted)

    def packed():
        stream = gxlint.result_stream.ResultStream(linted, prepare=Prepare(metas=session.universe.metas))
        facts = stream.facts()
        assert len(facts) > len(linted) // 2
        return stream, facts

    from gxlint.results import pack, unpack

    data = [pickle.dumps(pack(item.result)) for item in linted]
    live = held(lambda: [unpack(pickle.loads(d), session.universe.metas) for d in data])
    small = held(packed)
    print(f"kept per report: {small:.0f} B packed, {live:.0f} B live")
    assert small < 12 * 1024 and small < live / 4, (small, live)


def test_workers_send_results_packed(archive):
    """With -j, the worker packs each result as the parent keeps it (the parent unpacks
    nothing while files are being linted); what it packed equals a serial run's."""
    from gxlint.parallel import can_fork
    from gxlint.results import PackedResult, pack
    from gxlint.session import Session, SessionSpec

    if not can_fork():
        pytest.skip("--jobs forks worker processes; serial on this platform")
    session = Session(SessionSpec(isolated=True, cwd=str(archive)))
    paths = session.collect(["seeds", "again"])
    prepare = Prepare(metas=session.universe.metas)
    runs = [list(session.lint_many(paths, jobs=jobs, then=prepare)) for jobs in (1, 2)]
    assert all(isinstance(item.result, PackedResult) and item.prepared for run in runs for item in run)
    serial, parallel = ([pack(item.result.open(session.universe.metas)) for item in run] for run in runs)
    assert serial == parallel and len(serial) == len(paths)
    assert [item.result.facts.cells for item in runs[0]] == [item.result.facts.cells for item in runs[1]]


def test_packed_edits_stand_for_their_tuple():
    """A fix unpacked keeps its edits packed until read: equal to, hashed and pickled as
    the tuple of Edit values, and packed again without being built."""
    import pickle

    from gxlint.diagnostics import Edit, Fix
    from gxlint.results import PackedEdits

    data = [[3, 5, ""], [10, 12, "，"]]
    edits = PackedEdits([list(e) for e in data])
    assert edits.data() == data and edits._edits is None  # packed again as it came
    expected = (Edit(3, 5, ""), Edit(10, 12, "，"))
    assert len(edits) == 2 and edits == expected and expected == edits and edits[1] == expected[1]
    assert tuple(edits) == expected and hash(edits) == hash(expected)
    assert Fix(edits, safe=True) == Fix(expected, safe=True)
    assert pickle.loads(pickle.dumps(edits)) == expected and type(pickle.loads(pickle.dumps(edits))) is tuple
    assert edits.data() == data  # after being built, too
    assert Fix(edits).to_json()["edits"] == [{"start": 3, "end": 5, "replacement": ""},
                                             {"start": 10, "end": 12, "replacement": "，"}]


@pytest.mark.parametrize("template, args", [
    ("a {x} b", {"x": 1}), ("a {x:,} b", {"x": 12345}), ("a {x!r}", {"x": "s"}), ("{x} {y}", {"x": 1}),
    ("{x:,}", {}), ("{0}", {}), ("{x.y}", {"x": 1}), ("{x[0]}", {"x": [5]}), ("{x:{w}}", {"x": 1, "w": 5}),
    ("{{lit}} {x}", {"x": 2}), ("{x:d}", {"x": "s"}), ("{", {}), ("{x:>5}", {"x": "ab"}), ("", {}),
])
def test_messages_render_as_the_lenient_formatter_does(template, args):
    """render's fast path (str.format_map for plain fields, all given) prints exactly what
    the formatter that leaves unknown fields visible prints."""
    from types import MappingProxyType

    from gxlint.diagnostics import _FORMATTER, render

    try:
        expected = _FORMATTER.vformat(template, (), dict(args))
    except (ValueError, IndexError, AttributeError, KeyError):
        expected = template
    assert render(template, MappingProxyType(args)) == expected
    assert render(template, MappingProxyType(args)) == expected  # and again, from the template's cached fields


def test_a_baseline_is_written_from_packed_results(monkeypatch, archive, tmp_path):
    """--write-baseline keeps results packed: the same baseline (late GX606 included) and
    the same output as from live results."""
    outputs = []
    for live in (False, True):
        baseline = tmp_path / ("live.json" if live else "packed.json")
        with monkeypatch.context() as patch:
            if live:
                patch.setattr(gxlint.result_stream, "PACKED_FORMATS", frozenset())
            run = gx("--isolated", "--no-cache", "-j", "1", "--write-baseline", str(baseline), ".", cwd=archive, base=[])
        outputs.append((run.code, run.out, run.err.replace(str(baseline), "BASELINE"), baseline.read_text("utf-8")))
    assert "\"GX606\"" in outputs[0][3] and "No problems found" in outputs[0][1]
    assert outputs[0] == outputs[1]
