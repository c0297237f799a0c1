"""Word ``.docx`` reader (python-docx on the OOXML package).

The extracted text has one line per paragraph and one per table row, in document
order; a row's cells are separated by `` | `` (a merged cell is written once, in its
first row).  Diagnostics' ``line:column`` refer to that text (``gxlint --show-text``
prints it).  Paragraphs in a heading style (``Heading 1``, ``标题 2``, or any style with
an outline level) become markup headings; automatic list numbers (``numPr``: ``一、``,
``（一）``, ``1.``) are rendered into the text, as Word shows them, so the structure pass
sees the section ordinals.  Tables keep their merged cells (``gridSpan``, ``vMerge``,
``gridBefore``).  Headers, footers, comments and text boxes are not report content.

The package is checked against size limits before it is unpacked
(:func:`gxlint.readers.documents.open_zip`); a damaged one gives GX015.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

# This module is imported only when a .docx is read (gxlint.builtin), so python-docx loads then.
try:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
except ImportError:  # pragma: no cover - a core dependency; read() says it is missing
    docx = None  # type: ignore[assignment]

from gxlint.document import Block, Cell, Document, Heading, Paragraph, Source, Span, Table, Text
from gxlint.readers.documents import damaged, open_zip
from gxlint.readers._writer import LineWriter
from gxlint.readers.docx_limits import check_docx_part
from gxlint.lazy_pattern import lazy_compile

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = lazy_compile(r"^(?:heading|标题)\s*\d$", re.I)


@dataclass
class _Row:
    cells: list[tuple[int, int, int, str, object]] = field(default_factory=list)  # (col, colspan, rowspan, text, tc)




def read(source: Source) -> Document:
    package = open_zip(source.raw or b"", "docx")
    if docx is None:  # pragma: no cover - a core dependency
        raise damaged("docx", "python-docx is not installed (pip install python-docx)",
                      "未安装 python-docx（pip install python-docx）")
    try:
        check_docx_part(package)  # too many cells (GX025), elements or text (GX015): refused before parsing
        word = docx.Document(io.BytesIO(source.raw or b""))
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as error:
        raise damaged("docx", f"it is truncated or corrupt ({type(error).__name__}: {error})",
                      f"文件不完整或已损坏（{type(error).__name__}：{error}）") from None
    except Exception as error:  # lxml's XMLSyntaxError and kin: a damaged part
        if type(error).__module__.startswith(("lxml", "docx")):
            raise damaged("docx", f"a part of it is damaged ({type(error).__name__}: {error})",
                          f"文件部件已损坏（{type(error).__name__}：{error}）") from None
        raise
    finally:
        package.close()
    numbering = _Numbering(word)
    writer = LineWriter()
    plan: list[tuple[str, object]] = []  # ("p", (start, end, heading)) | ("t", rows)
    _content(word.element.body.iterchildren(), _Reading(word, numbering, writer, plan))
    text = writer.text()
    source.set_extracted_text(text)
    blocks: list[Block] = []
    pictures: list[tuple[Span, str]] = []  # where a picture stands: the end of the line before it
    for kind, item in plan:
        if kind == "p":
            start, end, heading = item
            value = Text.from_source(text, start, end)
            blocks.append(Heading(value, level=0) if heading else Paragraph(value))
        elif kind == "img":
            at, name = item
            pictures.append((Span(at, at), name))
        else:
            blocks.append(_table_block(text, item))
    document = Document(source=source, blocks=blocks)
    if pictures:
        document.reader_notes["pictures"] = pictures
    return document


def _paragraph_text(element) -> str:
    """The visible text of a paragraph: runs, tabs and breaks, hyperlinks, fields'
    results (not their codes), no deleted revisions."""
    out: list[str] = []
    for node in element.iter(_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen", _W + "sym"):
        if _inside(node, element, (_W + "del", _W + "instrText", _W + "txbxContent", _W + "footnoteReference")):
            continue
        tag = node.tag
        if tag == _W + "t":
            out.append(node.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
    return _one_line("".join(out))


def _inside(node, root, tags) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not root:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _one_line(value: str) -> str:
    """A paragraph is one line: a manual line break inside it joins its parts (without a
    space between Chinese characters, as the text reads)."""
    if "\n" not in value and "\r" not in value:
        return value
    parts = [p.strip() for p in re.split(r"[\r\n]+", value)]
    out = ""
    for part in parts:
        if not part:
            continue
        if out and (out[-1].isascii() and part[0].isascii() and out[-1].isalnum() and part[0].isalnum()):
            out += " "
        out += part
    return out


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_V = "{urn:schemas-microsoft-com:vml}"


def _picture_name(word, element) -> str | None:
    """The file name of the picture a paragraph shows (DrawingML or VML), if it shows one."""
    for node in element.iter(_A + "blip", _V + "imagedata"):
        rid = node.get(_R + "embed") or node.get(_R + "id") or node.get(_R + "link")
        try:
            part = word.part.related_parts[rid] if rid else None
        except KeyError:
            part = None
        return str(part.partname).rsplit("/", 1)[-1] if part is not None else "image"
    return None


def _paragraph(word, element, numbering: "_Numbering", writer: LineWriter, plan: list) -> None:
    value = _paragraph_text(element)
    style_id, level = _style_of(word, element)
    label = numbering.label(word, element, style_id)
    if label:
        value = label + value
    if not value.strip():
        picture = _picture_name(word, element)
        if picture is not None:  # a paragraph that is a picture: perhaps a table as an image (GX023)
            plan.append(("img", (writer.offset, picture)))  # at the end of the line before it
        return
    stripped = value.strip()
    ((start, end),) = writer.line([stripped])
    heading = level is not None and len(stripped) <= 80
    plan.append(("p", (start, end, heading)))


def _style_of(word, element) -> tuple[str | None, int | None]:
    """The paragraph's style id and its outline level (0-based) when it is a heading."""
    ppr = element.find(_W + "pPr")
    style_id = None
    level = None
    if ppr is not None:
        pstyle = ppr.find(_W + "pStyle")
        if pstyle is not None:
            style_id = pstyle.get(_W + "val")
        outline = ppr.find(_W + "outlineLvl")
        if outline is not None:
            level = _int(outline.get(_W + "val"))
    if level is None and style_id is not None:
        level = _style_outline(word, style_id)
    if level is not None and level >= 9:  # outline level 9 is body text
        level = None
    return style_id, level


