"""Binary files, encodings and line endings: skipped with a reason, decoded with a warning, columns exact.

Every test runs the real CLI in a subprocess, on files written byte for byte.
"""

from __future__ import annotations

import codecs
import io
import json
import zipfile

import pytest
from robust_support import CLAIM, MATCH, fl401, span_text, write

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\n" + CLAIM.encode() + b"\n%%EOF\n"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:t>{CLAIM}</w:t>")
    return buffer.getvalue()


@pytest.fixture
def binary_tree(tmp_path):
    root = tmp_path / "site"
    write(root / "logo.png", PNG)  # not a linted suffix: never looked at
    write(root / "figure.png.md", PNG)  # a .md that is really a PNG
    write(root / "leaflet.pdf.txt", PDF)
    write(root / "draft.md", _zip_bytes())  # a .docx saved as .md
    write(root / "nul.html", b"<p>" + CLAIM.encode() + b"\x00\x01\x02</p>")
    write(root / "ok.md", "# Ketamine\n\nKetamine is not a cure for depression.\n")
    return root


def test_binary_files_are_skipped_with_their_reason_in_text_json_and_sarif(run_cli, binary_tree, tmp_path):
    expected = {
        "site/draft.md": "binary file (ZIP archive)",
        "site/figure.png.md": "binary file (PNG image)",
        "site/leaflet.pdf.txt": "binary file (PDF document)",
        "site/nul.html": "binary file (contains NUL bytes)",
    }
    text = run_cli("check", "site", "--jobs", "1")
    assert text.code == 0, text.stderr  # skipped files do not change the exit code
    for path, reason in expected.items():
        assert f"skipped: {path} ({reason})" in text.stdout
    assert "1 file checked: no findings (4 skipped)" in text.stdout

    data = json.loads(run_cli("check", "site", "--format", "json").stdout)
    assert {s["path"]: s["reason"] for s in data["skipped"]} == expected
    assert data["summary"]["skipped"] == 4 and data["summary"]["files_checked"] == 1

    sarif = json.loads(run_cli("check", "site", "--format", "sarif").stdout)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    skipped = {n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: n["message"]["text"]
               for n in notes if n["descriptor"]["id"] == "skipped"}
    assert skipped == {path: f"{path}: skipped: {reason}" for path, reason in expected.items()}
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_strict_makes_skipped_files_exit_2(run_cli, binary_tree):
    result = run_cli("check", "site", "--strict")
    assert result.code == 2
    assert "factlint: error: --strict: 4 files skipped" in result.stderr
    assert "skipped: site/draft.md (binary file (ZIP archive))" in result.stdout
    assert run_cli("check", "site/ok.md", "--strict").code == 0


def test_strict_from_the_configuration_file(run_cli, binary_tree, tmp_path):
    write(tmp_path / ".factlint.yaml", "strict: true\n")
    assert run_cli("check", "site").code == 2
    assert run_cli("check", "site", "--no-strict").code == 0


# --- encodings: decoded, with a warning where bytes were replaced or guessed; columns exact ------

ENCODED = [
    # (file bytes, warning or None, text factlint decodes)
    pytest.param(codecs.BOM_UTF8 + f"Ünïcode: {CLAIM}\n".encode(), None, f"Ünïcode: {CLAIM}\n", id="utf8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + f"Ünïcode 😀: {CLAIM}\r\n".encode("utf-16-le"), None,
                 f"Ünïcode 😀: {CLAIM}\r\n", id="utf16le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + f"Ünïcode 😀: {CLAIM}\n".encode("utf-16-be"), None,
                 f"Ünïcode 😀: {CLAIM}\n", id="utf16be-bom"),
    pytest.param(f"Café – naïve: {CLAIM}\n".encode("cp1252"), "not valid UTF-8; decoded as Windows-1252",
                 f"Café – naïve: {CLAIM}\n", id="latin1"),
    pytest.param(b"Caf\xc3\xa9 \xff\xfe broken \xc3: " + CLAIM.encode() + b"\n",
                 "invalid UTF-8 byte sequences replaced with U+FFFD",
                 f"Café \ufffd\ufffd broken \ufffd: {CLAIM}\n", id="invalid-utf8"),
]


