"""GX509: residue of PDF extraction: page markers, Kangxi radicals for ordinary characters."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from gxlint.document import Span
from gxlint.plugin import Context, Diagnostic, Edit, Fix, Line, is_page_marker, lazy_compile, line_search, rule

from .edits import merge_edits, stripped_span, text_removal_edits
from .pinyin import interrupted, interrupts_pinyin_block


_KANGXI = lazy_compile(r"[\u2f00-\u2fdf\u2e80-\u2eff]")
# What every page-marker line holds (is_page_marker()'s alternatives: a dash, 页 or a slash,
# each with a digit): the lines without any are no page marker.
_MARKER_SIGN = lazy_compile(r"[-－—–页/]")


def _ends_block(unit: Line) -> bool:
    """Whether a line without radicals ends a block of them (as a GX505 block; not a page marker)."""
    return interrupts_pinyin_block(unit) and not is_page_marker(unit.value)


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
def pdf_residue(ctx: Context) -> Iterator[Diagnostic]:
    """One finding for all page markers of a file, one per block of lines with Kangxi radicals."""
    document = ctx.document
    plain = document.format in ("text", "markdown")
    markers: list[Line] = []
    radical_blocks: list[list[tuple[Line, list[re.Match]]]] = []
    search = line_search(ctx)
    lines = ctx.lines
    # Only the lines with a page-marker sign may be markers, only those with a radical hold
    # any; a block of radicals goes on until a line between two of its lines ends it (one
    # holding Chinese text, found by a search of the lines between: see _ends_block).
    may_hold_radicals = search.indexes(_KANGXI, "raw")
    last = -1  # the last line of the open block
    for k in sorted(set(search.indexes(_MARKER_SIGN, "raw")).union(may_hold_radicals)):
        unit = lines[k]
        if unit.blank:
            continue
        if is_page_marker(unit.value):
            markers.append(unit)
            continue  # a page-marker line neither holds nor interrupts a radical block
        radicals = list(_KANGXI.finditer(unit.value))
        if not radicals:
            continue  # (an ordinary line: between two radical lines, _ends_block reads it)
        if last < 0 or interrupted(lines, search, last, k, _ends_block):
            radical_blocks.append([])
        radical_blocks[-1].append((unit, radicals))
        last = k
    if markers:
        spans = [stripped_span(u) for u in markers]
        if plain and all(u.line_span is not None for u in markers):
            fix = Fix(edits=merge_edits(Edit(u.line_span.start, u.line_span.end) for u in markers), safe=True,
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
