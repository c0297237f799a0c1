"""``--format html``: the self-contained audit page, read as a real HTML tree and loaded
in a real browser (headless Chromium driven by Playwright)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_variants import SERIES, page, set_cell_after, write  # noqa: E402
from conftest import CORPUS, REPO, SEEDS  # noqa: E402

NS = {"h": "http://www.w3.org/1999/xhtml"}
# where the browser test leaves its screenshot for a person to look at
ARTIFACTS = Path(os.environ.get("GXLINT_ARTIFACTS", REPO / "test-artifacts"))


def audit(out: Path, *paths: Path | str, lang: str = "en") -> subprocess.CompletedProcess:
    """The real command, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "gxlint", "--isolated", "--lang", lang, "--format", "html", "--output-file", str(out),
         *map(str, paths)], capture_output=True, timeout=600,
    )


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("audit") / "audit.html"
    run = audit(out, CORPUS, SEEDS)
    assert run.returncode in (1, 2), run.stderr  # the corpus has errors (and two non-reports)
    assert out.stat().st_size > 10_000
    return out


def tree(path: Path):
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=True)


def test_page_is_self_contained(corpus_report):
    text = corpus_report.read_text(encoding="utf-8")
    document = tree(corpus_report)
    assert not document.findall(".//h:link", NS)
    assert all(not s.get("src") for s in document.findall(".//h:script", NS))
    for element in document.iter():
        for attribute in ("src", "href", "action", "data"):
            value = element.get(attribute) or ""
            assert not re.match(r"(?i)(https?:)?//", value), (element.tag, value)
    assert "@import" not in text and "url(" not in text


def test_overview_has_the_charts_and_one_row_per_file(corpus_report):
    document = tree(corpus_report)
    ids = {e.get("id") for e in document.iter() if e.get("id")}
    assert {"chart-family", "chart-agency", "chart-year", "chart-share"} <= ids
    rows = document.findall(".//h:table[@id='files']/h:tbody/h:tr", NS)
    files = [p for p in list(CORPUS.rglob("*")) + list(SEEDS.iterdir()) if p.suffix in (".txt", ".md", ".html")]
    assert len(rows) == len(files)
    # every file row links to that file's section
    for row in rows:
        target = row.find(".//h:a", NS).get("href")[1:]
        assert target in ids


def test_files_a_walk_skipped_are_marked_skipped_not_errors(corpus_report):
    """INDEX.md and EXPECTED.md beside the reports are not reports: the walk skips them,
    and the page says so in grey; they are no "file with errors"."""
    document = tree(corpus_report)
    rows = document.findall(".//h:table[@id='files']/h:tbody/h:tr", NS)
    skipped = [r for r in rows if r.find(".//h:span[@class='pill skipped']", NS) is not None]
    names = sorted(r.find(".//h:a", NS).text.rsplit("/", 1)[-1] for r in skipped)
    assert names == ["EXPECTED.md", "INDEX.md", "INDEX.md"]
    assert all(r.get("data-errors") == "0" for r in skipped)
    assert not any(r.find(".//h:span[@class='pill error']", NS) is not None for r in skipped)
    with_errors = sum(1 for r in rows if r.get("data-errors") != "0")
    overview = "".join(document.find(".//h:header", NS).itertext()) if document.find(".//h:header", NS) is not None \
        else corpus_report.read_text(encoding="utf-8")
    assert f"{with_errors} reports with errors" in re.sub(r"\s+", " ", overview)


def test_findings_and_cells_link_both_ways(tmp_path):
    # the 2023 page with a carry-over the 2022 report contradicts: GX601 points at a cell
    text = set_cell_after(page(2023), "上年结转", 1, "1")
    later = write(tmp_path, "pingtan-2023.html", text)
    out = tmp_path / "audit.html"
    audit(out, SERIES[2022], later)
    document = tree(out)
    by_id = {e.get("id"): e for e in document.iter() if e.get("id")}
    findings = [e for e in document.iter() if (e.get("class") or "").startswith("finding ")]
    carry = [f for f in findings if "GX601" in "".join(f.itertext())]
    assert len(carry) == 1
    link = carry[0].find(".//h:a[@class='to-cell']", NS)
    cell = by_id[link.get("href")[1:]]
    assert "flagged" in cell.get("class") and "".join(cell.itertext()).startswith("1")
    back = cell.find(".//h:a[@class='back']", NS)
    assert back.get("href") == "#" + carry[0].get("id")
    # the finding shows its code frame with the flagged text marked
    assert carry[0].find(".//h:pre/h:mark", NS) is not None


