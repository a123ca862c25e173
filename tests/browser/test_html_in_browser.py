"""The HTML review report opened in a real browser: Debian's Chromium, headless, driven by Playwright.

No browser is downloaded: Playwright drives /usr/bin/chromium (`apt-get install chromium`; .ci/run
installs it). Where no browser can be installed, these tests skip and say why.
FACTLINT_SCREENSHOT=path.png also saves the examples' screenshot there (README's picture is made so).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]
REPO = Path(__file__).resolve().parents[2]
CLAIM = "Ketamine cures depression."


def _why_no_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright; .ci/run installs it)"
    if not CHROMIUM.is_file():
        return f"no browser at {CHROMIUM} (apt-get install chromium; .ci/run installs it where apt-get can)"
    return None


pytestmark = [pytest.mark.slow,  # starts a browser: ~10 s for the module
              pytest.mark.skipif(_why_no_browser() is not None, reason=_why_no_browser() or "")]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def open_report(browser):
    pages = []

    def open_(report: Path, width: int = 1400):
        page = browser.new_page(viewport={"width": width, "height": 900})
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(report.as_uri())
        pages.append(page)
        return page, requests, errors

    yield open_
    for page in pages:
        page.close()


def _factlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factlint", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300)


@pytest.fixture(scope="module")
def examples_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    folder = tmp_path_factory.mktemp("examples-report")
    shutil.copytree(REPO / "examples", folder / "examples")
    report = folder / "report.html"
    run = _factlint("check", "examples", "--format", "html", "--output-file", str(report), cwd=folder)
    assert run.returncode == 1, run.stderr
    data = json.loads(_factlint("check", "examples", "--format", "json", cwd=folder).stdout)
    return report, data["findings"] + data["suppressed"]


# Text under the marks of each finding, and where each note is; read in the page.
READ_PAGE = """() => {
  const notes = [...document.querySelectorAll("aside.note")].map(note => {
    const n = note.dataset.finding;
    const marks = [...document.querySelectorAll("mark")].filter(m => m.dataset.findings.split(" ").includes(n));
    const row = note.closest("tr");
    return {n, path: note.dataset.path, line: +note.dataset.line, column: +note.dataset.column, rule: note.dataset.rule,
            marked: marks.map(m => m.textContent).join(""),
            colors: marks.map(m => getComputedStyle(m).backgroundColor),
            lineNumber: row ? +row.querySelector("td.ln").textContent : null,
            markRows: marks.map(m => +m.closest("tr").querySelector("td.ln").textContent),
            suppressed: note.classList.contains("suppressed")};
  });
  return notes;
}"""


def test_every_finding_is_highlighted_at_its_text_with_its_note_beside_it(open_report, examples_report) -> None:
    report, expected = examples_report
    page, requests, errors = open_report(report)
    notes = page.evaluate(READ_PAGE)
    assert len(notes) == len(expected) > 0
    wanted = sorted((f["path"], f["line"], f["column"], f["rule"], f["text"]) for f in expected)
    shown = sorted((n["path"], n["line"], n["column"], n["rule"], n["marked"]) for n in notes)
    assert shown == wanted
    for note in notes:
        assert note["lineNumber"] == note["line"]  # the note stands beside the line of its claim
        assert note["markRows"][0] == note["line"]
        assert all(color not in ("rgba(0, 0, 0, 0)", "transparent") for color in note["colors"]), note
    assert requests == [report.as_uri()]  # nothing fetched: no network, no other file
    assert errors == []


def test_severity_colours_differ(open_report, examples_report) -> None:
    page, _, _ = open_report(examples_report[0])
    colors = page.evaluate("""() => Object.fromEntries(["error", "warning"].map(s =>
        [s, getComputedStyle(document.querySelector("mark." + s)).backgroundColor]))""")
    assert colors["error"] != colors["warning"]


@pytest.mark.parametrize("table", ["#findings", "#summary"])
def test_clicking_a_summary_row_scrolls_to_its_finding(open_report, examples_report, table: str) -> None:
    page, _, errors = open_report(examples_report[0])
    rows = page.locator(f"{table} tr.jump")
    assert rows.count() > 1
    row = rows.nth(rows.count() - 1)
    target = row.get_attribute("data-target")
    note = page.locator(f"#{target}")
    assert not _in_view(page, note)
    row.locator("td").last.click()  # not the link: the row itself
    page.wait_for_function("id => location.hash === '#' + id", arg=target)
    assert _in_view(page, note)
    assert errors == []


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_a_hostile_draft_renders_inert(open_report, tmp_path: Path) -> None:
    hostile = ('<script>window.__pwned = 1</script> </mark></td></tr></table>'
               '<img src=x onerror="window.__pwned = 2"> <b>bold</b>')
    (tmp_path / "post.txt").write_text(f"{hostile}\nOur view: {CLAIM} </mark> <script>window.__pwned = 3</script>\n",
                                       encoding="utf-8")
    report = tmp_path / "report.html"
    assert _factlint("check", "post.txt", "--format", "html", "-o", str(report), cwd=tmp_path).returncode == 1
    page, requests, errors = open_report(report)
    state = page.evaluate("""() => ({pwned: window.__pwned === undefined ? null : window.__pwned,
        scripts: document.scripts.length, images: document.images.length, bold: document.querySelectorAll("b").length,
        line1: document.querySelector("table.draft tr td.src").textContent,
        marked: [...document.querySelectorAll("mark")].map(m => m.textContent).join("|")})""")
    assert state["pwned"] is None and state["scripts"] == 1 and state["images"] == 0
    assert state["line1"] == hostile  # shown as text, exactly
    assert "cures" in state["marked"] and "</mark>" not in state["marked"]
    assert requests == [report.as_uri()] and errors == []


def test_print_layout_hides_navigation_and_prints_to_pdf(open_report, examples_report) -> None:
    page, _, _ = open_report(examples_report[0])
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('aside.note .address')).display") != "none"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_screenshot_of_the_examples_report(open_report, examples_report, tmp_path: Path) -> None:
    page, _, _ = open_report(examples_report[0], width=1400)
    page.goto(examples_report[0].as_uri() + "#file-3")  # the e-mail campaign: obfuscated claims in HTML
    shot = tmp_path / "examples-report.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 20_000
    print(f"\nscreenshot of the examples' report: {shot}")
    wanted = os.environ.get("FACTLINT_SCREENSHOT")
    if wanted:
        shutil.copyfile(shot, wanted)
