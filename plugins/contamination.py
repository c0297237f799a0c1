"""Rule module 'contamination' (GX5xx): text that is not the report.

Page chrome (header and footer), injected spam, hidden links, leaked pinyin
annotations, mojibake, stray question marks, Traditional-character conversions and
PDF-extraction residue.

The unit of a finding is a *line* of a text or Markdown file (copied text keeps one
paragraph or cell per line) and a *block* of an HTML page (a paragraph, a heading or
a table row).  For HTML only the report's own content (``document.blocks``) is checked
for chrome and residue: the page's own header and footer (``document.furniture``) are
expected there.  Spam and hidden links are reported wherever they are.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from gxlint.document import Block, Span, Table, Text
from gxlint.plugin import (
    PINYIN_ANNOTATION,
    TRADITIONAL_MARKERS,
    Context,
    Edit,
    Fix,
    Line,
    hookimpl,
    is_page_marker,
    is_reading,
    lazy_compile,
    mojibake_spans,
    normalize_str,
    rule,
    simplified_char,
    to_simplified,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).resolve().parent / "data"


# --- units: the lines / blocks a finding is about ------------------------------------------


def unit_span(unit: Line, i: int = 0, j: int | None = None) -> Span:
    return unit.text.span(i, j)


def stripped_span(unit: Line) -> Span:
    stripped = unit.text.strip()
    return stripped.span() if len(stripped) else unit.text.span()


def text_removal_edits(text: Text) -> tuple[Edit, ...]:
    """Edits deleting the characters of ``text`` only (never markup between them)."""
    edits: list[Edit] = []
    run_start = run_end = None
    for a, b in zip(text.starts, text.ends):
        if a == b:  # synthetic
            continue
        if run_end is not None and a == run_end:
            run_end = b
            continue
        if run_start is not None:
            edits.append(Edit(run_start, run_end))
        run_start, run_end = a, b
    if run_start is not None:
        edits.append(Edit(run_start, run_end))
    return tuple(edits)


# --- chrome lexicon ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def chrome_lexicon() -> dict:
    with open(DATA / "chrome.toml", "rb") as handle:
        data = tomllib.load(handle)
    header = data["header"]
    footer = data["footer"]

    def alternation(words):
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    labels = header["labels"]
    weak_labels = header.get("weak_labels", [])
    link_labels = header.get("link_labels", [])
    title_labels = header.get("title_labels", [])
    field_re = re.compile(
        rf"(?:^|(?<=[\s|｜【\[(\]】)•·]))(?P<label>{alternation(labels + weak_labels + link_labels)})\s*[:：]"
    )
    return {
        "field": field_re,
        "labels": set(labels) | set(link_labels),
        "link_labels": set(link_labels),
        "weak_labels": set(weak_labels),
        "continuation": [re.compile(p) for p in header.get("continuation_patterns", [])],
        "title_prefix": re.compile(rf"^[ \t\u3000]*(?:{alternation(title_labels)})[ \t\u3000]*[:：][ \t\u3000]*")
        if title_labels
        else None,
        "tokens": set(header["tokens"]),
        "weak_tokens": set(header.get("weak_tokens", [])),
        "breadcrumb": tuple(header.get("breadcrumb", [">"])),
        "footer": [m.lower() for m in footer["markers"]],
    }


_BULLETS = "•·●▪◆■□*-—>›» \t\u3000"
_SEP = lazy_compile(r"[\s|｜/【】\[\]()（）:：,，、]+")
_SENTENCE = lazy_compile(r"[。；;！!？?]")
_HOME_CRUMB = lazy_compile(r"^首页\s*(?:>|›|»|→)")
_LIST_PUNCT = lazy_compile(r"[,，;；]")
_YEAR = lazy_compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_LOCATION_LABELS = {"当前位置", "您当前的位置", "您现在的位置", "您的位置", "当前所在位置", "所在位置"}


def _only_tokens(text: str, lex: dict) -> tuple[bool, list[str]]:
    """Whether ``text`` is made of page-button words only; returns the strong ones."""
    pieces = [p for p in _SEP.split(text) if p]
    strong = []
    for piece in pieces:
        if piece in lex["tokens"]:
            strong.append(piece)
        elif piece not in lex["weak_tokens"]:
            return False, []
    return True, strong


def header_chrome(value: str) -> list[str] | None:
    """The chrome labels of a page-header line, or None if the line is not chrome."""
    lex = chrome_lexicon()
    t = value.strip().lstrip(_BULLETS).strip()
    if not t or len(t) > 240:
        return None
    matches = list(lex["field"].finditer(t))
    if not matches:
        ok, strong = _only_tokens(t, lex)
        if ok and strong:
            return strong
        if _HOME_CRUMB.match(t) and not _SENTENCE.search(t) and len(t) <= 120:
            return ["首页 >"]
        return None
    ok, prefix_tokens = _only_tokens(t[: matches[0].start()], lex)
    if not ok:
        return None
    found = list(prefix_tokens)
    strong = bool(prefix_tokens)
    for k, match in enumerate(matches):
        label = match.group("label")
        found.append(label)
        if label in lex["labels"]:
            strong = True
        end = matches[k + 1].start() if k + 1 < len(matches) else len(t)
        value_text = t[match.end() : end].strip()
        if label in lex["link_labels"]:  # a URL or a path
            if len(value_text) > 300 or any(ch.isspace() for ch in value_text):
                return None
            continue
        limit = 160 if label in _LOCATION_LABELS else 40
        if _SENTENCE.search(value_text) or len(value_text) > limit:
            return None
        if "," in value_text and len(value_text) > 20:
            return None
    return found if strong else None


def is_header_continuation(value: str) -> bool:
    """A crawler's note or separator that is chrome right after other header chrome."""
    t = value.strip()
    return bool(t) and len(t) <= 80 and any(p.search(t) for p in chrome_lexicon()["continuation"])


