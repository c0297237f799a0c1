"""What the cache (:mod:`gxlint.cache`) keeps of one file's result, and the result back.

An entry holds the result in the form a run keeps it until the report: the compressed
blob of a :class:`~gxlint.results.PackedResult`.  Beside it are the file's facts, each
form pickled on its own: compact for the multi-report rules of a packed run
(:func:`gxlint.report_facts.compact`), in full for the formats and modes that keep live
results (``summary``, ``html``, ``--fix``…).  So a hit of a packed run goes into the
run's :class:`~gxlint.result_stream.ResultStream` as stored, without unpacking the
result and packing it again, and without reading the full facts.

Nothing in an entry is taken on trust: every part is decoded by the cache's restricted
unpickler (:meth:`gxlint.cache.Cache.loads`), and the blob is unpacked once at the hit,
so an entry that does not decode, has the wrong shape or names a rule this session does
not know is a miss (LookupError, TypeError or ValueError), never a result.
"""

from __future__ import annotations

import pickle
import zlib
from typing import Any, Callable, Mapping

from gxlint.coverage import not_a_report
from gxlint.diagnostics import RuleMeta
from gxlint.engine import FileResult
from gxlint.report_facts import PackedCells, ReportFacts, compact
from gxlint.results import PackedResult, pack_blob, tally, unpack

Loads = Callable[[bytes], Any]


def _dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def stored(result: FileResult, *, keep_facts: bool = False) -> tuple[dict[str, Any], PackedResult] | None:
    """The entry for ``result`` (slim or with its document), and the result packed as a
    run keeps it (the same blob; its compact facts when ``keep_facts``); None when its
    facts do not pickle (a plugin's value): such a result is not cached."""
    blob = pack_blob(result)
    facts = result.facts
    small = None if facts is None or result.fatal else compact(facts)
    try:
        entry = {
            "blob": blob,
            "compact": None if small is None else _dumps(small),
            "facts": None if facts is None else _dumps(facts),
        }
    except Exception:  # whatever a plugin's value raises when pickled
        return None
    return entry, PackedResult.of_blob(result.path, blob, tally(result), small if keep_facts else None,
                                       not_a_report(result))


def _opened(entry: Mapping[str, Any], loads: Loads, metas: Mapping[str, RuleMeta], path: str) -> FileResult:
    blob = entry["blob"]
    if not isinstance(blob, bytes):
        raise TypeError("the blob is not bytes")
    try:
        data = loads(zlib.decompress(blob))
    except zlib.error as error:
        raise ValueError(str(error)) from None
    if not isinstance(data, dict) or data.get("facts") is not None:
        raise TypeError("the blob is not a packed result")
    return unpack(data, metas, path=path)  # UnknownRule (a LookupError) for a rule not loaded


def _facts(entry: Mapping[str, Any], part: str, loads: Loads) -> ReportFacts | None:
    pickled = entry[part]
    if pickled is None:
        return None
    if not isinstance(pickled, bytes):
        raise TypeError(f"the {part} facts are not bytes")
    facts = loads(pickled)
    if not isinstance(facts, ReportFacts) or (part == "compact") != isinstance(facts.cells, PackedCells):
        raise TypeError(f"the {part} facts are not report facts")
    return facts


def packed(entry: Mapping[str, Any], loads: Loads, metas: Mapping[str, RuleMeta], path: str,
           keep_facts: bool) -> PackedResult:
    """The result of ``entry`` as a packed run keeps it, named ``path``; with its compact
    facts when ``keep_facts``."""
    result = _opened(entry, loads, metas, path)  # checked, then dropped: the blob is kept as stored
    facts = _facts(entry, "compact", loads) if keep_facts and not result.fatal else None
    if facts is not None:
        facts.path = path
    return PackedResult.of_blob(path, entry["blob"], tally(result), facts, not_a_report(result))


def live(entry: Mapping[str, Any], loads: Loads, metas: Mapping[str, RuleMeta], path: str) -> FileResult:
    """The slim result of ``entry`` with its full facts, named ``path``."""
    result = _opened(entry, loads, metas, path)
    facts = _facts(entry, "facts", loads)
    if facts is not None:
        facts.path = path
    result.facts = facts
    return result