@pytest.mark.parametrize(("content", "warning", "decoded"), ENCODED)
def test_encodings_decode_with_exact_columns_and_a_visible_warning(run_cli, report, tmp_path, content,
                                                                   warning, decoded):
    write(tmp_path / "page.txt", content)
    code, data, _ = report("page.txt")
    assert code == 1
    [finding] = fl401(data["findings"])
    assert finding["text"] == MATCH
    assert (finding["line"], finding["column"]) == (1, decoded.index(MATCH) + 1)
    assert span_text(decoded, finding) == MATCH
    expected = [{"path": "page.txt", "message": warning}] if warning else []
    assert data["warnings"] == expected
    assert data["summary"]["warnings"] == len(expected)

    text = run_cli("check", "page.txt")
    sarif = json.loads(run_cli("check", "page.txt", "--format", "sarif").stdout)
    notes = [n for n in sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
             if n["descriptor"]["id"] == "decoding-warning"]
    if warning:
        assert f"warning: page.txt: {warning}" in text.stdout
        assert "1 decoding warning" in text.stdout.splitlines()[-1]
        assert [n["message"]["text"] for n in notes] == [f"page.txt: {warning}"]
        assert run_cli("check", "page.txt", "--strict").code == 2
    else:
        assert "warning:" not in text.stdout and notes == []
        assert run_cli("check", "page.txt", "--strict").code == 1


# --- line endings, tabs, emoji, combining characters ------------------------------------------

LAYOUTS = [
    pytest.param("Intro.\r\n\r\n" + CLAIM + "\r\n", id="crlf"),
    pytest.param("Intro.\r\r" + CLAIM + "\r", id="cr"),
    pytest.param("Intro.\n\nNote:\t\t" + CLAIM + "\tEnd.\n", id="tabs"),  # (a leading tab is Markdown code)
    pytest.param("😀🎉 Intro 👍🏽.\n\n😀 " + CLAIM + " 🎉\n", id="emoji"),
    pytest.param("Cafe\u0301 intro.\n\nE\u0301te\u0301: " + CLAIM + "\n", id="combining"),
    pytest.param("Line one.\r\nLine two.\rLine three.\n\u200b\ufeff" + CLAIM + "\n", id="mixed-and-zero-width"),
]


@pytest.mark.parametrize("text", LAYOUTS)
@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
def test_columns_count_code_points_in_every_format(run_cli, report, tmp_path, text, suffix):
    write(tmp_path / f"page{suffix}", text)
    code, data, _ = report(f"page{suffix}")
    assert code == 1, data
    [finding] = fl401(data["findings"])
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    line = next(i for i, line in enumerate(lines, 1) if MATCH in line)
    column = lines[line - 1].index(MATCH) + 1
    assert (finding["line"], finding["column"]) == (line, column)
    assert (finding["end_line"], finding["end_column"]) == (line, column + len(MATCH))
    assert span_text(text, finding) == MATCH

    # the same position, in the same unit, in text, SARIF and GitHub output. The reporters read the finding's
    # position, whatever format it came from: checked on one input format (the position itself on all three).
    if suffix != ".md":
        return
    assert f"page{suffix}:{line}:{column}: FL401" in run_cli("check", f"page{suffix}").stdout
    sarif = json.loads(run_cli("check", f"page{suffix}", "--format", "sarif").stdout)
    assert sarif["runs"][0]["columnKind"] == "unicodeCodePoints"
    region = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "FL401")
    region = region["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (line, column, column + len(MATCH))
    github = run_cli("check", f"page{suffix}", "--format", "github").stdout
    assert f"line={line},col={column},endLine={line},endColumn={column + len(MATCH)}" in github

    # rdjsonl counts UTF-8 bytes, as reviewdog's format requires
    rd = [json.loads(x) for x in run_cli("check", f"page{suffix}", "--format", "rdjsonl").stdout.splitlines()]
    rng = next(d for d in rd if d["code"]["value"] == "FL401")["location"]["range"]
    prefix = lines[line - 1][: column - 1]
    assert rng["start"]["column"] == len(prefix.encode("utf-8")) + 1
    assert rng["end"]["column"] == len(prefix.encode("utf-8")) + len(MATCH) + 1


def test_empty_and_whitespace_only_files(run_cli, tmp_path):
    for name, content in [("empty.md", b""), ("blank.html", b"\n\n\r\n"), ("bom.txt", codecs.BOM_UTF8),
                          ("bom16.md", codecs.BOM_UTF16_LE), ("spaces.md", b"   \t  ")]:
        write(tmp_path / "d" / name, content)
    result = run_cli("check", "d", "--strict")
    assert result.code == 0, result.stderr
    assert "5 files checked: no findings" in result.stdout