def title_prefix_length(value: str) -> int:
    """Length of a ``标题:`` label before the report's title on a raw line, or 0."""
    pattern = chrome_lexicon()["title_prefix"]
    if pattern is None:
        return 0
    match = pattern.match(value)
    if not match:
        return 0
    rest = value[match.end() :].strip()
    if not rest or len(rest) > 80 or "。" in rest or ("报告" not in rest and "報告" not in rest and "年报" not in rest):
        return 0
    return match.end()


def is_breadcrumb_continuation(value: str) -> bool:
    t = value.strip()
    lex = chrome_lexicon()
    return bool(t) and t.startswith(lex["breadcrumb"]) and len(t) <= 40 and not _SENTENCE.search(t)


def footer_chrome(value: str) -> list[str] | None:
    lex = chrome_lexicon()
    t = value.strip().strip("|｜ \t")
    if not t or "。" in t:
        return None
    low = t.lower()
    # the markers' first occurrences; overlapping ones (扫一扫在手机 + 在手机上查看当前页面)
    # merge into one label
    ranges = sorted((low.index(m), low.index(m) + len(m)) for m in lex["footer"] if m in low)
    merged: list[list[int]] = []
    for a, b in ranges:
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    found = list(dict.fromkeys(t[a:b].rstrip(":") for a, b in merged))
    if len(found) >= 2:
        return found
    if len(found) == 1 and len(t) <= 60 and not _LIST_PUNCT.search(t):
        return found
    return None


_BORDER_CHARS = frozenset("|｜+-—─ \t")


def is_border(value: str) -> bool:
    if "|" not in value and "｜" not in value:
        return False
    return _BORDER_CHARS.issuperset(value.strip())


# --- spam lexicon ------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # identity: lexicons are cached, and a cache key
class SpamLexicon:
    strong: tuple[re.Pattern, ...]
    weak: tuple[re.Pattern, ...]
    # Prefilter: a line no prefilter pattern (and no ``unsafe`` pattern) matches cannot
    # match any entry, so ``spam_hits`` returns [] after one or two scans instead of ~80.
    prefilter: tuple[re.Pattern, ...] = ()
    unsafe: tuple[re.Pattern, ...] = ()  # entries that cannot join an alternation


# Backreferences and named groups change meaning (or fail) inside a combined pattern.
_UNSAFE_IN_ALTERNATION = lazy_compile(r"\\[1-9]|\(\?P[<=]|\(\?[aiLmsux]+\)")


def _prefilters(patterns: Iterable[re.Pattern]) -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    literals: list[str] = []
    regexes: list[str] = []
    unsafe: list[re.Pattern] = []
    for pattern in patterns:
        source = pattern.pattern
        if re.escape(re.sub(r"\\(.)", r"\1", source, flags=re.S)) == source:
            literals.append(source)  # an escaped, lower-cased phrase
        elif _UNSAFE_IN_ALTERNATION.search(source):
            unsafe.append(pattern)
        else:
            regexes.append(source)
    out: list[re.Pattern] = []
    if literals:
        # Matched on the lower-cased text like the entries themselves; without
        # IGNORECASE the engine can skip ahead to the phrases' first characters.
        out.append(re.compile("|".join(sorted(set(literals), key=len, reverse=True))))
    if regexes:
        try:
            out.append(re.compile("|".join(f"(?:{r})" for r in regexes), re.IGNORECASE))
        except re.error:
            unsafe.extend(re.compile(r, re.IGNORECASE) for r in regexes)
    return tuple(out), tuple(unsafe)


def _lexicon_entries(lines: Iterable[str]) -> Iterator[tuple[bool, re.Pattern]]:
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        weak = line.startswith("~")
        if weak:
            line = line[1:].strip()
        if line.startswith("re:"):
            pattern = re.compile(line[3:], re.IGNORECASE)
        else:
            pattern = re.compile(re.escape(normalize_str(line).lower()), re.IGNORECASE)
        yield weak, pattern


