"""Bytes to text, carefully: the order a Chinese government page needs.

1. a byte-order mark;
2. for HTML, the charset the page declares (``<meta charset>`` or ``http-equiv``);
   ``gb2312``/``gbk`` are read as GB18030, their superset, as browsers do;
3. strict UTF-8;
4. strict GB18030, then strict Big5 (only if the text then looks like Chinese);
5. charset-normalizer's detection;
6. UTF-8 with replacement characters, reported as a finding (never a crash).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from gxlint.lazy_pattern import lazy_compile

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

META_CHARSET = lazy_compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)

ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
           "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "utf8": "utf-8", "unicode": "utf-8"}

REPLACEMENT = "\ufffd"


@dataclass
class Decoded:
    """A file's text as decoded: the encoding taken, and the replacements and mixtures decoding met."""
    text: str
    encoding: str
    had_bom: bool = False
    replaced: list[int] = field(default_factory=list)  # offsets of U+FFFD we introduced
    declared: str | None = None
    mixed: bool = False  # lines in different encodings (UTF-8 and GB18030), decoded one by one


def canonical_encoding(name: str) -> str | None:
    name = name.strip().lower()
    name = ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(raw: bytes) -> str | None:
    match = META_CHARSET.search(raw[:8192])
    if not match:
        return None
    return canonical_encoding(match.group(1).decode("ascii", "ignore"))


def _cjk_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:4000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    letters = sum(1 for ch in sample if not ch.isspace() and not ch.isascii()) or 1
    return cjk / letters


# the bytes the encoding detector reads (see decode())
_DETECT_BYTES = 64 * 1024


def decode(raw: bytes, format: str = "text") -> Decoded:
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            text = raw[len(bom):].decode(encoding, errors="replace")
            return _finish(text, encoding, had_bom=True)
    declared = declared_charset(raw) if format == "html" else None
    if declared and _is_utf16_or_32(declared):
        # a charset found in ASCII bytes cannot be UTF-16/32: browsers read such a page as
        # UTF-8 (HTML's "decode" algorithm), and so does gxlint
        declared = "utf-8"
    if declared:
        try:
            return Decoded(raw.decode(declared), declared, declared=declared)
        except (UnicodeDecodeError, LookupError):
            pass  # the page lies about its charset: fall through to the other checks
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", declared=declared)
    except UnicodeDecodeError:
        pass
    utf16 = utf16_without_bom(raw)
    if utf16 is not None:
        return _finish(raw.decode(utf16, errors="replace"), utf16, declared=declared)
    for encoding in ("gb18030", "big5hkscs"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _cjk_ratio(text) > 0.6:
            return Decoded(text, encoding, declared=declared)
    mixed = _decode_lines(raw)
    if mixed is not None:
        return mixed
    # The detector keeps the whole decoded text of every candidate encoding (a 200 KB file
    # peaked at 12.8 MiB, issue 9): a long file is judged by its first _DETECT_BYTES (cut at
    # a line's end) and then decoded whole in the encoding found.
    sample = raw
    if len(raw) > _DETECT_BYTES:
        cut = raw.rfind(b"\n", 0, _DETECT_BYTES)
        sample = raw[: cut + 1 if cut > 0 else _DETECT_BYTES]
    try:
        from charset_normalizer import from_bytes  # lazy: only for bytes no declared or likely charset reads

        best = from_bytes(sample).best()
    except Exception:  # the detector is advisory; never let it crash a lint run
        best = None
    if best is not None and best.encoding:
        try:
            name = codecs.lookup(best.encoding).name
            return Decoded(str(best) if sample is raw else raw.decode(name), name, declared=declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return _finish(raw.decode(declared or "utf-8", errors="replace"), declared or "utf-8", declared=declared)


def _decode_lines(raw: bytes) -> Decoded | None:
    """Files pasted together from pages in different charsets: decode line by line.

    A detector would pick one charset and garble the other half; each line on its own is
    usually valid UTF-8 or valid GB18030.  Lines that are neither get replacement
    characters (reported as GX003).  Returns None unless both encodings really occur.
    """
    pieces: list[str] = []
    used: set[str] = set()
    failed = 0
    for line in raw.split(b"\n"):
        if line.isascii():
            pieces.append(line.decode("ascii"))
            continue
        try:
            pieces.append(line.decode("utf-8"))
            used.add("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        try:
            text = line.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        if text is not None and _cjk_ratio(text) > 0.6:
            pieces.append(text)
            used.add("gb18030")
        else:
            pieces.append(line.decode("utf-8", errors="replace"))
            failed += 1
    lines = len(pieces)
    if used != {"utf-8", "gb18030"} or failed > max(2, lines // 20):
        return None
    decoded = _finish("\n".join(pieces), "mixed")
    decoded.mixed = True
    return decoded


def _finish(text: str, encoding: str, had_bom: bool = False, declared: str | None = None) -> Decoded:
    replaced = [i for i, ch in enumerate(text) if ch == REPLACEMENT]
    return Decoded(text, encoding, had_bom=had_bom, replaced=replaced, declared=declared)


def _is_utf16_or_32(name: str) -> bool:
    try:
        return codecs.lookup(name).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def _plausible(ch: str) -> bool:
    """A character of a Chinese report: CJK, CJK or general punctuation, printable ASCII."""
    o = ord(ch)
    return (0x20 <= o < 0x7F or ch in "\t\n\r" or 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF
            or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or 0xA0 <= o <= 0xFF)


def utf16_without_bom(raw: bytes) -> str | None:
    """``"utf-16-le"`` / ``"utf-16-be"`` when ``raw`` reads as Chinese text in that encoding
    (saved by an editor without a byte-order mark), else None."""
    head = raw[:8192]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 16:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = head.decode(encoding, errors="replace")
        if not any(0x4E00 <= ord(ch) <= 0x9FFF for ch in text):
            continue
        if sum(map(_plausible, text)) >= 0.95 * len(text):
            return encoding
    return None


def looks_binary(raw: bytes) -> bool:
    """NUL bytes or a high share of control bytes: not a text or HTML file."""
    if not raw:
        return False
    head = raw[:8192]
    # the cheap byte checks first: UTF-16 (which has NULs and control bytes) is looked for
    # only in a head that would otherwise count as binary
    if b"\x00" not in head and len(head.translate(None, _NOT_CONTROL)) / len(head) <= 0.05:
        return False
    return not (head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head))


# every byte but the control bytes that mark a binary file (tab, newlines, form feed and
# escape are text): deleting these leaves the control bytes to count
_NOT_CONTROL = bytes(range(32, 256)) + b"\t\n\x0c\r\x1b"
