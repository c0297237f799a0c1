"""PDF and Word files: tables cell for cell, totals findings, bad input.

The fixtures in tests/fixtures/documents were made from the real reports in
tests/fixtures/reports by two independent producers (LibreOffice HTML → .docx → PDF, and
headless Chromium's print-to-PDF) with tests/fixtures/documents/make_documents.py.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import HTML_CORPUS, SEEDS

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"
REPORTS = ["pingtan-2019", "pingtan-2021", "pingtan-2022", "pingtan-2023", "seed-000", "seed-001", "seed-004"]
PRODUCED = sorted(p.name for p in DOCS.glob("*.*") if p.suffix in (".pdf", ".docx") and p.name.split(".")[0] in REPORTS)


def _original(report: str) -> Path:
    """The real report a fixture was made from (a saved page or a seed's copied text)."""
    if report.startswith("seed-"):
        return next(SEEDS.glob(report[len("seed-"):] + "_*.txt"))
    return HTML_CORPUS / f"{report}.html"


def _lint(linter, path: Path):
    return linter.lint_path(str(path))


def _tables(result) -> dict:
    """Every recognised cell of the three standard tables: its number and its text."""
    from gxlint.analysis import analyse

    out = {}
    for table in analyse(result.document).tables:
        out[table.kind] = {
            key: (value.number, "".join(str(value.text or "").split()), value.problem)
            for key, value in table.cells.items()
        }
        out[table.kind + ".template"] = table.template
    return out


def _totals(result) -> list[tuple[str, str]]:
    return sorted((d.code, d.message("en")) for d in result.diagnostics if d.rule.family == "totals")


def _codes(result) -> list[str]:
    return sorted(d.code for d in result.diagnostics)


def test_fixtures_cover_both_producers():
    assert {n.split(".")[1] for n in PRODUCED} == {"lo", "chromium"}
    for name in REPORTS:
        assert (DOCS / f"{name}.lo.docx").exists() and (DOCS / f"{name}.lo.pdf").exists()


@pytest.mark.parametrize("name", PRODUCED)
def test_tables_and_totals_equal_the_html(linter, name):
    report = name.split(".")[0]
    produced = _lint(linter, DOCS / name)
    reference = _lint(linter, DOCS / f"{report}.html")
    original = _lint(linter, _original(report))
    assert not produced.fatal, produced.diagnostics
    tables = _tables(produced)
    assert set(tables) >= {"active", "requests", "appeals"}
    assert tables == _tables(reference)
    assert tables == _tables(original)
    assert _totals(produced) == _totals(reference) == _totals(original)


@pytest.mark.parametrize("name", PRODUCED)
def test_same_findings_as_the_html(linter, name):
    """Not only the totals: the same rules find something in sections, years, placeholders
    and text.  (Counts may differ for rules that group findings by lines, such as GX505:
    a PDF's lines are the page's lines, and a leaked reading can wrap onto the next.)"""
    report = name.split(".")[0]
    assert set(_codes(_lint(linter, DOCS / name))) == set(_codes(_lint(linter, DOCS / f"{report}.html")))


def test_table_over_two_pages_is_one_table(linter):
    result = _lint(linter, DOCS / "pingtan-2023.lo.pdf")
    source = result.source
    tables = [t for t in result.document.tables()]
    spread = [t for t in tables if source.page(t.rows[0][0].span.start) != source.page(t.rows[-1][0].span.start)]
    assert spread, "the fixture must hold a table continued on the next page"
    for table in spread:  # its rows were joined, not split into two tables
        assert len({c.col for c in table.cells()}) >= 2


def test_page_furniture_is_not_content(linter):
    result = _lint(linter, DOCS / "pingtan-2023.chromium.pdf")
    furniture = [str(b.text) for b in result.document.furniture]
    assert any(f.endswith("1/4") for f in furniture)  # Chromium's page numbers
    assert any("年度报告" in f for f in furniture)  # its running title
    assert not any(d.rule.family == "contamination" for d in result.diagnostics)
    body = "\n".join(str(b.text) for b in result.document.blocks)
    assert "file:///" not in body and "1/4" not in body


def test_positions_name_lines_of_the_extracted_text(linter):
    result = _lint(linter, DOCS / "pingtan-2023.lo.pdf")
    finding = next(d for d in result.diagnostics if d.code == "GX210")
    line = result.source.line_text(finding.line)
    assert "393" in line[finding.column - 1:]
    assert result.source.page(result.source.line_starts[finding.line - 1]) == 1


def test_full_reporter_names_the_page():
    out = _run(str(DOCS / "pingtan-2023.lo.pdf"))
    assert "GX210" in out.stdout
    assert "| (page 1)" in out.stdout and "| (page 4)" in out.stdout


def test_docx_lines_are_paragraphs_and_rows(linter):
    result = _lint(linter, DOCS / "pingtan-2023.lo.docx")
    lines = result.source.text.split("\n")
    assert lines[0].endswith("年度政府信息公开工作年度报告")
    assert "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数" in lines


def _run(*args: str, input: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "gxlint", "--color", "never", *args], capture_output=True,
                          input=input, timeout=120, text=input is None)


