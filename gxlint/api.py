"""gxlint's Python API: lint a path, bytes or text; read a document and its tables.

Everything here is also importable from the package root (``gxlint.lint_path`` …),
loaded only when first used.  See ``docs/api.md`` for examples.

Settings are keyword arguments with the command line's meaning:

``select``, ``extend_select``, ``ignore``
    rule codes, prefixes, names or ``ALL`` (lists of strings), applied after the
    configuration files, as ``--select`` / ``--extend-select`` / ``--ignore``;
``config``
    one configuration file for every input (``--config``);
``isolated``
    ignore every configuration file (``--isolated``); the default is to use the
    configuration nearest each file, as the command line does;
``plugins``
    ``-p`` values: ``"no:NAME"`` disables an installed plugin, ``"MODULE"`` loads one.

Sessions (plugins loaded, configuration parsed) are kept per set of settings, so
linting many files with the same settings loads the plugins once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from gxlint.analysis import analyse
from gxlint.engine import FileResult
from gxlint.session import Session, SessionSpec, SetupError

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.document import Document
    from gxlint.tables.model import StandardTables

__all__ = [
    "FileResult", "Reading", "Session", "SetupError", "lint_bytes", "lint_path", "lint_paths",
    "lint_text", "read_document", "session",
]


def session(*, select: Sequence[str] | None = None, extend_select: Sequence[str] = (),
            ignore: Sequence[str] = (), config: str | os.PathLike | None = None, isolated: bool = False,
            plugins: Sequence[str] = ()) -> Session:
    """The :class:`~gxlint.session.Session` for these settings (built once, then reused).

    Raises :class:`~gxlint.session.SetupError` for an unknown rule, a broken
    configuration file or a plugin that fails to load."""
    spec = SessionSpec(
        plugins=tuple(plugins), config_file=None if config is None else os.fspath(config), isolated=isolated,
        select=None if select is None else tuple(select), extend_select=tuple(extend_select),
        ignore=tuple(ignore),
    )
    return _session(spec)


@lru_cache(maxsize=8)
def _session(spec: SessionSpec) -> Session:
    return Session(spec)


def lint_path(path: str | os.PathLike, **settings: Any) -> FileResult:
    """Lint one file.  The result's ``diagnostics`` are sorted by position; ``fatal`` is
    true when the file could not be linted (its one diagnostic says why); ``document``
    is the parsed document (None when it could not be read)."""
    name = os.fspath(path)
    return session(**settings).lint(name, keep_document=True).result


def lint_bytes(data: bytes, name: str, **settings: Any) -> FileResult:
    """Lint a report's bytes as if read from the file ``name`` (which decides the
    format by its extension, the content where the extension cannot, see
    :mod:`gxlint.readers.sniff`, and the configuration by its directory)."""
    return session(**settings).lint(name, bytes(data), keep_document=True).result


def lint_text(text: str, name: str = "report.txt", **settings: Any) -> FileResult:
    """Lint decoded text (encoded as UTF-8 for the readers; ``name`` as for
    :func:`lint_bytes`)."""
    return lint_bytes(text.encode("utf-8"), name, **settings)


def lint_paths(paths: Iterable[str | os.PathLike], *, jobs: int = 1, **settings: Any) -> Iterator[FileResult]:
    """Lint files and directories (walked as the command line walks them), yielding each
    file's result in order as soon as it is done.  These results are *slim*: no
    document, and ``source`` keeps only the lines the findings are on.  ``jobs`` > 1
    lints in worker processes, with the same results."""
    current = session(**settings)
    inputs = current.collect([os.fspath(p) for p in paths])
    for linted in current.lint_many(inputs, jobs=jobs):
        yield linted.result


@dataclass
class Reading:
    """A document read and structured exactly as linting reads it, with no rule run."""

    path: str
    document: "Document | None"
    diagnostics: list  # input findings only (GX0xx): decoding, not a report, …
    fatal: bool

    @property
    def tables(self) -> "StandardTables | None":
        """The three statistics tables, recognised into canonical keys."""
        if self.document is None:
            return None
        return analyse(self.document).tables


def read_document(path: str | os.PathLike | None = None, *, data: bytes | None = None, text: str | None = None,
                  name: str | None = None, format: str | None = None, **settings: Any) -> Reading:
    """Read one input: a ``path``, or ``data`` (bytes) or ``text`` named ``name``.
    ``format`` (``html``, ``markdown``, ``text`` or a plugin's) overrides the one the
    extension gives."""
    if sum(x is not None for x in (path, data, text)) != 1:
        raise TypeError("read_document() takes exactly one of path, data= and text=")
    current = session(**settings)
    result = current.read(None if path is None else os.fspath(path), data, text=text, name=name, format=format)
    return Reading(result.path, result.document, result.diagnostics, result.fatal)
