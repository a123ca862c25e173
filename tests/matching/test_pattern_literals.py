"""A pattern rule's required strings (rulebook/pattern_literals.py): the engine skips the regex search of a segment
that holds none of them, so every text a pattern matches must hold one."""

from __future__ import annotations

import pytest

from factlint.rulebook import compile_pattern
from factlint.rulebook.pattern_literals import required_literals

CASES = [
    (r"\bschedule (?:i|ii|iv|v|1|2|4|5)\b", ["ketamine is schedule ii here", "a schedule 4 drug"],
     ["schedule x"]),
    (r"\bc-?(?:ii|iv|v)\b", ["it is c-ii", "a civ substance", "c-v"], ["cure"]),
    (r"\b(?:one|a single|1) (?:dose|session)\b[^.]{0,30}\b(?:cures?|fix(?:es)?)\b",
     ["one dose cures it", "a single session fixes all"], ["one more dose"]),
    (r"colou?r", ["color", "colour"], ["colr"]),
    (r"(a|)b", ["b", "ab"], ["a"]),
    (r"FDA[- ]approved", ["fda-approved", "fda approved"], ["approved"]),  # patterns ignore case
    (r"x{2,3}y", ["xxy", "xxxy"], ["xy"]),
]


@pytest.mark.parametrize(("pattern", "matching", "other"), CASES)
def test_every_match_holds_a_required_string(pattern: str, matching: list[str], other: list[str]) -> None:
    literals = required_literals(pattern)
    assert literals, pattern
    compiled = compile_pattern(pattern)
    for text in matching + other:
        if compiled.search(text):
            assert any(lit in text for lit in literals), (pattern, text, literals)
    assert all(compiled.search(t) for t in matching)


@pytest.mark.parametrize("pattern", [
    r"(?:ketamine){e<=1}",  # fuzzy matching: the standard library reads the braces as text
    r"[[:alpha:]]+ cures",  # a POSIX class
    r"\p{L}+ cures",  # not standard library syntax
    r"[^.]{0,40}",  # nothing required
    r"a*b*",
])
def test_no_set_where_it_cannot_be_known(pattern: str) -> None:
    assert required_literals(pattern) is None


def test_fuzzy_pattern_still_matches_through_the_engine() -> None:
    """A fuzzy pattern gets no required strings, so a misspelling it tolerates is still found."""
    assert required_literals(r"(?:ketamine){e<=1}") is None
    assert compile_pattern(r"(?:ketamine){e<=1}").search("ketamne")