@lru_cache(maxsize=16)
def spam_lexicon(extra_files: tuple[str, ...] = (), extra_phrases: tuple[str, ...] = ()) -> SpamLexicon:
    lines = (DATA / "spam.txt").read_text(encoding="utf-8").splitlines()
    for path in extra_files:
        lines += Path(path).expanduser().read_text(encoding="utf-8").splitlines()
    lines += list(extra_phrases)
    strong, weak = [], []
    for is_weak, pattern in _lexicon_entries(lines):
        (weak if is_weak else strong).append(pattern)
    prefilter, unsafe = _prefilters(strong + weak)
    return SpamLexicon(tuple(strong), tuple(weak), prefilter, unsafe)


def _maybe_spam(low: str, lexicon: SpamLexicon) -> bool:
    if not lexicon.prefilter and not lexicon.unsafe:  # a hand-built lexicon: no shortcut
        return True
    return any(p.search(low) for p in lexicon.prefilter) or any(p.search(low) for p in lexicon.unsafe)


def spam_hits(norm_value: str, lexicon: SpamLexicon) -> list[tuple[int, int, str]]:
    """Spam matches ``(start, end, phrase)`` in a normalised string, or [] if not spam."""
    low = norm_value.lower()
    if not _maybe_spam(low, lexicon):
        return []
    strong = [(m.start(), m.end(), norm_value[m.start() : m.end()]) for p in lexicon.strong for m in p.finditer(low)]
    weak = [(m.start(), m.end(), norm_value[m.start() : m.end()]) for p in lexicon.weak for m in p.finditer(low)]
    strong = [h for h in strong if h[1] > h[0]]
    weak = [h for h in weak if h[1] > h[0]]
    if strong or len({h[2].lower() for h in weak}) >= 2:
        return sorted(strong + weak)
    return []


# --- shared per-document analysis ----------------------------------------------------------------


def document_spam_hits(document, norm_value: str, lexicon: SpamLexicon) -> list[tuple[int, int, str]]:
    """``spam_hits`` cached per document: the chrome rules (GX501/GX502, telling junk lines
    from content) and GX503 ask about the same lines.  Treat the list as read-only."""
    cache = document.cache.setdefault("contamination.spam", {})
    key = (lexicon, norm_value)
    hits = cache.get(key)
    if hits is None:
        hits = cache[key] = spam_hits(norm_value, lexicon)
    return hits


def _spam_options(ctx) -> tuple[tuple[str, ...], tuple[str, ...]]:
    opts = ctx.options
    return tuple(opts.get("extra_lexicons", ()) or ()), tuple(opts.get("extra_phrases", ()) or ())


def _title_span(document) -> Span | None:
    title = getattr(document, "title", None)
    return title.span if title is not None else None


@dataclass
class ChromeGroup:
    kind: str  # "header" | "footer"
    units: list[Line]  # the chrome lines/blocks
    borders: list[Line]  # empty table-border lines that belong to it
    labels: list[str]
    # a title line that opens a header block with a label ("标题: …"): (unit, label length)
    prefix: tuple[Line, int] | None = None


def chrome_groups(ctx: Context) -> list[ChromeGroup]:
    document = ctx.document
    cached = document.cache.get("contamination.chrome")
    if cached is not None:
        return cached
    units = ctx.lines
    kinds: list[str | None] = []
    labels: list[list[str]] = []
    previous_header_location = False
    previous_kind: str | None = None  # of the last non-blank unit
    for unit in units:
        value = unit.norm.value if not unit.blank else ""
        kind, found = None, []
        if not value.strip():
            kind = "blank"
        elif is_border(value):
            kind = "border"
        else:
            header = None if unit.in_table and document.format == "html" else header_chrome(value)
            if header:
                kind, found = "header", header
            elif previous_header_location and is_breadcrumb_continuation(value):
                kind, found = "header", []
            elif previous_kind == "header" and is_header_continuation(value):
                kind, found = "header", []
            else:
                footer = footer_chrome(value)
                if footer:
                    kind, found = "footer", footer
        if kind == "header":
            previous_header_location = previous_header_location or bool(
                set(found) & (_LOCATION_LABELS | {"首页 >"})
            )
        elif kind not in ("blank",):
            previous_header_location = False
        if kind != "blank":
            previous_kind = kind
        kinds.append(kind)
        labels.append(found)
    groups: list[ChromeGroup] = []
    current: ChromeGroup | None = None
    pending_borders: list[Line] = []
    for unit, kind, found in zip(units, kinds, labels):
        if kind == "blank":
            continue
        if kind == "border":
            pending_borders.append(unit)
            continue
        if kind in ("header", "footer"):
            if current is not None and current.kind == kind and (kind == "footer" or not pending_borders):
                current.units.append(unit)
                current.borders.extend(pending_borders)
            else:
                current = ChromeGroup(kind, [unit], [], [])
                if kind == "footer":
                    current.borders.extend(pending_borders)
                groups.append(current)
            for label in found:
                if label not in current.labels:
                    current.labels.append(label)
            pending_borders = []
            continue
        # ordinary content
        if current is not None and current.kind == "footer":
            current.borders.extend(pending_borders)
        current = None
        pending_borders = []
    if current is not None and current.kind == "footer":
        current.borders.extend(pending_borders)
    _attach_title_prefixes(units, kinds, groups)
    document.cache["contamination.chrome"] = groups
    return groups


