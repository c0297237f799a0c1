"""Facts about a report that several rule modules need: ``ctx.facts``.

Computed once per document (:attr:`gxlint.analysis.Analysis.facts`) from the parsed
tree: the title (where it is and what it says), the report year and the evidence for
it, the statistics-period statement, the narrative's own year, the publication date,
and the agency with its kind (a government, whose deadline is 31 March, or a
department, 31 January).

All matching is done on the normalised, whitespace-free view of the text
(``Text.compact``: Simplified characters, ASCII digits and punctuation, no pinyin), and
every finding keeps a ``(Normalized, i, j)`` location so rules report at the source.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from gxlint.analysis.line_search import matches_after
from gxlint.document import Block, Document, Heading, Paragraph, Span, Table, Text
from gxlint.lazy_pattern import lazy_compile
from gxlint.normalize import Normalized
from gxlint.numerals import cn_number

# --- numbers and dates -----------------------------------------------------------------

_CN_YEAR = "[〇○零一二三四五六七八九]"

_NUM = r"(?:[0-9]{1,4}|[〇○零一二三四五六七八九十]{1,4})"
# A full date: 2025-01-26, 2025/1/26, 2025.01.26, 2025年1月26日, 二〇二五年一月二十六日
DATE_RE = lazy_compile(
    rf"(?P<y>(?:19|20)[0-9]{{2}}|{_CN_YEAR}{{4}})"
    # compact views glue a time to the day: 2024-03-0815:34
    rf"(?:(?P<sep>[-/.])(?P<m1>[0-9]{{1,2}})(?P=sep)(?P<d1>[0-9]{{1,2}})(?:(?![0-9])|(?=[0-9]{{1,2}}:[0-9]{{2}}))"
    rf"|年(?P<m2>{_NUM})月(?P<d2>{_NUM})日)"
)


def may_hold_date(value: str) -> bool:
    """Whether ``value`` can hold a :data:`DATE_RE` match: every one holds 日 or a
    separator.  (The pattern starts with no fixed character, so a search tries every
    position of a value without one: a sentence costs microseconds.)"""
    return "日" in value or "-" in value or "/" in value or "." in value


def parse_date(match: re.Match) -> _dt.date | None:
    year = cn_number(match.group("y"))
    month = cn_number(match.group("m1") or match.group("m2") or "")
    day = cn_number(match.group("d1") or match.group("d2") or "")
    if year is None or month is None or day is None:
        return None
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


# --- located matches ------------------------------------------------------------------


@dataclass
class Found:
    """A match in a block's compact view: the rule reports at ``where``."""

    view: Any  # gxlint.normalize.Normalized
    start: int
    end: int
    value: Any = None
    block: Block | None = None

    @property
    def where(self) -> tuple:
        return (self.view, self.start, self.end)

    @property
    def text(self) -> str:
        return self.view.value[self.start:self.end]


def source_quote(view: Normalized, i: int = 0, j: int | None = None) -> str:
    """The file's own text behind view characters ``[i, j)``, for quoting in a message.

    Views are normalised (Traditional → Simplified, pinyin and spaces dropped), so a quote
    taken from them may not occur in the file; this returns the original characters
    instead, trimmed, with line breaks (a wrapped line) shown as one space.
    """
    if j is None:
        j = len(view.value)
    a, b = view.original_range(i, j)
    value = view.text.value[a:b] if b > a else ""
    value = re.sub(r"\s*\n\s*", " ", value).strip()
    return value or view.value[i:j]


def compact(block: Block | Text) -> Normalized:
    text = block.text if isinstance(block, Block) else block
    return text.compact


# --- the title ----------------------------------------------------------------------------

