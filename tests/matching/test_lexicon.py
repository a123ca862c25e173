from __future__ import annotations

import pytest

from factlint.matching.lexicon import Lexicon, stem
from factlint.rulebook.model import Matching

VOCABULARY = {stem(w) for w in "ketamine esketamine cure depression fda approved side effects not".split()}


@pytest.fixture()
def lexicon() -> Lexicon:
    return Lexicon(VOCABULARY, Matching(fuzzy_min_length=6, protected=("curers",)))


@pytest.mark.parametrize(
    "token, expected",
    [
        ("cures", "cure"), ("cured", "cure"), ("curing", "cure"),  # inflections
        ("ketamne", "ketamin"), ("depresion", "depress"), ("aproved", "approv"),  # typos
        ("esketamin", "esketamin"), ("eskatamine", "esketamin"),
        ("ketamine's", "ketamin"), ("hasn't", "not"),
    ],
)
def test_maps_inflections_and_typos(lexicon: Lexicon, token: str, expected: str) -> None:
    assert lexicon.lookup(token) == expected


@pytest.mark.parametrize("token", ["secure", "procure", "curettage", "cares", "curers", "approach"])
def test_word_boundaries_hold(lexicon: Lexicon, token: str) -> None:
    assert lexicon.lookup(token) is None


def test_esketamine_is_not_a_typo_of_ketamine(lexicon: Lexicon) -> None:
    assert lexicon.lookup("esketamine") == "esketamin"
    assert lexicon.lookup("ketamine") == "ketamin"


@pytest.mark.parametrize("token", ["caring", "affects", "cares", "improves"])
def test_real_words_are_not_typos_of_rulebook_words(token: str) -> None:
    vocabulary = {stem(w) for w in "cure effective approve".split()}
    lexicon = Lexicon(vocabulary, Matching(fuzzy_min_length=5))
    assert lexicon.lookup(token) is None


def test_a_number_in_digits_is_the_rulebook_placeholder_unless_the_number_is_a_rulebook_word() -> None:
    matching = Matching(fuzzy_min_length=6, protected=())
    with_placeholder = Lexicon(VOCABULARY | {"#", "12"}, matching)
    assert [with_placeholder.lookup(w) for w in ("7", "10", "12", "2r")] == ["#", "#", "12", None]
    assert Lexicon(VOCABULARY, matching).lookup("7") is None  # no rulebook phrase counts numbers


@pytest.mark.parametrize("word", ["isn't", "can't", "cannot", "isnt", "doesnt", "dont"])
def test_not_however_it_is_typed(word: str) -> None:
    assert stem(word) == "not"


@pytest.mark.parametrize("word", ["cant", "wont", "dentist"])
def test_words_that_only_look_like_a_bare_contraction_keep_their_stem(word: str) -> None:
    assert stem(word) != "not"
