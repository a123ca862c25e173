"""One sentence that never ends (a hostile or broken draft: hundreds of kilobytes of comma-separated claims and
no full stop). Claim analysis compares a sentence's parts with each other, so a sentence is cut at a comma or
space once it reaches LONGEST_SENTENCE characters; every claim is still found at its exact place. The timeout
is a hang guard (a quadratic run took five minutes on 300 KB), not a speed measurement."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from security_support import run_cli_with_timeout

from factlint.matching.tokens import LONGEST_SENTENCE, sentence_spans

CLAIM = "ketamine cures depression and spravato is approved for ptsd"


def test_a_sentence_without_end_is_cut_into_bounded_pieces_that_cover_it() -> None:
    text = ", ".join([CLAIM] * 2000) + " and " + "x" * 3000
    spans = sentence_spans(text)
    assert all(b - a <= LONGEST_SENTENCE for a, b in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:], strict=False))  # nothing lost between pieces
    assert all(text[b - 1] == "," for _, b in spans[:-5])  # cut after a comma where there is one


def test_ordinary_sentences_are_not_cut() -> None:
    text = "Ketamine cures depression. " * 3 + "A long but ordinary sentence, " * 20 + "ends here."
    assert [text[a:b].strip() for a, b in sentence_spans(text)][-1].endswith("ends here.")
    assert len(sentence_spans(text)) == 4


@pytest.mark.slow  # a scale test: 300 KB in one sentence
def test_a_300_kb_sentence_is_checked_and_every_claim_reported_where_it_stands(tmp_path: Path) -> None:
    text = ", ".join([CLAIM] * 5000) + "\n"
    (tmp_path / "run-on.md").write_text(text, encoding="utf-8")
    try:
        proc = run_cli_with_timeout("check", "run-on.md", "--format", "json", "--jobs", "1", "--max-findings", "0",
                                    cwd=tmp_path, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("a 300 KB sentence took over 120 s")
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    cures = [f for f in findings if f["rule"] == "FL401"]
    assert len(cures) >= len(text) // LONGEST_SENTENCE  # at least one per piece
    assert all(f["line"] == 1 and text[f["column"] - 1:f["end_column"] - 1].startswith("cures") for f in cures)
