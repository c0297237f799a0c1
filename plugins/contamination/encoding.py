"""GX506/GX507: text damaged by decoding: mojibake, and question marks that replaced characters."""

from __future__ import annotations

import re
from typing import Iterator

from gxlint.document import Span
from gxlint.plugin import (
    Context,
    Diagnostic,
    Edit,
    Fix,
    PINYIN_ANNOTATION,
    is_reading,
    garbled_sign,
    lazy_compile,
    line_search,
    mojibake_spans,
    rule,
)


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
def mojibake(ctx: Context) -> Iterator[Diagnostic]:
    # U+FFFD that decoding itself produced is GX003's finding, not garbled published text.
    decoded_away = ctx.document.reader_notes.get("decode_replaced") or frozenset()
    lines = ctx.lines
    # only the lines with U+FFFD or a Han character outside GB2312 level 1 may hold any (what
    # may_be_garbled() tells line by line, given the text's rare_han(): a set of every such
    # character, which on a page in Traditional characters was a list of most of them first)
    for k in line_search(ctx).indexes(garbled_sign(), "raw"):
        unit = lines[k]
        value = unit.value
        spans = mojibake_spans(value)
        if decoded_away:
            start_at = unit.text.start_at
            spans = [s for s in spans if s[2] or start_at(s[0]) not in decoded_away]
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


_STRAY_Q = lazy_compile(r"(?<![A-Za-z0-9_./=&%-])(\d+(?:\.\d+)?)([?？])(?=$|[\s\u4e00-\u9fff%|，。、；：,;:)）])")


def stray_question_marks(value: str) -> Iterator[re.Match]:
    # one match at a time: a line of 40,000 stray marks made a list of 6 MiB of matches
    return _STRAY_Q.finditer(value)


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
def stray_question_mark(ctx: Context) -> Iterator[Diagnostic]:
    lines = ctx.lines
    units = [lines[k] for k in line_search(ctx).indexes_with("?？", "raw")]
    if not units:
        return
    owned: list[Span] | None = None  # reported by the placeholders family (GX304): asked at the first match
    for unit in units:
        for match in stray_question_marks(unit.value):
            span = unit.text.span(match.start(2), match.end(2))
            if owned is None:
                owned = _table_question_spans(ctx)
            if any(o.start <= span.start and span.end <= o.end for o in owned):
                continue
            yield ctx.report(
                span,
                fix=Fix(edits=(Edit(span.start, span.end),), safe=True, description="remove the '?'"),
                number=match.group(1),
                found=match.group(0),
            )