YEAR_RE = lazy_compile(rf"(?<![0-9])((?:19|20)[0-9]{{2}}|{_CN_YEAR}{{4}})年(度)?")
STANDARD_WORDS = "政府信息公开工作年度报告"
# what the report calls itself: …信息公开…报告 / 年报
REPORT_KIND_RE = lazy_compile(
    r"(?:政府|政务)?(?:信息)?公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)|(?:工作)?年度报告|年报"
)
TITLE_HINT_RE = lazy_compile(r"(?:信息公开|政务公开).{0,8}(?:报告|年报)|(?:信息公开|政务公开)年报")
_NOT_TITLE_START = ("根据", "依据", "按照", "本报告", "本年度报告", "本年报", "现将", "为")
AGENCY_SUFFIX_RE = lazy_compile(
    r"(?:人民政府|政府|办公室|办公厅|办事处|管委会|管理委员会|委员会|街道|局|委|办|厅|署|室|"
    r"中心|院|所|站|队|镇|乡|区|县|市|省|州|旗|盟)$"
)


@dataclass
class TitleInfo:
    """The report's title as read: its block and view, the year in it, the agency and report-kind words."""
    block: Block | None  # the block holding the title (None when only page metadata has it)
    view: Any  # Normalized (compact) of the title text
    text: str  # the compact normalised title
    year: int | None
    year_at: tuple[int, int] | None
    agency: str  # what precedes/surrounds the year and the report words ("" if none)
    kind: str | None  # the report-kind words found ("政府信息公开工作年度报告", "政府信息公开年度报告" …)
    kind_at: tuple[int, int] | None
    neighbour_agency: str = ""  # an agency line right above/below the title (two-line titles)
    from_meta: bool = False

    @property
    def full_agency(self) -> str:
        return self.agency or self.neighbour_agency


def _strip_date_tail(value: str) -> str:
    return re.sub(r"(?:发布)?(?:日期|时间)?[:]?\s*" + DATE_RE.pattern + r".*$", "", value) if DATE_RE.search(value) else value


_TITLE_FIELD_RE = lazy_compile(r"\s*(?:文章标题|信息名称|标题|题目|名称)\s*[:：]")


def analyse_title(view: Normalized, block: Block | None, from_meta: bool = False) -> TitleInfo:
    value = view.value
    year = None
    year_at = None
    m = YEAR_RE.search(value)
    # a trailing publication date (``… 2023-01-20``) is not the report year
    date_m = DATE_RE.search(value)
    if m and date_m and date_m.start() <= m.start() and date_m.end() >= m.end() and date_m.start() > 0:
        m = None
    if m:
        year = cn_number(m.group(1))
        year_at = (m.start(), m.end())
    kind = None
    kind_at = None
    for km in REPORT_KIND_RE.finditer(value):
        if kind is None or (km.end() - km.start()) > (kind_at[1] - kind_at[0]):
            kind, kind_at = km.group(0), (km.start(), km.end())
    # the agency: what is left once the year, the report words and any date are removed
    rest = value
    cut = []
    if year_at:
        cut.append(year_at)
    if kind_at:
        cut.append(kind_at)
    for a, b in sorted(cut, reverse=True):
        rest = rest[:a] + " " + rest[b:]
    if date_m:
        rest = rest.replace(date_m.group(0), " ")
    # a crawler's or CMS's field name before the title (标题: …) is no part of the agency
    field = _TITLE_FIELD_RE.match(rest)
    if field:
        rest = rest[field.end():]
    rest = _NOT_HAN_RUN.sub(" ", rest).strip()
    # "关于" / "的" fragments are not an agency
    agency = " ".join(p for p in rest.split() if len(p) >= 2 and p not in ("关于",))
    return TitleInfo(block=block, view=view, text=value, year=year, year_at=year_at,
                     agency=agency, kind=kind, kind_at=kind_at, from_meta=from_meta)


def _is_title_like(view) -> bool:
    value = view.value
    if not value or len(value) > 80:
        return False
    if value.startswith(_NOT_TITLE_START) or "《" in value:
        return False
    if not TITLE_HINT_RE.search(value):
        return False
    # a sentence, not a title
    return "。" not in value[:-1] and value.count(",") <= 1


