"""A fixed run, built by hand, for testing reports without the matcher (as ruff snapshots its emitters).

`sample_rulebook(folder)` loads a three-rule rulebook written for the reports (citations, a safe fix, an
info rule); `sample_result()` is a `LintResult` over three small drafts: findings of every severity, on
several lines, with wide characters before them, a suppressed finding with its reason, notices, a skipped
file, a decoding warning and an unreadable path. Positions are computed from the drafts' text, so each
finding's span is exactly its text. Nothing here depends on how claims are found: the golden reports in
tests/report/golden/ change only when a report does.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from factlint.documents import line_starts
from factlint.findings import Finding, Severity
from factlint.results import FileProblem, FileWarning, LintResult, Notice, Skipped, SuppressedFinding, Suppression
from factlint.rulebook import Rulebook, load_rulebook

RULEBOOK = """\
categories:
  - {id: approval-status, prefix: FL1, title: Approval status}
  - {id: unsupported-claim, prefix: FL4, title: Unsupported claims}
  - {id: experimental, prefix: FL6, title: Experimental drugs}
sources:
  - file: label.txt
    title: "SPRAVATO (esketamine) nasal spray, prescribing information"
    publisher: Janssen
    date: "2023-01"
    kind: primary
    address: https://example.org/spravato-label.pdf
  - file: news.txt
    title: "A news report on a study in mice"
    kind: secondary
facts:
  - id: spravato-indication
    statement: Spravato is approved for treatment-resistant depression, with an oral antidepressant.
    source: label.txt
    quote: "indicated, in conjunction with an oral antidepressant, for the treatment of treatment-resistant depression"
  - id: no-cure
    statement: No source shows that ketamine cures depression.
    source: news.txt
    quote: "the mechanisms are not fully understood"
  - id: rrhnk-experimental
    statement: RR-HNK has been studied in animals only.
    source: news.txt
    quote: "in mice"
subjects:
  - {id: ketamine, aliases: [ketamine]}
cues:
  negation: [not, no]
rules:
  - id: FL101
    name: spravato-approval-scope
    category: approval-status
    severity: error
    summary: Says Spravato is approved for depression in general
    phrases: [approved for depression]
    message: Spravato is approved for treatment-resistant depression, not for depression in general.
    suggestion: Spravato is approved for treatment-resistant depression, together with an oral antidepressant.
    fact: spravato-indication
    examples: {flag: [Spravato is approved for depression.], pass: [Spravato is not approved for depression.]}
    fix: {match: "approved for depression", replace: "approved for treatment-resistant depression", safe: "true"}
  - id: FL401
    name: cure-claim
    category: unsupported-claim
    severity: warning
    summary: Claims a cure
    phrases: [cures depression]
    message: No source shows that ketamine cures depression.
    suggestion: Ketamine may help some people with depression.
    fact: no-cure
    examples: {flag: [Ketamine cures depression.], pass: [Ketamine does not cure depression.]}
  - id: FL601
    name: experimental-available
    category: experimental
    severity: info
    summary: Offers an experimental drug as available
    phrases: [available now]
    message: RR-HNK is experimental and not available to patients.
    suggestion: RR-HNK is being studied in animals.
    fact: rrhnk-experimental
    examples: {flag: [RR-HNK is available now.], pass: [RR-HNK is not available now.]}
"""

# Wide characters (é, an emoji, CJK) before the claims: columns count code points, rdjsonl counts bytes.
DRAFTS = {
    "site/landing.md": (
        "# Café 😀 Ketamine\n"
        "\n"
        "Our 診療所: Ketamine cures depression.\n"
        "Spravato is approved for depression.\n"
        "<!-- factlint-disable-next-line FL601 -- approved by MLR-123 -->\n"
        "RR-HNK is available now.\n"
    ),
    "site/page.html": "<p>Spravato is approved for depression.</p>\r\n<p>RR-HNK is available now.</p>\r\n",
    "notes.txt": "# factlint-disable FL401\nKetamine cures depression.\n",
}

RULES = {  # rule -> (category, severity, message, suggestion, fact id)
    "FL101": ("approval-status", Severity.ERROR,
              "Spravato is approved for treatment-resistant depression, not for depression in general.",
              "Spravato is approved for treatment-resistant depression, together with an oral antidepressant."),
    "FL401": ("unsupported-claim", Severity.WARNING, "No source shows that ketamine cures depression.",
              "Ketamine may help some people with depression."),
    "FL601": ("experimental", Severity.INFO, "RR-HNK is experimental and not available to patients.",
              "RR-HNK is being studied in animals."),
}
FACTS = {"FL101": "spravato-indication", "FL401": "no-cure", "FL601": "rrhnk-experimental"}


def sample_rulebook(folder: Path) -> Rulebook:
    path = folder / "sample-rules.yaml"
    path.write_text(RULEBOOK, encoding="utf-8")
    return load_rulebook([path], include_default=False)


def finding(rulebook: Rulebook, path: str, rule: str, text: str, occurrence: int = 0) -> Finding:
    """The finding of `rule` on the `occurrence`-th `text` in the draft at `path`."""
    draft = DRAFTS[path]
    start = -1
    for _ in range(occurrence + 1):
        start = draft.index(text, start + 1)
    end = start + len(text)
    starts = line_starts(draft)
    line, end_line = bisect.bisect_right(starts, start), bisect.bisect_right(starts, end)
    category, severity, message, suggestion = RULES[rule]
    fact = rulebook.facts[FACTS[rule]].as_ref()
    return Finding(path, line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1, start, end,
                   rule, category, severity, message, text, suggestion, fact, sentence=text.casefold())


def sample_result(rulebook: Rulebook) -> LintResult:
    def at(path: str, rule: str, text: str) -> Finding:
        return finding(rulebook, path, rule, text)

    active = [
        at("site/landing.md", "FL401", "cures depression"),
        at("site/landing.md", "FL101", "approved for depression"),
        at("site/page.html", "FL101", "approved for depression"),
        at("site/page.html", "FL601", "available now"),
    ]
    waived = [
        SuppressedFinding(at("site/landing.md", "FL601", "available now"),
                          Suppression("approved by MLR-123", "disable-next-line", 5)),
        SuppressedFinding(at("notes.txt", "FL401", "cures depression"), Suppression("", "disable", 1)),
    ]
    return LintResult(
        findings=tuple(sorted(active, key=lambda f: f.sort_key)),
        skipped=(Skipped("site/logo.md", "binary file (PNG image)"),),
        problems=(FileProblem("site/missing.md", "no such file or directory"),),
        files_checked=3,
        suppressed=tuple(sorted(waived, key=lambda s: s.finding.sort_key)),
        notices=(Notice("notes.txt", 1, "suppression-without-reason",
                        "factlint-disable (FL401) has no reason; add one after ' -- '"),),
        files=tuple(sorted(DRAFTS)),
        warnings=(FileWarning("notes.txt", "not valid UTF-8; decoded as Windows-1252"),),
        sources={path: path for path in DRAFTS},
    )
