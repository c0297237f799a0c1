"""Rule module 'contamination' (GX5xx): text that is not the report.

Page chrome (header and footer), injected spam, hidden links, leaked pinyin
annotations, mojibake, stray question marks, Traditional-character conversions and
PDF-extraction residue.

The unit of a finding is a *line* of a text or Markdown file (copied text keeps one
paragraph or cell per line) and a *block* of an HTML page (a paragraph, a heading or
a table row).  For HTML only the report's own content (``document.blocks``) is checked
for chrome and residue: the page's own header and footer (``document.furniture``) are
expected there.  Spam and hidden links are reported wherever they are.

One module per topic: ``chrome`` (GX501, GX502), ``spam`` (GX503), ``links`` (GX504),
``pinyin`` (GX505), ``encoding`` (GX506, GX507), ``traditional`` (GX508), ``pdf_residue``
(GX509); ``edits`` holds the spans and edits they share.
"""

from __future__ import annotations

from gxlint.plugin import Rule, hookimpl

from .chrome import header_chrome_in_text, footer_chrome_in_text
from .spam import injected_spam
from .links import hidden_links
from .pinyin import pinyin_annotations
from .encoding import mojibake, stray_question_mark
from .traditional import traditional_characters
from .pdf_residue import pdf_residue


@hookimpl
def gxlint_rules() -> list[Rule]:
    return [
        header_chrome_in_text,
        footer_chrome_in_text,
        injected_spam,
        hidden_links,
        pinyin_annotations,
        mojibake,
        stray_question_mark,
        traditional_characters,
        pdf_residue,
    ]
