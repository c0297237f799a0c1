"""``--format full`` (the default; alias ``text``): findings with a code frame.

::

    report.txt:12:9: GX201 [error] 合计 100 与各项之和 98 不符
       |
    12 | 本年度收到申请 100 件
       |        ^^^
    ...
    Found 3 problems (1 error, 2 warnings, 0 info) in 1 file.

The caret line is aligned in terminal cells, so it sits under the right characters
when the line holds double-width Chinese characters.  Very long lines (minified HTML)
are cut to a window around the finding.  Colour only on a terminal, never when
``NO_COLOR`` is set.  Without colour the lines are written as plain strings: rich's
console (about 10 ms to import) is loaded only for colour or a line it must lay out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping, Sequence, TextIO

from rich.cells import cell_len, get_character_cell_size

from gxlint.reporters._common import SEVERITY_LABELS, has_line, lang_of, page_of, summary
from gxlint.lazy_pattern import lazy_compile

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.engine import FileResult

STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
MAX_CELLS = 100
# A report line: (text, rich style or None) pieces.
Line = list[tuple[str, "str | None"]]
ELLIPSIS = "…"


# Tabs and control characters shown as one space each (one cell, so carets stay aligned).
_CONTROLS_AS_SPACE = {code: " " for code in (*range(32), 0x7F)}


def _clean(line: str) -> str:
    return line.translate(_CONTROLS_AS_SPACE)


def window(line: str, start: int, end: int, max_cells: int = MAX_CELLS) -> tuple[str, int, int]:
    """Cut ``line`` around ``[start, end)`` (character indexes) to at most ``max_cells``
    cells.  Returns the shown text, the cells before the span, and the span's width in
    cells (at least 1)."""
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    # Only the neighbourhood of the span can be shown: cut to it first, so a finding on a
    # 5 MB line costs as much as one on a short line (issue 9).
    margin = 4 * max_cells
    lo, hi = max(0, start - margin), min(len(line), start + 2 * margin)
    cut_before, cut_after = lo > 0, hi < len(line)
    line = _clean(line[lo:hi])
    start, end = start - lo, min(end, hi) - lo
    left, right = 0, len(line)
    if cut_before or cut_after or cell_len(line) > max_cells:
        budget = max_cells - 2
        left = start
        used = 0
        # up to a third of the window before the span
        while left > 0 and used + get_character_cell_size(line[left - 1]) <= budget // 3:
            left -= 1
            used += get_character_cell_size(line[left])
        right = left
        used = 0
        while right < len(line) and used + get_character_cell_size(line[right]) <= budget:
            used += get_character_cell_size(line[right])
            right += 1
        end = min(end, right)
    prefix = ELLIPSIS if left > 0 or cut_before else ""
    suffix = ELLIPSIS if right < len(line) or cut_after else ""
    shown = prefix + line[left:right] + suffix
    pad = cell_len(prefix + line[left:start])
    width = max(1, cell_len(line[start:end]))
    return shown, pad, width


def frame(source: Any, d: Any) -> list[tuple[str, str, int, int]]:
    """(gutter, line text, pad, width) for the first line of the finding."""
    if not has_line(source, d.line) or (source.line_count == 1 and not source.line_text(1)):
        return []  # no text (a PDF or Word file refused before its text was read)
    text = source.line_text(d.line)
    start = d.column - 1
    end = d.end_column - 1 if d.end_line == d.line else len(text)
    shown, pad, width = window(text, start, end)
    return [(str(d.line), shown, pad, width)]


def render(results: Sequence[FileResult], options: Mapping[str, Any] | None = None) -> Iterator[Line]:
    """The lines of the report, file by file as ``results`` yields them."""
    options = options or {}
    lang = lang_of(options)
    labels = SEVERITY_LABELS[lang]
    show_source = options.get("show_source", True)
    for result in results:
        for d in result.diagnostics:
            severity = d.effective_severity.value
            style = STYLES[severity]
            header: Line = [(f"{d.path}:{d.line}:{d.column}:", "bold"), (" ", None), (d.code, style)]
            if d.fix is not None and (d.fix.safe or options.get("unsafe_fixes")):
                header.append((" [*]", "cyan"))
            header += [(f" [{labels[severity]}] ", style), (d.message(lang), None), (f"  ({d.name})", "dim")]
            yield header
            rows = frame(result.source, d) if show_source else []
            page = page_of(result.source, d) if rows else None
            for gutter, shown, pad, width in rows:
                bar = " " * len(gutter) + " |"
                yield [(bar + (f" ({'第 %d 页' % page if lang == 'zh' else 'page %d' % page})" if page else ""),
                        "blue")]
                yield [(f"{gutter} |", "blue"), (" " + shown, None)]
                yield [(bar, "blue"), (" " + " " * pad, None), ("^" * width, style)]
            if rows:
                yield [("", None)]
    if not options.get("quiet"):
        yield [(summary(results, lang, options.get("unsafe_fixes", False)),
                "bold" if any(r.diagnostics for r in results) else "green")]


# rich drops these control codes from a Text (rich.control.strip_control_codes).
_STRIPPED_BY_RICH = dict.fromkeys((7, 8, 11, 12, 13))
# A newline passes as it is (rich splits the line there and joins it back); anything else
# below U+0020 (a tab rich expands) or DEL is left to rich, so plain output stays byte for
# byte what rich's uncoloured console writes.
_NEEDS_RICH = lazy_compile("[\x00-\x06\x09\x0e-\x1f\x7f]")


def _plain(line: Line) -> str | None:
    text = "".join(piece for piece, _ in line).translate(_STRIPPED_BY_RICH)
    return None if _NEEDS_RICH.search(text) else text


def _rich_text(line: Line):
    from rich.text import Text  # lazy: uncoloured output is written without rich's console

    text = Text()
    for piece, style in line:
        text.append(piece, style=style)
    return text


def _console(stream, color: bool):
    from rich.console import Console  # lazy: see _rich_text (about 10 ms)

    return Console(
        file=stream,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        width=100000 if not color else None,
        legacy_windows=False,
    )


def write(results: Sequence[FileResult], stream: TextIO, options: Mapping[str, Any] | None = None) -> None:
    options = options or {}
    color = bool(options.get("color"))
    console = _console(stream, color) if color else None
    for line in render(results, options):
        plain = None if color else _plain(line)
        if plain is not None:
            stream.write(plain + "\n")
            continue
        if console is None:
            console = _console(stream, color)
        console.print(_rich_text(line), soft_wrap=True, overflow="ignore", crop=False)
