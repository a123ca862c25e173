"""`--format html` and `--output-file`: a self-contained review report, checked as text (issue 12, item 5).
The browser tests in tests/browser open the same reports in Chromium."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

CLAIM = "Ketamine cures depression."
HOSTILE = ('<script>window.__pwned = 1</script> </mark></td></tr></table><img src=x onerror="window.__pwned=2"> '
           f'{CLAIM} &amp; "quotes" \x1b[31m')


class Page(HTMLParser):
    """Tags, marks (with the text under them) and notes of a report."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[str, str]] = []  # (data-findings, text)
        self.notes: dict[str, dict[str, str | None]] = {}
        self._open_marks: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "mark":
            self._open_marks.append(attributes.get("data-findings") or "")
            self.marks.append((self._open_marks[-1], ""))
        if tag == "aside":
            self.notes[attributes.get("id") or ""] = attributes

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open_marks.pop()

    def handle_data(self, data: str) -> None:
        if self._open_marks:
            findings, text = self.marks[-1]
            self.marks[-1] = (findings, text + data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def marked_text(page: Page, number: int) -> str:
    return "".join(text for findings, text in page.marks if str(number) in findings.split())


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text(f"# Ketamine\n\nIntro.\n\nOur clinic: {CLAIM} Spravato works for everyone.\n",
                                   encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        f"<!-- factlint-disable-next-line FL401 -- quoting the complaint we answer -->\n{CLAIM}\n", encoding="utf-8")
    (tmp_path / "clean.md").write_text("Ketamine is not a cure for depression.\n", encoding="utf-8")
    return tmp_path


def test_output_file_gets_the_html_report_and_the_console_the_text_report(run_cli, drafts: Path) -> None:
    code, out, err = run_cli("check", ".", "--format", "html", "--output-file", "report.html")
    assert code == 1
    assert "a.md:5:22: FL401 [error]" in out and out.rstrip().endswith("(1 suppressed)")
    assert err == "factlint: wrote the html report to report.html\n"
    html = (drafts / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "rdjsonl", "github", "text"])
def test_output_file_works_for_every_format(run_cli, drafts: Path, fmt: str) -> None:
    code, out, _ = run_cli("check", "a.md", "--format", fmt, "-o", "out.report")
    assert code == 1
    _, direct, _ = run_cli("check", "a.md", "--format", fmt)
    assert (drafts / "out.report").read_text(encoding="utf-8") == direct
    assert out.startswith("a.md:5:22: FL401 [error]")  # the console shows the text report


def test_output_file_that_cannot_be_written_is_a_one_line_error(run_cli, drafts: Path) -> None:
    code, out, err = run_cli("check", "a.md", "--format", "html", "-o", "missing/folder/report.html")
    assert code == 2
    assert err.startswith("factlint: error: --output-file missing/folder/report.html: ") and err.count("\n") == 1
    (drafts / "folder").mkdir()
    code, _, err = run_cli("check", "a.md", "--format", "html", "-o", "folder")
    assert code == 2 and "Traceback" not in err


@pytest.mark.parametrize("other", [["--diff"], ["--write-baseline", "base.json"]])
def test_output_file_with_a_run_that_writes_no_report_is_a_usage_error(run_cli, drafts: Path, other) -> None:
    code, out, err = run_cli("check", ".", "-o", "report.html", *other)
    assert code == 2 and out == "" and err.startswith("factlint: error: --output-file writes a report")
    assert not (drafts / "report.html").exists() and not (drafts / "base.json").exists()


def test_output_file_never_replaces_a_checked_draft(run_cli, drafts: Path) -> None:
    before = (drafts / "a.md").read_bytes()
    code, _, err = run_cli("check", ".", "--format", "html", "-o", "a.md")
    assert code == 2
    assert err == "factlint: error: --output-file a.md: is one of the files being checked; not overwritten\n"
    assert (drafts / "a.md").read_bytes() == before


