"""PDF reader (pypdfium2: PDFium's text layer and page objects).

For each page: the characters of the text layer with their boxes, and the ruling lines
(stroked lines, thin filled rectangles, rectangle outlines).  Ruling lines are snapped
and merged; their crossings give the cell boxes of each table (a merged cell is a box
spanning several columns or rows); characters inside a box are that cell's text.  The
other characters form lines (by vertical overlap, then left to right) and paragraphs
(a new paragraph after a short line, at an indent, a wider gap or another font size),
in reading order, tables placed where they stand.  A table that ends a page and one
that opens the next with the same column rulings are one table (a repeated header row
is dropped).  Lines in the top and bottom margins that repeat on the pages (titles,
addresses, dates, ``- 3 -``, ``3/10``) are page furniture.

The extracted text (``gxlint --show-text``) has one line per line of the page and one
per table row (cells separated by `` | ``); ``line:column`` of a diagnostic refer to it,
and ``Source.page`` maps an offset to its page.
"""

from __future__ import annotations

import ctypes
import re
import time
from bisect import bisect_left
from dataclasses import dataclass, field

# This module is imported only when a PDF is read (gxlint.builtin), so PDFium loads then.
try:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
except ImportError:  # pragma: no cover - a core dependency; read() says it is missing
    pdfium = pdfium_c = None  # type: ignore[assignment]

from gxlint.document import Block, Cell, Document, Paragraph, Source, Span, Table, Text
from gxlint.readers.documents import MAX_PAGES, damaged, input_error
from gxlint.readers._writer import LineWriter
from gxlint.readers.table_limit import CellBudget
from gxlint.lazy_pattern import lazy_compile

_TOL = 2.0  # points: rulings closer than this are one line
# A real report page holds a few thousand characters and a few hundred rulings; a page
# far beyond that is a hostile or broken file, and reading it would stall a hook.
MAX_PAGE_CHARS = 100_000
# The whole document, counted as pages are read (a PDF is compressed and may repeat one page
# many times, so its text can be many times its size: 20 pages of 8,000 one-digit characters
# are an 18 KB file that took 48 MiB).  Real reports hold 4,000-7,400 characters (a long one
# perhaps 60,000); each character costs a few hundred bytes until the text is written.
MAX_DOCUMENT_CHARS = 100_000
MAX_PAGE_PATHS = 20_000
TIME_BUDGET = 20.0  # seconds for reading one PDF
MAX_GRID = 400 * 100  # distinct horizontal × vertical rulings on one page (a table: 40 × 10)
_MIN_EDGE = 4.0  # shorter rulings are ticks or corners, not cell sides
_MARGIN = 0.09  # share of the page height at top and bottom where furniture lives
_PAGE_NUMBER = lazy_compile(r"^(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})$")


@dataclass(slots=True)  # one per character of the text layer: no __dict__
class _Char:
    ch: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float


