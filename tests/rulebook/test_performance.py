"""A rulebook of 1,000 rules loads, every rule intact. How fast is for bench/ (bench/run.py times a rulebook
ten times the default): the tests make no wall-clock assertions, which a shared machine makes flaky."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.rulebook import load_rulebook

RULES = 1000


def _write_big_rulebook(folder: Path) -> None:
    categories = "\n".join(f"  - {{id: cat-{d}, prefix: FL{d}, title: Category {d}}}" for d in range(10))
    (folder / "00-base.yaml").write_text(
        f"categories:\n{categories}\n"
        "sources:\n  - {file: seed.txt, title: Seed}\n"
        "subjects:\n  - {id: ketamine, aliases: [ketamine, ketalar]}\n"
        "cues:\n  negation: [not, no, never]\n  hedge: [may, might]\n",
        encoding="utf-8",
    )
    facts = [f"  - id: fact-{n}\n    statement: Statement {n}.\n    source: seed.txt\n    quote: Quote number {n}."
             for n in range(RULES)]
    (folder / "10-facts.yaml").write_text("facts:\n" + "\n".join(facts) + "\n", encoding="utf-8")
    rules = [_rule(n) for n in range(RULES)]
    (folder / "20-rules.yaml").write_text("rules:\n" + "\n".join(rules), encoding="utf-8")


def _rule(n: int) -> str:
    digit = n // 100  # FL000..FL999: all the ids there are, 100 per category FL0..FL9
    rule_id = f"FL{n:03d}"
    return f"""\
  - id: {rule_id}
    name: rule-{n}
    category: cat-{digit}
    severity: warning
    summary: Summary of rule {n}
    subjects: [ketamine]
    phrases: [claim {n}, another claim {n}, "third, {n}"]
    patterns: ['\\b{n} ?% (?:of )?patients\\b', 'miracle(?:s)? {n}']
    unless: [negation, hedge]
    exceptions: [no claim {n}]
    message: Rule {n} explains, on one line, why the claim is wrong.
    suggestion: A compliant rewrite for rule {n}.
    fact: fact-{n}
    examples:
      flag: [Ketamine makes claim {n}.]
      pass: [Ketamine does not make claim {n}.]
"""


@pytest.mark.slow  # parses 1,000 rules from YAML: a couple of seconds
def test_a_thousand_rules_load(tmp_path: Path) -> None:
    _write_big_rulebook(tmp_path)
    book = load_rulebook([tmp_path], include_default=False)
    assert len(book.rules) == RULES
    assert len({rule.id for rule in book.rules}) == RULES
