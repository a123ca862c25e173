"""Helpers for the rulebook tests: a small valid rulebook to build broken variants on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

BASE = """\
categories:
  - id: approval
    prefix: FL1
    title: Approval status
  - id: claims
    prefix: FL4
    title: Unsupported claims
sources:
  - file: seed.txt
    title: A seed document
facts:
  - id: approved-2019
    statement: Approved in 2019.
    source: seed.txt
    quote: "approved by the FDA in 2019"
subjects:
  - id: ketamine
    aliases: [ketamine, ketalar]
cues:
  negation: [not, no]
  hedge: [may]
"""

RULE = """\
rules:
  - id: FL401
    name: cure-claim
    category: claims
    severity: error
    summary: Claims a cure
    phrases: [cure]
    message: No source shows a cure.
    suggestion: It may help.
    fact: approved-2019
    examples:
      flag: [It cures depression.]
      pass: [It is not a cure.]
"""

Writer = Callable[..., Path]


def marked_line(text: str, marker: str = "# <-") -> int:
    """The 1-based line holding `marker`, so a test's expected line sits beside the offending text."""
    for number, line in enumerate(text.splitlines(), 1):
        if marker in line:
            return number
    raise AssertionError(f"no {marker!r} marker in test text")
