"""Never pass what was not read (issue 7 §2 and §4): the summary says what was checked;
unread tables (GX017), pre-2019 tables (GX018), a report read from a script (GX019) and
sections that could not be found (GX021) are said; standard input is sniffed; a directory walk skips files that are not reports."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, HTML_CORPUS, SEEDS, lint_findings

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from clitools import gx_process  # noqa: E402

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"
DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"


def codes(linter, path):
    return [f.code for f in lint_findings(linter, path)[0]]


# --- GX017 ----------------------------------------------------------------------------------


def test_partial_copy_says_which_tables_were_not_checked(linter):
    findings, _ = lint_findings(linter, CORPUS / "011.txt")  # a partial copy ending in section 三
    hits = [f for f in findings if f.code == "GX017"]
    assert len(hits) == 1 and hits[0].severity == "warning"
    assert "table 四 (the text ends first" in hits[0].en and "表四" in hits[0].zh
    assert "二" not in hits[0].en.split("not checked:")[1]  # 表二 and 表三 were read


def test_table_that_matches_no_template_is_not_a_pass(linter, tmp_path):
    """pingtan-2023 (fragment shape) with table 三's row labels replaced by words no
    template knows: the table is there, its figures cannot be read, and GX017 says so."""
    text = (SHAPES / "pingtan-2023.fragment.html").read_text(encoding="utf-8")
    for label in ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "本年度办理结果",
                  "结转下年度继续办理", "申请人情况", "勾稽关系"):
        text = text.replace(label, "项目")
    path = tmp_path / "relabelled.html"
    path.write_text(text, encoding="utf-8")
    result = linter.lint_path(str(path))
    hits = [d for d in result.diagnostics if d.code == "GX017"]
    assert len(hits) == 1, [d.message("en") for d in result.diagnostics]
    assert "table 三 (a table is there, but its rows could not be matched" in hits[0].message("en")
    assert "requests" not in result.checked.tables and len(result.checked.tables) == 2


@pytest.mark.parametrize("path", sorted(HTML_CORPUS.glob("*.html")) + sorted(SEEDS.glob("*.txt")),
                         ids=lambda p: p.name)
def test_reports_whose_tables_were_read_get_no_coverage_finding(linter, path):
    assert not {"GX017", "GX018", "GX019"} & set(codes(linter, path))
    result = linter.lint_path(str(path))
    assert result.checked.all_tables and result.checked.sections == 6


# --- GX021 ----------------------------------------------------------------------------------


def test_report_whose_headings_run_together_says_its_sections_were_not_checked(linter, tmp_path):
    """A real seed read as HTML though it holds no tag (as a browser would show it): its
    lines run into one paragraph, no heading is found, and GX021 says so, where before the
    file passed every section check in silence ("0 of 6 sections checked" in the summary
    only).  Its tables are still read."""
    path = tmp_path / "seed-001.html"
    path.write_bytes((SEEDS / "001_a2685a52b6c2b6a4.txt").read_bytes())
    result = linter.lint_path(str(path), format="html")
    hits = [d for d in result.diagnostics if d.code == "GX021"]
    assert len(hits) == 1 and hits[0].effective_severity.value == "warning"
    assert "(0 of 6 headings" in hits[0].message("en") and "this is not a pass" in hits[0].message("en")
    assert "识别出 0 个" in hits[0].message("zh")
    assert result.checked.sections == 0 and result.checked.all_tables
    assert not {"GX103", "GX114"} & {d.code for d in result.diagnostics}  # nothing was checked, so nothing "missing"


@pytest.mark.parametrize("path", sorted(HTML_CORPUS.glob("*.html")) + sorted(SEEDS.glob("*.txt"))
                         + sorted(CORPUS.glob("*.txt")) + sorted(p for p in SHAPES.iterdir()
                                                                 if p.suffix in (".html", ".md", ".txt")),
                         ids=lambda p: p.name)
def test_no_real_report_says_its_sections_were_not_checked(linter, path):
    """Look-alikes: complete reports, partial copies that end after one section (008, 010,
    014: GX114 speaks for them), pre-2019 reports in the 2008 structure (033-036) and every
    published shape."""
    assert "GX021" not in codes(linter, path)


def test_one_section_is_enough_only_with_a_year(linter, tmp_path):
    """A partial copy of one section is checked as such when the report's year is known;
    without a year, one heading is too little to tell a report's structure, and GX021 says so."""
    text = (CORPUS / "008.txt").read_text(encoding="utf-8")
    assert "GX021" not in codes(linter, CORPUS / "008.txt")
    import re

    yearless = re.sub(r"(?:19|20)[0-9]{2}\s*年", "本年", text)
    path = tmp_path / "yearless.txt"
    path.write_text(yearless, encoding="utf-8")
    found = codes(linter, path)
    assert "GX021" in found and "GX114" not in found


