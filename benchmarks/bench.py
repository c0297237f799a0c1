"""Benchmark: per-report lint time for HTML, Markdown and text, and start-up time.

    python benchmarks/bench.py [--repeat N] [--shared ../shared]

Prints a Markdown table (the README quotes it).  For HTML it also times html5lib's own
parse of the same page: the floor gxlint's HTML reader is compared with.  This is a
benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def median_seconds(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def inputs(shared: Path) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for path in sorted((shared / "corpus" / "html").glob("*.html")):
        found.append(("html", path))
    for path in sorted((REPO / "tests" / "fixtures").rglob("*.md")):
        found.append(("markdown", path))
    for path in sorted((shared / "seeds").glob("*.txt")):
        found.append(("text", path))
    for name in ("001.txt", "003.txt"):
        if (shared / "corpus" / name).exists():
            found.append(("text", shared / "corpus" / name))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()

    import html5lib

    from gxlint.engine import Linter
    from gxlint.plugin.manager import load_plugins

    linter = Linter(load_plugins())
    rows = []
    for fmt, path in inputs(args.shared):
        raw = path.read_bytes()
        linter.lint_bytes(raw, str(path))  # warm caches (OpenCC, regexes) once
        lint = median_seconds(lambda: linter.lint_bytes(raw, str(path)), args.repeat)
        floor = ""
        if fmt == "html":
            text = raw.decode("utf-8", "replace")
            floor = f"{median_seconds(lambda: html5lib.parse(text), args.repeat) * 1000:.0f}"
        findings = len(linter.lint_bytes(raw, str(path)).diagnostics)
        rows.append((fmt, path.name, len(raw) // 1024, lint * 1000, floor, findings))

    startup = []
    for _ in range(max(args.repeat, 5)):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gxlint", "--version"], check=True, capture_output=True)
        startup.append(time.perf_counter() - start)

    print(f"Python {sys.version.split()[0]}, median of {args.repeat} runs\n")
    print("| format | file | KB | gxlint (parse + all rules), ms | html5lib.parse alone, ms | findings |")
    print("|---|---|---:|---:|---:|---:|")
    for fmt, name, kb, ms, floor, findings in rows:
        print(f"| {fmt} | {name} | {kb} | {ms:.0f} | {floor} | {findings} |")
    print(f"\nstart-up, `python -m gxlint --version`: median {statistics.median(startup) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
