"""The must-flag / must-pass sentences of the core issue, through the real rulebook."""

from __future__ import annotations

import pytest

MUST_FLAG = {
    "Ketamine cures depression.": "unsupported-claim",
    "Our ketamine infusions are FDA-approved for depression.": "approval-status",
    "Spravato is approved to treat PTSD and anxiety.": "indication",
    "Esketamine is a first-line treatment for anyone feeling down.": "eligibility",
    "Use your esketamine spray at home, no clinic visit needed.": "eligibility",
    "Completely safe, with zero side effects.": "safety",
    "RR-HNK treatment is now available at our clinic.": "experimental",
    "One session is all you need.": "eligibility",
    "Ketamne cures depresion.": "unsupported-claim",
    "Esketamine c-u-r-e-s depression.": "unsupported-claim",
    "Guaranteed results for 100% of patients.": "unsupported-claim",
}

MUST_PASS = [
    "Ketamine is not a cure for depression.",
    "Esketamine may help reduce symptoms of treatment-resistant depression.",
    "Spravato was approved by the FDA in 2019 for treatment-resistant depression.",
    "Esketamine hasn't received FDA approval for PTSD or anxiety.",
    "It must be administered under the supervision of a healthcare professional in a certified medical office.",
    "RR-HNK has only completed early safety trials.",
    "Our secure portal lets you procure records.",
]


@pytest.mark.parametrize("sentence, category", MUST_FLAG.items())
def test_must_flag(lint, sentence: str, category: str) -> None:
    findings = lint(sentence)
    assert category in {f.category for f in findings}, findings
    for finding in findings:
        assert sentence[finding.start : finding.end] == finding.text
        assert finding.line == 1 and finding.column == finding.start + 1


@pytest.mark.parametrize("sentence", MUST_PASS)
def test_must_pass(lint, sentence: str) -> None:
    assert lint(sentence) == []


def test_claim_words_in_code_and_urls_do_not_flag(lint) -> None:
    draft = (
        "# Ketamine\n\n"
        "Read [our study](https://example.com/ketamine-cures-depression) or "
        "https://example.com/cures.\n\n"
        "```\nKetamine cures depression.\n```\n\n"
        "    Ketamine cures depression (indented code).\n\n"
        "Inline `ketamine cures depression` stays quiet.\n"
    )
    assert lint(draft) == []


def test_same_sentence_outside_code_flags_with_exact_position(lint) -> None:
    draft = "---\ntitle: Our clinic\n---\n\n# Ketamine clinic\r\n\r\nIt  cures depression, we say.\r\n"
    findings = lint(draft)
    assert [(f.line, f.column, f.text) for f in findings if f.rule == "FL401"] == [(7, 5, "cures depression")]
    for finding in findings:  # other rules (document-level fair balance) may fire too
        assert draft[finding.start : finding.end] == finding.text