@dataclass
class _Line:
    chars: list[_Char]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    furniture: bool = False
    span: tuple[int, int] = (0, 0)  # offsets in the extracted text

    def finish(self) -> "_Line":
        self.chars.sort(key=lambda c: c.x0)
        self.text = _chars_text(self.chars)
        self.x0 = min(c.x0 for c in self.chars)
        self.x1 = max(c.x1 for c in self.chars)
        self.top = min(c.top for c in self.chars)
        self.bottom = max(c.bottom for c in self.chars)
        # the font size (not the glyph boxes, whose heights differ between Latin and CJK fonts)
        sizes = sorted(c.size for c in self.chars if not c.ch.isspace() and c.size > 0)
        self.size = sizes[len(sizes) // 2] if sizes else 0.0
        if self.size < 3:  # Type 3 fonts (Chromium's) report a unit size: use the boxes
            heights = sorted(c.bottom - c.top for c in self.chars if not c.ch.isspace())
            self.size = heights[len(heights) // 2] if heights else self.bottom - self.top
        return self


@dataclass(slots=True)  # one per table cell
class _Box:
    x0: float
    top: float
    x1: float
    bottom: float
    chars: list[_Char] = field(default_factory=list)
    text: str = ""
    span: tuple[int, int] = (-1, -1)  # offsets in the extracted text; (-1, -1): not written
    row: int = 0
    col: int = 0
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _Table:
    page: int
    top: float
    bottom: float
    boxes: list[_Box]
    xs: list[float] = field(default_factory=list)


def read(source: Source) -> Document:
    if pdfium is None:  # pragma: no cover - a core dependency
        raise damaged("pdf", "pypdfium2 is not installed (pip install pypdfium2)",
                      "未安装 pypdfium2（pip install pypdfium2）") from None
    raw = source.raw or b""
    if b"%%EOF" not in raw[-4096:]:
        # PDFium would repair a cut file and show its first pages: a partial report
        raise damaged("pdf", "it is truncated (no end-of-file marker): download it again",
                      "文件不完整（缺少文件结束标记），请重新下载")
    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise input_error("GX014", "pdf") from None
        raise damaged("pdf", f"it is corrupt ({message})", f"文件已损坏（{message}）") from None
    try:
        count = len(pdf)
        if count > MAX_PAGES:
            raise damaged("pdf", f"it has {count} pages (limit {MAX_PAGES})", f"共 {count} 页（上限 {MAX_PAGES} 页）")
        if count == 0:
            raise damaged("pdf", "it has no pages", "没有页面")
        deadline = time.monotonic() + TIME_BUDGET
        pages = []
        pictured_pages: list[int] = []  # 0-based indexes of the pages images cover in good part
        budget = _Budget()
        for index in range(count):
            if time.monotonic() > deadline:
                raise damaged("pdf", f"reading it took more than {TIME_BUDGET:.0f} s (stopped at page {index + 1} of {count})",
                              f"读取超过 {TIME_BUDGET:.0f} 秒（在第 {index + 1} 页停止，共 {count} 页）")
            page, pictured = _read_page(pdf, index, budget)
            pages.append(page)
            if pictured:
                pictured_pages.append(index)
    finally:
        pdf.close()
    if not any(_has_text(p) for p in pages):
        raise input_error("GX013", "pdf", pages=count)
    _mark_furniture(pages)
    # A scanned page often carries a printed page number or running header as text (a
    # viewer's or printer's stamp): what counts is whether any of its body has a text layer.
    image_pages = [index + 1 for index in pictured_pages if not _has_text(pages[index], body_only=True)]
    if image_pages and not any(_has_text(p, body_only=True) for p in pages):
        raise input_error("GX013", "pdf", pages=count)
    document = _build(source, pages)
    if image_pages:
        # what the reader could not see: GX020 (plugins/coverage.py) says so, at the first
        # line after the first such page (where its text would have been), else at the start
        following = next((k for k in range(image_pages[0], count) if _has_text(pages[k], body_only=True)), None)
        at = source.page_starts[following] if following is not None and source.page_starts else 0
        document.reader_notes["pdf_image_pages"] = (image_pages, Span(at, at))
    return document


def _has_text(page, body_only: bool = False) -> bool:
    """Whether a page has a text layer: a character that is not a space (outside the page
    furniture, page numbers and running headers, when ``body_only``)."""
    lines, tables, _height = page
    return (any(not c.ch.isspace() for line in lines if not (body_only and line.furniture) for c in line.chars)
            or any(not c.ch.isspace() for t in tables for b in t.boxes for c in b.chars))


# --- one page ------------------------------------------------------------------------------


class _Budget:
    """What a document may still hold, counted as its pages are read: characters
    (:data:`MAX_DOCUMENT_CHARS`, else GX015) and table cells (``MAX_TABLE_CELLS``, else
    GX025, as for HTML, text and .docx)."""

    __slots__ = ("chars", "cells")

    def __init__(self) -> None:
        self.chars = MAX_DOCUMENT_CHARS
        self.cells = CellBudget()

    def take_chars(self, count: int) -> None:
        self.chars -= count
        if self.chars < 0:
            raise damaged("pdf", f"its text layer holds more than {MAX_DOCUMENT_CHARS:,} characters "
                                 f"(limit {MAX_DOCUMENT_CHARS:,}; a real report has a few thousand)",
                          f"其文字层超过 {MAX_DOCUMENT_CHARS:,} 个字符（上限 {MAX_DOCUMENT_CHARS:,}；正常报告只有数千字）")


def _read_page(pdf, index: int, budget: _Budget | None = None):
    page = pdf[index]
    try:
        width, height = page.get_size()
        chars = _page_chars(page, height, budget)
        h_edges, v_edges = _page_rulings(page, pdfium_c, width, height)
        pictured = _is_pictured(page, pdfium_c, width, height)
    finally:
        page.close()
    tables = _find_tables(h_edges, v_edges, index)
    if budget is not None:
        budget.cells.take(sum(len(table.boxes) for table in tables))
    free: list[_Char] = []
    for char in chars:
        cx = (char.x0 + char.x1) / 2
        cy = (char.top + char.bottom) / 2
        for table in tables:
            if table.top - _TOL <= cy <= table.bottom + _TOL:
                box = _box_at(table, cx, cy)
                if box is not None:
                    box.chars.append(char)
                    break
        else:
            free.append(char)
    for table in tables:
        for box in table.boxes:
            box.text = _cell_text(box.chars)
    return (_lines(free), tables, height), pictured


_PICTURED_SHARE = 0.1  # images covering less of the page are a logo or a seal, not a scanned page


def _is_pictured(page, pdfium_c, width: float, height: float) -> bool:
    """Whether images cover a tenth of the page or more (a scanned page; a blank page has none)."""
    area = 0.0
    for count, obj in enumerate(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4)):
        if count > MAX_PAGE_PATHS:
            break
        left, bottom, right, top = obj.get_bounds()
        area += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
        if area >= _PICTURED_SHARE * width * height:
            return True
    return False


def _page_chars(page, height: float, budget: _Budget | None = None) -> list[_Char]:
    textpage = page.get_textpage()
    try:
        n = pdfium_c.FPDFText_CountChars(textpage.raw)
        if n > MAX_PAGE_CHARS:
            raise damaged("pdf", f"a page holds {n} characters (limit {MAX_PAGE_CHARS})",
                          f"某页含 {n} 个字符（上限 {MAX_PAGE_CHARS}）")
        if budget is not None:
            budget.take_chars(n)  # before any is built
        out: list[_Char] = []
        # equal values share one object: a line's characters have the same top, bottom and
        # size, and a text repeats its characters (a float or a CJK character is 24-76 bytes)
        share = {}.setdefault
        for i in range(n):
            if pdfium_c.FPDFText_IsGenerated(textpage.raw, i) == 1:
                continue
            code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
            if code in (0, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
                continue
            ch = chr(code)
            if ch in "\r\n\x00\ufeff\u200b":
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            if ch.isspace():
                ch = " "
            top = height - top
            bottom = height - bottom
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, i)
            out.append(_Char(share(ch, ch), left, share(top, top), right, share(bottom, bottom), share(size, size)))
        return out
    finally:
        textpage.close()


def _page_rulings(page, pdfium_c, width: float, height: float):
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) rulings, top-down coordinates."""
    h: list[tuple[float, float, float]] = []
    v: list[tuple[float, float, float]] = []
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if pdfium_c.FPDFPage_CountObjects(page.raw) > MAX_PAGE_PATHS:
        raise damaged("pdf", f"a page holds more than {MAX_PAGE_PATHS} drawing objects",
                      f"某页含超过 {MAX_PAGE_PATHS} 个绘图对象")
    for count, obj in enumerate(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4)):
        if count > MAX_PAGE_PATHS:
            raise damaged("pdf", f"a page holds more than {MAX_PAGE_PATHS} drawing objects",
                          f"某页含超过 {MAX_PAGE_PATHS} 个绘图对象")
        left, bottom, right, top = obj.get_bounds()
        w, hgt = right - left, top - bottom
        if w <= 3 and hgt >= _MIN_EDGE:
            v.append(((left + right) / 2, height - top, height - bottom))
            continue
        if hgt <= 3 and w >= _MIN_EDGE:
            h.append((height - (top + bottom) / 2, left, right))
            continue
        if w < _MIN_EDGE and hgt < _MIN_EDGE:
            continue
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
        if not stroke.value or w * hgt > 0.5 * width * height:
            continue  # shading or a page background, not a ruling
        for (x0, y0), (x1, y1) in _segments(obj, pdfium_c):
            if abs(x0 - x1) <= 1 and abs(y0 - y1) >= _MIN_EDGE:
                v.append(((x0 + x1) / 2, height - max(y0, y1), height - min(y0, y1)))
            elif abs(y0 - y1) <= 1 and abs(x0 - x1) >= _MIN_EDGE:
                h.append((height - (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    return h, v


def _segments(obj, pdfium_c):
    a, b, c, d, e, f = (obj.get_matrix().get() if hasattr(obj.get_matrix(), "get") else (1, 0, 0, 1, 0, 0))
    x = ctypes.c_float()
    y = ctypes.c_float()
    points = []
    start = None
    previous = None
    for k in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, k)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = previous = point
            continue
        if previous is not None and kind == pdfium_c.FPDF_SEGMENT_LINETO:
            points.append((previous, point))
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None and start != point:
            points.append((point, start))
            previous = start
    return points


# --- tables from rulings -------------------------------------------------------------------------


def _snap(values: list[float]) -> list[float]:
    """Representative positions of clusters of ``values`` (within the tolerance)."""
    out: list[float] = []
    group: list[float] = []
    for value in sorted(values):
        if group and value - group[-1] > _TOL:
            out.append(sum(group) / len(group))
            group = []
        group.append(value)
    if group:
        out.append(sum(group) / len(group))
    return out


def _nearest(grid: list[float], value: float) -> float:
    i = bisect_left(grid, value)
    best = min((g for g in grid[max(0, i - 1): i + 1]), key=lambda g: abs(g - value))
    return best


def _merge(edges: list[tuple[float, float, float]]) -> dict[float, list[list[float]]]:
    """Rulings on one snapped coordinate, joined where they touch or overlap."""
    grid = _snap([e[0] for e in edges])
    lines: dict[float, list[list[float]]] = {}
    for pos, a, b in edges:
        lines.setdefault(_nearest(grid, pos), []).append([a, b])
    for key, intervals in lines.items():
        intervals.sort()
        joined = [intervals[0]]
        for a, b in intervals[1:]:
            if a <= joined[-1][1] + _TOL:
                joined[-1][1] = max(joined[-1][1], b)
            else:
                joined.append([a, b])
        lines[key] = joined
    return lines


def _covered(intervals: list[list[float]] | None, a: float, b: float) -> bool:
    return bool(intervals) and any(x0 - _TOL <= a and b <= x1 + _TOL for x0, x1 in intervals)


def _find_tables(h_edges, v_edges, page: int) -> list[_Table]:
    if len(h_edges) < 2 or len(v_edges) < 2:
        return []
    hs = _merge(h_edges)  # y -> x intervals
    vs = _merge(v_edges)  # x -> y intervals
    if len(hs) * len(vs) > MAX_GRID:
        return []  # hatching or a vector chart, not a table: its lines stay out of the way
    points: set[tuple[float, float]] = set()
    for x, vints in vs.items():
        for y, hints in hs.items():
            if any(a - _TOL <= y <= b + _TOL for a, b in vints) and any(a - _TOL <= x <= b + _TOL for a, b in hints):
                points.add((x, y))
    if len(points) < 4:
        return []
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in points:
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)
    for values in (*by_x.values(), *by_y.values()):
        values.sort()
    boxes: list[_Box] = []
    for x, y in sorted(points, key=lambda p: (p[1], p[0])):
        found = None
        for y2 in by_x[x]:
            if y2 <= y or not _covered(vs.get(x), y, y2):
                continue
            for x2 in by_y[y]:
                if x2 <= x or not _covered(hs.get(y), x, x2):
                    continue
                if (x2, y2) in points and _covered(hs.get(y2), x, x2) and _covered(vs.get(x2), y, y2):
                    found = _Box(x, y, x2, y2)
                    break
            if found:
                break
        if found:
            boxes.append(found)
    # tables: boxes sharing a corner
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    corners: dict[tuple[float, float], int] = {}
    for i, box in enumerate(boxes):
        for corner in ((box.x0, box.top), (box.x1, box.top), (box.x0, box.bottom), (box.x1, box.bottom)):
            j = corners.setdefault(corner, i)
            parent[root(i)] = root(j)
    groups: dict[int, list[_Box]] = {}
    for i, box in enumerate(boxes):
        groups.setdefault(root(i), []).append(box)
    tables = []
    for group in groups.values():
        if len(group) < 2:
            continue  # a framed paragraph, not a table
        xs = sorted({b.x0 for b in group} | {b.x1 for b in group})
        ys = sorted({b.top for b in group} | {b.bottom for b in group})
        for box in group:
            box.col = xs.index(box.x0)
            box.colspan = xs.index(box.x1) - box.col
            box.row = ys.index(box.top)
            box.rowspan = ys.index(box.bottom) - box.row
        group.sort(key=lambda b: (b.row, b.col))
        tables.append(_Table(page, ys[0], ys[-1], group, xs))
    tables.sort(key=lambda t: t.top)
    return tables


def _box_at(table: _Table, x: float, y: float) -> _Box | None:
    for box in table.boxes:
        if box.x0 - 0.5 <= x <= box.x1 + 0.5 and box.top - 0.5 <= y <= box.bottom + 0.5:
            return box
    return None


# --- text ----------------------------------------------------------------------------------------


def _chars_text(chars: list[_Char]) -> str:
    """Characters of one line, left to right, with a space where there is a gap."""
    out: list[str] = []
    previous = None
    for char in chars:
        if char.ch == " ":
            if out and out[-1] != " ":
                out.append(" ")
            previous = char
            continue
        if previous is not None and out and out[-1] != " " and (char.ch.isascii() or out[-1].isascii()):
            # A gap between Chinese characters is layout (justification, a narrow glyph box
            # of 〈 or ，), never a word space: only a gap next to Latin text or digits is one.
            gap = char.x0 - previous.x1
            if gap > 0.3 * max(1.0, char.bottom - char.top, previous.bottom - previous.top):
                out.append(" ")
        out.append(char.ch)
        previous = char
    return "".join(out).strip()


def _group_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters in lines: a character joins the line whose vertical extent holds its
    middle, or whose middle its extent holds (a thin ``一`` or ``，`` and a tall ``体``)."""
    lines: list[list[_Char]] = []
    bounds: list[list[float]] = []
    for char in sorted(chars, key=lambda c: ((c.top + c.bottom) / 2, c.x0)):
        middle = (char.top + char.bottom) / 2
        if lines:
            top, bottom = bounds[-1]
            if top <= middle <= bottom or char.top <= (top + bottom) / 2 <= char.bottom:
                lines[-1].append(char)
                if char.ch != " ":
                    bounds[-1] = [min(top, char.top), max(bottom, char.bottom)]
                continue
        if char.ch == " ":
            continue  # a space opening a line
        lines.append([char])
        bounds.append([char.top, char.bottom])
    return lines


