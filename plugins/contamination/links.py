"""GX504: links hidden in the page (``display:none`` and the like) that the reader found."""

from __future__ import annotations

from typing import Iterator

from gxlint.document import Span, Text
from gxlint.plugin import Context, Diagnostic, lazy_compile, normalize_str, rule

from .spam import spam_hits, spam_lexicon, spam_options


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
_UI_WORDS = lazy_compile(r"^(?:你好|您好|注销|退出|登录|注册|个人中心|用户中心|搜索|无障碍|关怀版|简体|繁体|English|首页|返回|关闭|更多|[,，:：\s]+)*+$")  # (possessive, runs of blanks: no backtracking point a character)


@rule("GX504")
def hidden_links(ctx: Context) -> Iterator[Diagnostic]:
    lexicon = spam_lexicon(*spam_options(ctx))
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
