"""Benchmark: an archive of many reports — --jobs, the cache, and memory while streaming.

    python benchmarks/scale.py [--files 2000] [--small 200] [--jobs 2] [--repeat 2] [--keep DIR]

Builds a folder of N reports in a temporary directory by copying the vendored real
reports (tests/fixtures/reports: seeds, corpus texts and saved pages) round-robin under
numbered names (nothing is added to the repository), then runs the real command, side
by side in one run:

* wall time of ``-j 1`` and of ``-j JOBS`` over the folder (``--no-cache``), run in turn
  ``--repeat`` times each, the best of each and their ratio (every pair is printed too,
  with the load average before and after: the machine may be shared), and the CPU time
  of all their processes (what ``-j`` adds in work, which no other load changes; where the
  kernel shares CPU time between sessions, as Linux's autogroup does, ``-j N`` on a busy
  machine gets no more CPU than ``-j 1``, so only the CPU ratio means much there);
* the cache: a first run into an empty cache and a second run over the unchanged folder,
  ``--repeat`` pairs (each into a cache of its own), the best of each and their ratio;
* peak RSS of ``-j 1 --no-cache`` over ``--small`` files and over all N, and their ratio
  (streaming: memory should not grow with the number of files).

Copies of one report are linted as separate files; the cross-report (GX6xx) rules see
them as duplicates, which only adds findings.  This is a benchmark, not a test: it
asserts nothing and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REPORTS = REPO / "tests" / "fixtures" / "reports"


def build_archive(root: Path, count: int) -> Path:
    sources = sorted(p for folder in (REPORTS / "seeds", REPORTS / "corpus", REPORTS / "corpus" / "html")
                     for p in folder.iterdir() if p.is_file() and p.suffix in (".txt", ".html", ".md"))
    for i in range(count):
        source = sources[i % len(sources)]
        folder = root / f"batch{i // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / f"{i:06d}-{source.name}")
    return root


def run(args: list[str], cwd: Path) -> tuple[float, int, int, float]:
    """(wall seconds, exit status, peak RSS in KiB of the gxlint process and its workers,
    their CPU seconds, user + system)."""
    command = [sys.executable, "-c", "import sys; from gxlint.cli import main; sys.exit(main())", *args]
    # a fresh python per measurement, so ru_maxrss of the children is this run's
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
             "print(time.perf_counter() - t, p.returncode, u.ru_maxrss, u.ru_utime + u.ru_stime)")
    out = subprocess.run([sys.executable, "-c", probe, *command], cwd=cwd, capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]), float(out[3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="runs of -j 1 and of -j JOBS, interleaved (best kept)")
    parser.add_argument("--keep", metavar="DIR", help="build the archive in DIR and keep it")
    options = parser.parse_args()

    work = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="gxlint-scale-"))
    try:
        big = build_archive(work / "big", options.files)
        small = build_archive(work / "small", options.small)
        base = ["--isolated", "-q", "-f", "concise"]
        rows = []

        load_before = os.getloadavg()[0]
        # interleaved, best of --repeat each: other processes on a shared machine slow
        # some runs, never speed one up
        serials, parallels, cpu = [], [], {1: [], options.jobs: []}
        for _ in range(options.repeat):
            for jobs, walls in ((1, serials), (options.jobs, parallels)):
                wall, _, _, seconds = run([*base, "--no-cache", "-j", str(jobs), "."], big)
                walls.append(wall)
                cpu[jobs].append(seconds)
        serial, parallel = min(serials), min(parallels)
        rows.append((f"{options.files} reports, -j 1 → -j {options.jobs} (wall, best of {options.repeat})",
                     f"{serial:.1f} s → {parallel:.1f} s", f"{parallel / serial:.2f}×"))
        # the work done in all: what -j adds (forking, sending results back) whatever the load
        one, many = min(cpu[1]), min(cpu[options.jobs])
        rows.append((f"{options.files} reports, -j 1 → -j {options.jobs} (CPU time of all processes)",
                     f"{one:.1f} s → {many:.1f} s", f"{many / one:.2f}×"))
        pairs = ", ".join(f"{a:.1f} → {b:.1f} s ({b / a:.2f}×)" for a, b in zip(serials, parallels))

        # a first run into an empty cache, then a second over the unchanged folder; --repeat
        # pairs, each into a cache of its own, the best of each kept (as above)
        colds, warms = [], []
        for attempt in range(options.repeat):
            cache = work / f"cache{attempt}"
            colds.append(run([*base, "--cache-dir", str(cache), "-j", str(options.jobs), "."], big)[0])
            warms.append(run([*base, "--cache-dir", str(cache), "-j", str(options.jobs), "."], big)[0])
        cold, warm = min(colds), min(warms)
        rows.append((f"{options.files} reports, first run → unchanged second run (cache, -j {options.jobs}, best of "
                     f"{options.repeat})", f"{cold:.1f} s → {warm:.2f} s", f"{cold / warm:.1f}× faster"))
        cache_pairs = ", ".join(f"{a:.1f} → {b:.2f} s ({a / b:.1f}×)" for a, b in zip(colds, warms))

        _, _, rss_small, _ = run([*base, "--no-cache", "-j", "1", "."], small)
        _, _, rss_big, _ = run([*base, "--no-cache", "-j", "1", "."], big)
        rows.append((f"peak RSS, {options.small} → {options.files} reports (-j 1)",
                     f"{rss_small / 1024:.0f} MiB → {rss_big / 1024:.0f} MiB", f"{rss_big / rss_small:.2f}×"))

        print(f"cores: {os.cpu_count()}; python {sys.version.split()[0]}; load average (1 min) "
              f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after; -j 1 → -j {options.jobs} runs: {pairs}; "
              f"cache runs (first → second): {cache_pairs}\n")
        print("| measure | figures | ratio |")
        print("|---|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
