"""GX508: Traditional characters in a report written in Simplified ones."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterator

from gxlint.document import Text
from gxlint.plugin import (
    Context,
    Diagnostic,
    Edit,
    Fix,
    LazyPattern,
    Line,
    LineSearch,
    TRADITIONAL_MARKERS,
    garbled_sign,
    lazy_compile,
    line_search,
    rule,
)

from .edits import stretch_edits


# runs, not single characters: a substitution per run of them (most of a Chinese text), not
# per character (the marked characters, sparser, are faster one by one)
_HAN_RUN = lazy_compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def _traditional_re() -> LazyPattern:
    return lazy_compile("[" + "".join(re.escape(c) for c in sorted(TRADITIONAL_MARKERS)) + "]")


@lru_cache(maxsize=1)
def _marker_split() -> tuple[str, LazyPattern | None]:
    """The marked characters that :func:`garbled_sign` does not match (a few common ones,
    源 核 …), and a class of the others, which only a line holding a garbled sign holds."""
    sign = garbled_sign()
    common = "".join(sorted(c for c in TRADITIONAL_MARKERS if not sign.match(c)))
    rare = sorted(c for c in TRADITIONAL_MARKERS if sign.match(c))
    return common, lazy_compile("[" + "".join(re.escape(c) for c in rare) + "]") if rare else None


def _marked(search: LineSearch) -> int:
    """How many marked characters the lines hold: the common ones counted with str.count,
    the others with a scan only when a line holds a garbled sign (GX506 asks for those
    lines first; a Simplified report holds none, and the scan was most of this rule)."""
    joined = search.view("raw").text
    common, rare = _marker_split()
    marked = sum(map(joined.count, common))
    if rare is not None and search.indexes(garbled_sign(), "raw"):
        marked += _count(rare, joined)
    return marked


def _count(runs: LazyPattern, text: str, chunk: int = 1 << 16) -> int:
    """How many characters of ``text`` the runs of a character class cover: what a
    substitution deleting them takes away, a slice at a time (the substitution holds a
    string for every piece between runs: 6 MiB on a megabyte of Traditional text)."""
    return sum(len(piece) - len(runs.sub("", piece)) for piece in (text[k:k + chunk] for k in range(0, len(text), chunk)))


@rule("GX508")
def traditional_characters(ctx: Context) -> Iterator[Diagnostic]:
    search = line_search(ctx)
    try:
        yield from _traditional_characters(ctx, search)
    finally:
        # no rule reads the Simplified view after this one (the normalised view, made from
        # it, is made by then): it is not held to the end of the lint
        search.release("simplified")


def _traditional_characters(ctx: Context, search: LineSearch) -> Iterator[Diagnostic]:
    # counted over the lines joined (one pass each, not two per line; blank lines hold
    # neither kind of character) and without a list of every match (a 1 MB line would be
    # 80 MB of strings); the newlines are neither
    options = ctx.options
    min_chars = int(options.get("min_characters", 20))
    min_share = float(options.get("min_share", 0.02))
    joined = search.view("raw").text
    marked = _marked(search)
    if not marked or marked < min_chars:
        return
    # the Han characters are counted only when that decides (they are at most the whole text)
    if marked < min_share * len(joined) and marked < min_share * max(_count(_HAN_RUN, joined), 1):
        return
    lines = ctx.lines
    # the first marked character: the first match in the joined lines (a line each, in order)
    raw = search.view("raw")
    at = _traditional_re().search(joined).start()
    k = bisect_right(raw.starts, at) - 1
    first: Line = lines[k]
    first_pos = at - raw.starts[k]
    source = ctx.source.text
    edits: list[Edit] = []
    affected = 0
    # each line's string (the raw view's) and its Simplified form (the simplified view's:
    # the text converted at once, shared with the normalised view), not its Line, until it
    # changes: a file's lines are made only when asked for (100 bytes each, 3.8 MiB on a
    # megabyte of text)
    simplified = search.view("simplified")
    for k, (value, converted) in enumerate(zip(raw.each_string(), simplified.each_string())):
        if converted == value or len(converted) != len(value):  # (a blank line converts to itself)
            continue
        affected += 1
        verbatim = search.verbatim_start(k)
        if verbatim is not None:  # the line as it stands in the source: one edit, first to last change
            a, b = _changed_stretch(value, converted)
            edits.append(Edit(verbatim + a, verbatim + b, converted[a:b]))
            continue
        text = lines[k].text
        edits.extend(stretch_edits(text, source, _changed_runs(text, converted)))
    fix = Fix(edits=tuple(edits), safe=False, description="convert the text to Simplified characters") if edits else None
    sample = first.value[first_pos : first_pos + 8]
    yield ctx.report(
        (first.text, first_pos, first_pos + 1),
        fix=fix,
        count=marked,
        lines=affected,
        sample=sample,
    )


def _changed_runs(text: Text, converted: str) -> Iterator[tuple[int, int, str]]:
    """The runs ``(i, j, replacement)`` of changed characters of a text that is not one
    slice of the source, each character one source character after the one before (an
    entity or a synthetic character is left as it is)."""
    value = text.value
    starts, ends = text.offsets()
    k = 0
    n = len(converted)
    while k < n:
        if converted[k] == value[k]:
            k += 1
            continue
        j = k
        while j < n and converted[j] != value[j] and ends[j] - starts[j] == 1 and (
            j == k or starts[j] == ends[j - 1]
        ):
            j += 1
        if j == k:  # an entity or synthetic character: leave it
            k += 1
            continue
        yield k, j, converted[k:j]
        k = j


def _changed_stretch(value: str, converted: str) -> tuple[int, int]:
    """From the first to past the last character where two different strings of one length
    differ: found by halving, comparing slices (in C), where a mask of every character
    pair took most of this rule's time."""
    low, high = 0, len(value)  # value[:low] == converted[:low]; value[:high] != converted[:high]
    while high - low > 1:
        middle = (low + high) // 2
        if value[low:middle] == converted[low:middle]:
            low = middle
        else:
            high = middle
    first = low
    low, high = first, len(value)  # value[high:] == converted[high:]; value[low:] != converted[low:]
    while high - low > 1:
        middle = (low + high) // 2
        if value[middle:high] == converted[middle:high]:
            high = middle
        else:
            low = middle
    return first, high