def _attach_title_prefixes(units: list[Line], kinds: list[str | None], groups: list[ChromeGroup]) -> None:
    """A header block right after a ``标题: <the report's title>`` line starts at that
    label: the label belongs to the block, the title does not."""
    for group in groups:
        if group.kind != "header":
            continue
        k = group.units[0].index - 1
        while k >= 0 and kinds[k] == "blank":
            k -= 1
        if k < 0 or kinds[k] is not None:
            continue
        length = title_prefix_length(units[k].value)
        if length:
            group.prefix = (units[k], length)
            group.labels.insert(0, units[k].value[:length].strip().rstrip(":：").strip())


def _is_title_like(unit: Line, title: Span | None) -> bool:
    span = stripped_span(unit)
    if title is not None and title.start <= span.start and span.end <= title.end + 1:
        return True
    value = unit.norm.value.strip()
    return len(value) <= 80 and ("报告" in value or "年报" in value) and "。" not in value


def _junk_unit_ids(ctx: Context, lexicon: SpamLexicon) -> set[int]:
    document = ctx.document
    cached = document.cache.get("contamination.junk")
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    ids: set[int] = set()
    for group in chrome_groups(ctx):
        ids.update(id(u) for u in group.units + group.borders)
    for unit in ctx.lines:
        if unit.blank or is_border(unit.value) or document_spam_hits(document, unit.norm.value, lexicon):
            ids.add(id(unit))
    document.cache["contamination.junk"] = (lexicon, ids)
    return ids


# --- GX501 / GX502: page chrome ------------------------------------------------------------------


def _chrome(ctx, kind: str):
    document = ctx.document
    units = ctx.lines
    groups = [g for g in chrome_groups(ctx) if g.kind == kind]
    if not groups:
        return
    lexicon = spam_lexicon()
    junk = _junk_unit_ids(ctx, lexicon)
    title = _title_span(document)
    plain = document.format in ("text", "markdown")
    for group in groups:
        all_units = sorted(group.units + group.borders, key=lambda u: u.index)
        # the span covers every line the message counts, the border lines included
        span = stripped_span(all_units[0]).cover(stripped_span(all_units[-1]))
        prefix_text = None  # the "标题:" label before the title, removed on its own
        first_index = all_units[0].index
        if group.prefix is not None:
            prefix_unit, length = group.prefix
            prefix_text = prefix_unit.text[0:length]
            stripped = prefix_text.strip()
            span = (stripped.span() if len(stripped) else prefix_text.span()).cover(span)
            first_index = prefix_unit.index
        fix = None
        if plain:
            before = units[:first_index]
            after = units[all_units[-1].index + 1 :]
            at_start = all(id(u) in junk or _is_title_like(u, title) for u in before)
            at_end = all(id(u) in junk for u in after)
            edits = tuple(Edit(u.line_span.start, u.line_span.end) for u in all_units)
            if prefix_text is not None:
                edits += (Edit(prefix_text.span().start, prefix_text.span().end),)
            fix = Fix(
                edits=_merge_edits(edits),
                safe=at_start or at_end,
                description="delete the page-chrome line(s)",
            )
        else:
            edits = tuple(e for u in group.units for e in text_removal_edits(u.text))
            if prefix_text is not None:
                edits = text_removal_edits(prefix_text) + edits
            if edits:
                fix = Fix(edits=edits, safe=False, description="delete the page-chrome text")
        n_borders = len(group.borders)
        has_year = any(_YEAR.search(u.value) for u in group.units)
        yield ctx.report(
            span,
            fix=fix,
            labels="、".join(group.labels) or "…",
            count=len(group.units) + (group.prefix is not None),
            borders=n_borders,
            borders_zh=f"，另有 {n_borders} 行空表格边框" if n_borders else "",
            borders_en=f", plus {n_borders} empty table-border line(s)" if n_borders else "",
            years_zh="，其中的年份也不是报告年度" if has_year and kind == "footer" else "",
            years_en=" (its years are not the report year)" if has_year and kind == "footer" else "",
        )


def _merge_edits(edits: Iterable[Edit]) -> tuple[Edit, ...]:
    out: list[Edit] = []
    for edit in sorted(edits, key=lambda e: e.start):
        if out and edit.start <= out[-1].end and not out[-1].replacement and not edit.replacement:
            out[-1] = Edit(out[-1].start, max(out[-1].end, edit.end))
        else:
            out.append(edit)
    return tuple(out)


@rule("GX501")
def header_chrome_in_text(ctx):
    yield from _chrome(ctx, "header")


@rule("GX502")
def footer_chrome_in_text(ctx):
    yield from _chrome(ctx, "footer")