# --- GX022 ----------------------------------------------------------------------------------


def _page_with_content(tmp_path, name: str, content: str) -> Path:
    """pingtan-2023's real page with its article (the content of div.TRS_Editor, the
    report's text and tables) replaced by ``content``: the site's chrome all around stays."""
    page = (HTML_CORPUS / "pingtan-2023.html").read_text(encoding="utf-8")
    start = page.index(">", page.index("TRS_Editor")) + 1
    end = page.index("</div>", page.rindex("</table>"))
    path = tmp_path / name
    path.write_text(page[:start] + content + page[end:], encoding="utf-8")
    return path


@pytest.mark.parametrize("content, label, how", [
    ('<p>附件：<a href="/uploads/2024/01/P020240117.pdf">平潭综合实验区2023年政府信息公开工作年度报告.pdf</a></p>',
     "平潭综合实验区2023年政府信息公开工作年度报告.pdf", "only links to it"),
    ('<p>点击下载：<a href="/uploads/%E5%B9%B4%E6%8A%A5.docx">下载</a></p>', "下载", "only links to it"),
    ('<iframe src="/uploads/2024/01/P020240117.pdf" width="100%" height="800"></iframe>',
     "P020240117.pdf", "shows it in a frame"),
    ('<object data="/uploads/report.ofd" type="application/ofd"></object>', "report.ofd", "shows it in a frame"),
], ids=["link", "encoded-name", "iframe", "object"])
def test_page_that_holds_its_report_in_an_attachment_says_where(linter, tmp_path, content, label, how):
    path = _page_with_content(tmp_path, "attachment.html", content)
    result = linter.lint_path(str(path))
    hits = [d for d in result.diagnostics if d.code == "GX022"]
    assert len(hits) == 1, [d.code for d in result.diagnostics]
    assert f"“{label}”" in hits[0].message("en") and how in hits[0].message("en")
    assert "请下载该文件" in hits[0].message("zh")
    assert not {"GX017", "GX021"} & {d.code for d in result.diagnostics}  # one cause, one finding
    # the CMS container that holds the link is the report's place: the site's footer and
    # header around it are not taken for the report (and so not for contamination)
    assert not {"GX501", "GX502"} & {d.code for d in result.diagnostics}
    line = path.read_text(encoding="utf-8").split("\n")[hits[0].line - 1]
    assert ("<iframe" in line or "<object" in line or label in line)


def test_attachments_beside_a_report_or_unrelated_are_left_alone(linter, tmp_path):
    """Look-alikes: a page whose report is on it and that also links its PDF; a page with
    no report on it linking only an application form (申请表): GX017 speaks, not GX022."""
    page = (HTML_CORPUS / "pingtan-2023.html").read_text(encoding="utf-8")
    at = page.index("</table>") + len("</table>")
    both = tmp_path / "both.html"
    both.write_text(page[:at] + '<p>附件：<a href="/u/2023年度报告.pdf">2023年度报告.pdf</a></p>' + page[at:], encoding="utf-8")
    assert "GX022" not in codes(linter, both)
    form = _page_with_content(tmp_path, "form.html", '<p>平潭综合实验区2023年政府信息公开工作年度报告</p>'
                              '<p>附件：<a href="/u/application.doc">政府信息公开申请表.doc</a></p>')
    found = codes(linter, form)
    assert "GX022" not in found and "GX017" in found