@pytest.mark.parametrize("name, code, words", [
    ("scanned.pdf", "GX013", "OCR them first"),
    ("encrypted.pdf", "GX014", "encrypted"),
    ("truncated.pdf", "GX015", "truncated"),
    ("truncated.docx", "GX015", "truncated or corrupt"),
])
def test_bad_documents_are_input_errors(name, code, words):
    out = _run("--format", "concise", str(DOCS / name))
    assert out.returncode == 2
    assert f"{code} [error]" in out.stdout and words in out.stdout
    assert "Traceback" not in out.stderr


def test_corrupt_pdf_body(tmp_path):
    data = (DOCS / "pingtan-2023.lo.pdf").read_bytes()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[:200] + b"\x00garbage" * 5000 + data[-1000:])
    out = _run("--format", "concise", str(damaged))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "GX015" in out.stdout or "GX013" in out.stdout


def test_huge_page_count(tmp_path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(400):
        pdf.new_page(595, 842)
    path = tmp_path / "pages.pdf"
    pdf.save(str(path))
    out = _run("--format", "concise", str(path))
    assert out.returncode == 2 and "GX015" in out.stdout and "400 pages" in out.stdout


def _docx_with(tmp_path: Path, name: str, extra: dict[str, bytes], compress=zipfile.ZIP_DEFLATED) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(DOCS / "pingtan-2023.lo.docx") as source, zipfile.ZipFile(path, "w", compress) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        for part, data in extra.items():
            target.writestr(part, data)
    return path


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    bomb = _docx_with(tmp_path, "bomb.docx", {"word/media/padding.bin": b"\0" * (80 * 1024 * 1024)})
    assert bomb.stat().st_size < 1024 * 1024
    out = _run("--format", "concise", str(bomb))
    assert out.returncode == 2 and "GX015" in out.stdout and "zip bomb" in out.stdout


def test_too_many_parts(tmp_path):
    many = _docx_with(tmp_path, "many.docx", {f"customXml/item{i}.xml": b"<a/>" for i in range(2100)})
    out = _run("--format", "concise", str(many))
    assert out.returncode == 2 and "GX015" in out.stdout and "2" in out.stdout


@pytest.mark.parametrize("name, data, words", [
    ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "soffice --headless --convert-to docx report.doc"),
    ("报告.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "WPS (.wps) files are not read"),
    ("report.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "OCR it first"),
    ("report.xlsx", None, "spreadsheet"),
])
def test_formats_not_read(tmp_path, name, data, words):
    path = tmp_path / name
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("xl/workbook.xml", "<workbook/>")
        data = buffer.getvalue()
    path.write_bytes(data)
    out = _run("--format", "concise", str(path))
    assert out.returncode == 2 and "GX009" in out.stdout and words in out.stdout
    assert "GX004" not in out.stdout


def test_encrypted_docx(tmp_path):
    path = tmp_path / "secret.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512)
    out = _run("--format", "concise", str(path))
    assert out.returncode == 2 and "GX014" in out.stdout


def test_pdf_under_another_name_is_read_as_pdf(tmp_path, linter):
    path = tmp_path / "report.html"
    path.write_bytes((DOCS / "pingtan-2023.lo.pdf").read_bytes())
    result = linter.lint_path(str(path))
    assert result.source.format == "pdf" and not result.fatal


@pytest.mark.parametrize("name", ["pingtan-2023.lo.pdf", "pingtan-2023.lo.docx"])
def test_fix_never_writes_documents(tmp_path, name):
    path = tmp_path / name
    data = (DOCS / name).read_bytes()
    path.write_bytes(data)
    out = _run("--fix", str(path))
    assert path.read_bytes() == data
    assert "are not fixed" in out.stderr
    assert "[*]" not in out.stdout


def test_show_text_prints_numbered_lines():
    out = _run("--show-text", str(DOCS / "pingtan-2023.lo.pdf"))
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert any("信息内容 | 本年制发件数" in line for line in lines)
    assert lines[0].strip() == "── page 1 ──" and lines[1].lstrip().startswith("1 | ")
    assert any(line.strip() == "── page 2 ──" for line in lines)


NUMBERING = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="7">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""


def _numbered_docx(tmp_path: Path) -> Path:
    """The real .docx with its section numbers (一、 … （一） …) taken out of the text and
    made Word's automatic numbering instead, as reports typed in Word often have them."""
    import re

    source = zipfile.ZipFile(DOCS / "pingtan-2023.lo.docx")
    document = source.read("word/document.xml").decode("utf-8")

    def number(match: re.Match) -> str:
        style, level = match.group(1), {"Heading2": 0, "Heading3": 1}[match.group(1)]
        numpr = f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr>'
        return f'<w:pStyle w:val="{style}"/>{numpr}{match.group(2)}<w:t>'

    pattern = r'<w:pStyle w:val="(Heading2|Heading3)"/>(.*?)<w:t>(?:[一二三四五六]、|（[一二三四五六七八九十]）)'
    numbered, count = re.subn(pattern, number, document)
    assert count >= 6
    rels = source.read("word/_rels/document.xml.rels").decode("utf-8").replace(
        "</Relationships>",
        '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/numbering" Target="numbering.xml"/></Relationships>')
    types = source.read("[Content_Types].xml").decode("utf-8").replace(
        "</Types>", '<Override PartName="/word/numbering.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>')
    path = tmp_path / "numbered.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = {"word/document.xml": numbered, "word/_rels/document.xml.rels": rels,
                    "[Content_Types].xml": types}.get(info.filename)
            target.writestr(info.filename, data if data is not None else source.read(info))
        target.writestr("word/numbering.xml", NUMBERING)
    return path


def test_docx_list_numbering_is_rendered(linter, tmp_path):
    path = _numbered_docx(tmp_path)
    assert "一、总体情况" not in zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    numbered = _lint(linter, path)
    original = _lint(linter, DOCS / "pingtan-2023.lo.docx")
    assert numbered.source.text == original.source.text
    assert [s.ordinal for s in numbered.document.sections] == [1, 2, 3, 4, 5, 6]
    assert _tables(numbered) == _tables(original)
    assert _codes(numbered) == _codes(original)


def test_docx_heading_styles_are_headings(linter):
    from gxlint.document import Heading

    result = _lint(linter, DOCS / "pingtan-2023.lo.docx")
    headings = [str(b.text) for b in result.document.blocks if isinstance(b, Heading)]
    assert "一、总体情况" in headings and "六、其他需要报告的事项" in headings


def test_sarif_gives_the_page_and_validates():
    import json

    import jsonschema

    out = _run("-f", "sarif", str(DOCS / "pingtan-2023.lo.pdf"))
    log = json.loads(out.stdout)
    schema = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    pages = {r["ruleId"]: r["properties"]["page"] for r in log["runs"][0]["results"]}
    assert pages["GX210"] == 1 and pages["GX121"] == 4


def test_merged_cell_cut_by_the_page_break_is_one_cell(linter):
    """pingtan-2019's 表三 breaks between pages 5 and 6 inside its merged label cells:
    LibreOffice prints 三、本年度办 / 理结果 and （四）无法提 / 供 on the two pages."""
    result = _lint(linter, DOCS / "pingtan-2019.lo.pdf")
    source = result.source
    table = next(t for t in result.document.tables() if any("本年度办理结果" in str(c.text) for c in t.cells()))
    texts = ["".join(str(c.text).split()) for c in table.cells()]
    assert "理结果" not in texts and "法提供" not in texts
    cut = [c for c in table.cells() if "".join(str(c.text).split()) == "三、本年度办理结果"][-1]
    covered = [row for row in table.rows if row and cut.row <= row[0].row < cut.row + cut.rowspan]
    assert {source.page(row[-1].span.start) for row in covered} == {5, 6}


def test_totals_comparison_is_not_vacuous(linter):
    """seed 000 has table arithmetic and narrative figures that disagree: the PDF and Word
    files of it must find them (the comparison with the HTML above then means something)."""
    for name in ("seed-000.lo.pdf", "seed-000.lo.docx"):
        totals = _totals(_lint(linter, DOCS / name))
        assert len(totals) >= 2 and any(code == "GX210" for code, _ in totals), totals


def _pdf_with_rulings(path: Path, vertical: int, horizontal: int, height: float = 8) -> Path:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    for k in range(vertical):
        obj = pdfium_c.FPDFPageObj_CreateNewRect(10 + (k % 200) * 2.5, 10 + (k // 200) * 10, 0.5, height)
        pdfium_c.FPDFPath_SetDrawMode(obj, 1, 0)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    for k in range(horizontal):
        obj = pdfium_c.FPDFPageObj_CreateNewRect(10, 10 + k * 2.5, 500, 0.5)
        pdfium_c.FPDFPath_SetDrawMode(obj, 1, 0)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    page.gen_content()
    document.save(str(path))
    return path


def test_page_with_too_many_drawing_objects(tmp_path):
    out = _run("--format", "concise", str(_pdf_with_rulings(tmp_path / "many.pdf", 25000, 0)))
    assert out.returncode == 2 and "GX015" in out.stdout and "drawing objects" in out.stdout


def test_hatching_is_not_searched_for_tables(linter, tmp_path):
    """300 horizontal rulings crossing 200 vertical ones (a hatched chart) would be a
    table of 60,000 cells: the page is not searched for tables (searching took 1 s of CPU
    for this one page), while a real table's grid is."""
    from gxlint.readers.pdf import _find_tables

    def grid(rows: int, cols: int):
        h = [(10 + r * 2.5, 10, 10 + cols * 2.5) for r in range(rows + 1)]
        v = [(10 + c * 2.5, 10, 10 + rows * 2.5) for c in range(cols + 1)]
        return h, v

    (table,) = _find_tables(*grid(30, 9), page=0)
    assert len(table.boxes) == 30 * 9
    assert _find_tables(*grid(300, 200), page=0) == []
    path = _pdf_with_rulings(tmp_path / "hatching.pdf", 200, 300, height=760)
    assert [d.code for d in linter.lint_path(str(path)).diagnostics] == ["GX013"]  # rulings, no text


def test_rotated_pages_are_read(linter, tmp_path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(DOCS / "pingtan-2023.lo.pdf"))
    for index in range(len(pdf)):
        pdf[index].set_rotation(90)
    path = tmp_path / "rotated.pdf"
    pdf.save(str(path))
    assert _tables(_lint(linter, path)) == _tables(_lint(linter, DOCS / "pingtan-2023.html"))


def _docx_rewritten(tmp_path: Path, name: str, rewrite) -> Path:
    """The real .docx with its body rewritten by ``rewrite(body)`` (lxml, in place)."""
    from lxml import etree

    source = zipfile.ZipFile(DOCS / "pingtan-2023.lo.docx")
    root = etree.fromstring(source.read("word/document.xml"))
    rewrite(root.find(f"{W}body"))
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info.filename, data)
    return path


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cell_holding(elements, paragraph_text: str | None = None):
    """A ``w:tc`` holding ``elements`` (a cell must end with a paragraph)."""
    from lxml import etree

    tc = etree.Element(f"{W}tc")
    for element in elements:
        tc.append(element)
    p = etree.SubElement(tc, f"{W}p")
    if paragraph_text:
        etree.SubElement(etree.SubElement(p, f"{W}r"), f"{W}t").text = paragraph_text
    return tc


def _table_of(rows):
    from lxml import etree

    tbl = etree.Element(f"{W}tbl")
    for cells in rows:
        tr = etree.SubElement(tbl, f"{W}tr")
        for cell in cells:
            tr.append(cell)
    return tbl


def test_docx_layout_table_is_unwrapped(linter, tmp_path):
    """Word users frame a whole report in a one-cell table: it reads as the report itself."""
    def frame(body):
        content = [child for child in body if child.tag != f"{W}sectPr"]
        for child in content:
            body.remove(child)
        body.insert(0, _table_of([[_cell_holding(content)]]))

    framed = _lint(linter, _docx_rewritten(tmp_path, "framed.docx", frame))
    original = _lint(linter, DOCS / "pingtan-2023.lo.docx")
    assert framed.source.text == original.source.text
    assert _tables(framed) == _tables(original) and {"active", "requests", "appeals"} <= set(_tables(framed))
    assert _codes(framed) == _codes(original)


def test_docx_table_inside_a_cell_is_read(linter, tmp_path):
    """A statistics table put inside a cell of another table (a caption cell beside it) is
    read after that table, not dropped."""
    def nest(body):
        tables = body.findall(f"{W}tbl")
        assert len(tables) >= 3
        inner = tables[1]  # 表三's table, the request statistics
        at = body.index(inner)
        body.remove(inner)
        outer = _table_of([[_cell_holding([], "附表"), _cell_holding([inner])]])
        body.insert(at, outer)

    nested = _lint(linter, _docx_rewritten(tmp_path, "nested.docx", nest))
    original = _lint(linter, DOCS / "pingtan-2023.lo.docx")
    assert _tables(nested) == _tables(original) and {"active", "requests", "appeals"} <= set(_tables(nested))
    assert "GX017" not in _codes(nested)


def test_docx_tables_nested_deeply_are_read_to_a_bound(linter, tmp_path):
    """Hostile nesting (60 one-cell tables inside each other, about as deep as libxml2
    parses) is read like the report itself, without crashing."""
    def bury(body):
        content = [child for child in body if child.tag != f"{W}sectPr"]
        for child in content:
            body.remove(child)
        for _ in range(60):
            content = [_table_of([[_cell_holding(content)]])]
        body.insert(0, content[0])

    result = _lint(linter, _docx_rewritten(tmp_path, "buried.docx", bury))
    assert _codes(result) == _codes(_lint(linter, DOCS / "pingtan-2023.lo.docx"))
