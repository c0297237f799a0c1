"""Time and run every stage of one lint separately: decode, read, structure, each rule.

The engine runs the same stages in one go; here each is timed on its own so that a
benchmark or test can say *which* reader or rule is slow on an input.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class StageTimes:
    """CPU seconds per stage: ``decode``, ``read``, ``structure``, then one per rule code."""

    seconds: dict[str, float] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def total(self) -> float:
        return sum(self.seconds.values())


def _registry():
    global _REGISTRY
    try:
        return _REGISTRY
    except NameError:
        from gxlint.plugin.manager import load_plugins

        _REGISTRY = load_plugins()
        return _REGISTRY


def time_stages(raw: bytes, fmt: str, path: str = "<hostile>") -> StageTimes:
    """Run decode → reader → structure → every registered rule on ``raw``, timing each."""
    from gxlint.document import Source
    from gxlint.plugin.api import Context
    from gxlint.readers.decode import decode
    from gxlint.structure import annotate

    registry = _registry()
    out = StageTimes()
    clock = time.process_time

    start = clock()
    decoded = decode(raw, fmt)
    out.seconds["decode"] = clock() - start
    source = Source(path, decoded.text, format=fmt, encoding=decoded.encoding, raw=raw, had_bom=decoded.had_bom)

    start = clock()
    try:
        document = registry.readers[fmt].read(source)
    except Exception as error:  # an InputError (refused input) ends the run, as in the engine
        out.seconds["read"] = clock() - start
        out.errors["read"] = f"{type(error).__name__}: {error}"
        return out
    out.seconds["read"] = clock() - start

    start = clock()
    annotate(document)
    document.reader_notes["decode_replaced"] = frozenset(decoded.replaced)
    out.seconds["structure"] = clock() - start

    ctx = Context(document, {})
    # the shared analysis, stage by stage, so that a slow one is not charged to the first
    # rule that happens to ask for it
    for name, compute in (
        ("analysis.tables", lambda: ctx.tables),
        ("analysis.facts", lambda: ctx.facts),
        ("analysis.lines", lambda: (ctx.lines, ctx.furniture_lines)),
        ("analysis.figures", lambda: ctx.prose.figures),
        ("analysis.claims", lambda: ctx.prose.claims),
        ("analysis.parts_lists", lambda: ctx.prose.parts_lists),
    ):
        start = clock()
        try:
            compute()
        except Exception as error:
            out.errors[name] = f"{type(error).__name__}: {error}"
        out.seconds[name] = clock() - start

    for code, rule in registry.rules.items():
        ctx.rule = rule
        start = clock()
        try:
            for _ in rule.check(ctx) or ():
                pass
        except Exception as error:
            out.errors[code] = f"{type(error).__name__}: {error}"
        out.seconds[code] = clock() - start
    return out
