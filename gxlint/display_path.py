"""File names as every output format can hold them.

On POSIX a file name is bytes; Python keeps bytes that are not UTF-8 as lone surrogates
(``bad\\udcff.txt``), which no UTF-8 output can carry: JSON, SARIF, XML and the terminal
formats would be invalid UTF-8 or fail.  Reports show such a name with each undecodable
byte as ``\\xNN`` (``bad\\xff.txt``); the file itself is still read and fixed by its real name.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable, Iterator


def display_path(path: str) -> str:
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def with_display_paths(linted: Iterable[Any]) -> Iterator[Any]:
    """Each ``Linted`` item, its result (path, findings, excerpt, facts) under a display path."""
    for item in linted:
        result = item.result
        shown = display_path(result.path)
        if shown != result.path:
            result.path = shown
            result.diagnostics = [replace(d, path=display_path(d.path)) for d in result.diagnostics]
            for part in (getattr(result, "source", None), getattr(result, "facts", None)):
                if part is not None and hasattr(part, "path"):
                    try:
                        part.path = shown
                    except AttributeError:
                        pass
        yield item
