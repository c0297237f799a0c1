"""The report's prose, with the lines that a PDF copy wrapped joined back: ``ctx.prose.units``.

One heuristic for every rule that reads sentences (narrative figures, text quality):

* tables end a unit, and so does every heading, which is a unit of its own;
* blank lines are skipped: in text copied from a PDF a page break falls mid-sentence;
* in text and Markdown copies a line that does not end a sentence (。；！？) is joined
  with the next, however short it is (``（二）部分公开（区分处理的，只`` / ``度办`` /
  ``理结计这一情形）`` is one sentence broken three times) and even after a colon (``电子
  邮箱：`` / ``hzzwgk@126.com）。``); an HTML paragraph is never wrapped, so it is always a
  unit of its own.

This is the text-quality rules' former heuristic; the narrative figures used to stop at
short lines and colons, which split such sentences and gained nothing on any fixture.
"""

from __future__ import annotations

from dataclasses import dataclass

from gxlint.document import Block, Document, Heading, Paragraph, Table, Text
from gxlint.normalize import Normalized

# A line ending with one of these ends its sentence: never joined with the next.
LINE_END_PUNCT = tuple("。；;！!？?")


@dataclass(eq=False, slots=True)  # one per paragraph: no __dict__
class ProseUnit:
    """A paragraph or heading, or PDF-wrapped lines joined back together."""

    text: Text  # the blocks' texts joined
    blocks: list[Block]
    section_title: str = ""  # the normalised title of the section it lies in
    region: int = 0  # the stretch between two headings or tables it lies in
    last: bool = False  # the document's last prose unit

    @property
    def norm(self) -> Normalized:
        """The matching view (see :mod:`gxlint.normalize`)."""
        return self.text.normalized

    @property
    def value(self) -> str:
        return self.text.normalized.value

    @property
    def compact(self) -> Normalized:
        """The matching view without whitespace."""
        return self.text.compact


def _ends_sentence(text: Text) -> bool:
    stripped = text.value.rstrip()
    return not stripped or stripped.endswith(LINE_END_PUNCT)


def prose_units(document: Document) -> list[ProseUnit]:
    """The prose in reading order: paragraphs and headings, never tables."""
    section_titles: dict[int, str] = {}
    for section in document.sections:
        title = section.heading.text.normalized.value
        for block in section.blocks:
            section_titles[id(block)] = title
        section_titles[id(section.heading)] = title
    wrapped = document.format != "html"  # text and Markdown copies wrap lines; HTML <p>s do not
    units: list[ProseUnit] = []
    pending: list[Block] = []
    region = 0

    def flush() -> None:
        if pending:
            # one block (every HTML paragraph): its own text, whose views the rules share,
            # not a copy with views of its own (a page of 11,000 tiny paragraphs, issue 9)
            text = pending[0].text if len(pending) == 1 else Text.join([b.text for b in pending], sep="")
            units.append(ProseUnit(text, list(pending), section_titles.get(id(pending[0]), ""), region))
            pending.clear()

    for block in document.blocks:
        if isinstance(block, Table):
            flush()
            region += 1
            continue
        if not block.text.value.strip():
            continue
        if isinstance(block, Heading) or not isinstance(block, Paragraph):
            flush()
            region += 1
            units.append(ProseUnit(block.text, [block], section_titles.get(id(block), ""), region))
            continue
        if pending:
            last = pending[-1].text
            if not wrapped or _ends_sentence(last):
                flush()
        pending.append(block)
    flush()
    if units:
        units[-1].last = True
    return units