def test_lang_zh_gives_a_chinese_page(tmp_path):
    out = tmp_path / "audit.html"
    audit(out, SERIES[2022], SERIES[2023], lang="zh")
    document = tree(out)
    assert document.get("lang") == "zh-CN"
    text = "".join(document.itertext())
    assert "年度报告审核结果" in text and "各类别问题数" in text and "有错误的报告占比" in text
    assert "表二 · 主动公开政府信息情况" in text
    assert "现行有效" in text and "Findings by family" not in text


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_in_a_real_browser(corpus_report):
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            tab = browser.new_page(viewport={"width": 1400, "height": 1000})
            tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda e: problems.append(str(e)))
            tab.goto(corpus_report.as_uri())
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(ARTIFACTS / "audit-report.png"))

            # the charts are drawn
            assert tab.locator("#chart-family rect.bar").count() >= 3
            assert tab.locator("#chart-agency rect.bar").count() >= 5
            assert tab.locator("#chart-year rect.bar").count() >= 3
            assert tab.locator("#chart-share .share-arc").count() == 1

            # filtering the file table
            rows = tab.locator("#files tbody tr")
            total = rows.count()
            tab.fill("#filter", "pingtan")
            visible = tab.locator("#files tbody tr:not([hidden])")
            assert visible.count() == len(list((CORPUS / "html").glob("pingtan-*")))
            assert all("pingtan" in t for t in visible.all_inner_texts())
            assert tab.inner_text("#shown").startswith(f"{visible.count()} of {total}")
            tab.fill("#filter", "")
            tab.select_option("#severity-filter", "error")
            with_errors = visible.count()
            assert 0 < with_errors < total
            assert all(int(v) > 0 for v in tab.eval_on_selector_all(
                "#files tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.errors)"))
            tab.select_option("#severity-filter", "all")
            assert visible.count() == total

            # sorting by a number column
            header = tab.locator("#files th", has_text="errors")
            header.click()
            header.click()  # descending
            errors = [int(x) for x in tab.eval_on_selector_all(
                "#files tbody tr", "rows => rows.map(r => r.cells[6].textContent)")]
            assert errors == sorted(errors, reverse=True)

            # a finding's link scrolls to the highlighted cell
            link = tab.locator("a.to-cell").first
            target = link.get_attribute("href")
            link.scroll_into_view_if_needed()
            link.click()
            tab.wait_for_function("h => location.hash === h", arg=target)
            cell = tab.locator(target.replace(".", "\\."))
            assert "flagged" in cell.get_attribute("class")
            box = tab.evaluate(
                "id => { const r = document.getElementById(id).getBoundingClientRect();"
                " return [r.top, r.bottom, innerHeight]; }", target[1:])
            assert 0 <= box[0] and box[1] <= box[2], box
            tab.screenshot(path=str(ARTIFACTS / "audit-report-cell.png"))
        finally:
            browser.close()
    assert problems == []


def _frames(page: str) -> list[str]:
    return re.findall(r'<pre class="frame">.*?</pre>', page)


def test_frames_and_tables_survive_a_run_that_keeps_no_text(registry):
    """A streamed or parallel run drops each file's text and tree and ships only its facts
    (pickled): the page must still show every code frame and table."""
    import io
    import pickle

    from gxlint.engine import Linter
    from gxlint.multireport import apply
    from gxlint.reporters.html import write as write_html

    linter = Linter(registry)
    results = [linter.lint_path(str(p)) for p in (SERIES[2022], SERIES[2023])]
    apply(results, registry, lambda result: linter)
    full = io.StringIO()
    write_html(results, full, {"lang": "en"})
    for result in results:
        result.source = result.document = None
        result.facts = pickle.loads(pickle.dumps(result.facts))
    slim = io.StringIO()
    write_html(results, slim, {"lang": "en"})
    assert len(_frames(full.getvalue())) == sum(len(r.diagnostics) for r in results)
    assert _frames(slim.getvalue()) == _frames(full.getvalue())
    assert slim.getvalue() == full.getvalue()
