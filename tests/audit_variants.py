"""Variations of the real 平潭综合实验区 series (tests/fixtures/reports/corpus/html), written
to a test's tmp_path: each changes one thing in a real page so that one cross-year rule
has something to find.  The vendored pages are never edited."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERIES_DIR = HERE / "fixtures" / "reports" / "corpus" / "html"
SERIES = {year: SERIES_DIR / f"pingtan-{year}.html" for year in (2019, 2021, 2022, 2023)}
_NUMBER_CELL = re.compile(r">\s*(\d+)\s*<")


def page(year: int) -> str:
    return SERIES[year].read_text(encoding="utf-8")


def set_cell_after(text: str, anchor: str, nth: int, new: str) -> str:
    """Replace the number of the ``nth`` (1-based) numeric cell after ``anchor``."""
    start = text.index(anchor)
    for index, match in enumerate(_NUMBER_CELL.finditer(text, start), 1):
        if index == nth:
            return text[:match.start(1)] + new + text[match.end(1):]
    raise ValueError(f"no cell {nth} after {anchor!r}")


def insert_paragraph_after(text: str, anchor: str, paragraph: str) -> str:
    """A new <p> after the first </p> that follows ``anchor``."""
    at = text.index("</p>", text.index(anchor)) + len("</p>")
    return text[:at] + f"<p>{paragraph}</p>" + text[at:]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def copy(tmp_path: Path, *years: int) -> list[Path]:
    out = []
    for year in years:
        target = tmp_path / SERIES[year].name
        shutil.copyfile(SERIES[year], target)
        out.append(target)
    return out