# --- GX503: injected spam ------------------------------------------------------------------------


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _whole_token(value: str, start: int, end: int) -> tuple[int, int]:
    """Widen a spam match to the whole Latin/digit token it cuts: ``mobile 365`` is the
    start of the brand ``mobile 365365051``, and a highlight or fix must not leave
    ``365051`` behind."""
    if start < end and _is_word_char(value[start]):
        while start > 0 and _is_word_char(value[start - 1]):
            start -= 1
    if start < end and _is_word_char(value[end - 1]):
        while end < len(value) and _is_word_char(value[end]):
            end += 1
    return start, end


@rule("GX503")
def injected_spam(ctx):
    lexicon = spam_lexicon(*_spam_options(ctx))
    document = ctx.document
    units = list(ctx.lines)
    if document.format == "html":
        units += ctx.furniture_lines
    # One finding per hacked line: a keyword replaced throughout the page (every 大同市
    # became a gambling brand) is reported on each line it damaged, since each must be
    # repaired; the message says how often the same injected text occurs.
    found = []
    for unit in units:
        if unit.blank:
            continue
        hits = document_spam_hits(document, unit.norm.value, lexicon)
        if hits:
            start, end = _whole_token(unit.norm.value, min(h[0] for h in hits), max(h[1] for h in hits))
            found.append((unit, hits, start, end, unit.norm.value[start:end]))
    repeats: dict[str, int] = {}
    for _, _, _, _, injected in found:
        repeats[injected] = repeats.get(injected, 0) + 1
    for unit, hits, start, end, injected in found:
        phrases: list[str] = []
        for _, _, phrase in hits:
            if phrase not in phrases:
                phrases.append(phrase)
        n = repeats[injected] if len(injected) >= 6 else 1
        yield ctx.report(
            (unit.norm, start, end),
            fix=_spam_line_fix(unit, hits),
            phrases="、".join(phrases[:3]) + ("…" if len(phrases) > 3 else ""),
            count=len(hits),
            also_zh=f"；同样的内容在本文中共出现 {n} 次，应是被批量替换所致" if n > 1 else "",
            also_en=f"; the same injected text occurs {n} times in the file, a bulk replacement" if n > 1 else "",
            place="网页框架" if unit.furniture else "报告正文",
            place_en="the page around the report" if unit.furniture else "the report text",
        )


# Words of the report itself: a line containing any of them is never deleted as spam (in a
# keyword-replaced sentence only the brand is junk, and what it replaced is unknown).
_REPORT_WORDS = lazy_compile(
    r"政府|信息|公开|申请|报告|行政|复议|诉讼|办理|年度|工作|单位|部门|人民|条例|统计|情况|规定|文件"
)


def _spam_line_fix(unit, hits) -> Fix | None:
    """Delete a whole text/Markdown line that is nothing but injected spam (seed 004's
    search-phrase and spider-tag lines); never a line that also carries report words."""
    if unit.line_span is None or unit.furniture:
        return None
    value = unit.norm.value
    if _REPORT_WORDS.search(value):
        return None
    covered = sum(end - start for start, end, _ in hits)
    letters = sum(1 for ch in value if ch.isalnum())
    if not letters or (covered / letters < 0.3 and len(hits) < 3):
        return None
    return Fix(edits=(Edit(unit.line_span.start, unit.line_span.end),), safe=True,
               description="delete the injected spam line")


# --- GX504: hidden links -------------------------------------------------------------------------


def _get(item, *names, default=None):
    for name in names:
        if isinstance(item, dict) and name in item:
            return item[name]
        if hasattr(item, name):
            return getattr(item, name)
    return default


def _item_span(item) -> Span | None:
    span = _get(item, "span")
    if isinstance(span, Span):
        return span
    if isinstance(span, (tuple, list)) and len(span) == 2:
        return Span(int(span[0]), int(span[1]))
    start, end = _get(item, "start"), _get(item, "end")
    if isinstance(start, int) and isinstance(end, int):
        return Span(start, end)
    if isinstance(item, Span):
        return item
    return None


# Page-interface words a CMS hides until needed (login boxes, menus): not link spam.
_UI_WORDS = lazy_compile(r"^(?:你好|您好|注销|退出|登录|注册|个人中心|用户中心|搜索|无障碍|关怀版|简体|繁体|English|首页|返回|关闭|更多|[,，:：\s])*$")


@rule("GX504")
def hidden_links(ctx):
    lexicon = spam_lexicon(*_spam_options(ctx))
    items = ctx.document.reader_notes.get("hidden_links") or []
    min_links = int(ctx.options.get("min_links", 8))
    entries: list[tuple[Span, str]] = []
    for item in items:
        if isinstance(item, Text):
            span, text = item.span(), item.value
        else:
            span = _item_span(item) or Span(0, 0)
            text = str(_get(item, "text", "anchor", "href", "url", default="") or "")
        text = " ".join(text.split())
        if not text or _UI_WORDS.match(text):
            continue
        entries.append((span, text))
    groups: list[list[tuple[Span, str]]] = []
    for span, text in entries:
        if groups and 0 <= span.start - groups[-1][-1][0].end <= 2000:
            groups[-1].append((span, text))
        else:
            groups.append([(span, text)])
    for group in groups:
        joined = " ".join(t for _, t in group)
        spammy = bool(spam_hits(normalize_str(joined), lexicon))
        if not spammy and len(group) < min_links:
            continue  # a few hidden interface links are normal page furniture
        span = group[0][0].cover(group[-1][0])
        sample = next((t for _, t in group if spam_hits(normalize_str(t), lexicon)), group[0][1])
        yield ctx.report(span, count=len(group), sample=sample[:40])


