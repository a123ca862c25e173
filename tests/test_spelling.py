"""The one did-you-mean (factlint/spelling.py), used for keys, rule ids, names and selectors."""

from __future__ import annotations

import pytest

from factlint.spelling import did_you_mean, edit_distance, hint

RULE_IDS = ["FL101", "FL401", "FL402", "FL403", "FL601"]


@pytest.mark.parametrize(
    ("typed", "known", "expected"),
    [
        ("FL4O1", RULE_IDS, "FL401"),  # letter O for digit 0
        ("fl401", RULE_IDS, "FL401"),  # case does not matter
        ("FL410", RULE_IDS, "FL401"),  # two adjacent characters swapped: one edit
        ("selct", ["select", "ignore", "severity"], "select"),
        ("respect_gitignore", ["respect-gitignore", "strict"], "respect-gitignore"),
        ("fail_on", ["format", "fail-on"], "fail-on"),
        ("cure-clam", ["cure-claim", "fda-approved"], "cure-claim"),
        ("zzzzz", RULE_IDS, None),  # nothing near
        ("FL9", RULE_IDS, None),
    ],
)
def test_did_you_mean(typed: str, known: list[str], expected: str | None) -> None:
    assert did_you_mean(typed, known) == expected


def test_the_first_of_equally_near_names_wins() -> None:
    assert did_you_mean("FL40", ["FL401", "FL402"]) == "FL401"


def test_hint_reads_as_part_of_a_message() -> None:
    assert hint("selct", ["select"]) == " (did you mean 'select'?)"
    assert hint("zzz", ["select"], otherwise=" (known: select)") == " (known: select)"


@pytest.mark.parametrize(("a", "b", "distance"), [("", "", 0), ("abc", "", 3), ("kitten", "sitting", 3),
                                                   ("ab", "ba", 1), ("abc", "acb", 1)])
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance == edit_distance(b, a)
