"""Benchmark: instructions of one warm lint of each text and Markdown report that
``bench.py`` takes the median of, counted by valgrind's callgrind.

    python benchmarks/instructions.py [--shared tests/fixtures/reports] [FILE ...]

Times on a shared machine move by 10 % and more from run to run; instruction counts move
by well under 1 %, whatever else the machine does, so a change of a few per cent shows
here when ``bench.py`` cannot tell it from noise.  Each file is linted in two fresh
processes under callgrind, both after the same three warm-up lints (caches and patterns
warm, as in ``bench.py``): one lints it twice more, the other not at all, and half the
difference is one lint.  The settings are the defaults (the rule budget included) and
``PYTHONHASHSEED`` is fixed, so that set and dict order is the same in both processes.
Needs ``valgrind`` (Debian package ``valgrind``).  This is a benchmark, not a test: it
asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = """
import sys
from pathlib import Path
from gxlint.engine import Linter
from gxlint.plugin.manager import load_plugins
raw, extra = Path(sys.argv[1]).read_bytes(), int(sys.argv[2])
linter = Linter(load_plugins())
for _ in range(3 + extra):
    linter.lint_bytes(raw, Path(sys.argv[1]).name, keep_document=False)
"""


def collected(path: Path, extra: int) -> int:
    """callgrind's instruction count of a process that warms up on ``path`` and lints it
    ``extra`` more times."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           sys.executable, "-c", CHILD, str(path), str(extra)],
                          capture_output=True, text=True, env=env, cwd=REPO)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"callgrind failed on {path}: {done.stderr.strip().splitlines()[-1:]}")
    return int(found.group(1))


def reports(shared: Path) -> list[Path]:
    """The nine text and Markdown reports of ``bench.py``'s median."""
    found = [REPO / "tests" / "fixtures" / "report-003.md", *sorted((REPO / "docs" / "examples").glob("*.md"))]
    found += sorted((shared / "seeds").glob("*.txt"))
    found += [shared / "corpus" / name for name in ("001.txt", "003.txt") if (shared / "corpus" / name).exists()]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO / "tests" / "fixtures" / "reports")
    parser.add_argument("files", nargs="*", type=Path, help="these files instead of the nine")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    print("| file | KB | instructions a lint |")
    print("|---|---:|---:|")
    for path in args.files or reports(args.shared):
        # gxlint keeps compiled patterns and generated methods in files beside its modules
        # (gxlint/regex_cache.py, dataclass_cache.py), written at exit when a run made new
        # ones: after an edit, the first process writes them and the second reads them, and
        # the difference would be theirs.  One run outside callgrind writes them first.
        subprocess.run([sys.executable, "-c", CHILD, str(path), "0"], capture_output=True, cwd=REPO,
                       env={**os.environ, "PYTHONHASHSEED": "0"})
        one = (collected(path, 2) - collected(path, 0)) // 2
        print(f"| {path.name} | {path.stat().st_size // 1024} | {one / 1e6:.2f} M |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