# --- GX505: pinyin annotations ----------------------------------------------------------------------


def _plain_syllable(letters: str) -> str:
    plain = unicodedata.normalize("NFD", letters.lower())
    return "".join(c for c in plain if not unicodedata.combining(c)).replace("ü", "v").replace("u:", "v")


def _has_tone(letters: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", letters) if c not in "\u0308")


@lru_cache(maxsize=1)
def _pinyin_dict():
    """pypinyin's single-character dictionary (code point -> "bào,fú"), if installed."""
    # Load only the single-character table: importing the pypinyin package itself loads
    # its phrase dictionaries too (~0.75 s), this file alone takes ~0.15 s.
    try:
        import importlib.util
        import os

        spec = importlib.util.find_spec("pypinyin")
        if spec is None or not spec.submodule_search_locations:
            return None
        path = os.path.join(list(spec.submodule_search_locations)[0], "pinyin_dict.py")
        module_spec = importlib.util.spec_from_file_location("_gxlint_pinyin_dict", path)
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        return module.pinyin_dict
    except Exception:  # pragma: no cover - depends on the environment
        return None


@lru_cache(maxsize=8192)
def reading_matches(char: str, letters: str) -> bool | None:
    """True/False if the syllable is/isn't a reading of ``char``; None if unknown."""
    table = _pinyin_dict()
    if table is None:
        return None
    readings = table.get(ord(char))
    if readings is None:
        simplified = simplified_char(char)
        readings = table.get(ord(simplified)) if simplified != char else None
    if not readings:
        return None
    wanted = _plain_syllable(letters)
    return any(_plain_syllable(r) == wanted for r in readings.split(","))


def pinyin_matches(unit: Line, *, lenient: bool) -> list[re.Match]:
    """Verified pinyin annotations in a unit's raw text."""
    found = []
    for match in PINYIN_ANNOTATION.finditer(unit.value):
        letters = match.group(2)
        if not is_reading(letters):
            continue
        verdict = reading_matches(match.group(1), letters)
        if verdict is None:
            verdict = _has_tone(letters) or lenient
        if verdict:
            found.append(match)
    return found


def _interrupts_pinyin_block(unit: Line) -> bool:
    """An unaffected unit ends a GX505 block only if it holds Chinese text.

    Blank lines, table-border lines (``|``) and number-only cells do not.
    """
    return not unit.blank and not is_border(unit.value) and bool(_CJK.search(unit.value))


@rule("GX505")
def pinyin_annotations(ctx):
    units = ctx.lines
    candidates = {
        id(u): [m for m in PINYIN_ANNOTATION.finditer(u.value) if is_reading(m.group(2))]
        for u in units
        if "(" in u.value
    }
    # Without a dictionary, toneless syllables count only on a page full of them.
    lenient = sum(len(v) for v in candidates.values()) >= 5
    # One finding per block: a maximal run of affected units not interrupted by an
    # unaffected unit holding Chinese text.
    blocks: list[list[tuple[Line, list[re.Match]]]] = []
    open_block = False
    for unit in units:
        matches = pinyin_matches(unit, lenient=lenient) if candidates.get(id(unit)) else []
        if matches:
            if not open_block:
                blocks.append([])
                open_block = True
            blocks[-1].append((unit, matches))
        elif _interrupts_pinyin_block(unit):
            open_block = False
    for block in blocks:
        edits = []
        for unit, matches in block:
            for m in matches:
                span = unit.text.span(m.start(2) - 1, m.end())
                edits.append(Edit(span.start, span.end))
        first_unit, first_matches = block[0]
        last_unit, last_matches = block[-1]
        start = first_unit.text.span(first_matches[0].start(), first_matches[0].end())
        end = last_unit.text.span(last_matches[-1].start(), last_matches[-1].end())
        first_line = ctx.source.position(start.start)[0]
        last_line = ctx.source.position(end.end - 1)[0] if end.end > end.start else first_line
        count = len(edits)
        lines = len({ctx.source.position(e.start)[0] for e in edits})
        span_text = f"{first_line}" if first_line == last_line else f"{first_line}–{last_line}"
        yield ctx.report(
            start.cover(end),
            fix=Fix(edits=tuple(edits), safe=True, description="remove the pinyin annotations"),
            count=count,
            lines=lines,
            where_zh=f"第 {span_text} 行" + ("" if first_line == last_line else f"（其中 {lines} 行有注音）"),
            where_en=f"on line {span_text}" if first_line == last_line else f"on {lines} of lines {span_text}",
            sample=first_matches[0].group(0),
        )


# --- GX506: mojibake -------------------------------------------------------------------------------

_HAN = lazy_compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")



def _annotations(value: str) -> dict[int, int]:
    """Pinyin annotations of a raw string: end of ``(xiàng)`` -> its start."""
    return {m.end(): m.start(2) - 1 for m in PINYIN_ANNOTATION.finditer(value) if is_reading(m.group(2))}


def _damaged_word_start(value: str, start: int, annotations: dict[int, int], before: int = 2) -> int:
    """Where the word a replacement character destroyed starts: up to ``before`` Chinese
    characters back (``項(xiàng)渴�`` for the label 采购项目数量), skipping leaked
    pinyin annotations, never past punctuation, a space or a table pipe."""
    k = start
    taken = 0
    while k > 0 and taken < before:
        if k in annotations:
            k = annotations[k]
            continue
        if not _HAN.match(value[k - 1]):
            break
        k -= 1
        taken += 1
    return k


def _without_annotations(value: str, i: int, j: int, annotations: dict[int, int]) -> str:
    out = []
    k = i
    for end, begin in sorted(annotations.items(), key=lambda item: item[1]):
        if begin >= i and end <= j:
            out.append(value[k:begin])
            k = end
    out.append(value[k:j])
    return "".join(out)


@rule("GX506")
def mojibake(ctx):
    # U+FFFD that decoding itself produced is GX003's finding, not garbled published text.
    decoded_away = ctx.document.reader_notes.get("decode_replaced") or frozenset()
    for unit in ctx.lines:
        if unit.blank:
            continue
        value = unit.value
        spans = mojibake_spans(value)
        if decoded_away:
            starts = unit.text.starts
            spans = [s for s in spans if s[2] or starts[s[0]] not in decoded_away]
        if not spans:
            continue
        start = spans[0][0]
        end = max(s[1] for s in spans)
        annotations = _annotations(value) if "(" in value else {}
        if not spans[0][2]:  # a replacement character: show the word it damaged
            start = _damaged_word_start(value, start, annotations)
        first_end = spans[0][1]  # the first damaged place, with the spans that touch it
        for a, b, _ in spans[1:]:
            if a > first_end:
                break
            first_end = max(first_end, b)
        shown = _without_annotations(value, start, first_end, annotations).strip()
        yield ctx.report(
            (unit.text, start, end),
            count=len(spans),
            sample=shown[:30],
            recovered=next((r for _, _, r in spans if r), ""),
        )


# --- GX507: stray question marks -------------------------------------------------------------------

_STRAY_Q = lazy_compile(r"(?<![A-Za-z0-9_./=&%-])(\d+(?:\.\d+)?)([?？])(?=$|[\s\u4e00-\u9fff%|，。、；：,;:)）])")


def stray_question_marks(value: str) -> list[re.Match]:
    return list(_STRAY_Q.finditer(value))


def _table_question_spans(ctx) -> list[Span]:
    spans = []
    try:
        tables = list(ctx.tables)
    except Exception:  # table recognition is another rule family's concern
        return spans
    for table in tables:
        for value in table.values():
            if value.problem == "stray-question-mark":
                spans.append(value.span)
    return spans


@rule("GX507")
def stray_question_mark(ctx):
    units = [u for u in ctx.lines if "?" in u.value or "？" in u.value]
    if not units:
        return
    owned = _table_question_spans(ctx)  # reported by the placeholders family (GX304)
    for unit in units:
        for match in stray_question_marks(unit.value):
            span = unit.text.span(match.start(2), match.end(2))
            if any(o.start <= span.start and span.end <= o.end for o in owned):
                continue
            yield ctx.report(
                span,
                fix=Fix(edits=(Edit(span.start, span.end),), safe=True, description="remove the '?'"),
                number=match.group(1),
                found=match.group(0),
            )


# --- GX508: Traditional characters -------------------------------------------------------------


_CJK = lazy_compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _traditional_re() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(TRADITIONAL_MARKERS)) + "]")