def _style_outline(word, style_id: str) -> int | None:
    cache = word.__dict__.setdefault("_gxlint_outline", {})
    if style_id in cache:
        return cache[style_id]
    level = None
    styles = word.styles.element
    seen = set()
    current = style_id
    while current and current not in seen:
        seen.add(current)
        style = styles.find(f"{_W}style[@{_W}styleId='{current}']") if "'" not in current else None
        if style is None:
            break
        name = style.find(_W + "name")
        if name is not None and _HEADING_STYLE.match(name.get(_W + "val") or ""):
            level = int((name.get(_W + "val") or "1")[-1]) - 1
            break
        ppr = style.find(_W + "pPr")
        outline = ppr.find(_W + "outlineLvl") if ppr is not None else None
        if outline is not None:
            level = _int(outline.get(_W + "val"))
            break
        based = style.find(_W + "basedOn")
        current = based.get(_W + "val") if based is not None else None
    cache[style_id] = level
    return level


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# --- body content ------------------------------------------------------------------------------


# Tables inside table cells are read this deep.  libxml2 refuses XML nested deeper than 256
# elements (tbl/tr/tc is three a table), so every nesting a parsed file can hold is read;
# the bound keeps the recursion far from Python's limit whatever the parser allows.
MAX_NESTING = 100


