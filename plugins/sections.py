"""Rule module 'sections' (GX1xx): the report's title, its six sections and their tables.

Structure comes from :mod:`gxlint.structure` (headings, sections, title lines); the
facts shared with the ``years`` module (title, report year, statistics period) come from
the analysis layer as ``ctx.facts``.  Inputs cut short (the corpus's partial copies hold only
the first 2,000 characters) are detected once (GX114) instead of producing one
"missing section" finding per section that was never in the file.
"""

from __future__ import annotations

import re
from typing import Iterator

from gxlint.document import Block, Document, Heading, Section, Table
from gxlint.plugin import (
    Context,
    DATE_RE,
    Diagnostic,
    Facts,
    Rule,
    STANDARD_WORDS,
    TABLE_NUMBERS,
    figures_as_text,
    hookimpl,
    last_section_of_cut_text,
    lazy_compile,
    pictures_in,
    parse_date,
    rule,
    section_number,
    section_structure_found,
    section_wording,
    source_quote,
    standard_sections,
    template_for,
)

SECTION_NAMES = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}
SECTION_NAMES_EN = {
    1: "overview (总体情况)",
    2: "proactive disclosure (主动公开政府信息情况)",
    3: "requests received and handled (收到和处理政府信息公开申请情况)",
    4: "administrative review and litigation (行政复议、行政诉讼情况)",
    5: "main problems and improvements (存在的主要问题及改进情况)",
    6: "other matters (其他需要报告的事项)",
}
CN_ORD = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六"}
TABLE_OF = {2: "active", 3: "requests", 4: "appeals"}

# Pre-2019 structure (2008 条例 reports): 一、概述, 收费及减免, 依申请公开…情况
_PRE2019_HEADING = lazy_compile(r"^(?:概述|.{0,12}收费(?:及|和)减免.{0,6}|依申请公开(?:政府)?信息(?:的)?情况.*|.*需要说明的事项.*)$")


def _series_restart(doc: Document) -> Heading | None:
    """The first heading of a second top-level numbering series (一、… 六、 一、 二、 …)."""
    previous = 0
    for section in doc.sections:
        h = section.heading
        if h.level != 1 or not h.ordinal or h.numbering == "markdown":
            continue
        if h.ordinal <= previous and h.ordinal == 1:
            return h
        previous = max(previous, h.ordinal)
    return None


def truncation(doc: Document) -> tuple[Section, int] | None:
    """``(last section, its number)`` when the text ends before section 六 with no closing.

    A report that stops inside 一–五 with no agency/date line after it is taken as cut
    off (a partial copy); the sections after it are then "not in the file", not
    "missing from the report".
    """
    last_number = last_section_of_cut_text(doc)
    if last_number is None:
        return None
    return doc.sections[-1], last_number


def report_year(ctx: Context) -> int | None:
    return ctx.facts.year


def is_pre2019(ctx: Context) -> bool:
    year = report_year(ctx)
    return year is not None and year <= 2018


# --- GX101 / GX102: the title -----------------------------------------------------------


def _first_content(doc: Document) -> Block | None:
    for block in doc.blocks:
        if len(block.text.strip()):
            return block
    return None