@rule("GX508")
def traditional_characters(ctx):
    units = [u for u in ctx.lines if not u.blank]
    min_chars = int(ctx.options.get("min_characters", 20))
    min_share = float(ctx.options.get("min_share", 0.02))
    marked = 0
    cjk = 0
    first: Line | None = None
    for unit in units:
        n = len(_traditional_re().findall(unit.value))
        if n and first is None:
            first = unit
        marked += n
        cjk += len(_CJK.findall(unit.value))
    if first is None or marked < min_chars or marked < min_share * max(cjk, 1):
        return
    edits: list[Edit] = []
    affected = 0
    for unit in units:
        converted = to_simplified(unit.value)
        if converted == unit.value or len(converted) != len(unit.value):
            continue
        affected += 1
        text = unit.text
        k = 0
        n = len(converted)
        while k < n:
            if converted[k] == text.value[k]:
                k += 1
                continue
            j = k
            while j < n and converted[j] != text.value[j] and text.ends[j] - text.starts[j] == 1 and (
                j == k or text.starts[j] == text.ends[j - 1]
            ):
                j += 1
            if j == k:  # an entity or synthetic character: leave it
                k += 1
                continue
            edits.append(Edit(text.starts[k], text.ends[j - 1], converted[k:j]))
            k = j
    first_pos = next(i for i, ch in enumerate(first.value) if ch in TRADITIONAL_MARKERS)
    fix = Fix(edits=tuple(edits), safe=False, description="convert the text to Simplified characters") if edits else None
    sample = first.value[first_pos : first_pos + 8]
    yield ctx.report(
        (first.text, first_pos, first_pos + 1),
        fix=fix,
        count=marked,
        lines=affected,
        sample=sample,
    )


