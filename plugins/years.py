"""Rule module 'years' (GX4xx): the report year, the statistics period, publication dates.

Conservative by design: a year other than the report year is flagged only where the
text clearly claims figures for it inside sections 一–四.  Section 五 (last year's
problems, next year's plans), cited documents (〔2021〕30号), 截至 dates, page
furniture and publication dates are never read as claims.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from gxlint.document import Heading, Table
from gxlint.plugin import Context, Diagnostic, Rule, hookimpl, lazy_compile, matches_after, rule, section_number

SOURCE_ZH = {"title": "标题", "period": "统计期限", "narrative": "正文开头", "self-name": "引言中的报告名称"}
SOURCE_EN = {"title": "the title", "period": "the statistics period", "narrative": "the opening of the text",
             "self-name": "the introduction's name for the report"}


def _fmt(date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


# --- GX401 ---------------------------------------------------------------------------------


@rule("GX401")
def year_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    facts = ctx.facts
    evidence = [e for e in facts.evidence if e.source in ("title", "period", "narrative", "self-name")]
    if len(evidence) < 2:
        return
    base = evidence[0]
    for other in evidence[1:]:
        if other.year == base.year:
            continue
        where = other.location
        if where is None:
            continue
        yield ctx.report(where, year=other.year, place_zh=SOURCE_ZH[other.source], place_en=SOURCE_EN[other.source],
                         report_year=base.year, base_zh=SOURCE_ZH[base.source], base_en=SOURCE_EN[base.source])


# --- GX402 ---------------------------------------------------------------------------------


@rule("GX402")
def period_not_calendar_year(ctx: Context) -> Iterator[Diagnostic]:
    facts = ctx.facts
    period = facts.period
    if period is None or period.whole is None or period.is_calendar_year:
        return
    y1, m1, d1 = period.start
    y2, m2, d2 = period.end
    year = facts.year or y1 or y2
    yield ctx.report(period.whole.where, period=period.whole.text, year=year or "Y")


# --- GX403 ---------------------------------------------------------------------------------

# a sentence that starts with a year: "2023年,我局共公开信息200条" (the label of a run-in
# sub-heading "（一）主动公开情况。" may come first)
_CLAIM_START = lazy_compile(
    r"(?:^|(?<=[。;!?]))(?:\([一二三四五六七八九十]\)[^。;]{0,20}?[。:])?"
    r"((?:19|20)[0-9]{2})年(?:度)?(?:全年)?,?"
)
_NOT_A_CLAIM_AFTER = lazy_compile(r"^(?:以来|来|起|至|到|底|末|初|前|后|以前|以后|之前|之后|-|—|~|[0-9]|[一二三四五六七八九十]+月)")
_FUTURE = lazy_compile(r"将|计划|拟|预计|力争|下一步|下阶段|要进一步|继续推进")
_COMPARE = lazy_compile(r"比|较|同比|相比|相较|对比|增长|下降|减少|增加")
_COUNT = lazy_compile(r"[0-9]+(?:\.[0-9]+)?(?:件|条|次|个|篇|期|场|项|人次|家|份|万元|元|余条|余件)")
_SUBJECT = lazy_compile(r"^(?:我|本|全|共|累计|通过|在|各|区|市|县|镇|乡|街道|.{1,16}?(?:人民政府|政府|管委会|局|委员会|办公室|办事处|街道|镇|中心)(?:共|累计|全年|通过|在|主动|收到|受理|公开|发布|办理|制发|印发|开展|召开|举办))")


# what every _CLAIM_START match holds: found with a fast scan (the pattern itself begins
# with a lookbehind tried at every character)
_YEAR_NIAN = lazy_compile(r"(?:19|20)[0-9]{2}年")
# what _CLAIM_START's lookbehind accepts before a claim
_CLAIM_BOUNDARY = lazy_compile(r"[。;!?]")


def claim_starts(value: str) -> Iterator[re.Match]:
    """What ``_CLAIM_START.finditer(value)`` finds, the pattern tried only where a match
    can start: at 0 and after each 。;!? (finditer tries its lookbehind at every character)."""
    return matches_after(_CLAIM_START, _CLAIM_BOUNDARY, value)  # (never empty: a match holds its year)


def _claims(view, report_year: int):
    value = view.value
    if not _YEAR_NIAN.search(value):
        return
    for m in claim_starts(value):
        year = int(m.group(1))
        if year == report_year or not 1990 <= year <= report_year + 5:
            continue
        after = value[m.end():]
        if _NOT_A_CLAIM_AFTER.match(value[m.end(1) + 1:]) or _NOT_A_CLAIM_AFTER.match(after):
            continue
        end = len(value)
        for sep in "。;!?":
            k = value.find(sep, m.end())
            if k != -1:
                end = min(end, k)
        sentence = value[m.end():end]
        if not _SUBJECT.match(sentence):
            continue
        if _FUTURE.search(sentence) or _COMPARE.search(sentence) or "截至" in sentence or "截止" in sentence:
            continue
        if str(report_year) in sentence:
            continue
        count = _COUNT.search(sentence)
        if not count:
            continue
        yield year, m.start(1), m.end(1) + 1, sentence[:40]


@rule("GX403")
def figures_for_another_year(ctx: Context) -> Iterator[Diagnostic]:
    doc = ctx.document
    facts = ctx.facts
    year = facts.year
    if year is None:
        return
    narrative_at = None
    if facts.narrative is not None:
        narrative_at = (id(facts.narrative.found.view), facts.narrative.found.start)
    for section in doc.sections:
        if section.heading.level != 1:
            continue
        number = section_number(section.heading)
        if number is None or number > 4:
            continue
        for block in section.blocks:
            if isinstance(block, Table) or (isinstance(block, Heading) and block.level == 1):
                continue
            view = block.text.compact
            for other, i, j, sentence in _claims(view, year):
                if narrative_at == (id(view), i):
                    continue  # the narrative's own year: GX401
                yield ctx.report((view, i, j), claimed=other, report_year=year, sentence=sentence)
                break


# --- GX404 / GX405 -----------------------------------------------------------------------------

KIND_ZH = {"department": "政府部门", "government": "本级人民政府", "unknown": "机关类型无法确定，按较晚期限"}
KIND_EN = {"department": "a government department", "government": "a government's own report",
           "unknown": "agency type unclear, later deadline applied"}


def deadline(year: int, kind: str) -> dt.date:
    """Latest lawful publication date of the report for ``year`` (条例 art. 49)."""
    if year <= 2018 or kind != "department":
        # the 2008 条例: 31 March for all; a government's own report: 31 March; unsure: the later
        return dt.date(year + 1, 3, 31)
    return dt.date(year + 1, 1, 31)


@rule("GX404")
def published_late(ctx: Context) -> Iterator[Diagnostic]:
    facts = ctx.facts
    if facts.year is None or facts.pub is None:
        return
    kind = facts.agency_kind
    due = deadline(facts.year, kind)
    if facts.pub.date <= due:
        return
    yield ctx.report(facts.pub.where, date=_fmt(facts.pub.date), deadline=_fmt(due), year=facts.year,
                     kind_zh=KIND_ZH[kind], kind_en=KIND_EN[kind], days=(facts.pub.date - due).days)


@rule("GX405")
def published_before_year_end(ctx: Context) -> Iterator[Diagnostic]:
    facts = ctx.facts
    if facts.year is None or facts.pub is None:
        return
    if facts.pub.date >= dt.date(facts.year + 1, 1, 1):
        return
    yield ctx.report(facts.pub.where, date=_fmt(facts.pub.date), year=facts.year)


@hookimpl
def gxlint_rules() -> list[Rule]:
    return [year_mismatch, period_not_calendar_year, figures_for_another_year, published_late,
            published_before_year_end]