def _agency_line(block: Block) -> str:
    if not isinstance(block, Paragraph):
        return ""
    value = compact(block).value
    if not (2 <= len(value) <= 30) or YEAR_RE.search(value) or not AGENCY_SUFFIX_RE.search(value):
        return ""
    if re.search(r"[:,。;]", value):
        return ""
    return value


def _front_blocks(doc: Document) -> list[Block]:
    """Blocks before the first top-level section heading (title area and intro)."""
    out: list[Block] = []
    first = doc.sections[0].heading if doc.sections else None
    for block in doc.blocks:
        if block is first:
            break
        if isinstance(block, Heading) and block.level == 1 and first is None:
            break
        out.append(block)
    return out


def find_title(doc: Document) -> TitleInfo | None:
    front = _front_blocks(doc)
    title_block = doc.title
    if title_block is None:
        # the structure pass found none: accept a short title-like line in the front matter
        for block in front[:12]:
            if isinstance(block, Table):
                continue
            view = compact(block)
            if _is_title_like(view):
                title_block = block
                break
    if title_block is not None:
        lines = doc.reader_notes.get("title_lines") if isinstance(doc.reader_notes, dict) else None
        if lines and len(lines) > 1 and any(b is title_block for b in lines):
            # agency line + title line, or a title broken over two lines: read them as one
            info = analyse_title(Text.join([b.text for b in lines]).compact, title_block)
        else:
            info = analyse_title(compact(title_block), title_block)
        if not info.agency:
            # a two-line title: agency on the line above or below (淮安市洪泽区人民政府 / 2023年…报告)
            blocks = doc.blocks
            idx = next((k for k, b in enumerate(blocks) if b is title_block), None)
            if idx is not None:
                for k in (idx - 1, idx + 1, idx - 2, idx + 2):
                    if 0 <= k < len(blocks):
                        agency = _agency_line(blocks[k])
                        if agency:
                            info.neighbour_agency = agency
                            break
            if not info.neighbour_agency and doc.title is not None:
                # the structure pass may have split a two-line title: look in the front matter
                for block in front[:6]:
                    agency = _agency_line(block)
                    if agency:
                        info.neighbour_agency = agency
                        break
        return info
    # an HTML page may show its title outside the content container
    for block in doc.furniture:
        if isinstance(block, Table):
            continue
        view = compact(block)
        if _is_title_like(view) and YEAR_RE.search(view.value):
            return analyse_title(view, block)
    article_title = (doc.meta or {}).get("ArticleTitle") or (doc.meta or {}).get("title")
    if article_title:
        at = doc.source.text.find(article_title)
        text = Text.from_source(doc.source.text, at, at + len(article_title)) if at >= 0 else Text.synthetic(article_title, 0)
        view = text.compact
        if _is_title_like(view):
            return analyse_title(view, None, from_meta=True)
    return None


# --- the statistics period ------------------------------------------------------------------

# 统计期 alone only where the dates follow (统计期自2023年1月1日…): never 统计期末 etc.
PERIOD_KEY_RE = lazy_compile(
    r"统计(?:期限|时限|时段|周期|时间|区间|期间|起止时间|范围|期(?=自|从|为|是|:))|起止时间|数据(?:统计)?(?:期限|时限)"
)
def _day(p: str) -> str:
    return (rf"(?:(?P<{p}y>(?:19|20)[0-9]{{2}}|{_CN_YEAR}{{4}})年)?"
            rf"(?P<{p}m>{_NUM})月(?P<{p}d>{_NUM})日")


PERIOD_RE = lazy_compile(
    r"(?:自|从|为|是|:)?" + _day("a") + r"(?:起)?(?:至|到|-|—|~|－)" + _day("b") + r"(?:止)?"
)
PERIOD_YEAR_ONLY_RE = lazy_compile(rf"(?:为|是|:)((?:19|20)[0-9]{{2}}|{_CN_YEAR}{{4}})年(?:度|全年|1-12月|1至12月)")