class _Reading:
    """What reading the body's content needs, passed down through nested tables."""

    __slots__ = ("word", "numbering", "writer", "plan")

    def __init__(self, word, numbering, writer: LineWriter, plan: list) -> None:
        self.word, self.numbering, self.writer, self.plan = word, numbering, writer, plan


def _content(children, reading: _Reading, depth: int = 0) -> None:
    """Paragraphs and tables in document order (the body's, a content control's, or a
    layout table's cells)."""
    for element in children:
        tag = element.tag
        if tag == _W + "p":
            _paragraph(reading.word, element, reading.numbering, reading.writer, reading.plan)
        elif tag == _W + "tbl":
            _table_or_layout(element, reading, depth)
        elif tag == _W + "sdt":  # a content control wrapping body content
            content = element.find(_W + "sdtContent")
            if content is not None:
                _content(content.iterchildren(), reading, depth)


def _table_or_layout(element, reading: _Reading, depth: int) -> None:
    """A table; a table inside one of its cells is read too, after it.  A layout table (one
    cell per row, holding a table: Word's way to frame or indent a block) is unwrapped:
    its cells' paragraphs and tables are read as if they stood in the body."""
    rows = list(element.iterchildren(_W + "tr"))
    cells = [tc for tr in rows for tc in tr.iterchildren(_W + "tc")]
    nested = [tc for tc in cells if tc.find(_W + "tbl") is not None]
    if nested and depth < MAX_NESTING and all(len(tr.findall(_W + "tc")) == 1 for tr in rows):
        for tc in cells:
            _content(tc.iterchildren(), reading, depth + 1)
        return
    _table(element, reading.writer, reading.plan)
    if depth < MAX_NESTING:
        for tc in nested:
            for inner in tc.iterchildren(_W + "tbl"):
                _table_or_layout(inner, reading, depth + 1)


# --- tables ------------------------------------------------------------------------------------


def _table(element, writer: LineWriter, plan: list) -> None:
    rows: list[_Row] = []
    for tr in element.iterchildren(_W + "tr"):
        row = _Row()
        col = 0
        trpr = tr.find(_W + "trPr")
        before = trpr.find(_W + "gridBefore") if trpr is not None else None
        if before is not None:
            col = _int(before.get(_W + "val"), 0) or 0
        for tc in tr.iterchildren(_W + "tc", _W + "sdt"):
            if tc.tag == _W + "sdt":  # a content control around a cell
                content = tc.find(_W + "sdtContent")
                tc = content.find(_W + "tc") if content is not None else None
                if tc is None:
                    continue
            tcpr = tc.find(_W + "tcPr")
            span = 1
            vmerge = None
            if tcpr is not None:
                grid = tcpr.find(_W + "gridSpan")
                if grid is not None:
                    span = max(1, _int(grid.get(_W + "val"), 1) or 1)
                merge = tcpr.find(_W + "vMerge")
                if merge is not None:
                    vmerge = merge.get(_W + "val") or "continue"
            texts = [_paragraph_text(p) for p in tc.iter(_W + "p") if not _inside(p, tc, (_W + "tbl",))]
            value = "".join(t.strip() for t in texts)
            row.cells.append((col, span, 0 if vmerge == "continue" else 1, value, None))
            col += span
        rows.append(row)
    # vMerge="continue" cells extend the cell above in the same column
    origin: dict[int, list] = {}
    table_rows: list[list[list]] = []
    for row in rows:
        out = []
        for col, span, rowspan, value, _ in row.cells:
            above = origin.get(col)
            if rowspan == 0 and above is not None and above[1] == span:
                above[2] += 1
                continue
            cell = [col, span, 1, value]
            for c in range(col, col + span):
                origin[c] = cell
            out.append(cell)
        table_rows.append(out)
    spans: list[list[list]] = []
    for out in table_rows:
        if not out:
            spans.append([])
            continue
        positions = writer.line([cell[3] for cell in out], sep=" | ")
        for cell, (start, end) in zip(out, positions):
            cell.append((start, end))
        spans.append(out)
    if any(spans):
        plan.append(("t", spans))


