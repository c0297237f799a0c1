"""GX501/GX502: the page's header and footer (site name, breadcrumb, 发布时间, 打印本页…) copied into the report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator
from weakref import ref

from gxlint.document import Span
from gxlint.plugin import (
    Context,
    Diagnostic,
    Edit,
    Fix,
    Line,
    compile_pattern,
    lazy_compile,
    line_search,
    load_data_toml,
    rule,
)

from .edits import merge_edits, stripped_span, text_removal_edits
from .spam import SpamLexicon, document_spam_hits, spam_lexicon, spam_line_indexes

DATA = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=1)
def chrome_lexicon() -> dict:
    data = load_data_toml(DATA / "chrome.toml")
    header = data["header"]
    footer = data["footer"]

    def alternation(words):
        # longest first; ties in a fixed order, so the pattern is the same in every run
        return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))

    labels = header["labels"]
    weak_labels = header.get("weak_labels", [])
    link_labels = header.get("link_labels", [])
    title_labels = header.get("title_labels", [])
    field_re = compile_pattern(
        rf"(?:^|(?<=[\s|｜【\[(\]】)•·]))(?P<label>{alternation(labels + weak_labels + link_labels)})\s*[:：]"
    )
    return {
        "field": field_re,
        "labels": set(labels) | set(link_labels),
        "link_labels": set(link_labels),
        "weak_labels": set(weak_labels),
        "continuation": [compile_pattern(p) for p in header.get("continuation_patterns", [])],
        "title_prefix": compile_pattern(rf"^[ \t\u3000]*(?:{alternation(title_labels)})[ \t\u3000]*[:：][ \t\u3000]*")
        if title_labels
        else None,
        "tokens": set(header["tokens"]),
        "weak_tokens": set(header.get("weak_tokens", [])),
        "breadcrumb": tuple(header.get("breadcrumb", [">"])),
        "footer": [m.lower() for m in footer["markers"]],
        # one search before the markers are looked for one by one (most lines hold none)
        "footer_any": compile_pattern(alternation([m.lower() for m in footer["markers"]])),
        # What every line header_chrome() or footer_chrome() answers for, or is_border()
        # holds, contains (searched in the lower-cased normalised line, which holds the same
        # Chinese words, pipes and colons): a field label and its colon; a strong button word
        # (a line of buttons needs one), 首页 (a breadcrumb) or a footer marker;
        # a sigma, the one letter whose lower case depends on what follows it (footer_chrome
        # lower-cases the stripped line, not the whole line).  Two patterns, as one with a
        # group among literals is scanned ~25x slower.
        "may_be_field": compile_pattern(rf"(?:{alternation(labels + weak_labels + link_labels)})\s*[:：]"),
        "may_be_chrome": compile_pattern(alternation(
            header["tokens"] + ["首页", "σ", "ς"] + [m.lower() for m in footer["markers"]]
        )),
    }


_BULLETS = "•·●▪◆■□*-—>›» \t\u3000"


_SEP = lazy_compile(r"[\s|｜/【】\[\]()（）:：,，、]+")


_SENTENCE = lazy_compile(r"[。；;！!？?]")


_HOME_CRUMB = lazy_compile(r"^首页\s*(?:>|›|»|→)")


_LIST_PUNCT = lazy_compile(r"[,，;；]")


_YEAR = lazy_compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


_LOCATION_LABELS = {"当前位置", "您当前的位置", "您现在的位置", "您的位置", "当前所在位置", "所在位置"}


_PIECE = lazy_compile(r"[^\s|｜/【】\[\]()（）:：,，、]+")  # what _SEP separates


def _only_tokens(text: str, lex: dict) -> tuple[bool, list[str]]:
    """Whether ``text`` is made of page-button words only; returns the strong ones."""
    strong = []
    for match in _PIECE.finditer(text):  # lazily: a sentence fails on its first piece
        piece = match.group()
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
    # a field is a label and a colon: a line without a colon is not searched for one
    matches = list(lex["field"].finditer(t)) if (":" in t or "：" in t) else []
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
    if not lex["footer_any"].search(low):
        return None
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
_COLON = lazy_compile("[:：]")


def is_border(value: str) -> bool:
    if "|" not in value and "｜" not in value:
        return False
    return _BORDER_CHARS.issuperset(value.strip())


def _title_span(document) -> Span | None:
    title = getattr(document, "title", None)
    return title.span if title is not None else None


@dataclass
class ChromeGroup:
    """A run of page-chrome lines at the head or foot of a report, with the labels that mark it."""
    kind: str  # "header" | "footer"
    units: list[Line]  # the chrome lines/blocks
    borders: list[Line]  # empty table-border lines that belong to it
    labels: list[str]
    # a title line that opens a header block with a label ("标题: …"): (unit, label length)
    prefix: tuple[Line, int] | None = None


def _ordinary_kind(unit: Line) -> str | None:
    """The kind of a line that is no chrome candidate, read while no header is open:
    "blank", "border" or None (content)."""
    value = unit.norm.value if not unit.blank else ""
    if not value.strip():
        return "blank"
    return "border" if is_border(value) else None


def chrome_groups(ctx: Context) -> list[ChromeGroup]:
    """The header and footer chrome blocks, in order.

    Each line has a kind — blank, border, header, footer or None (content) — read in order
    (a header's continuation lines need the line before).  Only the lines around the
    candidates (:func:`_candidates`, a superset of the lines that are chrome on their own)
    are read: a stretch starts at the blank and border lines before a candidate and ends
    at the first content line, after which the reading is back where it started; every
    other line is blank, border or content, and groups nothing."""
    document = ctx.document
    cached = document.cache.get("contamination.chrome")
    if cached is not None:
        return cached
    units = ctx.lines
    candidates = sorted(_candidates(ctx))
    is_candidate = set(candidates)
    kinds: dict[int, str | None] = {}
    labels: dict[int, list[str]] = {}
    stretches: list[range] = []
    done = 0  # lines before it are read (or are content, blank or border lines between stretches)
    for c in candidates:
        if c < done:
            continue
        start = c
        while start > done and _ordinary_kind(units[start - 1]) is not None:
            start -= 1  # the blank and border lines just before the candidate belong to it
        previous_header_location = False
        previous_kind: str | None = None  # of the last non-blank unit
        k = start
        while k < len(units):
            unit = units[k]
            if k not in is_candidate and not previous_header_location and previous_kind != "header":
                kind, found = _ordinary_kind(unit), []
            else:
                kind, found = _kind(unit, document, previous_header_location, previous_kind)
            if kind == "header":
                previous_header_location = previous_header_location or bool(
                    set(found) & (_LOCATION_LABELS | {"首页 >"})
                )
            elif kind not in ("blank",):
                previous_header_location = False
            if kind != "blank":
                previous_kind = kind
            kinds[k] = kind
            labels[k] = found
            k += 1
            if kind is None:  # content: back to the state the stretch started in
                break
        stretches.append(range(start, k))
        done = k
    groups: list[ChromeGroup] = []
    for stretch in stretches:  # (a content line ends each stretch but the last: nothing carries over)
        current: ChromeGroup | None = None
        pending_borders: list[Line] = []
        for k in stretch:
            unit, kind, found = units[k], kinds[k], labels[k]
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
    _attach_title_prefixes(units, lambda k: kinds[k] if k in kinds else _ordinary_kind(units[k]), groups)
    document.cache["contamination.chrome"] = groups
    return groups


def _kind(unit: Line, document, previous_header_location: bool, previous_kind: str | None) -> tuple[str | None, list[str]]:
    """The kind of a line and its chrome labels, given the lines before it."""
    value = unit.norm.value if not unit.blank else ""
    if not value.strip():
        return "blank", []
    if is_border(value):
        return "border", []
    header = None if unit.in_table and document.format == "html" else header_chrome(value)
    if header:
        return "header", header
    if previous_header_location and is_breadcrumb_continuation(value):
        return "header", []
    if previous_kind == "header" and is_header_continuation(value):
        return "header", []
    footer = footer_chrome(value)
    if footer:
        return "footer", footer
    return None, []


def _candidates(ctx: Context) -> set[int]:
    """The lines that may be header or footer chrome on their own (a superset: see
    ``may_be_chrome``)."""
    lex = chrome_lexicon()
    search = line_search(ctx)
    # a field needs a colon: the lines with one (a scan for one character) are searched
    # for a label before it (a scan of the whole text for the labels took 4x longer)
    field = lex["may_be_field"].search
    found = {k for k in search.indexes(_COLON, "norm_lower") if field(search.string(k, "norm_lower"))}
    found.update(search.indexes(lex["may_be_chrome"], "norm_lower"))
    return found


def _attach_title_prefixes(units: list[Line], kind_of, groups: list[ChromeGroup]) -> None:
    """A header block right after a ``标题: <the report's title>`` line starts at that
    label: the label belongs to the block, the title does not."""
    for group in groups:
        if group.kind != "header":
            continue
        k = group.units[0].index - 1
        while k >= 0 and kind_of(k) == "blank":
            k -= 1
        if k < 0 or kind_of(k) is not None:
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


class _Junk:
    """Which lines are junk (blank, a border, chrome, spam), asked line by line and kept:
    a chrome block's fix is safe when only junk lies between it and an end of the file,
    and that walk stops at the first line of content, so most lines are never asked
    (spam_hits for every line was half of GX501 on a report with chrome)."""

    def __init__(self, ctx: Context, lexicon: SpamLexicon) -> None:
        # the document weakly: this object lives in its cache, and a reference back (or to
        # the context, which holds it) would make the document a cycle that only the
        # cyclic garbage collector frees
        self.document = ref(ctx.document)
        self.lines = ctx.lines
        self.lexicon = lexicon
        self.chrome = {id(u) for group in chrome_groups(ctx) for u in group.units + group.borders}
        # the lines that may be spam, from one scan of the text (GX503 makes the same one): a
        # spam_hits call on a long line costs about as much as the scan
        self.may_be_spam = spam_line_indexes(ctx, lexicon)
        self.known: dict[int, bool] = {}

    def __call__(self, unit: Line) -> bool:
        known = self.known.get(unit.index)
        if known is None:
            known = self.known[unit.index] = (
                id(unit) in self.chrome or unit.blank or is_border(unit.value)
                or ((self.may_be_spam is None or unit.index in self.may_be_spam)
                    and bool(document_spam_hits(self.document(), unit.norm.value, self.lexicon)))
            )
        return known


def _junk(ctx: Context, lexicon: SpamLexicon) -> _Junk:
    document = ctx.document
    cached = document.cache.get("contamination.junk")
    if not isinstance(cached, _Junk) or cached.lexicon is not lexicon or cached.lines is not ctx.lines:
        cached = document.cache["contamination.junk"] = _Junk(ctx, lexicon)
    return cached


def _chrome(ctx, kind: str):
    document = ctx.document
    units = ctx.lines
    groups = [g for g in chrome_groups(ctx) if g.kind == kind]
    if not groups:
        return
    lexicon = spam_lexicon()
    is_junk = _junk(ctx, lexicon)
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
            # by index, not slices: copying the lines before and after each group was
            # quadratic on a long text with many groups (all() stops at the first content)
            at_start = all(is_junk(units[k]) or _is_title_like(units[k], title) for k in range(first_index))
            at_end = all(is_junk(units[k]) for k in range(all_units[-1].index + 1, len(units)))
            edits = tuple(Edit(u.line_span.start, u.line_span.end) for u in all_units)
            if prefix_text is not None:
                edits += (Edit(prefix_text.span().start, prefix_text.span().end),)
            fix = Fix(
                edits=merge_edits(edits),
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


@rule("GX501")
def header_chrome_in_text(ctx: Context) -> Iterator[Diagnostic]:
    yield from _chrome(ctx, "header")


@rule("GX502")
def footer_chrome_in_text(ctx: Context) -> Iterator[Diagnostic]:
    yield from _chrome(ctx, "footer")
