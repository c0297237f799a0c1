"""Rule module 'coverage' (GX017–GX023, family input): say what could not be checked.

A linter that passes a page it never read is worse than none (issue 7).  These rules turn
"nothing found" into "not read" where that is the truth: standard tables that were not
read (GX017), a pre-2019 report whose 2008-era tables gxlint does not check (GX018), a
page whose report was read out of a JavaScript string (GX019), PDF pages that are
pictures without a text layer (GX020), and a report whose six sections could not be
found, so that no section check ran (GX021), or whose report is an attached file the page
only links to or frames (GX022), or whose statistics table is a picture (GX023).  What was checked per run
is summed in the summary line (:mod:`gxlint.coverage`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from gxlint.document import Document, Span, Table
from gxlint.plugin import (
    Context,
    Diagnostic,
    Rule,
    STANDARD_TABLES,
    TABLE_NAMES,
    hookimpl,
    figures_as_text,
    last_section_of_cut_text,
    pictures_in,
    rule,
    section_number,
    section_structure_found,
    standard_section_numbers,
    standard_sections,
    table_was_read,
)

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.plugin import StandardTables

SECTION_OF = {"active": 2, "requests": 3, "appeals": 4}
REASON_ZH = {
    "cut": "文本在该表之前就结束了，文件似乎不完整",
    "unreadable": "表格存在，但其行列无法与标准格式对应",
    "absent": "读到的内容中没有找到该表",
    "dense": "表格所在位置的数字和词语远多于任何报告（疑为粘贴或生成的垃圾内容），未读取",
    "error": "表格识别器出错（见 GX902）",
    "text": "该节有数字，但没有读出表格：表格被拆成了文本行，或数据写在正文里",
}
REASON_EN = {
    "cut": "the text ends first: the file looks cut short",
    "unreadable": "a table is there, but its rows could not be matched to the standard template",
    "absent": "not found in the text that was read",
    "dense": "far more numbers and words where the tables are than any report has (pasted or generated junk?): not read",
    "error": "the table recogniser failed (see GX902)",
    "text": "its section holds figures, but no table could be read from them: a table flattened into lines of text, or figures given in prose",
}


def _tables_in(blocks) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


def is_pre2019(ctx: Context) -> bool:
    year = ctx.facts.year
    return year is not None and year <= 2018


def unchecked_tables(doc: Document, tables: StandardTables) -> list[tuple[str, str, Table | Span | None]]:
    """(table kind, reason, where) for each standard table that was not read and that no
    other rule accounts for (an unfilled template is GX109's, a section without any table
    GX108's, a missing section GX103's)."""
    if tables.unread is not None:  # the recogniser gave up on the whole document
        where = tables.unread_at or next(iter(_tables_in(doc.blocks)), None)
        return [(kind, tables.unread, where) for kind in STANDARD_TABLES]
    found = [(s, n) for s, n in standard_sections(doc) if n is not None]
    sections = {n: s for s, n in found}
    structured = len({n for _, n in found}) >= 2
    cut = last_section_of_cut_text(doc)
    out: list[tuple[str, str, Table | Span | None]] = []
    for kind in STANDARD_TABLES:
        if tables.get(kind) is not None:
            continue  # recognised: read (or reported by GX109 as unfilled)
        number = SECTION_OF[kind]
        section = sections.get(number)
        if section is not None:
            blocks = _tables_in(section.blocks)
            if blocks:
                out.append((kind, "unreadable", blocks[0]))
            elif not pictures_in(doc, section):  # (a picture of the table: GX023)
                figures = figures_as_text(section)
                if figures is not None:
                    out.append((kind, "text", figures))
            continue  # no table and no figures in its section: GX108
        if cut is not None and number > cut:
            out.append((kind, "cut", None))
        elif not structured:
            out.append((kind, "absent", None))
    if not structured:
        # no section structure: a table block no template matched is "unreadable", not absent
        loose = [b for b in _tables_in(doc.blocks)]
        if loose and not any(table_was_read(tables.get(k)) for k in STANDARD_TABLES):
            out = [(kind, "unreadable" if reason == "absent" else reason, loose[0] if reason == "absent" else where)
                   for kind, reason, where in out]
    return out


_REPORT_WORDS = ("报告", "年报")


def report_attachment(ctx: Context) -> tuple[Span, str, str, bool] | None:
    """(where, address, label, embedded) of the attachment a page holds its report in,
    when none of its standard tables was read on the page itself: a document file the page
    embeds (iframe, embed, object), or links to under a name that says 报告 or 年报."""
    attachments = ctx.document.reader_notes.get("attachments")
    if not attachments or any(table_was_read(ctx.tables.get(k)) for k in STANDARD_TABLES):
        return None
    from urllib.parse import unquote  # lazy: only a page with document links needs it

    for attachment in attachments:
        _, target, label, embedded = attachment
        if embedded or any(w in label or w in unquote(target) for w in _REPORT_WORDS):
            return attachment
    return None


def _anchor(doc):
    if doc.title is not None:
        return doc.title
    for block in doc.blocks:
        if len(block.text.strip()):
            return block
    return Span(0, 0)


@rule("GX017")
def tables_not_checked(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if is_pre2019(ctx) or report_attachment(ctx) is not None:
        return  # GX018 or GX022 says it once
    missing = unchecked_tables(doc, ctx.tables)
    if not missing:
        return
    where = next((w for _, _, w in missing if w is not None), None) or _anchor(doc)
    by_reason: dict[str, list[str]] = {}
    for kind, reason, _ in missing:
        by_reason.setdefault(reason, []).append(kind)
    zh = "；".join("、".join(TABLE_NAMES[k] for k in kinds) + f"（{REASON_ZH[r]}）" for r, kinds in by_reason.items())
    en = "; ".join(("table " if len(kinds) == 1 else "tables ") + ", ".join(TABLE_NAMES[k][1] for k in kinds)
                   + f" ({REASON_EN[r]})" for r, kinds in by_reason.items())
    yield ctx.report(where, count=len(missing), tables_zh=zh, tables_en=en)


@rule("GX018")
def pre2019_tables_not_checked(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if not is_pre2019(ctx):
        return
    tables = ctx.tables
    if all(table_was_read(tables.get(k)) for k in STANDARD_TABLES):
        return
    yield ctx.report(_anchor(doc), year=ctx.facts.year)


@rule("GX021")
def sections_not_checked(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if is_pre2019(ctx) or section_structure_found(doc, ctx.facts.year) or report_attachment(ctx) is not None:
        return  # checked (or a 2008-era report, whose structure is another; or GX022 says it)
    yield ctx.report(_anchor(doc), found=len(standard_section_numbers(doc)))


@rule("GX022")
def report_in_attachment(ctx: Context) -> Iterator[Diagnostic]:
    attachment = report_attachment(ctx)
    if attachment is None:
        return
    where, target, label, embedded = attachment
    yield ctx.report(where, label=label, target=target,
                     how_en="shows it in a frame" if embedded else "only links to it",
                     how_zh="以内嵌框架显示该文件" if embedded else "只提供了该文件的链接")


@rule("GX023")
def table_is_picture(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if is_pre2019(ctx) or not doc.reader_notes.get("pictures"):
        return
    tables = ctx.tables
    for section in doc.sections:
        if section.heading.level != 1:
            continue
        number = section_number(section.heading)
        kind = next((k for k, n in SECTION_OF.items() if n == number), None)
        if kind is None or tables.get(kind) is not None or _tables_in(section.blocks):
            continue  # no table expected here, or one was found (read or reported as such)
        pictures = pictures_in(doc, section)
        if pictures:
            where, src = pictures[0]
            yield ctx.report(where, table_zh=TABLE_NAMES[kind], table_en=TABLE_NAMES[kind][1],
                             picture=src.rsplit("/", 1)[-1] or src, count=len(pictures))


@rule("GX019")
def report_in_script(ctx: Context) -> Iterator[Diagnostic]:
    where = ctx.document.reader_notes.get("script_markup")
    if where is None:
        return
    yield ctx.report(Span(where.start, min(where.end, where.start + 1)))


@rule("GX020")
def pages_without_text(ctx: Context) -> Iterator[Diagnostic]:
    noted = ctx.document.reader_notes.get("pdf_image_pages")
    if not noted:
        return
    pages, where = noted
    yield ctx.report(where, pages=("page " if len(pages) == 1 else "pages ") + ", ".join(map(str, pages)),
                     pages_zh="、".join(map(str, pages)),
                     total=ctx.document.reader_notes.get("pdf_pages", "?"))


@hookimpl
def gxlint_rules() -> list[Rule]:
    return [tables_not_checked, pre2019_tables_not_checked, report_in_script, pages_without_text, sections_not_checked,
            report_in_attachment, table_is_picture]