def _lines(chars: list[_Char]) -> list[_Line]:
    out = [_Line(group).finish() for group in _group_lines(chars)]
    return [line for line in out if line.text]


def _join(a: str, b: str) -> str:
    """The separator between two wrapped pieces: none between Chinese characters."""
    if a and b and a[-1].isascii() and b[0].isascii() and a[-1].isalnum() and b[0].isalnum():
        return " "
    return ""


def _cell_text(chars: list[_Char]) -> str:
    text = ""
    for group in _group_lines(chars):
        piece = _Line(group).finish().text
        if piece:
            text += _join(text, piece) + piece
    return text


# --- furniture --------------------------------------------------------------------------------------


def _mark_furniture(pages) -> None:
    """Lines in the top and bottom margins that are page numbers or repeat on the pages."""
    masked: dict[str, int] = {}
    candidates = []
    for lines, _tables, height in pages:
        for line in lines:
            if line.bottom < _MARGIN * height or line.top > (1 - _MARGIN) * height:
                key = re.sub(r"\d+", "#", line.text)
                masked[key] = masked.get(key, 0) + 1
                candidates.append((line, key))
    for line, key in candidates:
        compact = line.text.replace(" ", "")
        if _PAGE_NUMBER.match(compact) or (len(pages) >= 2 and masked[key] >= max(2, len(pages) // 2)):
            line.furniture = True


# --- the document ---------------------------------------------------------------------------------


def _build(source: Source, pages) -> Document:
    writer = LineWriter()
    items: list[tuple[str, object]] = []  # ("line", _Line) | ("table", [_Table, …]) in reading order
    for index, (lines, tables, _height) in enumerate(pages):
        page_items = [(line.top, "line", line) for line in lines] + [(t.top, "table", t) for t in tables]
        page_items.sort(key=lambda item: item[0])
        body = [item for item in page_items if not (item[1] == "line" and item[2].furniture)]
        for _top, kind, item in page_items:
            if kind == "table":
                first_on_page = body and body[0][2] is item
                previous = _last_body(items)
                if (first_on_page and previous is not None and previous[0] == "table"
                        and _continues(previous[1][-1], item)):
                    previous[1].append(item)
                    continue
                items.append(("table", [item]))
            else:
                items.append(("line", item))
        items.append(("page", index + 1))
    # write the text: lines as they are, tables one row per line
    blocks: list[Block] = []
    furniture: list[Block] = []
    paragraphs: list[list[_Line]] = []
    plan: list[tuple[str, object]] = []
    current: list[_Line] = []
    margins = _margins(pages)
    for kind, item in items:
        if kind == "page":
            continue
        if kind == "line":
            line = item
            ((start, end),) = writer.line([line.text])
            line.span = (start, end)
            if line.furniture:
                plan.append(("furniture", line))
                continue
            if current and _same_paragraph(current[-1], line, margins):
                current.append(line)
            else:
                if current:
                    plan.append(("paragraph", current))
                current = [line]
                paragraphs.append(current)
        else:
            if current:
                plan.append(("paragraph", current))
                current = []
            rows = _table_rows(item)
            for row in rows:
                positions = writer.line([box.text for box in row], sep=" | ")
                for box, span in zip(row, positions):
                    box.span = span
            plan.append(("table", rows))
    if current:
        plan.append(("paragraph", current))
    text = writer.text()
    page_starts = _page_starts(pages, len(text))
    source.set_extracted_text(text, page_starts)
    for kind, item in plan:
        if kind == "furniture":
            furniture.append(Paragraph(Text.from_source(text, *item.span)))
        elif kind == "paragraph":
            parts: list[Text] = []
            for line in item:
                piece = Text.from_source(text, *line.span)
                if parts:
                    sep = _join(parts[-1].value, piece.value)
                    if sep:
                        parts.append(Text.synthetic(sep, piece.start_at(0) if len(piece) else line.span[0]))
                parts.append(piece)
            blocks.append(Paragraph(Text.join(parts)))
        else:
            blocks.append(_table_block(text, item))
    document = Document(source=source, blocks=blocks, furniture=furniture)
    document.reader_notes["pdf_pages"] = len(pages)
    return document


def _last_body(items):
    for kind, item in reversed(items):
        if kind == "page":
            continue
        if kind == "line" and item.furniture:
            continue
        return kind, item
    return None


def _continues(previous: _Table, table: _Table) -> bool:
    """A table opening a page continues the one that closed the previous page when their
    column rulings agree (the same table printed over two pages)."""
    if table.page != previous.page + 1:
        return False
    outer = abs(previous.xs[0] - table.xs[0]) <= 3 and abs(previous.xs[-1] - table.xs[-1]) <= 3
    if not outer:
        return False
    inner = [x for x in table.xs if all(abs(x - p) > 3 for p in previous.xs)]
    return len(inner) <= max(1, len(table.xs) // 4)


def _table_rows(parts: list[_Table]) -> list[list[_Box]]:
    """Rows of origin boxes of a table (over one or more pages), columns aligned."""
    xs = _snap([x for t in parts for x in t.xs])
    rows: list[list[_Box]] = []
    offset = 0
    header: list[str] | None = None
    for index, table in enumerate(parts):
        table_rows: dict[int, list[_Box]] = {}
        height = 0
        for box in table.boxes:
            col = xs.index(_nearest(xs, box.x0))
            box.colspan = max(1, xs.index(_nearest(xs, box.x1)) - col)
            box.col = col
            table_rows.setdefault(box.row, []).append(box)
            height = max(height, box.row + box.rowspan)
        ordered = [sorted(table_rows.get(r, []), key=lambda b: b.col) for r in range(height)]
        if index == 0:
            header = [b.text for b in ordered[0]] if ordered else None
        elif ordered and header is not None and [b.text for b in ordered[0]] == header:
            ordered = ordered[1:]  # the header row repeated on the next page
            for row in ordered:
                for box in row:
                    box.row -= 1
        if index > 0 and ordered:
            ordered[0] = _join_cut_cells(rows, offset, ordered[0])
        for row in ordered:
            for box in row:
                box.row += offset
        rows.extend(ordered)
        offset += len(ordered)
    return rows


def _join_cut_cells(rows: list[list[_Box]], height: int, first: list[_Box]) -> list[_Box]:
    """A merged cell cut by the page break (``三、本年度办`` / ``理结果``, a label spanning
    rows on both pages) is one cell: the part on the next page joins the part above it.
    Only cells spanning rows are joined; a one-row cell at the top of a page stays."""
    above = {(b.col, b.colspan): b for row in rows for b in row if b.row + b.rowspan == height}
    kept = []
    for box in first:
        cut = above.get((box.col, box.colspan))
        if cut is not None and (cut.rowspan > 1 or box.rowspan > 1):
            cut.text += _join(cut.text, box.text) + box.text
            cut.rowspan += box.rowspan
        else:
            kept.append(box)
    return kept


def _table_block(text: str, rows: list[list[_Box]]) -> Table:
    cells_rows: list[list[Cell]] = []
    first = last = None
    for row in rows:
        cells = []
        for box in row:
            start, end = box.span
            cells.append(Cell(text=Text.from_source(text, start, end), row=box.row, col=box.col,
                              rowspan=box.rowspan, colspan=box.colspan,
                              anchor=None if end > start else Span(start, start)))
            first = start if first is None else first
            last = end
        cells_rows.append(cells)
    return Table(text=Text.from_source(text, first or 0, last or 0), rows=cells_rows, style="pdf")


def _margins(pages) -> tuple[float, float, float]:
    """The body's left and right edges (the most common line starts, the widest end) and
    the usual gap between the lines of a paragraph."""
    starts: dict[int, int] = {}
    ends: list[float] = []
    gaps: list[float] = []
    for lines, _tables, _height in pages:
        body = [line for line in lines if not line.furniture]
        for line in body:
            starts[round(line.x0)] = starts.get(round(line.x0), 0) + 1
            ends.append(line.x1)
        gaps.extend(b.top - a.bottom for a, b in zip(body, body[1:]) if b.top > a.bottom)
    left = min((k for k, n in starts.items() if n >= max(starts.values()) / 3), default=0) if starts else 0
    right = max(ends) if ends else 0
    gaps.sort()
    gap = gaps[len(gaps) // 3] if gaps else 0.0  # most gaps are within paragraphs
    return float(left), float(right), gap


_NO_LINE_START = "，。、；：？！）》」』”’〉】〕,.;:?!)]}%"  # kinsoku: never opens a line
_NO_LINE_END = "（《「『“‘〈【〔([{"  # never ends a line


def _first_token_width(line: _Line, size: float) -> float:
    """Width of what could not have been put at the end of the line before: a run of
    Latin letters and digits (``(shí)``, ``2023``), or one Chinese character; with the
    character a punctuation mark must keep company with (line-breaking rules move a
    character to the next line with ``》`` or ``，``, and ``《`` with the next character)."""
    chars = [c for c in line.chars if c.ch != " "]
    if not chars:
        return 0.0
    first = chars[0]
    end = 1
    if first.ch.isascii() and first.ch.isalnum() or first.ch in "([{":
        while end < len(chars) and chars[end].ch.isascii() and chars[end].ch not in " ":
            end += 1
    elif first.ch in _NO_LINE_END and len(chars) > 1:
        end = 2
    width = chars[end - 1].x1 - first.x0
    if first.ch in _NO_LINE_START:
        width += size  # the character carried over with it
    return width


def _same_paragraph(previous: _Line, line: _Line, margins: tuple[float, float, float]) -> bool:
    left, right, pitch_gap = margins
    size = max(previous.size, line.size, 1.0)
    if abs(previous.size - line.size) > 0.1 * size:
        return False
    if previous.x1 + _first_token_width(line, size) < right - 0.5 * size:
        return False  # the next line's first word would have fitted: the previous line ended a paragraph
    if line.x0 > left + 0.8 * size:  # an indent (or a centred line) opens a paragraph
        return False
    if line.top < previous.top:  # a new page: only the vertical gap is unknown
        return True
    gap = line.top - previous.bottom
    return gap <= pitch_gap + 0.4 * size


def _page_starts(pages, end: int) -> list[int]:
    """Offset of each page's first line or table cell in the extracted text.

    A page without text (blank, or an image) starts where the next page with text does
    (past the end after the last one), so that ``Source.page`` (the last page starting at
    or before an offset) never gives the text of the page before it to the empty page."""
    starts: list[int | None] = []
    for lines, tables, _height in pages:
        offsets = [line.span[0] for line in lines] + [b.span[0] for t in tables for b in t.boxes if b.span[0] >= 0]
        starts.append(min(offsets) if offsets else None)
    following = end + 1
    for index in range(len(starts) - 1, -1, -1):
        if starts[index] is None:
            starts[index] = following
        else:
            following = starts[index]
    return starts  # type: ignore[return-value]