@rule("GX101")
def missing_title(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    facts = ctx.facts
    if facts.title is not None:
        return
    first = _first_content(doc)
    if first is None:
        return
    yield ctx.report(first.span.__class__(first.span.start, first.span.start),
                     expected_zh=_expected(facts, "zh", agency=False), expected_en=_expected(facts, "en", agency=False))


@rule("GX102")
def incomplete_title(ctx: Context) -> Iterator[Diagnostic]:
    facts = ctx.facts
    info = facts.title
    if info is None:
        # no title: check what the introduction calls the report (现将…报告如下)
        self_name = facts.self_name
        if self_name is None:
            return
        name = self_name.text
        kind = re.search(r"(?:政府|政务)信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)", name)
        if not kind or kind.group(0) == STANDARD_WORDS:
            return
        yield ctx.report(self_name.where, title=source_quote(self_name.view, self_name.start, self_name.end), what_zh="引言中的报告名称", what_en="the introduction's name for the report",
                         missing_zh=f"规范名称“政府信息公开工作年度报告”（现为“{kind.group(0)}”）",
                         missing_en=f"the exact words 政府信息公开工作年度报告 (it says “{kind.group(0)}”)",
                         expected_zh=_expected(facts, "zh"), expected_en=_expected(facts, "en"))
        return
    view = info
    missing_zh: list[str] = []
    missing_en: list[str] = []
    agency = view.agency or info.full_agency
    if not agency:
        missing_zh.append("机关名称")
        missing_en.append("the agency's name")
    if view.year is None:
        missing_zh.append("年份")
        missing_en.append("the year")
    if STANDARD_WORDS not in view.text:
        found = view.kind or ""
        missing_zh.append(f"规范名称“政府信息公开工作年度报告”（现为“{found}”）" if found else "规范名称“政府信息公开工作年度报告”")
        missing_en.append(f"the exact words 政府信息公开工作年度报告 (it says “{found}”)" if found else "the exact words 政府信息公开工作年度报告")
    if not missing_zh:
        return
    where = info.block if info.block is not None else (info.view, 0, len(info.view))
    yield ctx.report(where, title=source_quote(info.view), what_zh="标题", what_en="the title",
                     missing_zh="、".join(missing_zh), missing_en=", ".join(missing_en),
                     expected_zh=_expected(facts, "zh"), expected_en=_expected(facts, "en"))


# Slots of the standard title that the report does not fill, per message language.
_SLOTS = {"zh": ("<机关名称>", "<年份>"), "en": ("<agency>", "<year>")}


def _expected(facts: Facts, lang: str = "zh", agency: bool = True) -> str:
    """The standard title, with what is known filled in and a named slot for the rest."""
    agency_slot, year_slot = _SLOTS[lang]
    name = facts.agency if agency else ""
    if not name or " " in name or name.startswith(("我", "本")):
        name = agency_slot
    year = facts.year or year_slot
    return f"{name}{year}年政府信息公开工作年度报告"


# --- GX115: the title line's layout ---------------------------------------------------------


def _next_content(doc: Document, block: Block, count: int = 1) -> list[Block]:
    blocks = doc.blocks
    k = next((n for n, b in enumerate(blocks) if b is block), None)
    if k is None:
        return []
    out: list[Block] = []
    for b in blocks[k + 1:]:  # the first ``count`` only (stripping every later block was most of GX115)
        if len(out) >= count:
            break
        if len(b.text.strip()):
            out.append(b)
    return out


@rule("GX115")
def title_layout(ctx: Context) -> Iterator[Diagnostic]:
    """The title written twice in a row, or a date run into the title line."""
    doc = ctx.document
    info = ctx.facts.title
    if info is None or info.block is None or info.from_meta or isinstance(info.block, Table):
        return
    title = info.block
    value = title.text.compact.value
    following = _next_content(doc, title, 3)
    if following and not isinstance(following[0], Table) and following[0].text.compact.value == value:
        line = ctx.source.position(title.span.start)[0]
        yield ctx.report(following[0], title=source_quote(title.text.compact),
                         problem_zh=f"与第 {line} 行完全相同，标题重复写了两遍，请删去一行",
                         problem_en=f"is the same as line {line}: the title is written twice; delete one of them")
        return
    view = title.text.compact
    m = DATE_RE.search(view.value)
    if m is None or info.kind_at is None or m.start() < info.kind_at[1]:
        return  # only a date after the report words: 报告 2023-01-20
    date = parse_date(m)
    again = ""
    again_en = ""
    for block in following:
        if isinstance(block, Table):
            continue
        other = block.text.compact.value
        dm = DATE_RE.fullmatch(other)
        if dm and parse_date(dm) == date:
            line = ctx.source.position(block.span.start)[0]
            again = f"，第 {line} 行又单独重复了这个日期"
            again_en = f", and line {line} repeats the date on its own"
            break
    found = source_quote(view, m.start(), m.end())
    yield ctx.report((view, m.start(), m.end()), title=source_quote(view),
                     problem_zh=f"末尾带有日期“{found}”（网页的发布日期混入了标题）{again}；标题只写机关名称、年份和“政府信息公开工作年度报告”，日期应放在落款",
                     problem_en=f"ends with the date “{found}” (the page's publication date run into the title){again_en}; the title holds the agency, the year and 政府信息公开工作年度报告 only, the date belongs in the closing")


# --- GX103–GX107, GX114: the six sections -------------------------------------------------


def _applies(ctx: Context) -> bool:
    """Section checks need a post-2019 report whose structure was found at all (when it
    was not, GX021 says so)."""
    return not is_pre2019(ctx) and section_structure_found(ctx.document, report_year(ctx))


@rule("GX103")
def missing_section(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if not _applies(ctx):
        return
    found = [(s, n) for s, n in standard_sections(doc) if n is not None]
    present = {n for _, n in found}
    cut = truncation(doc)
    last = cut[1] if cut else 6
    for number in range(1, 7):
        if number in present or number > last:
            continue
        after = next((s for s, n in found if n > number), None)
        if after is not None:
            where = after.heading.span
            where = where.__class__(where.start, where.start)
            place_zh = f"应位于“{after.heading.text.strip().value}”之前"
            place_en = f"expected before “{after.heading.text.strip().value}”"
        else:
            before = [s for s, n in found if n < number]
            anchor = before[-1] if before else None
            if anchor is None:
                continue
            end = anchor.span.end
            where = anchor.span.__class__(end, end)
            place_zh = "应位于报告末尾"
            place_en = "expected at the end of the report"
        yield ctx.report(where, number=CN_ORD[number], section=SECTION_NAMES[number],
                         section_en=SECTION_NAMES_EN[number], place_zh=place_zh, place_en=place_en)


@rule("GX114")
def truncated_report(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if not _applies(ctx):
        return
    cut = truncation(doc)
    if cut is None:
        return
    section, number = cut
    missing = [CN_ORD[n] for n in range(number + 1, 7)]
    last_block = doc.blocks[-1] if doc.blocks else section.heading
    end = last_block.span.end
    yield ctx.report(last_block.span.__class__(max(last_block.span.start, end - 1), end),
                     last=CN_ORD[number], missing="、".join(missing), count=len(missing))


@rule("GX104")
def sections_out_of_order(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if not _applies(ctx) or _series_restart(doc) is not None:
        return  # a second numbering series is reported once, by GX106
    highest = 0
    highest_heading = None
    seen: set[int] = set()
    for section, number in standard_sections(doc):
        if number is None or number in seen:
            continue
        seen.add(number)
        if number < highest:
            yield ctx.report(section.heading, number=CN_ORD[number], section=SECTION_NAMES[number],
                             previous=CN_ORD[highest], previous_heading=highest_heading.text.strip().value)
        else:
            highest = number
            highest_heading = section.heading


@rule("GX105")
def duplicated_section(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if not _applies(ctx):
        return
    first: dict[int, Section] = {}
    for section, number in standard_sections(doc):
        if number is None:
            continue
        if number in first:
            line = ctx.source.position(first[number].heading.span.start)[0]
            yield ctx.report(section.heading, number=CN_ORD[number], section=SECTION_NAMES[number], line=line)
        else:
            first[number] = section


@rule("GX106")
def numbering_restarts(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if is_pre2019(ctx):
        return
    restart = _series_restart(doc)
    if restart is None:
        return
    tops = [s.heading for s in doc.sections if s.heading.level == 1]
    index = next(k for k, h in enumerate(tops) if h is restart)
    first_series = tops[:index]
    previous = first_series[-1]
    unknown = [h.title.strip().value if h.title is not None else h.text.strip().value
               for h in first_series if section_number(h) is None]
    extra_zh = f"；第一组中的“{'”“'.join(unknown[:4])}”不是标准章节，应作为“一、总体情况”的子标题" if unknown else ""
    extra_en = f"; “{'”, “'.join(unknown[:4])}” in the first series are not standard sections and belong under 一、总体情况 as sub-headings" if unknown else ""
    yield ctx.report(restart, heading=restart.text.strip().value, previous=previous.text.strip().value,
                     extra_zh=extra_zh, extra_en=extra_en)


_NUMBERING_OK = ("一、",)
_ARABIC_NUMBERING_RE = lazy_compile(r"^[0-9]{1,2}([、.．])$")


def _shared_numbering(section: Section) -> str:
    """``"1、…4、"`` when a top-level heading numbered ``1、`` has sub-items numbered the
    same way (``1、 总体情况`` then ``1、 主动公开。…`` ``2、 依申请公开。…``), else ``""``."""
    m = _ARABIC_NUMBERING_RE.match(section.heading.numbering or "")
    if not m:
        return ""
    sep = re.escape(m.group(1))
    item_re = re.compile(rf"^[ \t\u3000]*([0-9]{{1,2}})[ \t\u3000]*{sep}(?![0-9])")
    numbers = []
    for block in section.blocks:
        if isinstance(block, Table) or block is section.heading:
            continue
        im = item_re.match(block.text.value)
        if im:
            numbers.append(int(im.group(1)))
    if len(numbers) < 2 or numbers[0] != 1 or numbers[1] != 2:
        return ""
    run = 1
    while run < len(numbers) and numbers[run] == run + 1:
        run += 1
    suffix = m.group(1)
    return f"1{suffix}…{run}{suffix}"


@rule("GX107")
def nonstandard_heading(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if is_pre2019(ctx):
        return
    for section, number in standard_sections(doc):
        if number is None:
            continue
        heading = section.heading
        title = heading.title.strip().value if heading.title is not None else heading.text.strip().value
        expected = f"{CN_ORD[number]}、{SECTION_NAMES[number]}"
        problems_zh: list[str] = []
        problems_en: list[str] = []
        if heading.numbering not in _NUMBERING_OK and heading.numbering != "markdown":
            problems_zh.append(f"编号写作“{heading.numbering}”")
            problems_en.append(f"numbered “{heading.numbering}”")
        elif heading.numbering == "一、" and heading.ordinal != number and _series_restart(doc) is None:
            problems_zh.append(f"编号为“{CN_ORD.get(heading.ordinal, heading.ordinal)}”")
            problems_en.append(f"numbered {CN_ORD.get(heading.ordinal, heading.ordinal)}")
        kind = section_wording(heading)
        if kind != "canonical":
            problems_zh.append(f"标题措辞“{title}”")
            problems_en.append(f"worded “{title}”")
        shared = _shared_numbering(section)
        if shared:
            problems_zh.append(f"其下的小标题也编号为“{shared}”，两级标题共用一套编号（小标题应编为（一）（二）…）")
            problems_en.append(f"its sub-items are numbered {shared} too, so two heading levels share one numbering "
                               "(number the sub-items （一）（二）…)")
        if not problems_zh:
            continue
        yield ctx.report(heading, heading=heading.text.strip().value, expected=expected,
                         problem_zh="，".join(problems_zh), problem_en=" and ".join(problems_en))


# --- GX108 / GX109: the tables -------------------------------------------------------------


@rule("GX108")
def section_without_table(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if not _applies(ctx):
        return
    cut = truncation(doc)
    tables = ctx.tables
    for section, number in standard_sections(doc):
        if number not in TABLE_OF:
            continue
        if cut is not None and section is cut[0]:
            continue  # the text ends here: the table may simply not have been copied
        if tables.get(TABLE_OF[number]) is not None:
            continue
        if any(isinstance(b, Table) for b in section.blocks):
            continue  # a table is there; recognition problems are reported elsewhere
        if pictures_in(doc, section):
            continue  # a picture stands where the table should be: GX023 says so
        if figures_as_text(section) is not None:
            continue  # its figures are there as text: GX017 says the table was not read
        yield ctx.report(section.heading, number=CN_ORD[number], section=SECTION_NAMES[number])




@rule("GX109")
def table_without_numbers(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    cut = truncation(doc)
    for table in ctx.tables:
        no_numbers = (not table.has_numbers) or any(p.kind == "no-numbers" for p in table.problems)
        if not no_numbers:
            continue
        if cut is not None and table.span.end >= _last_content_end(doc) - 200 and any(
            p.kind == "missing-row" for p in table.problems
        ):
            continue  # the copy ends inside this table: its numbers may come later
        yield ctx.report(table.span, table=TABLE_NUMBERS.get(table.kind, table.kind))


# --- GX116: template rows not found ----------------------------------------------------------

# Labels named in the message; the rest are counted.
_ROWS_NAMED = 4


@rule("GX116")
def missing_table_rows(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if is_pre2019(ctx):
        return  # 2008-era tables are not checked (GX018)
    cut = truncation(doc)
    for table in ctx.tables:
        missing = [p.detail for p in table.problems if p.kind == "missing-row"]
        if not missing or not table.has_numbers:
            continue  # complete, or an unfilled template (GX109)
        if any(p.kind in ("unlabelled-row", "no-numbers") for p in table.problems):
            continue  # rows whose labels were lost: GX301/GX307 (or GX310) say so
        if cut is not None and table.span.start >= cut[0].heading.span.start:
            continue  # the copy ends in this table's section: GX114 says so
        try:
            rows = len(template_for(table).data_rows())
        except Exception:  # a plugin's table kind without a template: nothing to compare with
            continue
        labels = [str(d.get("label") or d.get("row")) for d in missing]
        shown = "、".join(labels[:_ROWS_NAMED])
        more = len(labels) - _ROWS_NAMED
        yield ctx.report(table.span, table=TABLE_NUMBERS.get(table.kind, table.kind), count=len(labels),
                         rows=rows, labels_zh=shown + (f"等{len(labels)}行" if more > 0 else ""),
                         labels_en=", ".join(labels[:_ROWS_NAMED]) + (f" and {more} more" if more > 0 else ""))


def _last_content_end(doc: Document) -> int:
    return doc.blocks[-1].span.end if doc.blocks else 0


# --- GX110 / GX111: outdated format -------------------------------------------------------

NOTICE_2019_RE = lazy_compile(r"国办公开办函[〔﹝\[(【]2019[〕﹞\])】]60号")


@rule("GX110")
def outdated_template(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    year = report_year(ctx)
    if year is None or year < 2021:
        return
    for table in ctx.tables:
        signs = list(table.signatures_2019)
        if table.template != "2019" and not signs:
            continue
        labels = []
        for label, _span in signs:
            label = label.strip()
            if label and label not in labels:
                labels.append(label)
        where = signs[0][1] if signs else table.span
        yield ctx.report(where, year=year, table=TABLE_NUMBERS.get(table.kind, table.kind),
                         signs="、".join(labels[:4]) or "2019年版表头",
                         signs_en=", ".join(labels[:4]) or "2019 layout headers")
    # pre-2019 (2008 条例) structure in a report for 2021 or later
    for section in doc.sections:
        heading = section.heading
        if heading.level != 1 or heading.title is None:
            continue
        title = heading.title.compact.value.rstrip(":。")
        if _PRE2019_HEADING.match(title):
            yield ctx.report(heading, year=year, table="", signs=f"章节“{heading.text.strip().value}”",
                             signs_en=f"the section “{heading.text.strip().value}”")
            break


@rule("GX111")
def cites_2019_notice(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    year = report_year(ctx)
    if year is None or year < 2021:
        return
    for block in doc.blocks:
        if isinstance(block, Table):
            continue
        view = block.text.compact
        m = NOTICE_2019_RE.search(view.value)
        if m:
            yield ctx.report((view, m.start(), m.end()), year=year, citation=m.group(0))
            return


# --- GX112 / GX113 ----------------------------------------------------------------------------

_EMPTY_RE = lazy_compile(r"^(?:无|暂无|无。|暂无。|无其他需要报告的事项。?|/|—|-)?$")


@rule("GX112")
def empty_problems_section(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    if not _applies(ctx):
        return
    for section, number in standard_sections(doc):
        if number != 5:
            continue
        content = []
        for block in section.blocks:
            if isinstance(block, Table):
                content.append("table")
                continue
            value = block.text.compact.value
            if isinstance(block, Heading) and block.title is not None and len(value) <= 25:
                continue  # a bare sub-heading (（一）存在的主要问题) is not content
            content.append(value)
        text = "".join(content).strip()
        if _EMPTY_RE.match(text):
            yield ctx.report(section.heading, content=text or "（空）", content_en=text or "(nothing)")


# What a report's introduction starts with, or cites (a regular expression of the same,
# ^(?:根据|…)|条例, was tried at every character of the introduction)
_INTRO_STARTS = ("根据", "依据", "按照", "本报告", "本年度报告", "本年报")


def _is_intro(value: str) -> bool:
    return value.startswith(_INTRO_STARTS) or "条例" in value


@rule("GX113")
def missing_statistics_period(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    facts = ctx.facts
    if facts.period is not None or is_pre2019(ctx):
        return
    if not doc.sections:
        return
    if facts.title is None and not any(_is_intro(b.text.compact.value) for b in doc.intro):
        return  # no front matter in the file at all: GX101 already says the top is missing
    year = facts.year
    anchor = next((b for b in doc.intro if _is_intro(b.text.compact.value)), None)
    anchor = anchor or doc.title or (doc.intro[0] if doc.intro else doc.sections[0].heading)
    at = anchor.span.start
    yield ctx.report(anchor.span.__class__(at, at), year_zh=str(year) if year else "<年份>",
                     year_en=str(year) if year else "<year>")


@hookimpl
def gxlint_rules() -> list[Rule]:
    return [
        missing_title,
        incomplete_title,
        missing_section,
        sections_out_of_order,
        duplicated_section,
        numbering_restarts,
        nonstandard_heading,
        section_without_table,
        table_without_numbers,
        missing_table_rows,
        outdated_template,
        cites_2019_notice,
        empty_problems_section,
        missing_statistics_period,
        truncated_report,
        title_layout,
    ]
