"""From a flat list of blocks to a report's structure: title, intro, sections, closing.

Readers produce blocks in reading order; this pass (shared by every format) recognises
the title, top-level headings by their ordinals (一、 / 一. / 1、 / Markdown headings),
sub-headings （一）, and groups blocks into :class:`gxlint.document.Section`.
"""

from __future__ import annotations

from gxlint.document import Document


def annotate(document: Document) -> None:
    """Fill ``document.title``, ``intro`` and ``sections`` from ``document.blocks``."""
    raise NotImplementedError


def looks_like_report(document: Document) -> bool:
    """False when the input has none of the signs of an annual report (GX004)."""
    raise NotImplementedError
