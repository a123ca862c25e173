"""The page topic's drug names (matching/names.py): whole words, the longest name where several start at one
place, never overlapping, as a regex alternation of the names would find them."""

from __future__ import annotations

import random

import regex

from factlint.matching.names import DrugNames
from factlint.rulebook import load_rulebook


def _as_regex(names: DrugNames) -> regex.Pattern[str]:
    alternatives = "|".join(regex.escape(n) for n in names._names)
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{alternatives})(?![\p{{L}}\p{{N}}])")


def test_whole_words_longest_first() -> None:
    names = DrugNames(load_rulebook((), include_default=True))
    assert names.drugs_in("esketamine and ketamine") == ["esketamine", "ketamine"]
    assert names.drugs_in("ketamines, xketamine, ketamine2") == []
    assert names.drugs_in("spravato nasal spray (ketamine)")[-1] == "ketamine"


def test_same_names_as_a_regex_alternation() -> None:
    names = DrugNames(load_rulebook((), include_default=True))
    pattern = _as_regex(names)
    pieces = [*names._names, "x", "é", " ", "-", "1", "s", "'s"]
    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 8)))
        assert names.names_in(text) == pattern.findall(text), text
