"""Property-based tests (hypothesis) of the whole pipeline, and a short fuzz harness.

Default profile: a few seconds. FACTLINT_HYPOTHESIS_PROFILE=long runs many more examples.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from robust_support import CLAIM, write

from factlint.checker import FileChecker
from factlint.config import Settings
from factlint.documents import decode_bytes, parse_document
from factlint.errors import RulebookError, SkippedFile
from factlint.linter import Linter
from factlint.rulebook import load_rulebook

LONG = os.environ.get("FACTLINT_HYPOTHESIS_PROFILE") == "long"
PROFILE = settings(max_examples=1500 if LONG else 60, deadline=None, derandomize=not LONG,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FEW = settings(PROFILE, max_examples=200 if LONG else 4)

RULEBOOK = load_rulebook()
CHECKER = FileChecker(RULEBOOK, Settings())

CLAIMS = [CLAIM, "Spravato is approved for depression.", "Esketamine has zero side effects.",
          "RR-HNK is available now.", "Ketamine cures PTSD!", "Spravato was approved in 2017."]
WORDS = st.sampled_from(["ketamine", "cures", "depression", "Spravato", "not", "may", "🎉", "e\u0301",
                         "\t", " ", "é", "&amp;", "&#x1F600;", "\u200b", "\ufeff", "\r\n", "\r", "\n"])
INLINE = st.one_of(
    st.sampled_from(CLAIMS), WORDS, st.text(max_size=12),
    st.builds(lambda t: f"*{t}*", st.sampled_from(CLAIMS)),
    st.builds(lambda t: f"[{t}](http://x.y/{t[:3]})", st.sampled_from(CLAIMS)),
    st.builds(lambda t: f"`{t}`", st.text(max_size=8)),
    st.sampled_from(["<!-- factlint-disable-next-line -->", "<br>", "\\*", "<span>", "</span>"]),
)
LINE = st.lists(INLINE, max_size=6).map(" ".join)
BLOCK_PREFIX = st.sampled_from(["", "# ", "## ", "- ", "  - ", "1. ", "> ", "    ", "| ", "```\n", "<!--", "-->",
                                "---\n", "* * *", "<div>", "</div>", "<p>", "</p>"])
MARKDOWN = st.lists(st.tuples(BLOCK_PREFIX, LINE), max_size=12).map(
    lambda blocks: "\n".join(prefix + line for prefix, line in blocks))
TAGS = st.sampled_from(["p", "div", "li", "ul", "h1", "h2", "span", "em", "a", "script", "style", "pre",
                        "code", "td", "table", "br", "title", "template", "noscript"])
HTML_PIECE = st.one_of(
    LINE,
    st.builds(lambda t: f"<{t}>", TAGS), st.builds(lambda t: f"</{t}>", TAGS),
    st.builds(lambda t, x: f'<{t} class="{x}">', TAGS, st.text(max_size=5)),
    st.sampled_from(["<!--", "-->", "<!doctype html>", "&", "&lt;", "&#0;", "&#99999999;", "<", ">", "<![CDATA[",
                     "]]>"]),
)
HTML = st.lists(HTML_PIECE, max_size=25).map("".join)


def check(text: str, fmt: str) -> None:
    """The pipeline never raises; every finding's span is inside the text, its text is the text at
    that span, and line/column point at the same place."""
    name = f"draft.{fmt}"  # the suffix picks the format, as --stdin-filename does
    document = parse_document(text, name, fmt)
    outcome = CHECKER.check_text(text, name, name)
    assert outcome.problem is None, outcome.problem
    for finding in [*outcome.findings, *(s.finding for s in outcome.suppressed)]:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start:finding.end] == finding.text
        assert document.position(finding.start) == (finding.line, finding.column)
        assert document.position(finding.end) == (finding.end_line, finding.end_column)
        starts = [0] + [m.end() for m in re.finditer(r"\r\n?|\n", text)]
        assert starts[finding.line - 1] + finding.column - 1 == finding.start
    for segment in document.segments:
        for _, src_start, _, src_len in segment.pieces:
            assert 0 <= src_start <= src_start + src_len <= len(text)


@PROFILE
@given(st.text())
def test_arbitrary_unicode_text(text):
    for fmt in ("text", "markdown", "html"):
        check(text, fmt)


@PROFILE
@given(MARKDOWN)
def test_generated_markdown(text):
    check(text, "markdown")


@PROFILE
@given(HTML)
def test_generated_html(text):
    check(text, "html")


@PROFILE
@given(st.binary(max_size=300))
def test_arbitrary_bytes_decode_or_are_skipped(data):
    try:
        text, warnings = decode_bytes(data)
    except SkippedFile as skip:
        assert skip.reason.startswith("binary file")
        return
    assert isinstance(text, str) and all(isinstance(w, str) for w in warnings)
    check(text, "markdown")


@FEW
@given(st.lists(st.one_of(MARKDOWN, st.sampled_from(CLAIMS)), min_size=2, max_size=6))
def test_results_do_not_depend_on_jobs(tmp_path, texts):
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        for i, text in enumerate(texts):
            write(Path(folder) / f"p{i}.md", text)
        one = Linter(Settings(jobs=1), RULEBOOK).lint([folder])
        three = Linter(Settings(jobs=3), RULEBOOK).lint([folder])
    assert one.findings == three.findings and one.suppressed == three.suppressed
    assert one.notices == three.notices and one.files_checked == three.files_checked


def test_jobs_give_the_same_bytes_from_the_command_line(run_cli, tmp_path):
    for i in range(40):
        write(tmp_path / "site" / f"p{i:02}.md", f"# Page {i}\n\n{CLAIMS[i % len(CLAIMS)]}\n")
    write(tmp_path / "site" / "bin.md", b"PK\x03\x04zip")
    write(tmp_path / "site" / "latin.txt", f"Caf\xe9 {CLAIM}".encode("cp1252"))
    outputs = {jobs: run_cli("check", "site", "--format", "json", "--jobs", jobs).stdout
               for jobs in ("1", "2", "4")}
    assert outputs["1"] == outputs["2"] == outputs["4"]
    assert json.loads(outputs["1"])["summary"]["files_checked"] == 41


# --- fuzz harness: the rulebook loader and the readers -----------------------------------------

YAMLISH = st.lists(st.one_of(
    st.sampled_from([b"rules:", b"facts:", b"categories:", b"- ", b"id: FL901", b"  ", b"\t", b"\n", b": ",
                     b"&a ", b"*a", b"!!python/object:os.system", b"!!binary", b"{", b"}", b"[", b"]", b",",
                     b"'", b'"', b"#", b"---", b"...", b"%YAML 1.1", b"? ", b"|", b">", b"\xef\xbb\xbf", b"\xff",
                     b"patterns: ['(a+)+$']", b"phrases: [x]", b"null", b"~", b"1e9999", b"0x1F", b"<<: *a"]),
    st.binary(max_size=6),
), max_size=30).map(b"".join)


@PROFILE
@given(YAMLISH)
def test_rulebook_loader_fuzz(tmp_path, data):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    try:
        load_rulebook([path], include_default=False)
    except RulebookError as exc:
        message = str(exc)
        assert "\n" not in message and re.match(r".*fuzz\.yaml:\d+: \S", message), message


@PROFILE
@given(st.binary(max_size=400))
def test_readers_fuzz_on_decoded_bytes(data):
    text = data.decode("utf-8", "replace")
    for fmt in ("markdown", "html", "text"):
        document = parse_document(text, "fuzz", fmt)
        for segment in document.segments:
            for i in range(len(segment.text)):
                assert 0 <= segment.source_offset(i) <= len(text)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_readers_on_pathological_shapes(fmt):
    for text in ["<" * 5000, "[" * 5000 + "]" * 5000, "*" * 5000, "`" * 5000, "&" * 5000 + ";",
                 "<!--" * 2000, "|" * 5000 + "\n" + "|-" * 2000, "\\" * 5000, "\r" * 5000, "\x00" * 100]:
        check(text + CLAIM, fmt)