# --- GX509: PDF-extraction residue ----------------------------------------------------------------

_KANGXI = lazy_compile(r"[\u2f00-\u2fdf\u2e80-\u2eff]")


def _line_list(lines: list[int], limit: int = 8) -> tuple[str, str]:
    """``("12、40、77", "12, 40, 77")``, shortened with … after ``limit`` lines."""
    shown = [str(n) for n in lines[:limit]]
    more = len(lines) > limit
    return "、".join(shown) + ("…" if more else ""), ", ".join(shown) + (", …" if more else "")


def _residue_where(ctx, spans: list[Span]) -> tuple[str, str]:
    """The ``where`` slots of a GX509 message: the lines when there is more than one."""
    lines = list(dict.fromkeys(ctx.source.position(sp.start)[0] for sp in spans))
    if len(lines) < 2:
        return "", ""
    zh, en = _line_list(lines)
    return f"，见第 {zh} 行", f" on lines {en}"


@rule("GX509")
def pdf_residue(ctx):
    """One finding for all page markers of a file, one per block of lines with Kangxi radicals."""
    document = ctx.document
    plain = document.format in ("text", "markdown")
    markers: list[Line] = []
    radical_blocks: list[list[tuple[Line, list[re.Match]]]] = []
    open_block = False
    for unit in ctx.lines:
        if unit.blank:
            continue
        if is_page_marker(unit.value):
            markers.append(unit)
            continue  # a page-marker line neither holds nor interrupts a radical block
        radicals = list(_KANGXI.finditer(unit.value))
        if radicals:
            if not open_block:
                radical_blocks.append([])
                open_block = True
            radical_blocks[-1].append((unit, radicals))
        elif _interrupts_pinyin_block(unit):
            open_block = False
    if markers:
        spans = [stripped_span(u) for u in markers]
        if plain and all(u.line_span is not None for u in markers):
            fix = Fix(edits=_merge_edits(Edit(u.line_span.start, u.line_span.end) for u in markers), safe=True,
                      description="delete the page-marker line(s)")
        else:
            fix = Fix(edits=tuple(e for u in markers for e in text_removal_edits(u.text)), safe=False,
                      description="delete the page markers")
        where_zh, where_en = _residue_where(ctx, spans)
        one = len(markers) == 1
        yield ctx.report(
            spans[0],
            fix=fix,
            kind_zh="页码标记",
            kind_en="page marker",
            found=markers[0].value.strip(),
            count=len(markers),
            where_zh=where_zh,
            where_en=where_en,
            advice_zh="这是原 PDF 的页码，不属于正文，请删除" + ("这一行" if one else "这些行"),
            advice_en=("it is a page number" if one else "they are page numbers")
            + " of the PDF, not part of the text; delete " + ("the line" if one else "the lines"),
        )
    for block in radical_blocks:
        edits = []
        spans = []
        for unit, radicals in block:
            for m in radicals:
                folded = unicodedata.normalize("NFKC", m.group(0))
                span = unit.text.span(m.start(), m.end())
                spans.append(span)
                if len(folded) == 1 and folded != m.group(0):
                    edits.append(Edit(span.start, span.end, folded))
        fix = Fix(edits=tuple(edits), safe=True, description="replace Kangxi radicals by the ordinary characters") if edits else None
        first_unit, first = block[0]
        last_unit, last = block[-1]
        start = first_unit.text.span(first[0].start(), first[0].end())
        end = last_unit.text.span(last[-1].start(), last[-1].end())
        where_zh, where_en = _residue_where(ctx, spans)
        yield ctx.report(
            start.cover(end),
            fix=fix,
            kind_zh="康熙部首字符", kind_en="Kangxi radical",
            found="".join(dict.fromkeys(m.group(0) for _, radicals in block for m in radicals)),
            count=len(spans),
            where_zh=where_zh,
            where_en=where_en,
            advice_zh="它们看起来像普通汉字，却无法被检索和比对，请换成普通汉字",
            advice_en="they look like ordinary characters but defeat search and matching; replace them with the ordinary characters",
        )


@hookimpl
def gxlint_rules():
    return [
        header_chrome_in_text,
        footer_chrome_in_text,
        injected_spam,
        hidden_links,
        pinyin_annotations,
        mojibake,
        stray_question_mark,
        traditional_characters,
        pdf_residue,
    ]