@dataclass
class Period:
    """The statistics period (统计期限) a report states: its words, dates and year."""
    key: Found  # the 统计期限 words
    whole: Found | None  # the dates (or the year-only phrase)
    start: tuple[int | None, int | None, int | None] | None = None  # (y, m, d)
    end: tuple[int | None, int | None, int | None] | None = None
    year_only: int | None = None

    @property
    def year(self) -> int | None:
        if self.year_only:
            return self.year_only
        if self.start and self.start[0]:
            return self.start[0]
        if self.end and self.end[0]:
            return self.end[0]
        return None

    @property
    def is_calendar_year(self) -> bool:
        if self.year_only:
            return True
        if not (self.start and self.end):
            return True
        (y1, m1, d1), (y2, m2, d2) = self.start, self.end
        same_year = y1 is None or y2 is None or y1 == y2
        return same_year and (m1, d1, m2, d2) == (1, 1, 12, 31)

    def describe(self) -> str:
        if self.whole is None:
            return ""
        return self.whole.text


def _joined_front(doc: Document, limit: int = 40) -> list[Block]:
    blocks = [b for b in doc.blocks[:limit] if not isinstance(b, Table)]
    return blocks


def find_period(doc: Document) -> Period | None:
    """The statistics-period statement (``统计期限为Y年1月1日至12月31日``), usually in the intro.

    Lines of PDF text break inside the sentence, so consecutive paragraphs are joined
    (located) before matching.
    """
    candidates = [b for b in doc.blocks if not isinstance(b, Table)]
    # look in the front matter and the first section first, then anywhere
    ordered = candidates[:60] + candidates[60:]
    for k, block in enumerate(ordered):
        view = compact(block)
        km = PERIOD_KEY_RE.search(view.value)
        if not km:
            continue
        # join this block with the next two (a sentence broken across lines)
        parts = [block.text] + [b.text for b in ordered[k + 1:k + 3]]
        joined = Text.join(parts).compact
        km2 = PERIOD_KEY_RE.search(joined.value)
        if not km2:
            continue
        key = Found(joined, km2.start(), km2.end(), block=block)
        tail = joined.value[km2.end():km2.end() + 60]
        pm = PERIOD_RE.search(tail)
        if pm and pm.start() <= 6:
            a = km2.end() + pm.start()
            whole = Found(joined, a, km2.end() + pm.end(), block=block)
            start = (cn_number(pm.group("ay") or "") if pm.group("ay") else None,
                     cn_number(pm.group("am")), cn_number(pm.group("ad")))
            end = (cn_number(pm.group("by") or "") if pm.group("by") else None,
                   cn_number(pm.group("bm")), cn_number(pm.group("bd")))
            return Period(key=key, whole=whole, start=start, end=end)
        ym = PERIOD_YEAR_ONLY_RE.search(tail)
        if ym and ym.start() <= 4:
            whole = Found(joined, km2.end() + ym.start(1), km2.end() + ym.end(), block=block)
            return Period(key=key, whole=whole, year_only=cn_number(ym.group(1)))
        # the words without a readable period: still a statement (e.g. "统计期限为本年度")
        if re.match(r"(?:为|是|:)?(?:本年度|全年|本年)", tail):
            return Period(key=key, whole=None)
    return None


# --- the narrative's own year ------------------------------------------------------------------

# "2023年,我局…", "2023年度,全区…", "2021年隨州高新區管委會認真…" at the start of a sentence
NARRATIVE_RE = lazy_compile(
    r"(?:^|(?<=[。;!?:]))(?:\([一二三四五六七八九十]\)[^。]{0,20}[。.])?"
    r"((?:19|20)[0-9]{2})年(?:度)?(?:,|以来,?|来,?)?"
    r"(?=[\u3400-\u9fff])(?!(?:1|一)?[0-9一二三四五六七八九十]*月)"
)
_NARRATIVE_SUBJECT = lazy_compile(
    r"^(?:我|本|全|在|区|市|县|镇|乡|街道|局|委|办|.{1,30}?(?:人民政府|政府|管委会|局|委员会|办公室|办事处|街道|镇|中心)"
    r".{0,6}?(?:认真|坚持|严格|深入|紧紧|积极|全面|以|按照|根据|围绕|持续|进一步|不断|高度|始终|扎实|共|主动|紧扣|聚焦|贯彻|在))"
)


