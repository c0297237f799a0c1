"""GX503: injected spam (gambling, invoices, …) from the spam lexicon, wherever it is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, cast

from gxlint.document import Document
from gxlint.plugin import Context, Diagnostic, Edit, Fix, compile_pattern, lazy_compile, line_search, normalize_str, rule

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True, eq=False)  # identity: lexicons are cached, and a cache key
class SpamLexicon:
    """The spam patterns in force (built-in and configured), with the prefilters that skip clean lines."""
    strong: tuple[re.Pattern, ...]
    weak: tuple[re.Pattern, ...]
    # Prefilter: a line no prefilter pattern (and no ``unsafe`` pattern) matches cannot
    # match any entry, so ``spam_hits`` returns [] after one or two scans instead of ~80.
    prefilter: tuple[re.Pattern, ...] = ()
    unsafe: tuple[re.Pattern, ...] = ()  # entries that cannot join an alternation
    # What spam_line_indexes scans the whole text with: the same lines as the prefilter
    # and unsafe patterns match, but the regular-expression entries one by one (an
    # alternation of them is scanned at ~50 ns a character, the entries alone at 1-5).
    scan: tuple[re.Pattern, ...] = ()


# Backreferences and named groups change meaning (or fail) inside a combined pattern.
_UNSAFE_IN_ALTERNATION = lazy_compile(r"\\[1-9]|\(\?P[<=]|\(\?[aiLmsux]+\)")


def _prefilters(patterns: Iterable[re.Pattern]) -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...],
                                                        tuple[re.Pattern, ...]]:
    """``(prefilter, unsafe, scan)`` (see :class:`SpamLexicon`)."""
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
    scan: list[re.Pattern] = []
    if literals:
        # Matched on the lower-cased text like the entries themselves; without
        # IGNORECASE the engine can skip ahead to the phrases' first characters.
        # longest first; ties in a fixed order, so the pattern is the same in every run
        out.append(compile_pattern("|".join(sorted(set(literals), key=lambda w: (-len(w), w)))))
        scan.append(out[-1])
    if regexes:
        try:
            out.append(compile_pattern("|".join(f"(?:{r})" for r in regexes), re.IGNORECASE))
            # the alternation matches a line exactly when one of its entries does
            scan.extend(compile_pattern(r, re.IGNORECASE) for r in regexes)
        except re.error:
            unsafe.extend(compile_pattern(r, re.IGNORECASE) for r in regexes)
    return tuple(out), tuple(unsafe), tuple(scan) + tuple(unsafe)


def _lexicon_entries(lines: Iterable[str]) -> Iterator[tuple[bool, re.Pattern]]:
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        weak = line.startswith("~")
        if weak:
            line = line[1:].strip()
        if line.startswith("re:"):
            pattern = compile_pattern(line[3:], re.IGNORECASE)
        else:
            pattern = compile_pattern(re.escape(normalize_str(line).lower()), re.IGNORECASE)
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
    prefilter, unsafe, scan = _prefilters(strong + weak)
    return SpamLexicon(tuple(strong), tuple(weak), prefilter, unsafe, scan)


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


def document_spam_hits(document: Document, norm_value: str, lexicon: SpamLexicon) -> list[tuple[int, int, str]]:
    """``spam_hits`` cached per document: the chrome rules (GX501/GX502, telling junk lines
    from content) and GX503 ask about the same lines.  Treat the list as read-only."""
    cache = cast("dict[tuple[SpamLexicon, str], list[tuple[int, int, str]]]",
                 document.cache.setdefault("contamination.spam", {}))
    key = (lexicon, norm_value)
    hits = cache.get(key)
    if hits is None:
        hits = cache[key] = spam_hits(norm_value, lexicon)
    return hits


def spam_line_indexes(ctx: Context, lexicon: SpamLexicon, furniture: bool = False) -> frozenset[int] | None:
    """Indexes of the lines (``ctx.lines``; ``furniture``: ``ctx.furniture_lines``) that may
    hold spam: :func:`spam_hits` finds nothing in any other line, since it returns [] unless
    a prefilter or unsafe pattern matches the lower-cased normalised line, and
    ``line_search`` gives every line such a pattern matches (one scan of the whole text
    per pattern; ``scan`` holds the same patterns, the alternation split).  None when every
    line may (a lexicon without prefilter)."""
    if not lexicon.prefilter and not lexicon.unsafe:
        return None
    search = line_search(ctx, furniture)
    found: set[int] = set()
    for pattern in lexicon.scan or lexicon.prefilter + lexicon.unsafe:
        found.update(search.indexes(pattern, "norm_lower"))
    return frozenset(found)


def spam_options(ctx: Context) -> tuple[tuple[str, ...], tuple[str, ...]]:
    opts = ctx.options
    return tuple(opts.get("extra_lexicons", ()) or ()), tuple(opts.get("extra_phrases", ()) or ())


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
def injected_spam(ctx: Context) -> Iterator[Diagnostic]:
    lexicon = spam_lexicon(*spam_options(ctx))
    document = ctx.document
    units = _may_be_spam(ctx, lexicon, ctx.lines, False)
    if document.format == "html":
        units += _may_be_spam(ctx, lexicon, ctx.furniture_lines, True)
    # the last of the lower-cased view's questions (page chrome asks them first): the view
    # is not held to the end of the lint (the answers stay)
    line_search(ctx).release("norm_lower")
    if document.format == "html":
        line_search(ctx, True).release("norm_lower")
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


def _may_be_spam(ctx: Context, lexicon: SpamLexicon, lines: list, furniture: bool) -> list:
    indexes = spam_line_indexes(ctx, lexicon, furniture)
    return list(lines) if indexes is None else [lines[k] for k in sorted(indexes)]


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