# --- GX023 ----------------------------------------------------------------------------------


def _tables_as_pictures(text: str, which: set[int], html: bool) -> str:
    """The real report with its statistics tables number ``which`` (1-based, in order)
    replaced by pictures of them, as sites publish screenshots of a spreadsheet."""
    import re

    count = [0]

    def picture(match):
        count[0] += 1
        if count[0] not in which:
            return match.group(0)
        if html:
            return f'<p style="text-align:center"><img src="/uploads/2024/01/table{count[0]}.png" width="600"></p>'
        return f"\n![表{count[0]}](images/table{count[0]}.png)\n"

    pattern = r"<table\b.*?</table>" if html else r"(?:^\|.*\n)+"
    return re.sub(pattern, picture, text, flags=re.S if html else re.M)


@pytest.mark.parametrize("shape", ["page", "markdown"])
def test_tables_published_as_pictures_are_said_not_missing(linter, tmp_path, shape):
    source = HTML_CORPUS / "pingtan-2023.html" if shape == "page" else SHAPES / "pingtan-2023.md"
    path = tmp_path / ("pictures.html" if shape == "page" else "pictures.md")
    path.write_text(_tables_as_pictures(source.read_text(encoding="utf-8"), {1, 2, 3}, shape == "page"),
                    encoding="utf-8")
    result = linter.lint_path(str(path))
    hits = [d for d in result.diagnostics if d.code == "GX023"]
    assert [h.message("en").split(" is a picture")[0] for h in hits] == ["table 二", "table 三", "table 四"]
    assert "(table1.png)" in hits[0].message("en") and "表二是一张图片" in hits[0].message("zh")
    assert "GX108" not in {d.code for d in result.diagnostics}  # the table is not missing: it is a picture
    assert result.checked.tables == () and result.checked.sections == 6
    line = path.read_text(encoding="utf-8").split("\n")[hits[0].line - 1]
    assert line[hits[0].column - 1:].startswith(("<img", "![表1]"))