_NARRATIVE_NEEDS = "年"  # every match of NARRATIVE_RE holds it
_NARRATIVE_BOUNDARY = lazy_compile(r"[。;!?:]")  # what NARRATIVE_RE's lookbehind accepts before a match


def narrative_matches(value: str) -> Iterator[re.Match]:
    """What ``NARRATIVE_RE.finditer(value)`` finds, the pattern tried only where a match
    can start: at 0 and after each 。;!?: (finditer tries its lookbehind at every character)."""
    return matches_after(NARRATIVE_RE, _NARRATIVE_BOUNDARY, value)  # (never empty: a match holds its year)


@dataclass
class NarrativeYear:
    """A year claimed at the start of a narrative sentence (``2023年，我…``)."""
    year: int
    found: Found


def narrative_years(blocks: Iterable[Block]) -> list[NarrativeYear]:
    """Sentence-initial ``Y年,我…`` claims in the given blocks, in order."""
    out: list[NarrativeYear] = []
    for block in blocks:
        if isinstance(block, Table) or (isinstance(block, Heading) and block.level == 1):
            continue
        view = compact(block)
        value = view.value
        if _NARRATIVE_NEEDS not in value:  # the pattern starts with lookbehinds, tried at every character
            continue
        for m in narrative_matches(value):
            after = value[m.end():m.end() + 40]
            if not _NARRATIVE_SUBJECT.match(after):
                continue
            out.append(NarrativeYear(int(m.group(1)), Found(view, m.start(1), m.end(1) + 1, block=block)))
    return out


def find_narrative_year(doc: Document) -> NarrativeYear | None:
    """The year the narrative speaks of: the first ``Y年,我…`` in the intro or at the top of 一."""
    blocks: list[Block] = list(_front_blocks(doc))
    first = doc.section(1) if doc.sections else None
    if first is None and doc.sections:
        first = doc.sections[0]
    if first is not None:
        blocks += first.blocks[:6]
    found = narrative_years(blocks)
    return found[0] if found else None


# --- the report year ------------------------------------------------------------------------

SELF_NAME_RE = lazy_compile(
    r"(?:现将|编制(?:了)?|发布|公布|形成)(?:《)?([^。《》]{0,30}?((?:19|20)[0-9]{2})年(?:度)?[^。《》]{0,20}?(?:报告|年报))"
)


@dataclass
class YearEvidence:
    """One reading of the report's year, with where it was read from."""
    year: int
    source: str  # "title" | "period" | "narrative" | "self-name" | "meta"
    where: Any = None  # the TitleInfo, Period, NarrativeYear or Found it was read from

    @property
    def location(self) -> Any:
        """Where the year is written, for ``ctx.report`` (None for page metadata)."""
        obj = self.where
        if isinstance(obj, Period):
            return obj.whole.where if obj.whole is not None else obj.key.where
        if isinstance(obj, NarrativeYear):
            return obj.found.where
        if isinstance(obj, Found):
            return obj.where
        if isinstance(obj, TitleInfo) and obj.year_at:
            return (obj.view, obj.year_at[0], obj.year_at[1])
        return None


# --- publication date and deadline ------------------------------------------------------------

