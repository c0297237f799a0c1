"""Which of the six standard sections a heading means, for rules.

:func:`gxlint.structure.canonical_section` is strict on purpose: the structure pass must
not promote a sub-topic to a section.  Rules that ask "is this section 四?" also accept a
heading with a typo (四、政府信息公开行政法复议、行政诉讼情况).
"""

from __future__ import annotations

from gxlint.document import Block, Document, Heading, Section, Span
from gxlint.lazy_pattern import lazy_compile
from gxlint.structure import canonical_section

_LOOSE = (
    (4, lazy_compile(r"复议.{0,10}诉讼")),
    (5, lazy_compile(r"存在.{0,4}问题|问题.{0,8}(?:改进|整改)")),
    (6, lazy_compile(r"^其他.{0,6}(?:报告|说明|汇报).{0,3}事项")),
)


def section_number(heading: Heading) -> int | None:
    """1–6: the standard section a heading means (structure's mapping, then looser wording)."""
    number = canonical_section(heading)
    if number is not None:
        return number
    title = heading.title.compact.value if heading.title is not None else heading.text.compact.value
    title = title.rstrip(":。.;")
    if len(title) > 40:
        return None
    for n, pattern in _LOOSE:
        if pattern.search(title):
            return n
    return None


_KEY = "analysis.standard_sections"


class _Numbered:
    """The top-level sections of one ``sections`` list with their :func:`section_number`."""

    __slots__ = ("sections", "pairs", "numbers")

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self.pairs = [(s, section_number(s.heading)) for s in sections if s.heading.level == 1]
        self.numbers = frozenset(n for _, n in self.pairs if n is not None)


def _numbered(document: Document) -> _Numbered:
    # worked out once per document: rules ask a dozen times a report, each asking cost
    # about 26,000 instructions on a report of six sections
    found = document.cache.get(_KEY)
    if type(found) is not _Numbered or found.sections is not document.sections:
        found = document.cache[_KEY] = _Numbered(document.sections)
    return found


def standard_sections(document: Document) -> list[tuple[Section, int | None]]:
    """(section, :func:`section_number` of its heading) of each top-level section."""
    return _numbered(document).pairs


def standard_section_numbers(document: Document) -> frozenset[int]:
    """Which of the six standard sections (1–6) the document's top-level headings are."""
    return _numbered(document).numbers


def section_structure_found(document: Document, year: int | None) -> bool:
    """Whether the six-section checks can run: two standard sections found, or one in a
    report for 2019 or later (a partial copy).  When not, nothing about the sections was
    checked, and the file must say so (GX021), not pass."""
    numbers = standard_section_numbers(document)
    return len(numbers) >= 2 or (len(numbers) == 1 and year is not None and year >= 2019)


def pictures_in(document: Document, section: Section) -> list[tuple[Span, str]]:
    """(where, address) of the pictures the reader found in a top-level section (from its
    heading to the next top-level heading): where a statistics table should be, a picture
    is a table published as an image (GX023)."""
    pictures = document.reader_notes.get("pictures") if isinstance(document.reader_notes, dict) else None
    if not pictures:
        return []
    start = section.heading.span.start
    later = [s.heading.span.start for s in document.sections
             if s.heading.level == 1 and s.heading.span.start > start]
    end = min(later) if later else len(document.source.text) + 1
    return [(where, src) for where, src in pictures if start <= where.start < end]


_FIGURE = lazy_compile(r"(?<![0-9])[0-9]+(?![0-9])")

# A section whose text holds at least this many figures holds data, as a table flattened into
# lines of text (a PDF's, a converter's) or as prose: it is not "without a table" (GX108),
# and when no table is read from it, its table was not checked (GX017).
FLATTENED_FIGURES = 6


def figures_as_text(section: Section) -> Block | None:
    """The first block of a section with figures in its text when the section's blocks
    hold at least :data:`FLATTENED_FIGURES` of them (a table flattened into text lines, or
    data given in prose); None otherwise."""
    count, first = 0, None
    for block in section.blocks:
        found = len(_FIGURE.findall(block.text.value))
        if found and first is None:
            first = block
        count += found
    return first if count >= FLATTENED_FIGURES else None


def last_section_of_cut_text(document: Document) -> int | None:
    """The number of the last standard section when the text ends before section 六 with
    no closing line (a partial copy: the sections after it are "not in the file", not
    "missing from the report"); None for a text that reaches its end."""
    numbers = _numbered(document).numbers
    if not numbers:
        return None
    last = max(numbers)
    closing = document.reader_notes.get("closing") if isinstance(document.reader_notes, dict) else None
    if last >= 6 or closing:
        return None
    return last
