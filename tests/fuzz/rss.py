"""Peak RSS growth of one lint in a fresh process, as the command line runs it (issue 9).

``python -m tests.fuzz.rss WARM CASE`` runs ``gxlint --no-cache -j 1 --isolated --format
json`` in-process on ``WARM`` (a small report of the same format: it loads the reader,
the rules and the process-wide tables such as OpenCC's, which every input of that format
would load), then resets the kernel's peak-RSS mark (``/proc/self/clear_refs``), lints
``CASE`` the same way and prints ``VmHWM`` minus the ``VmRSS`` before it, in bytes.

This counts everything the process holds at its peak, C libraries (libxml2, PDFium) and
the allocator's free pages included, which ``tracemalloc`` does not see.  It needs Linux;
:func:`rss_growth` returns None elsewhere.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import subprocess
import sys
from pathlib import Path

_ARGS = ["--no-cache", "-j", "1", "--isolated", "--format", "json"]


def _status(key: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    raise KeyError(key)


def supported() -> bool:
    return sys.platform.startswith("linux") and os.path.exists("/proc/self/clear_refs")


def rss_growth(case: Path | str, warm: Path | str) -> int | None:
    """Bytes the peak RSS of a fresh process grew by while linting ``case`` (after ``warm``)."""
    if not supported():
        return None
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run([sys.executable, "-m", "tests.fuzz.rss", str(warm), str(case)], capture_output=True,
                         text=True, cwd=root, env=env, timeout=600)
    if run.returncode != 0:
        raise RuntimeError(f"rss child failed: {run.stderr[-2000:]}")
    return int(run.stdout.split()[-1])


def _main(warm: str, case: str) -> int:
    from gxlint.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main([*_ARGS, warm])
        gc.collect()
        before = _status("VmRSS")
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")  # the peak-RSS mark starts again from the current RSS
        main([*_ARGS, case])
        peak = _status("VmHWM")
    print(peak - before)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(*sys.argv[1:3]))
