"""The text report shows the line with the claim and underlines it (issue 12, item 4)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from factlint.escape import visible as printable
from factlint.findings import FactRef, Finding, Severity
from factlint.report import ReportOptions
from factlint.report.source import SourceTexts, snippet
from factlint.report.text import render
from factlint.results import LintResult

CLAIM = "Ketamine cures depression."


def _caret_under(out: str, word: str) -> None:
    """The ^ run sits exactly under `word` on the printed source line above it."""
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^\d+ \| ", line) and word in line:
            carets = lines[i + 1]
            start = carets.index("^")
            assert line[start:start + len(word)] == word, (line, carets)
            assert carets[start:].split(" ")[0] == "^" * len(word), (line, carets)
            return
    raise AssertionError(f"no source line with {word!r} in:\n{out}")


def test_the_claim_is_underlined_under_its_line(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(f"# Ketamine\n\nOur clinic says: {CLAIM}\n", encoding="utf-8")
    code, out, err = run_cli("check", "page.md")
    assert code == 1, err
    assert "3 | Our clinic says: Ketamine cures depression.\n" in out
    _caret_under(out, "cures depression")
    assert re.search(r"^  \| +\^+ FL401$", out, re.M)
    assert '  = matched:' not in out  # the underline shows what matched


def test_tabs_wide_characters_and_crlf_keep_the_underline_aligned(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_bytes(f"intro\r\n\t日本語 😀 {CLAIM}\r\n".encode())
    code, out, _ = run_cli("check", "page.txt")
    assert code == 1
    line = next(row for row in out.splitlines() if row.startswith("2 | "))
    assert "\t" not in line and "    日本語 😀 Ketamine" in line
    carets = out.splitlines()[out.splitlines().index(line) + 1]
    # 日本語 and 😀 take two terminal columns each: the carets start 4 (tab) + 6 + 1 + 2 + 1 columns in.
    assert carets.index("^") - len("  | ") == 4 + 6 + 1 + 2 + 1 + len("Ketamine ")


def test_a_long_line_is_cut_around_the_claim(run_cli, tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("filler " * 20_000 + CLAIM + " more" * 20_000, encoding="utf-8")
    code, out, _ = run_cli("check", "long.txt")
    assert code == 1
    line = next(row for row in out.splitlines() if row.startswith("1 | "))
    assert len(line) < 200 and line.startswith("1 | ...") and line.endswith("...")
    _caret_under(out, "cures depression")


def test_escape_sequences_in_the_draft_never_reach_the_terminal(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(f"\x1b[2J\x1b]0;owned\x07 {CLAIM} \u202e!\n", encoding="utf-8")
    code, out, _ = run_cli("check", "page.txt")
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b[2J\\x1b]0;owned\\x07 Ketamine cures depression. \\u202e!" in out


def test_standard_input_is_shown_too(run_cli) -> None:
    code, out, _ = run_cli("check", "-", "--stdin-filename", "draft.md", input=f"Hello.\n\n{CLAIM}\n")
    assert code == 1
    assert "3 | Ketamine cures depression." in out
    _caret_under(out, "cures depression")


def test_an_html_draft_shows_its_source_line(run_cli, tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(f"<html><body>\n<p>{CLAIM}</p>\n</body></html>\n", encoding="utf-8")
    code, out, _ = run_cli("check", "page.html")
    assert code == 1
    assert "2 | <p>Ketamine cures depression.</p>" in out
    _caret_under(out, "cures depression")


# ------------------------------------------------------------------------------------------ unit level

FACT = FactRef("f", "A fact.", "seed.txt", "A quote.")


def _finding(text: str, start: int, end: int, **extra: object) -> Finding:
    before = text[:start]
    line = before.count("\n") + 1
    column = start - (before.rfind("\n") + 1) + 1
    finding = Finding("page.md", line, column, line, column + end - start, start, end, "FL401", "unsupported-claim",
                      Severity.ERROR, "Why it is wrong.", text[start:end], "A rewrite.", FACT)
    return dataclasses.replace(finding, **extra) if extra else finding


def test_a_file_changed_since_linting_is_reported_without_context() -> None:
    text = f"x {CLAIM}"
    finding = _finding(text, 11, 27)
    stale = SourceTexts(given={"page.md": "completely different text now"})
    out = render(LintResult(findings=(finding,), files_checked=1), ReportOptions(sources=stale))
    assert '  = matched: "cures depression"' in out and " | " not in out


def test_claim_and_merged_rules_are_shown_when_a_finding_carries_them() -> None:
    text = f"x {CLAIM}"
    finding = _finding(text, 11, 27, claim="ketamine cures depression", merged=("FL510",))
    out = render(LintResult(findings=(finding,), files_checked=1),
                 ReportOptions(sources=SourceTexts(given={"page.md": text})))
    assert "  = claim: ketamine cures depression\n" in out
    assert "  = also: FL510\n" in out
    plain = render(LintResult(findings=(_finding(text, 11, 27),), files_checked=1),
                   ReportOptions(sources=SourceTexts(given={"page.md": text})))
    assert "= claim:" not in plain and "= also:" not in plain


@pytest.mark.parametrize("text, start, end, line, underline", [
    ("abc def", 4, 7, "abc def", "    ^^^"),
    ("a\r\nbc def\r\nx", 6, 9, "bc def", "   ^^^"),
    ("one\ntwo three\nfour", 8, 17, "two three", "    ^^^^^"),  # a span over a line break: to the line's end
    ("e\u0301t\u00e9 ok", 5, 7, "e\u0301t\u00e9 ok", "    ^^"),  # a combining accent takes no column
])
def test_snippet(text: str, start: int, end: int, line: str, underline: str) -> None:
    shown = snippet(text, _finding(text, start, end))
    assert (shown.line, shown.underline) == (line, underline)


def test_printable_keeps_ordinary_text_and_escapes_controls() -> None:
    assert printable("Café – “quoted” 日本") == "Café – “quoted” 日本"
    assert printable("a\x1b[31mb\x9bc\u2066d") == "a\\x1b[31mb\\x9bc\\u2066d"
