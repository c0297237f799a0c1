"""Benchmark: per-report lint time for HTML, Markdown, text, PDF and .docx, and start-up time.

    python benchmarks/bench.py [--repeat N] [--shared tests/fixtures/reports] [--startup-only | --big-only]
                               [--big 1,4]

Prints a Markdown table (the README quotes it).  For HTML it also times html5lib's own
parse of the same page: the floor gxlint's HTML reader is compared with, and the ratio
of the two; for text and Markdown, the median over the files, also as new reports (the
memos keyed by a report's own lines and cells cleared before each lint).  Times are
medians of CPU time (``time.process_time``), which other work on a shared machine
disturbs far less than wall time, taken in rounds: each round lints every file once (and
parses every page with html5lib right after gxlint reads it), so a slow spell of a shared
machine falls on all files and on both sides of a ratio alike instead of on one file's
runs.  Start-up is wall time of a fresh process.  Big inputs (the real text reports repeated to 1 and 4 MB) give CPU seconds and
added peak RSS per MB, and how time per MB grows with size: as shipped (such a page is
refused with GX027 past 10,000 lines, and the table says so) and linted whole.  This is a benchmark, not a
test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def cpu_seconds(func) -> float:
    """CPU seconds of one ``func()``."""
    start = time.process_time()
    func()
    return time.process_time() - start


def timed_rounds(jobs: dict[str, object], repeat: int, before=None) -> dict[str, float]:
    """Median CPU seconds of each job over ``repeat`` rounds, every job run once a round, in
    turn (``before()``, if given, runs untimed before each job)."""
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(repeat):
        for name, func in jobs.items():
            if before is not None:
                before()
            times[name].append(cpu_seconds(func))
    return {name: statistics.median(values) for name, values in times.items()}


# The memos keyed by a report's own strings (its lines, cells and blocks): the benchmark
# lints each file again and again, so they hold the whole file after the first run, as
# they never do for a new report.  The "new report" figure clears them before each lint;
# memos of single characters, words and values (which any run fills within a few reports)
# and compiled patterns stay warm, as in a long run.
NEW_REPORT_MEMOS = (
    ("gxlint.normalize", "_cached_view"), ("gxlint.normalize", "normalize_str"),
    ("gxlint.normalize", "_simplified_memo"), ("gxlint.analysis.mojibake", "_memo_spans"),
    ("gxlint.readers.text", "_classify_memo"), ("gxlint.readers.text", "_cell_layout_memo"),
    ("gxlint.readers.text", "_is_section_heading"), ("gxlint.structure", "_heading_shape_memo"),
    ("gxlint.readers.text", "_pdf_line_memo"), ("gxlint.readers.text", "_loose_cell"),
    ("gxlint.readers.text", "_opens_table"), ("gxlint.readers.text", "_continues"),
)


def clear_report_memos() -> None:
    from importlib import import_module

    for module, name in NEW_REPORT_MEMOS:
        getattr(import_module(module), name).cache_clear()
    import_module("gxlint.normalize")._long_views.clear()


def inputs(shared: Path) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for path in sorted((shared / "corpus" / "html").glob("*.html")):
        found.append(("html", path))
    for path in [REPO / "tests" / "fixtures" / "report-003.md", *sorted((REPO / "docs" / "examples").glob("*.md"))]:
        found.append(("markdown", path))
    for path in sorted((shared / "seeds").glob("*.txt")):
        found.append(("text", path))
    for name in ("001.txt", "003.txt"):
        if (shared / "corpus" / name).exists():
            found.append(("text", shared / "corpus" / name))
    documents = REPO / "tests" / "fixtures" / "documents"
    for path in sorted(documents.glob("pingtan-*.pdf")):
        found.append(("pdf", path))
    for path in sorted(documents.glob("pingtan-*.docx")):
        found.append(("docx", path))
    return found


def long_pdf(directory: Path) -> Path:
    """An 11-page PDF for the "10 pages in at most 1 s" figure: the LibreOffice PDFs of
    pingtan-2019 (7 pages) and pingtan-2023 (4 pages) one after the other (its findings
    are meaningless; only its time counts)."""
    import pypdfium2 as pdfium

    documents = REPO / "tests" / "fixtures" / "documents"
    joined = pdfium.PdfDocument.new()
    for name in ("pingtan-2019.lo.pdf", "pingtan-2023.lo.pdf"):
        joined.import_pages(pdfium.PdfDocument(str(documents / name)))
    path = directory / f"joined-{len(joined)}-pages.pdf"
    joined.save(str(path))
    return path


SMALL_FILE = REPO / "tests" / "fixtures" / "report-003.md"


def startup_times(repeat: int) -> dict[str, dict[str, list[float]]]:
    """Wall and CPU times of fresh processes: ``import html5lib`` (the floor: gxlint cannot start
    without it), ``gxlint --version`` and ``gxlint`` on one small Markdown report, run in
    turn so that load on a shared machine falls on all three alike."""
    # Start-up as an installed hook sees it: with byte-code caches.  PYTHONDONTWRITEBYTECODE
    # (set in some CI and container images) would make every run compile the edited modules
    # from source; one untimed run of each writes the caches first.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    commands = {
        "import html5lib": [sys.executable, "-c", "import html5lib"],
        "gxlint --version": [sys.executable, "-m", "gxlint", "--version"],
        f"gxlint --no-cache {SMALL_FILE.name}": [sys.executable, "-m", "gxlint", "--no-cache", str(SMALL_FILE)],
    }
    for command in commands.values():
        subprocess.run(command, capture_output=True, env=env, cwd=REPO)
    import resource

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    times: dict[str, list[float]] = {label: [] for label in commands}
    cpu: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, command in commands.items():
            start, start_cpu = time.perf_counter(), children_cpu()
            subprocess.run(command, capture_output=True, env=env, cwd=REPO)
            times[label].append(time.perf_counter() - start)
            cpu[label].append(children_cpu() - start_cpu)
    return {"wall": times, "cpu": cpu}


# A big input: the repository's real text reports one after another, repeated to the size
# asked for (a long page of pasted reports; its findings are meaningless, only its time and
# memory count).  Each size is linted in a fresh process, after one small report has
# warmed it up, so that the peak RSS it adds is the big input's alone.
#
# Such a page holds far more than 10,000 lines and 5,000 table cells, so gxlint refuses it
# (GX027 before reading, exit 2): that is what a user gets, and the first rows say so.  The
# rows "limit lifted" lint it whole (the child raises the line and cell limits), which is
# the cost of reading and checking a big text.
BIG_INPUT_CHILD = """
import json, resource, sys, time
from pathlib import Path
from gxlint.engine import Linter
from gxlint.plugin.manager import load_plugins
if sys.argv[1] in ("lift", "heap"):  # lint the whole text: no refusal at 5,000 cells (GX025) or 10,000 lines (GX027)
    from gxlint.readers import line_limit, table_limit
    table_limit.CellBudget.__init__.__defaults__ = (10 ** 9,)
    line_limit.check_line_count.__defaults__ = (10 ** 9,) + line_limit.check_line_count.__defaults__[1:]
