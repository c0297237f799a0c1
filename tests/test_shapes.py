"""The same real report in every shape it is published in reads the same (issue 7 §1).

The shapes are rendered from the real reports by tests/fixtures/shapes/make_shapes.py
(see the README there): a CMS page, a fragment, a bare document, a page saved from Word,
a paginated page with two editor containers, a script-rendered page, Markdown and copied
text.  For each report every shape must give the same standard-table cells and the same
totals, placeholders and years findings (codes and figures; positions differ by shape).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, HTML_CORPUS, SEEDS

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"
sys.path.insert(0, str(SHAPES))
import make_shapes  # noqa: E402

PAGES = ("pingtan-2019", "pingtan-2021", "pingtan-2022", "pingtan-2023")
FAMILIES = ("totals", "placeholders", "years")

_LINES = re.compile(r"\blines? \d+(?:[–-]\d+)?(?:, \d+)*")
_QUOTED = re.compile(r"'[^']*'|‘[^’]*’")


def _facts(result, tables):
    """What must not depend on the shape: the table cells, and the findings of the
    arithmetic, placeholder and years families.  Totals and years findings are compared
    by message with line references removed; placeholder findings by code (how many
    rows one finding groups depends on the markup's line layout, not on the report)."""
    cells = tables.to_json()
    exact = sorted(_LINES.sub("lines …", _QUOTED.sub("'…'", d.message("en")))
                   for d in result.diagnostics if d.family in ("totals", "years"))
    codes = sorted({d.code for d in result.diagnostics if d.family == "placeholders"})
    return cells, exact, codes


def _lint(linter, path: Path):
    from gxlint.tables.recognise import recognise

    result = linter.lint_path(str(path))
    assert not result.fatal, [d.message("en") for d in result.diagnostics]
    return _facts(result, recognise(result.document))


def _rendered(tmp_path_factory, name: str, text: Path | None = None) -> dict[str, Path]:
    """The shapes of a page (or of the copied text ``text``): the committed files where
    they exist, else rendered now."""
    rendered = make_shapes.render_page(name) if text is None else make_shapes.render_seed(text)
    out = {}
    folder = tmp_path_factory.mktemp(name)
    for file_name, text in rendered.items():
        committed = SHAPES / file_name
        if committed.exists():
            out[file_name] = committed
        else:
            (folder / file_name).write_text(text, encoding="utf-8")
            out[file_name] = folder / file_name
    return out


@pytest.mark.parametrize("name", PAGES)
def test_page_reads_the_same_in_every_shape(linter, tmp_path_factory, name):
    original = HTML_CORPUS / f"{name}.html"
    reference = _lint(linter, original)
    assert reference[0], f"{name}: no standard table read from the CMS page"
    shapes = _rendered(tmp_path_factory, name)
    assert len(shapes) == len(make_shapes.PAGE_SHAPES)
    for file_name, path in shapes.items():
        assert _lint(linter, path) == reference, file_name


# The seeds, and the complete corpus reports copied off pages.  (Corpus 002 and 005 are text
# extracted from PDFs, wrapped at the page width: rendering each wrapped line as a <p> would
# cut sentences in two, a shape no site publishes.)
TEXTS = [pytest.param(path, id=path.name) for path in sorted(SEEDS.glob("*.txt"))] + \
    [pytest.param(CORPUS / name, id=name) for name in ("001.txt", "003.txt")]


@pytest.mark.parametrize("original", TEXTS)
def test_copied_text_reads_the_same_in_every_shape(linter, tmp_path_factory, original):
    reference = _lint(linter, original)
    assert reference[0], f"{original.name}: no standard table read"
    shapes = _rendered(tmp_path_factory, original.stem, original)
    assert len(shapes) == len(make_shapes.SEED_SHAPES)
    for file_name, path in shapes.items():
        assert _lint(linter, path) == reference, file_name


def test_committed_markup_shapes_are_up_to_date():
    """The shapes cut from a page's own markup must match the generator.  (Those rendered
    from gxlint's blocks follow the readers: regenerate them with make_shapes.py when a
    reader changes; the metamorphic tests above hold either way.)"""
    for name in make_shapes.COMMITTED_PAGES:
        for file_name, text in make_shapes.render_page(name).items():
            if any(f".{shape}." in file_name for shape in ("fragment", "bare", "two-containers", "script")):
                assert (SHAPES / file_name).read_text(encoding="utf-8") == text, file_name


def test_fragment_and_bare_document_are_read_as_the_report(linter):
    """The bug of issue 7: <body> as container made every block page furniture."""
    from conftest import read_document

    for shape in ("fragment", "bare"):
        document = read_document(SHAPES / f"pingtan-2019.{shape}.html")
        assert document.reader_notes["content_container"] == "body"
        assert not document.furniture
        assert document.title is not None and "2019年度政府信息公开工作年度报告" in document.title.text.value
        assert sum(1 for b in document.blocks if b.kind == "table") == 3


def test_two_editor_containers_are_both_read(linter):
    from conftest import read_document

    document = read_document(SHAPES / "pingtan-2023.two-containers.html")
    assert document.reader_notes["content_container"].count("TRS_Editor") == 2
    assert sum(1 for b in document.blocks if b.kind == "table") == 3
    # the sidebar's notice and the site's navigation stay furniture
    assert any("本栏目发布" in b.text.value for b in document.furniture)
    assert not any("本栏目发布" in b.text.value for b in document.blocks)


def test_word_saved_page_keeps_digits_and_skips_office_markup(linter):
    from conftest import read_document

    document = read_document(SHAPES / "pingtan-2023.word.html")
    assert document.reader_notes["content_container"] == "div.WordSection1"
    text = "\n".join(b.text.value for b in document.blocks)
    assert "o:p" not in text and "mso" not in text


def test_script_rendered_page_is_read_from_the_string_with_positions(linter):
    from conftest import read_document

    path = SHAPES / "pingtan-2023.script.html"
    document = read_document(path)
    assert "script_markup" in document.reader_notes
    source = path.read_text(encoding="utf-8")
    tables = [b for b in document.blocks if b.kind == "table"]
    assert len(tables) == 3
    # every cell points at its own characters inside the script string
    for cell in tables[1].cells():
        if cell.text.value.isdigit():
            assert source[cell.text.starts[0]:cell.text.ends[-1]] == cell.text.value


def test_shapes_outside_a_report_page_are_not_widened(linter):
    """Look-alike: a CMS page's sidebar and footer stay furniture (no report signal)."""
    from conftest import read_document

    document = read_document(HTML_CORPUS / "pingtan-2023.html")
    assert document.reader_notes["content_container"] == "div.TRS_Editor"


def test_issue_case_fragment_with_a_blank_total_is_reported(linter, tmp_path):
    """The issue's worst case: a 2019 report stored as a fragment, with a blank 总计 cell,
    printed "All checks passed!".  The real fragment with its row-一 total blanked."""
    text = (SHAPES / "pingtan-2019.fragment.html").read_text(encoding="utf-8")
    start = text.index("本年新收政府信息公开申请数量")
    end = text.index("</tr>", start)
    row = text[start:end]
    total = row.rindex(">23<")  # the row's last cell: 总计 (the 自然人 cell also holds 23)
    path = tmp_path / "blank-total.html"
    path.write_text(text[:start] + row[:total] + ">&nbsp;<" + row[total + 4:] + text[end:], encoding="utf-8")
    result = linter.lint_path(str(path))
    blank = [d for d in result.diagnostics if d.code == "GX305"]
    assert len(blank) == 1 and "一、本年新收政府信息公开申请数量" in blank[0].message("en")
    assert result.checked.all_tables


def test_page_that_loads_its_article_by_script_request_is_not_a_pass(linter, tmp_path):
    """Look-alike of the script shape: the article is fetched at run time, so no string in
    the page holds it.  Nothing can be read: GX017 says the tables were not found."""
    text = (SHAPES / "pingtan-2023.script.html").read_text(encoding="utf-8")
    start = text.index("var article = ")
    end = text.index("\n", start)
    page = text[:start] + 'var article = {}; fetch("/api/article/87885").then(function (r) { return r.json(); });' + text[end:]
    path = tmp_path / "fetched.html"
    path.write_text(page, encoding="utf-8")
    result = linter.lint_path(str(path))
    codes = [d.code for d in result.diagnostics]
    assert "GX019" not in codes
    hits = [d for d in result.diagnostics if d.code == "GX017"]
    assert len(hits) == 1 and "tables 二, 三, 四 (not found in the text that was read)" in hits[0].message("en")
    assert not result.checked.tables


# --- names that hide or misstate the format ------------------------------------------------
# ``wget`` saves a report's address under its last part, with no extension
# (…/202203/af064951df4846eaa6037b7a22fd44ec); a page's source gets saved as .txt, and copied
# text as .html.  The content decides where the name cannot (gxlint.readers.sniff).

NAMELESS = "af064951df4846eaa6037b7a22fd44ec"


def _renamed_copy(tmp_path, path: Path, name: str) -> Path:
    copy = tmp_path / name
    copy.write_bytes(path.read_bytes())
    return copy


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("saved_as", [NAMELESS, "page.txt", "index.jsp"])
def test_page_saved_without_its_extension_reads_the_same(linter, tmp_path, name, saved_as):
    original = HTML_CORPUS / f"{name}.html"
    copy = _renamed_copy(tmp_path, original, saved_as)
    assert _lint(linter, copy) == _lint(linter, original)
    result = linter.lint_path(str(copy))
    assert result.source.format == "html" and result.checked.sections == 6


@pytest.mark.parametrize("original", TEXTS)
@pytest.mark.parametrize("saved_as", [NAMELESS, "report.html"])
def test_copied_text_saved_under_a_page_name_reads_the_same(linter, tmp_path, original, saved_as):
    copy = _renamed_copy(tmp_path, original, saved_as)
    assert _lint(linter, copy) == _lint(linter, original)
    result, reference = linter.lint_path(str(copy)), linter.lint_path(str(original))
    assert result.source.format == "text"
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == \
        [(d.code, d.line, d.column) for d in reference.diagnostics]


def test_what_the_name_says_stands_unless_the_content_settles_it(linter, tmp_path):
    """Look-alikes: a fragment (no doctype) saved as .txt stays text; a .txt that speaks of
    <html> further on stays text; an .html file with a single tag stays HTML; a format asked
    for explicitly is read as asked."""
    fragment = _renamed_copy(tmp_path, SHAPES / "seed-001.fragment.html", "fragment.txt")
    assert linter.lint_path(str(fragment)).source.format == "text"
    mention = tmp_path / "mention.txt"
    mention.write_text((SEEDS / "001_a2685a52b6c2b6a4.txt").read_text(encoding="utf-8")
                       + "\n<!DOCTYPE html><html>\n", encoding="utf-8")
    assert linter.lint_path(str(mention)).source.format == "text"
    one_tag = tmp_path / "one-tag.html"
    one_tag.write_text("<br>" + (SEEDS / "001_a2685a52b6c2b6a4.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert linter.lint_path(str(one_tag)).source.format == "html"
    tagless = _renamed_copy(tmp_path, SEEDS / "001_a2685a52b6c2b6a4.txt", "asked.html")
    assert linter.lint_path(str(tagless), format="html").source.format == "html"


# --- a page saved as one file (MHTML) -------------------------------------------------------
# Chrome's "Webpage, Single File" (.mhtml; the committed files are Chromium's own, see
# snapshot_mhtml.py), IE's and Word's web archive (.mht, a charset such as GB2312 in the
# part's header, quoted-printable or base64), and a site's "export to Word" (.doc).

def _web_archive(page: Path, transfer: str) -> bytes:
    """The page as Internet Explorer and Word save a web archive: multipart/related, the
    page in its own part in GB2312 (GB18030 where GB2312 lacks a character), an image part."""
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    import email.charset

    html = page.read_text(encoding="utf-8")
    charset = "gb2312"
    try:
        html.encode(charset)
    except UnicodeEncodeError:
        charset = "gb18030"
    email.charset.add_charset(charset, email.charset.QP if transfer == "quoted-printable" else email.charset.BASE64,
                              email.charset.QP if transfer == "quoted-printable" else email.charset.BASE64, charset)
    archive = MIMEMultipart("related", type="text/html")
    part = MIMEText(html, "html", charset)
    part["Content-Location"] = f"http://www.pingtan.gov.cn/{page.name}"
    archive.attach(part)
    archive.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(64), "png"))
    return archive.as_bytes()


@pytest.mark.parametrize("name", ("pingtan-2019", "pingtan-2023"))
@pytest.mark.parametrize("saved_as", ["page.mhtml", "page.mht", "export.doc", NAMELESS])
def test_page_saved_by_chromium_as_one_file_reads_the_same(linter, tmp_path, name, saved_as):
    copy = _renamed_copy(tmp_path, SHAPES / f"{name}.chromium.mhtml", saved_as)
    assert _lint(linter, copy) == _lint(linter, HTML_CORPUS / f"{name}.html")
    result = linter.lint_path(str(copy))
    assert result.source.format == "mhtml" and result.checked.all_tables and result.checked.sections == 6


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("transfer", ["quoted-printable", "base64"])
def test_page_saved_as_a_web_archive_in_gb2312_reads_the_same(linter, tmp_path, name, transfer):
    original = HTML_CORPUS / f"{name}.html"
    archive = tmp_path / f"{name}.mht"
    archive.write_bytes(_web_archive(original, transfer))
    assert b"charset=\"gb" in archive.read_bytes()
    assert _lint(linter, archive) == _lint(linter, original)


def test_a_damaged_web_archive_is_an_input_error_not_a_pass(tmp_path):
    sys.path.insert(0, str(SHAPES.parent))
    from clitools import gx_process

    not_mime = tmp_path / "text.mht"
    not_mime.write_bytes((SEEDS / "001_a2685a52b6c2b6a4.txt").read_bytes())
    no_page = tmp_path / "images.mht"
    no_page.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n"
                        b"--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0K\r\n--b--\r\n")
    for path, why in ((not_mime, "it is not a saved web page"), (no_page, "it holds no HTML page")):
        run = gx_process("--isolated", "--no-cache", "-f", "concise", str(path), base=[])
        out = run.stdout.decode("utf-8")
        assert run.returncode == 2 and "GX015" in out and why in out, out
        assert "Traceback" not in run.stderr.decode("utf-8")