def _png(width: int = 4, height: int = 4) -> bytes:
    """A small white PNG (python-docx reads its header for the picture's size)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_tables_pasted_into_word_as_pictures_are_said(linter, tmp_path):
    """The LibreOffice .docx of pingtan-2023 with each table replaced by a paragraph holding
    a picture (as a screenshot pasted into Word is): GX023 for each table, at the end of
    the line before the picture, and not GX108."""
    import io

    import docx

    document = docx.Document(str(DOCUMENTS / "pingtan-2023.lo.docx"))
    for table in list(document.tables):
        paragraph = document.add_paragraph()
        paragraph.add_run().add_picture(io.BytesIO(_png()))
        table._tbl.addprevious(paragraph._p)
        table._tbl.getparent().remove(table._tbl)
    path = tmp_path / "pictures.docx"
    document.save(str(path))
    result = linter.lint_path(str(path))
    hits = [d for d in result.diagnostics if d.code == "GX023"]
    assert [h.message("en").split(" is a picture")[0] for h in hits] == ["table 二", "table 三", "table 四"]
    assert "(image1.png)" in hits[0].message("en")
    assert "GX108" not in {d.code for d in result.diagnostics}
    lines = result.source.text.split("\n")
    assert lines[hits[0].line - 1].startswith("二、") and hits[0].column == len(lines[hits[0].line - 1]) + 1
    for real in sorted(DOCUMENTS.glob("*.docx")):
        assert "GX023" not in {d.code for d in linter.lint_path(str(real)).diagnostics}


def test_a_picture_beside_a_table_or_outside_the_tables_sections_is_left_alone(linter, tmp_path):
    """Look-alikes: table 三 alone a picture gives one finding, and a chart beside the real
    table 二 none; a section with neither table nor picture is
    still GX108's; the real pages (logos and icons in the site's chrome) give none."""
    text = (HTML_CORPUS / "pingtan-2023.html").read_text(encoding="utf-8")
    one = _tables_as_pictures(text, {2}, html=True)
    at = one.index("<table")
    one = one[:at] + '<p><img src="/uploads/chart.png"></p>' + one[at:]  # beside table 二
    path = tmp_path / "one.html"
    path.write_text(one, encoding="utf-8")
    hits = [d for d in linter.lint_path(str(path)).diagnostics if d.code == "GX023"]
    assert len(hits) == 1 and hits[0].message("en").startswith("table 三")
    for page in sorted(HTML_CORPUS.glob("*.html")):
        assert "GX023" not in codes(linter, page)
    import re

    gone = re.sub(r"<table\b.*?</table>", "", text, count=1, flags=re.S)  # table 二 removed, no picture
    path = tmp_path / "gone.html"
    path.write_text(gone, encoding="utf-8")
    found = codes(linter, path)
    assert "GX108" in found and "GX023" not in found


# --- GX018 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["033.txt", "035.txt"])
def test_pre_2019_report_says_its_tables_are_not_checked(linter, name):
    findings, _ = lint_findings(linter, CORPUS / name)
    hits = [f for f in findings if f.code == "GX018"]
    assert len(hits) == 1 and "2008" in hits[0].en and "were not checked" in hits[0].en
    assert "GX017" not in {f.code for f in findings}  # one cause, one finding


# --- GX019 ----------------------------------------------------------------------------------


def test_script_rendered_page_is_said_and_read(linter):
    path = SHAPES / "pingtan-2023.script.html"
    result = linter.lint_path(str(path))
    hits = [d for d in result.diagnostics if d.code == "GX019"]
    assert len(hits) == 1 and hits[0].effective_severity.value == "info"
    assert result.checked.all_tables
    # the finding points at the script string
    source = path.read_text(encoding="utf-8")
    line = source.split("\n")[hits[0].line - 1]
    assert line.startswith("var article = ")


def test_script_that_only_renders_widgets_is_left_alone(linter):
    """Look-alike: the real pingtan pages carry avalon.js and other scripts with markup
    strings; none is taken for the report."""
    for path in sorted(HTML_CORPUS.glob("*.html")):
        assert "GX019" not in codes(linter, path)


# --- the summary line -----------------------------------------------------------------------


def _summary(run):
    return [line for line in run.stdout.decode("utf-8").splitlines()
            if line.startswith(("Found", "All checks", "No problems"))]


def test_no_fixture_passes_unless_its_tables_were_read(linter):
    """Every file in the fixtures, keeping only the totals and years findings (so that
    passes are likely): "All checks passed!" appears only with all tables read."""
    from dataclasses import replace

    from gxlint.reporters._common import summary

    files = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")) + sorted(HTML_CORPUS.glob("*")) \
        + sorted(p for p in SHAPES.iterdir() if p.suffix in (".html", ".md", ".txt"))
    passes = 0
    for path in files:
        result = linter.lint_path(str(path))
        if result.fatal:
            continue
        kept = replace(result, diagnostics=[d for d in result.diagnostics if d.family in ("totals", "years")])
        line = summary([kept], "en")
        if line.startswith("All checks passed!"):
            passes += 1
            assert result.checked.all_tables and "3 of 3 tables" in line, (path, line)
        else:
            assert kept.diagnostics or not result.checked.all_tables, (path, line)
    assert passes >= 5  # the test exercises both branches


def test_fragment_from_the_issue_is_no_longer_a_silent_pass():
    run = gx_process("--isolated", str(SHAPES / "pingtan-2019.fragment.html"), base=[])
    line = _summary(run)[0]
    assert "3 of 3 tables and 6 of 6 sections checked" in line


# --- standard input -------------------------------------------------------------------------


@pytest.mark.parametrize("path", [HTML_CORPUS / "pingtan-2023.html", SHAPES / "pingtan-2023.fragment.html",
                                  SHAPES / "pingtan-2023.md", SEEDS / "001_a2685a52b6c2b6a4.txt"],
                         ids=lambda p: p.name)
def test_stdin_is_sniffed_like_the_named_file(path):
    named = gx_process("--isolated", "-f", "concise", str(path), base=[])
    piped = gx_process("--isolated", "-f", "concise", "-", stdin=path.read_bytes(), base=[])

    def strip(run):  # the findings without their file name
        return [line.split(":", 1)[1] for line in run.stdout.decode("utf-8").splitlines() if ": GX" in line]

    assert named.returncode == piped.returncode
    assert _summary(named) == _summary(piped)
    assert strip(named) == strip(piped)


def test_sniffing():
    from gxlint.readers.sniff import sniff_format

    assert sniff_format((HTML_CORPUS / "pingtan-2021.html").read_bytes()) == "html"
    assert sniff_format((SHAPES / "seed-001.fragment.html").read_bytes()) == "html"
    assert sniff_format((SHAPES / "pingtan-2019.md").read_bytes()) == "markdown"
    assert sniff_format((CORPUS / "005.txt").read_bytes()) == "markdown"  # Markdown stored as .txt
    for seed in sorted(SEEDS.glob("*.txt")):  # copied text with | tables and a "# source" line
        assert sniff_format(seed.read_bytes()) == "text", seed.name
    assert sniff_format((CORPUS / "001.txt").read_bytes()) == "text"
    assert sniff_format("\ufeff<!DOCTYPE html><html>".encode("utf-8")) == "html"
    assert sniff_format((SHAPES / "pingtan-2023.chromium.mhtml").read_bytes()) == "mhtml"
    assert sniff_format(b"From: someone\r\nSubject: a letter\r\n\r\nContent-Type: multipart/related\r\n") == "text"


# --- directory walks ------------------------------------------------------------------------


def test_walk_skips_and_counts_files_that_are_not_reports(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(HTML_CORPUS / "pingtan-2023.html", site / "pingtan-2023.html")
    shutil.copy(SEEDS / "EXPECTED.md", site / "EXPECTED.md")  # notes about reports, not a report
    shutil.copy(Path(__file__).resolve().parent.parent / "README.md", site / "README.md")  # mentions reports
    shutil.copy(Path(__file__).resolve().parent.parent / "DEVELOPERS.md", site / "DEVELOPERS.md")
    shutil.copy(CORPUS / "017.txt", site / "017.txt")  # a partial copy without a title: still a report
    run = gx_process("--isolated", "-f", "concise", str(site), base=[])
    out = run.stdout.decode("utf-8")
    assert "EXPECTED.md" not in out and "README.md" not in out and "DEVELOPERS.md" not in out
    assert "017.txt" in out and "pingtan-2023.html" in out
    assert run.returncode == 0, out
    assert "3 files skipped (not a report)" in _summary(run)[0]
    # named explicitly, a file that is not a report is an input error
    named = gx_process("--isolated", "-f", "concise", str(site / "DEVELOPERS.md"), base=[])
    assert named.returncode == 2 and "GX004" in named.stdout.decode("utf-8")
    # and one named explicitly beside a walk is linted, whatever it is
    both = gx_process("--isolated", "-f", "concise", str(site), str(site / "EXPECTED.md"), base=[])
    assert "EXPECTED.md" in both.stdout.decode("utf-8")


def test_walk_reads_the_pages_a_mirror_saves_without_an_extension(tmp_path):
    """``wget -r`` keeps a report's address as its file name: no extension
    (af064951df4846eaa6037b7a22fd44ec) or a server's (content.jsp).  A walk reads those
    that open as an HTML document, as the pages they are; other files without an extension
    (README, Makefile, a text without a name's help) are left out as before."""
    mirror = tmp_path / "mirror" / "202203"
    mirror.mkdir(parents=True)
    shutil.copy(HTML_CORPUS / "pingtan-2023.html", mirror / "af064951df4846eaa6037b7a22fd44ec")
    shutil.copy(HTML_CORPUS / "pingtan-2021.html", mirror / "content.jsp")
    shutil.copy(SEEDS / "001_a2685a52b6c2b6a4.txt", mirror / "b3f1c2")  # text, no name: not taken for a page
    (mirror / "Makefile").write_text("all:\n\techo\n", encoding="utf-8")
    (mirror / "style.css").write_text("<html>", encoding="utf-8")  # an extension that is no page's
    run = gx_process("--isolated", "--no-cache", "-f", "concise", str(tmp_path / "mirror"), base=[])
    out = run.stdout.decode("utf-8")
    assert "af064951df4846eaa6037b7a22fd44ec:" in out and "content.jsp:" in out
    assert "b3f1c2" not in out and "Makefile" not in out and "style.css" not in out
    assert "in 2 files; 6 of 6 tables and 12 of 12 sections checked" in _summary(run)[0]


def test_pages_quoting_reports_in_code_blocks_are_not_reports_but_fenced_reports_are(tmp_path):
    """A rule's docs page opens with its own prose and quotes report titles in fenced
    examples: a walk skips it.  A report pasted whole into a fence is still a report."""
    repo = Path(__file__).resolve().parent.parent
    site = tmp_path / "site"
    site.mkdir()
    pages = ["GX303.md", "GX401.md", "GX404.md", "GX405.md", "GX018.md", "GX207.md"]
    for name in pages:  # each has a report title or opening in its first fenced example
        shutil.copy(repo / "docs" / "rules" / name, site / name)
    seed = (SEEDS / "001_a2685a52b6c2b6a4.txt").read_text(encoding="utf-8")
    (site / "fenced-report.md").write_text("```text\n" + seed + "\n```\n", encoding="utf-8")
    head_only = seed.splitlines()[:3]  # a partial copy: only its first lines say what it is
    (site / "fenced-head.md").write_text("```\n" + "\n".join(head_only) + "\n```\n", encoding="utf-8")
    (site / "head.txt").write_text("\n".join(head_only) + "\n", encoding="utf-8")  # 报(bào)告: pinyin leaked
    run = gx_process("--isolated", "--no-cache", "-f", "summary", str(site), base=[])
    rows = {Path(r["path"]).name: r["status"]
            for r in __import__("csv").DictReader(__import__("io").StringIO(run.stdout.decode("utf-8")))}
    assert {name: rows[name] for name in pages} == {name: "not a report" for name in pages}
    assert rows["fenced-report.md"] != "not a report"
    assert rows["fenced-head.md"] != "not a report"
    assert rows["head.txt"] != "not a report"


def test_walked_non_reports_are_rows_without_facts_in_the_summary(tmp_path):
    """A skipped file is listed as 'not a report' (last), with no agency or tables: what was
    read from an index page about reports is not a report's identity."""
    import csv
    import io

    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(HTML_CORPUS / "INDEX.md", site / "INDEX.md")  # names 平潭综合实验区, quotes figures
    shutil.copy(HTML_CORPUS / "pingtan-2023.html", site / "pingtan-2023.html")
    run = gx_process("--isolated", "--no-cache", "-f", "summary", str(site), base=[])
    rows = list(csv.DictReader(io.StringIO(run.stdout.decode("utf-8"))))
    assert [Path(r["path"]).name for r in rows] == ["pingtan-2023.html", "INDEX.md"]
    index = rows[1]
    assert index["status"] == "not a report"
    assert (index["agency"], index["year"], index["tables_read"], index["errors"]) == ("", "", "0/3", "0")
    assert rows[0]["status"] == "ok" and rows[0]["agency"] == "平潭综合实验区"


def test_what_was_checked_survives_workers_and_the_cache(tmp_path):
    """The counts travel with the slim results: in worker processes and from the cache."""
    files = [str(SHAPES / "pingtan-2023.fragment.html"), str(CORPUS / "011.txt")]
    one = _summary(gx_process("--isolated", "--no-cache", *files, base=[]))
    assert len(one) == 1
    assert "5 of 6 tables and 9 of 12 sections checked" in one[0]  # 011 ends before 表四
    two = _summary(gx_process("--isolated", "--no-cache", "-j", "2", *files, base=[]))
    assert two == one
    cache = str(tmp_path / "cache")
    first = _summary(gx_process("--isolated", "--cache-dir", cache, *files, base=[]))
    again = _summary(gx_process("--isolated", "--cache-dir", cache, *files, base=[]))
    assert first == again == one
    assert any((tmp_path / "cache").rglob("*"))  # the second run read the cache