def test_every_finding_has_a_note_and_is_highlighted_at_its_text(run_cli, drafts: Path) -> None:
    _, report_json, _ = run_cli("check", ".", "--format", "json")
    data = json.loads(report_json)
    expected = sorted([(f["path"], f["line"], f["column"], f["rule"], f["text"], False) for f in data["findings"]]
                      + [(f["path"], f["line"], f["column"], f["rule"], f["text"], True) for f in data["suppressed"]])
    _, html, _ = run_cli("check", ".", "--format", "html")
    page = parse(html)
    notes = [attrs for note_id, attrs in page.notes.items() if note_id.startswith("finding-")]
    assert len(notes) == len(expected) == 3  # fair balance (FL510) is merged into the cure claim it rides on
    for number, (path, line, column, rule, text, suppressed) in enumerate(expected, 1):
        note = page.notes[f"finding-{number}"]
        assert (note["data-path"], note["data-rule"], note["data-line"], note["data-column"]) == (
            path, rule, str(line), str(column))
        assert ("suppressed" in (note["class"] or "")) == suppressed
        assert marked_text(page, number) == text, (number, rule)
    assert "quoting the complaint we answer" in html  # the suppression's reason, in its greyed note


def test_summary_counts_by_category_and_severity_and_rows_link_to_notes(run_cli, drafts: Path) -> None:
    _, html, _ = run_cli("check", ".", "--format", "html")
    summary = html[html.index('id="summary"'):html.index('id="findings"')]
    row = re.search(r"<tr class=\"jump\" data-target=\"(finding-\d+)\">.*?unsupported-claim.*?</tr>", summary)
    assert row is not None
    cells = re.findall(r'<td class="num">(\d*)</td>', row.group(0))
    assert cells == ["2", "", "", "1", "2"]  # error, warning, info, suppressed, total (FL401 + FL402)
    targets = re.findall(r'data-target="(finding-\d+)"', html)
    assert targets and all(f'id="{target}"' in html for target in targets)


def test_per_file_navigation_lists_every_file_checked(run_cli, drafts: Path) -> None:
    _, html, _ = run_cli("check", ".", "--format", "html")
    nav = html[html.index("<nav"):html.index("</nav>")]
    links = re.findall(r'<a href="#(file-\d+)">.*?</a>', nav)
    assert len(links) == 3 and all(f'id="{target}"' in html for target in links)
    assert "a.md" in nav and "b.txt" in nav and "clean.md" in nav


def test_hostile_drafts_and_file_names_are_escaped(run_cli, tmp_path: Path) -> None:
    name = 'x"><script>alert(1)<\\script>.txt'
    (tmp_path / name).write_text(HOSTILE + "\n", encoding="utf-8")
    code, _, _ = run_cli("check", ".", "--format", "html", "-o", "report.html")
    assert code == 1
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    page = parse(html)
    assert [tag for tag, _ in page.tags].count("script") == 1  # only the report's own
    assert not any(tag == "img" for tag, _ in page.tags)
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;/mark&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;" in html
    assert "\x1b" not in html and "\\x1b[31m" in html
    assert html.count("<mark") == html.count("</mark>")
    number = next(int(key.split("-")[1]) for key, attrs in page.notes.items() if attrs["data-rule"] == "FL401")
    assert marked_text(page, number) == "cures depression"


def test_one_file_and_no_network(run_cli, drafts: Path) -> None:
    _, html, _ = run_cli("check", ".", "--format", "html")
    page = parse(html)
    assert not [attrs for tag, attrs in page.tags if tag in ("link", "img", "iframe", "object", "embed")]
    assert not [attrs for tag, attrs in page.tags if tag == "script" and "src" in attrs]
    assert "@import" not in html and "url(" not in html
    policy = next(attrs["content"] for tag, attrs in page.tags
                  if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert policy is not None and "default-src 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1]  # scripts: only the report's own, by hash


def test_same_input_same_bytes(run_cli, drafts: Path) -> None:
    assert run_cli("check", ".", "--format", "html").stdout == run_cli("check", ".", "--format", "html").stdout


def test_standard_input_is_rendered_too(run_cli) -> None:
    code, html, _ = run_cli("check", "-", "--stdin-filename", "draft.md", "--format", "html", input=f"Hi.\n{CLAIM}\n")
    assert code == 1
    assert marked_text(parse(html), 1) == "cures depression" and "draft.md" in html


def test_rules_listing_as_html(run_cli) -> None:
    code, html, _ = run_cli("rules", "--format", "html")
    assert code == 0 and html.startswith("<!DOCTYPE html>")
    assert "<td>FL401</td><td>cure-claim</td>" in html


def test_print_stylesheet_is_there(run_cli, drafts: Path) -> None:
    _, html, _ = run_cli("check", ".", "--format", "html")
    assert "@media print" in html and "break-inside:avoid" in html