def test_wechat_article_hidden_until_its_script_runs_is_read(linter):
    """WeChat's #js_content comes with style="visibility: hidden;" (shown by script): it
    is read as the article.  Look-alikes stay hidden: the same container hidden with
    display:none or the hidden attribute, and an ordinary element hidden with visibility."""
    page = (SHAPES / "pingtan-2023.wechat.html").read_text(encoding="utf-8")
    result = linter.lint_text(page, "wechat.html", format="html")
    assert result.checked.all_tables and result.checked.sections == 6
    for hidden in ('style="display: none;"', 'hidden style="visibility: hidden;"'):
        variant = page.replace('style="visibility: hidden;"', hidden, 1)
        result = linter.lint_text(variant, "wechat.html", format="html")
        assert not result.checked.tables, hidden
    ordinary = page.replace('class="rich_media_content js_underline_content autoTypeSetting24psection" id="js_content"',
                            'class="box"', 1)
    assert not linter.lint_text(ordinary, "box.html", format="html").checked.tables


@pytest.mark.parametrize("name", [*PAGES, *(f"seed-{p.stem.split('_')[0]}" for p in sorted(SEEDS.glob("*.txt")))])
def test_converted_markdown_gives_the_findings_of_plain_markdown(linter, tmp_path, name):
    """Markdown as a converter writes it (section headings as ``##``, each table captioned by
    a heading ``### 表二：…``), and as pandas writes its tables (every merged cell's text
    repeated over its span), give the same findings, every family, as the plain Markdown
    shape: a caption is not the section again (no GX105, GX107), and a merged cell's copies
    are not extra numbers (no GX302, no table left unread)."""
    if name.startswith("seed-"):
        source = next(SEEDS.glob(f"{name[5:]}_*.txt"))
        rendered = make_shapes.render_seed(source)
    else:
        rendered = make_shapes.render_page(name)
    codes = {}
    for shape in ("md", "converted", "grid"):
        file_name = name + make_shapes.FILE_SUFFIX[shape]
        path = tmp_path / file_name
        path.write_text(rendered[file_name], encoding="utf-8")
        result = linter.lint_path(str(path))
        codes[shape] = (sorted(d.code for d in result.diagnostics), result.checked.tables, result.checked.sections)
    assert "### 表" in rendered[name + ".converted.md"]
    assert codes["converted"] == codes["md"] and codes["grid"] == codes["md"]