PUB_LABEL_RE = lazy_compile(r"(?:发布|发稿|公开|成文|印发)(?:时间|日期)")
# a bare ``时间:`` field is the page's date, unless it is a crawler's or the site's own
# (采集时间 is when a copy was made, years after publication)
PUB_BARE_LABEL_RE = lazy_compile(r"(?<![a-z])(?<!采集)(?<!抓取)(?<!爬取)(?<!下载)(?<!保存)(?<!访问)(?<!入库)(?<!更新)(?<!修改)时间(?=:)")
# each label pattern with the words one of which every match of it holds (the bare one
# starts with lookbehinds, tried at every character of a line without it; the other is
# tried wherever 公开 stands, in every line of a report)
_PUB_LABELS = ((PUB_LABEL_RE, ("时间", "日期")), (PUB_BARE_LABEL_RE, ("时间",)))
# the CMS's own publication-time element (TRS and similar: <publishtime>2024-03-08</publishtime>)
PUB_ELEMENT_RE = lazy_compile(r"<(publishtime|pubtime|publishdate|pubdate)\b[^>]*>\s*([^<]{6,40}?)\s*</\1\s*>", re.I)
GOVERNMENT_RE = lazy_compile(r"(?:人民政府|政府|管委会|管理委员会|实验区|新区|开发区|高新区|示范区|市|区|县|省|州|旗|盟|自治州|镇|乡)$")
DEPARTMENT_RE = lazy_compile(r"(?:局|委|委员会|办公室|办公厅|厅|署|参事室|研究室|中心|院|所|站|队|社|会|办)$")


@dataclass
class PubDate:
    """The publication date a report or its page gives, and where."""
    date: _dt.date
    where: Any  # Span or (view, i, j)
    source: str  # "meta" | "label" | "title" | "closing"
    text: str


def find_publication_date(doc: Document) -> PubDate | None:
    """The page's own publication date: its meta, its CMS date element, a 发布日期 field
    (a bare 时间 field last), a date under the title, the closing date.  Never a crawler's
    采集时间."""
    meta = doc.meta or {}
    for key in ("PubDate", "pubdate", "publishdate", "PublishDate", "firstpublishedtime", "article:published_time"):
        raw = meta.get(key)
        if not raw:
            continue
        m = DATE_RE.search(raw)
        if not m:
            continue
        date = parse_date(m)
        if date is None:
            continue
        at = doc.source.text.find(raw)
        where = Span(at, at + len(raw)) if at >= 0 else Span(0, 0)
        return PubDate(date, where, "meta", raw.strip())
    if doc.source.format == "html":
        for em in PUB_ELEMENT_RE.finditer(doc.source.text):
            dm = DATE_RE.search(re.sub(r"\s+", "", em.group(2)))
            date = parse_date(dm) if dm else None
            if date:
                return PubDate(date, Span(em.start(2), em.end(2)), "meta", em.group(2).strip())
    # a 发布时间/发布日期 line: page chrome, in the furniture or copied into the text
    pools = [doc.furniture, doc.blocks[:15]]
    for label_re, needs in _PUB_LABELS:
        for pool in pools:
            for block in pool:
                if isinstance(block, Table):
                    continue
                view = compact(block)
                if not any(word in view.value for word in needs):
                    continue
                for lm in label_re.finditer(view.value):
                    tail = view.value[lm.end():lm.end() + 30]
                    dm = DATE_RE.search(tail)
                    if dm and dm.start() <= 2:
                        date = parse_date(dm)
                        if date:
                            a = lm.end() + dm.start()
                            return PubDate(date, (view, a, lm.end() + dm.end()), "label", dm.group(0))
    # a date on the title line (``…年度报告 2023-01-20``) or a lone date line in the front matter
    front = _front_blocks(doc)
    for block in front[:8]:
        if isinstance(block, Table):
            continue
        view = compact(block)
        value = view.value
        dm = DATE_RE.search(value) if may_hold_date(value) else None
        if not dm:
            continue
        lone = dm.start() == 0 and len(value) - dm.end() <= 1
        after_title = dm.start() > 0 and TITLE_HINT_RE.search(value[:dm.start()]) and len(value) - dm.end() <= 1
        if lone or after_title:
            date = parse_date(dm)
            if date:
                return PubDate(date, (view, dm.start(), dm.end()), "title" if after_title else "label", dm.group(0))
    # the closing date after 六
    closing = doc.reader_notes.get("closing") if isinstance(doc.reader_notes, dict) else None
    tail_blocks: list[Block] = []
    if isinstance(closing, Block):
        tail_blocks.append(closing)
    elif isinstance(closing, (list, tuple)):
        tail_blocks.extend(b for b in closing if isinstance(b, Block))
    tail_blocks.extend(b for b in doc.blocks[-3:] if not isinstance(b, Table))
    for block in reversed(tail_blocks):
        view = compact(block)
        value = view.value
        if len(value) > 40:
            continue
        dm = DATE_RE.search(value)
        if dm and len(value) - dm.end() <= 1:
            date = parse_date(dm)
            if date:
                return PubDate(date, (view, dm.start(), dm.end()), "closing", dm.group(0))
    return None


