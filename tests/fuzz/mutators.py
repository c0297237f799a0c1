"""Mutations of real reports, each ``(rng, data, fmt) -> bytes``: what a hostile or broken
publishing pipeline does to a page."""

from __future__ import annotations

import random
import re
from typing import Callable

Mutator = Callable[[random.Random, bytes, str], bytes]


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _at(rng: random.Random, data) -> int:
    return rng.randrange(len(data) + 1)


def byte_flips(rng, data, fmt):
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncation(rng, data, fmt):
    return data[: _at(rng, data)]


def splice(rng, data, fmt, other: bytes = b""):
    other = other or data
    return data[: _at(rng, data)] + other[_at(rng, other):]


def encoding_swap(rng, data, fmt):
    encoding = rng.choice(["gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "shift_jis", "latin-1"])
    text = data.decode("utf-8", "replace")
    if fmt == "html" and rng.random() < 0.5:  # and lie about it, or not
        text = re.sub(r"charset=[\"']?[\w-]+", "charset=" + rng.choice(["utf-8", "utf-16", "gbk", "big5", "bogus"]), text, count=1)
    return text.encode(encoding, "replace")


TAGS = ["<div>", "</div>", "<table>", "</table>", "<tr>", "<td>", "</td>", "<th colspan=999999>", "<p>", "<br>",
        "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "<svg>", "<math>", "<template>", "<td rowspan=0>",
        "<select>", "<frameset>", "<plaintext>", "<title>", "</html>", "<body>", "&#x0;", "&#xD800;", "&nbsp;" * 3]


def tag_soup(rng, data, fmt):
    text = _text(data)
    for _ in range(rng.randint(1, 40)):
        i = _at(rng, text)
        text = text[:i] + rng.choice(TAGS) + text[i:]
    return _bytes(text)


def deep_nesting(rng, data, fmt):
    depth = rng.choice([100, 1000, 5000, 20000])
    opener, closer = rng.choice([("<div>", "</div>"), ("<table><tr><td>", "</td></tr></table>"), ("> ", ""),
                                 ("- ", ""), ("(", ")"), ("<b><i>", "</i></b>"), ("[", "]")])
    i = _at(rng, data)
    return data[:i] + _bytes(opener * depth + "深" + closer * depth) + data[i:]


def giant_table(rng, data, fmt):
    rows, cols = rng.choice([(1000, 10), (200, 200), (3000, 3)])
    if fmt == "html":
        table = "<table>" + ("<tr>" + "<td>1</td>" * cols + "</tr>") * rows + "</table>"
    else:
        table = "\n" + ("| " + " | ".join("0" for _ in range(cols)) + " |\n") * rows
    i = _at(rng, data)
    return data[:i] + _bytes(table) + data[i:]


def long_line(rng, data, fmt):
    unit = rng.choice(["申请", "12", "|", " ", "申请12件", "政府信息公开", "\u2028", "。", "、", "**1** ", "[1](x) "])
    i = _at(rng, data)
    return data[:i] + _bytes(unit * (rng.choice([50_000, 200_000]) // len(unit))) + data[i:]


def many_lines(rng, data, fmt):
    """A run of tiny or blank lines: each is objects however short (GX027 past 10,000)."""
    unit = rng.choice(["\n", "1\n", "申请\n", " \n", "\r\n", "|\n", "一、\n", "<br>\n", "- 1\n", "# 1\n"])
    i = _at(rng, data)
    return data[:i] + _bytes(unit * rng.choice([2_000, 9_000, 60_000])) + data[i:]


def dense_units(rng, data, fmt):
    """A run of one unit a reader or rule treats specially (an entity, a comment, a tag, an
    emphasis, a stray question mark, a line separator …), 20–120 KB of it."""
    from tests.fuzz.hostile_inputs import DENSE_UNITS

    unit, _ = DENSE_UNITS[rng.choice(sorted(DENSE_UNITS))]
    i = _at(rng, data)
    return data[:i] + _bytes(unit * (rng.choice([20_000, 120_000]) // len(unit.encode("utf-8")))) + data[i:]


def nul_bytes(rng, data, fmt):
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        out[_at(rng, out):_at(rng, out)] = b"\x00" * rng.randint(1, 8)
    return bytes(out)


def surrogates(rng, data, fmt):
    text = _text(data)
    for _ in range(rng.randint(1, 10)):
        i = _at(rng, text)
        text = text[:i] + rng.choice(["\ud800", "\udfff", "\ud83d", "\udc00x"]) + text[i:]
    return text.encode("utf-8", "surrogatepass")


def invisible_marks(rng, data, fmt):
    text = _text(data)
    for _ in range(rng.randint(1, 60)):
        i = _at(rng, text)
        text = text[:i] + rng.choice(["\u202e", "\u202d", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2066", "\u2069", "\u00ad"]) + text[i:]
    return _bytes(text)


def full_width_digits(rng, data, fmt):
    return _bytes(_text(data).translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)}))


def huge_numbers(rng, data, fmt):
    text = _text(data)
    numbers = list(re.finditer(r"\d+", text))
    for m in rng.sample(numbers, min(len(numbers), rng.randint(1, 5))):
        text = text[: m.start()] + "9" * rng.choice([20, 4400, 5000, 50_000]) + text[m.end():]
        break  # offsets shift: one per pass is enough
    return _bytes(text)


MUTATORS: dict[str, Mutator] = {
    "byte_flips": byte_flips,
    "truncation": truncation,
    "splice": splice,
    "encoding_swap": encoding_swap,
    "tag_soup": tag_soup,
    "deep_nesting": deep_nesting,
    "giant_table": giant_table,
    "long_line": long_line,
    "many_lines": many_lines,
    "dense_units": dense_units,
    "nul_bytes": nul_bytes,
    "surrogates": surrogates,
    "invisible_marks": invisible_marks,
    "full_width_digits": full_width_digits,
    "huge_numbers": huge_numbers,
}
