"""GX508: Traditional characters in a report written in Simplified ones."""

from __future__ import annotations

import re
from functools import lru_cache
from operator import ne
from typing import Iterator

from gxlint.document import Text
from gxlint.plugin import (
    Context,
    Diagnostic,
    Edit,
    Fix,
    LazyPattern,
    Line,
    TRADITIONAL_MARKERS,
    lazy_compile,
    line_search,
    rule,
    to_simplified,
)

from .edits import stretch_edits


# runs, not single characters: a substitution per run of them, not per character
_HAN_RUN = lazy_compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def _traditional_re() -> LazyPattern:
    return lazy_compile("[" + "".join(re.escape(c) for c in sorted(TRADITIONAL_MARKERS)) + "]+")


@rule("GX508")
def traditional_characters(ctx: Context) -> Iterator[Diagnostic]:
    # counted over the lines joined (one pass each, not two per line; blank lines hold
    # neither kind of character) and without a list of every match (a 1 MB line would be
    # 80 MB of strings); the newlines are neither
    options = ctx.options
    min_chars = int(options.get("min_characters", 20))
    min_share = float(options.get("min_share", 0.02))
    search = line_search(ctx)
    joined = search.view("raw").text
    marked = len(joined) - len(_traditional_re().sub("", joined))
    if not marked or marked < min_chars:
        return
    cjk = len(joined) - len(_HAN_RUN.sub("", joined))
    if marked < min_share * max(cjk, 1):
        return
    lines = ctx.lines
    first: Line = next(lines[k] for k in search.indexes(_traditional_re(), "raw")
                       if not TRADITIONAL_MARKERS.isdisjoint(lines[k].value))
    source = ctx.source.text
    edits: list[Edit] = []
    affected = 0
    for unit in lines:
        value = unit.text.value
        if not value:  # (a blank line converts to itself)
            continue
        converted = to_simplified(value)
        if converted == value or len(converted) != len(value):
            continue
        affected += 1
        text = unit.text
        verbatim = text.verbatim_start()
        if verbatim is not None:  # the line as it stands in the source: one edit, first to last change
            # the changed places found in C: a mask of them (map, bytes) and its first and
            # last byte set; a loop over every character pair was most of this rule's time
            mask = bytes(map(ne, converted, value))
            a, b = mask.find(1), mask.rfind(1) + 1
            edits.append(Edit(verbatim + a, verbatim + b, converted[a:b]))
            continue
        edits.extend(stretch_edits(text, source, _changed_runs(text, converted)))
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
