"""Where a report sits in the other shapes of HTML page (used by :mod:`gxlint.readers.html`).

* :func:`report_signal` — does a block's text say "this is the report" (a standard section
  heading or a standard table label)?  Used to tell the report from page furniture: a
  block with such a signal outside the chosen container means the container is too small
  (a second editor container of a paginated article, or a densest-text guess that caught
  one wrapper of a bare document).
* :func:`script_markup` — the report's markup held in a JavaScript string literal (pages
  that render the article with JavaScript), decoded with the source span of every
  character so findings still point into the file.
"""

from __future__ import annotations

import re

from gxlint.document import Text, TextBuilder
from gxlint.lazy_pattern import lazy_compile
from gxlint.normalize import has_traditional, to_simplified

# A standard section heading at the start of a block, or a label only the standard tables
# carry.  Matched on the compact, Simplified text.
_SIGNAL = lazy_compile(
    r"^[一二三四五六七八][、.．](?:总体情况|概述|主动公开政府信息|收到和处理政府信息公开申请|"
    r"(?:因)?政府信息公开(?:工作)?(?:被申请)?行政(?:法)?复议|(?:政府信息公开工作)?存在的主要问题|"
    r"其他需要报告|依申请公开)"
    r"|本年新收政府信息公开申请数量|第二十条第[(（]一[)）]项|未经复议直接起诉|本年制发件数"
)


def report_signal(value: str) -> bool:
    compact = "".join(value.split())
    if not compact:
        return False
    if _SIGNAL.search(compact):
        return True
    return has_traditional(compact) and bool(_SIGNAL.search(to_simplified(compact)))


# --- markup inside a script string -----------------------------------------------------------

# (runs of plain characters and the runs possessively: the regex engine kept a
# backtracking point a character, 60 MiB for a 500 KB string in a page's script)
_LITERAL = lazy_compile(r'"(?:[^"\\\n]++|\\[\s\S])*+"|\'(?:[^\'\\\n]++|\\[\s\S])*+\'')
_MARKUP = lazy_compile(r"<\s*(?:p|table|div|span|br|h[1-6])\b", re.IGNORECASE)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
MIN_MARKUP = 200  # characters: a report is never shorter; short strings are UI snippets


def _decode_literal(body: Text) -> Text:
    """A JavaScript string literal's body (without quotes) decoded; each character keeps the
    span of the escape sequence it came from.  Runs without a backslash are taken whole,
    with their runs of offsets (a list entry and two offsets a character took 20 MiB for
    a 500 KB literal)."""
    value = body.value
    built = TextBuilder()
    i = 0
    n = len(value)
    while i < n:
        k = value.find("\\", i)
        if k == -1:
            k = n
        if k > i:  # plain characters up to the next backslash
            built.add_text(body[i:k])
            i = k
            continue
        if i + 1 == n:  # a backslash that ends the body stands for itself
            built.add_text(body[i:n])
            break
        nxt = value[i + 1]
        j = i + 2
        if nxt in _SIMPLE_ESCAPES:
            ch = _SIMPLE_ESCAPES[nxt]
        elif nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", value[i + 2:i + 6] or ""):
            ch, j = chr(int(value[i + 2:i + 6], 16)), i + 6
        elif nxt == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", value[i + 2:i + 4] or ""):
            ch, j = chr(int(value[i + 2:i + 4], 16)), i + 4
        elif nxt == "\n":
            i = j  # a line continuation produces nothing
            continue
        else:
            ch = nxt  # \" \' \\ \/ and any other escaped character stand for themselves
        span = body[i:j].span()
        built.add_spanning(ch, span.start, span.end)
        i = j
    return built.build()


def script_markup(script: Text) -> Text | None:
    """The markup a script renders: its string literals that hold markup with report
    signals, decoded and joined in order (``'<p>…' + '…</p>'`` is one article), or None."""
    found: list[Text] = []
    for match in _LITERAL.finditer(script.value):
        if match.end() - match.start() < 40:
            continue
        decoded = _decode_literal(script[match.start() + 1:match.end() - 1])
        if _MARKUP.search(decoded.value):
            found.append(decoded)
    if not found:
        return None
    markup = Text.join(found)
    if len(markup) < MIN_MARKUP:
        return None
    plain = "".join(re.sub(r"<[^>]*>", "", markup.value).split())
    if "信息公开" not in to_simplified(plain):
        return None  # markup, but not a report's
    return markup