# anything but Han characters (compiled once and cached between runs: a class spanning
# the CJK range is slow to compile)
_NOT_HAN_RUN = lazy_compile(r"[^\u3400-\u9fff]+")


def agency_kind(agency: str) -> str:
    """"department" (deadline 31 January), "government" (31 March) or "unknown"."""
    name = _NOT_HAN_RUN.sub("", agency or "")
    if not name:
        return "unknown"
    if re.search(r"人民政府(?:办公室|办公厅)$", name):
        return "department"
    if GOVERNMENT_RE.search(name):
        return "government"
    if DEPARTMENT_RE.search(name) and not name.endswith(("办事处", "管委会", "委员会办公室")):
        return "department"
    return "unknown"


# --- the facts, once per document -----------------------------------------------------------


@dataclass
class Facts:
    """What the report says about itself (``ctx.facts``)."""

    title: TitleInfo | None
    period: Period | None
    narrative: NarrativeYear | None
    self_name: Found | None  # the intro's "现将…Y年…报告"
    year: int | None  # the report year: the first of ``evidence`` (title, period, narrative, …)
    year_source: str | None
    pub: PubDate | None
    agency: str
    evidence: list[YearEvidence] = field(default_factory=list)

    @property
    def published(self) -> PubDate | None:
        """The publication date and where it is written (page metadata, a label, the closing)."""
        return self.pub

    @property
    def agency_kind(self) -> str:
        """``"government"``, ``"department"`` or ``"unknown"`` (see :func:`agency_kind`)."""
        return agency_kind(self.agency)


def _self_name(doc: Document) -> Found | None:
    for block in _front_blocks(doc)[:10]:
        if isinstance(block, Table):
            continue
        view = compact(block)
        m = SELF_NAME_RE.search(view.value)
        if m:
            return Found(view, m.start(1), m.end(1), value=int(m.group(2)), block=block)
    return None


def compute_facts(doc: Document) -> Facts:
    """The facts of a document (the analysis layer calls this once per document)."""
    title = find_title(doc)
    period = find_period(doc)
    narrative = find_narrative_year(doc)
    self_name = _self_name(doc)
    evidence: list[YearEvidence] = []
    if title and title.year:
        evidence.append(YearEvidence(title.year, "title", title))
    if period and period.year:
        evidence.append(YearEvidence(period.year, "period", period))
    if narrative:
        evidence.append(YearEvidence(narrative.year, "narrative", narrative))
    if self_name:
        evidence.append(YearEvidence(self_name.value, "self-name", self_name))
    meta_title = (doc.meta or {}).get("ArticleTitle", "")
    mm = YEAR_RE.search(meta_title) if meta_title else None
    if mm and cn_number(mm.group(1)):
        evidence.append(YearEvidence(cn_number(mm.group(1)), "meta", None))
    year = evidence[0].year if evidence else None
    source = evidence[0].source if evidence else None
    pub = find_publication_date(doc)
    agency = title.full_agency if title else ""
    if not agency and self_name is not None:
        agency = re.sub(r"(?:19|20)[0-9]{2}年.*$", "", self_name.text)
    return Facts(title=title, period=period, narrative=narrative, self_name=self_name, year=year,
                 year_source=source, pub=pub, agency=agency, evidence=evidence)