def _table_block(text: str, rows: list[list[list]]) -> Table:
    table_rows: list[list[Cell]] = []
    r = 0
    first = last = None
    for row in rows:
        if not row:
            continue
        cells = []
        for col, span, rowspan, _value, (start, end) in row:
            cells.append(Cell(text=Text.from_source(text, start, end), row=r, col=col, rowspan=rowspan,
                              colspan=span, anchor=None if end > start else _anchor(start)))
            first = start if first is None else first
            last = end
        table_rows.append(cells)
        r += 1
    return Table(text=Text.from_source(text, first or 0, last or 0), rows=table_rows, style="docx")


def _anchor(offset: int) -> Span:
    return Span(offset, offset)


# --- automatic numbering ---------------------------------------------------------------------


_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "japaneseCounting": _chinese,
    "chineseLegalSimplified": lambda n: _chinese(n).translate(str.maketrans("一二三四五六七八九十", "壹贰叁肆伍陆柒捌玖拾")),
    "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "bullet": lambda n: "",
    "none": lambda n: "",
}


class _Numbering:
    """Renders automatic list numbers (numbering.xml) as Word displays them."""

    def __init__(self, word) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> (fmt, lvlText, start)
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            part = word.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        root = part.element
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(_W + "abstractNum"):
            levels = {}
            for lvl in node.iterchildren(_W + "lvl"):
                ilvl = _int(lvl.get(_W + "ilvl"), 0) or 0
                fmt = lvl.find(_W + "numFmt")
                text = lvl.find(_W + "lvlText")
                start = lvl.find(_W + "start")
                levels[ilvl] = (fmt.get(_W + "val") if fmt is not None else "decimal",
                                text.get(_W + "val") if text is not None else "",
                                _int(start.get(_W + "val"), 1) if start is not None else 1)
            abstract[node.get(_W + "abstractNumId")] = levels
        for num in root.iterchildren(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            levels = dict(abstract.get(ref.get(_W + "val") if ref is not None else "", {}))
            for override in num.iterchildren(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"), 0) or 0
                start = override.find(_W + "startOverride")
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, _int(start.get(_W + "val"), 1) or 1)
            for ilvl, level in levels.items():
                self.levels[(num.get(_W + "numId"), ilvl)] = level
        for style in word.styles.element.iterchildren(_W + "style"):
            ppr = style.find(_W + "pPr")
            numpr = ppr.find(_W + "numPr") if ppr is not None else None
            if numpr is not None:
                num_id = numpr.find(_W + "numId")
                ilvl = numpr.find(_W + "ilvl")
                if num_id is not None:
                    self.style_num[style.get(_W + "styleId")] = (
                        num_id.get(_W + "val"), _int(ilvl.get(_W + "val"), 0) if ilvl is not None else 0)

    def label(self, word, element, style_id: str | None) -> str:
        if not self.levels:
            return ""
        ppr = element.find(_W + "pPr")
        numpr = ppr.find(_W + "numPr") if ppr is not None else None
        num_id = ilvl = None
        if numpr is not None:
            node = numpr.find(_W + "numId")
            num_id = node.get(_W + "val") if node is not None else None
            node = numpr.find(_W + "ilvl")
            ilvl = _int(node.get(_W + "val"), 0) if node is not None else None
        if num_id is None and style_id in self.style_num:
            num_id, style_level = self.style_num[style_id]
            ilvl = style_level if ilvl is None else ilvl
        if num_id is None or num_id == "0":
            return ""
        ilvl = ilvl or 0
        level = self.levels.get((num_id, ilvl))
        if level is None:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        if ilvl >= len(counters):
            return ""
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else level[2]

        def number(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            fmt, _text, start = self.levels.get((num_id, k), ("decimal", "", 1))
            value = counters[k] if 0 <= k < len(counters) and counters[k] else start
            return _FORMATS.get(fmt, str)(value)

        return re.sub(r"%([1-9])", number, level[1])