def peak_kib():
    # VmHWM is this program's own peak; ru_maxrss would also count the parent's RSS when
    # the benchmark forked this process (Linux keeps it across exec)
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
size, parts = int(sys.argv[2]), [Path(p).read_bytes() for p in sys.argv[3:]]
linter = Linter(load_plugins())
linter.lint_bytes(parts[0], "warm.txt")
joined = b"\\n\\n".join(parts)
raw = (joined * (size // len(joined) + 1))[:size]
raw = raw[: raw.rfind(b"\\n") + 1]  # whole lines (and never half a character)
if sys.argv[1] == "heap":  # Python's own peak (tracemalloc), what the allocator's layout does not move
    import tracemalloc
    tracemalloc.start()
    linter.lint_bytes(raw, "big.txt", keep_document=False)
    print(json.dumps({"bytes": len(raw), "heap_kib": tracemalloc.get_traced_memory()[1] // 1024}))
    raise SystemExit(0)
before = peak_kib()
start = time.process_time()
result = linter.lint_bytes(raw, "big.txt", keep_document=False)  # as the command line lints
seconds = time.process_time() - start
after = peak_kib()
refused = [d.code for d in result.diagnostics] if result.fatal else []
print(json.dumps({"bytes": len(raw), "seconds": seconds, "peak_kib": after - before, "refused": refused}))
"""


def big_input_figures(shared: Path, sizes_mb: tuple[float, ...], repeat: int = 3) -> list[dict]:
    """CPU seconds and added peak RSS for a text input of each size, one fresh process each:
    as shipped (refused past 5,000 table cells), then linted whole ("limit lifted").  Each
    is run ``repeat`` times, in rounds (every input once a round), and the medians given."""
    import json

    parts = [str(p) for p in sorted((shared / "seeds").glob("*.txt"))]
    parts += [str(shared / "corpus" / n) for n in ("001.txt", "003.txt") if (shared / "corpus" / n).exists()]
    runs: dict[tuple[str, float], list[dict]] = {(mode, mb): [] for mode in ("shipped", "lift") for mb in sizes_mb}
    for _ in range(repeat):
        for (mode, mb), done_runs in runs.items():
            done = subprocess.run([sys.executable, "-c", BIG_INPUT_CHILD, mode, str(int(mb * 1_000_000)), *parts],
                                  capture_output=True, text=True, cwd=REPO)
            if done.returncode != 0:
                done_runs.append({"error": done.stderr.strip().splitlines()[-1:]})
            else:
                done_runs.append(json.loads(done.stdout))
    heap = {}  # Python's peak in one more process each (tracemalloc slows the lint: not timed)
    for mb in sizes_mb:
        done = subprocess.run([sys.executable, "-c", BIG_INPUT_CHILD, "heap", str(int(mb * 1_000_000)), *parts],
                              capture_output=True, text=True, cwd=REPO)
        if done.returncode == 0:
            heap[mb] = json.loads(done.stdout)["heap_kib"]
    figures = []
    for (mode, mb), done_runs in runs.items():
        failed = [r for r in done_runs if "error" in r]
        if failed:
            figures.append({"mb": mb, "mode": mode, "error": failed[0]["error"]})
            continue
        figures.append({"mb": mb, "mode": mode, "bytes": done_runs[0]["bytes"], "refused": done_runs[0]["refused"],
                        "seconds": statistics.median(r["seconds"] for r in done_runs),
                        "peak_kib": statistics.median(r["peak_kib"] for r in done_runs), "runs": len(done_runs),
                        "heap_kib": heap.get(mb) if mode == "lift" else None})
    return figures


def print_big_inputs(figures: list[dict]) -> None:
    runs = max((f.get("runs", 1) for f in figures), default=1)
    print(f"big text inputs (a fresh process for each run; medians of {runs} runs in rounds of CPU time of one lint"
          " and of the peak RSS it added; Python's own peak, by tracemalloc, in one more process: the part of the"
          " RSS that the allocator's layout does not move):\n")
    print("| input | outcome | s | s per MB | peak RSS added, MiB | MiB per MB | Python's peak, MiB per MB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    per_mb: dict[str, list[float]] = {}
    for f in figures:
        label = f"{f['mb']:.1f} MB" + (", limit lifted" if f.get("mode") == "lift" else "")
        if "error" in f:
            print(f"| {label} | failed: {f['error']} | | | | |")
            continue
        mb = f["bytes"] / 1_000_000
        mib = f["peak_kib"] / 1024
        outcome = f"refused ({', '.join(f['refused'])}), not checked" if f.get("refused") else "linted"
        per_mb.setdefault(f.get("mode", ""), []).append(f["seconds"] / mb)
        heap = f"{f['heap_kib'] / 1024 / mb:.1f}" if f.get("heap_kib") is not None else ""
        print(f"| {label} | {outcome} | {f['seconds']:.2f} | {f['seconds'] / mb:.2f} | {mib:.0f} | {mib / mb:.1f} | {heap} |")
    for mode, times in per_mb.items():
        if len(times) >= 2:
            what = "linted whole" if mode == "lift" else "as shipped"
            print(f"\ntime per MB ({what}), largest input over smallest: {times[-1] / times[0]:.2f} (1.00 is linear)")


def print_startup(startup: dict[str, dict[str, list[float]]]) -> None:
    """Wall time, as a user waits, and the processes' CPU time (user + system), which load
    from other work on a shared machine disturbs far less."""
    wall, cpu = startup["wall"], startup["cpu"]
    floor, floor_cpu = statistics.median(wall["import html5lib"]), statistics.median(cpu["import html5lib"])
    print(f"start-up (median of {len(wall['import html5lib'])} fresh processes of each command, run in turn):\n")
    print("| command | wall ms | ratio to `import html5lib` | CPU ms | CPU ratio |")
    print("|---|---:|---:|---:|---:|")
    for label in wall:
        w, c = statistics.median(wall[label]), statistics.median(cpu[label])
        print(f"| `{label}` | {w * 1000:.0f} | {w / floor:.2f} | {c * 1000:.0f} | {c / floor_cpu:.2f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=REPO / "tests" / "fixtures" / "reports")
    parser.add_argument("--startup-only", action="store_true", help="time only start-up")
    parser.add_argument("--big-only", action="store_true", help="time only the big text inputs")
    parser.add_argument("--big", default="1,4", help="sizes of the big text inputs, in MB (default 1,4)")
    parser.add_argument("--big-repeat", type=int, default=3, help="fresh processes for each big input (default 3)")
    args = parser.parse_args()
    big_sizes = tuple(float(x) for x in args.big.split(",") if x)
    if args.startup_only:
        print_startup(startup_times(max(args.repeat, 9)))
        return 0
    if args.big_only:
        print_big_inputs(big_input_figures(args.shared, big_sizes, args.big_repeat))
        return 0

    import html5lib

    from gxlint.engine import Linter
    from gxlint.plugin.manager import load_plugins

    linter = Linter(load_plugins())
    import tempfile

    scratch = tempfile.TemporaryDirectory()
    files = [*inputs(args.shared), ("pdf", long_pdf(Path(scratch.name)))]
    raws = {str(path): path.read_bytes() for _fmt, path in files}
    lints, parses, texts = {}, {}, {}
    for fmt, path in files:
        raw, name = raws[str(path)], str(path)
        linter.lint_bytes(raw, name)  # warm caches (OpenCC, regexes) once
        # as the command line lints: the result without its document (gxlint.session)
        lints[name] = lambda raw=raw, name=name: linter.lint_bytes(raw, name, keep_document=False)
        if fmt == "html":
            text = raw.decode("utf-8", "replace")
            parses[name] = lambda text=text: html5lib.parse(text)
        if fmt in ("text", "markdown"):
            texts[name] = lints[name]
    # As the command line runs (gxlint.collector): what start-up and the warm-up lints made
    # is frozen, so the garbage collector's passes while timing see only what is timed.
    import gc

    gc.collect()
    gc.freeze()
    # one round: each file linted once, each page parsed by html5lib right after its lint
    jobs: dict[str, object] = {}
    for name, lint in lints.items():
        jobs[name] = lint
        if name in parses:
            jobs["html5lib " + name] = parses[name]
    medians = timed_rounds(jobs, args.repeat)
    new_report = [seconds * 1000 for seconds in timed_rounds(texts, args.repeat, before=clear_report_memos).values()]
    rows = []
    for fmt, path in files:
        name = str(path)
        lint = medians[name]
        floor = ratio = ""
        if name in parses:
            parse = medians["html5lib " + name]
            floor = f"{parse * 1000:.0f}"
            ratio = f"{lint / parse:.2f}"
        findings = len(linter.lint_bytes(raws[name], name).diagnostics)
        rows.append((fmt, path.name, len(raws[name]) // 1024, lint * 1000, floor, ratio, findings))

    startup = startup_times(max(args.repeat, 9))
    big = big_input_figures(args.shared, big_sizes, args.big_repeat)

    print(f"Python {sys.version.split()[0]}, median CPU time of {args.repeat} rounds (each file once a round)\n")
    print("| format | file | KB | gxlint (parse + all rules), ms | html5lib.parse alone, ms | ratio | findings |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for fmt, name, kb, ms, floor, ratio, findings in rows:
        print(f"| {fmt} | {name} | {kb} | {ms:.0f} | {floor} | {ratio} | {findings} |")
    texts = [ms for fmt, _name, _kb, ms, *_rest in rows if fmt in ("text", "markdown")]
    if texts:
        print(f"\ntext and Markdown, median of the {len(texts)} files: {statistics.median(texts):.2f} ms; "
              f"as new reports (the memos of their own lines and cells cleared before each lint): "
              f"{statistics.median(new_report):.2f} ms")
    print()
    print_startup(startup)
    print()
    print_big_inputs(big)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
