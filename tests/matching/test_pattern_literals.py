"""A pattern rule's required strings (rulebook/pattern_literals.py): the engine skips the regex search of a segment
that holds none of them, so every text a pattern matches must hold one."""

from __future__ import annotations

import os

import pytest
import regex
from hypothesis import HealthCheck, Phase, find, given, settings, strategies as st
from project import slow_tests_enabled

from factlint.matching.normalize import normalize
from factlint.rulebook import compile_pattern, load_rulebook
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
    r"(?:ketamine){e<=1}",  # fuzzy matching
    r"[[:alpha:]]+ cures",  # a POSIX class
    r"\p{L}+ cures",  # a Unicode property
    r"[^.]{0,40}",  # nothing required
    r"a*b*",
])
def test_no_set_where_it_cannot_be_known(pattern: str) -> None:
    assert required_literals(pattern) is None


def test_fuzzy_pattern_still_matches_through_the_engine() -> None:
    """A fuzzy pattern gets no required strings, so a misspelling it tolerates is still found."""
    assert required_literals(r"(?:ketamine){e<=1}") is None
    assert compile_pattern(r"(?:ketamine){e<=1}").search("ketamne")


def test_every_bundled_rule_pattern_has_a_set() -> None:
    """The rulebook's own patterns stay inside the subset, so the engine can skip their search."""
    patterns = [p for rule in load_rulebook().rules for p in rule.patterns]
    assert patterns
    assert [p for p in patterns if not required_literals(p)] == []


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bspravato\b", {"spravato"}),
    (r"(?i)Ketamine", {"ketamine"}),  # a flag at the start that is on anyway
    (r"(?:abc|abd)", {"abc", "abd"}),
    (r"(?>cure)s?", {"cure", "cures"}),  # atomic group
    (r"(?P<drug>ketamine) (?<verb>cures)", {"ketamine cures"}),  # named groups
    (r"[a-c]at", {"aat", "bat", "cat"}),
    (r"[]x]y", {"]y", "xy"}),  # "]" first in a class is a member
    (r"ketamine\.", {"ketamine."}),
    (r"\d+ mg\b", {" mg"}),
    (r"cures?+(?!\w)", {"cure", "cures"}),  # possessive, then a lookahead: zero width
    (r"(?<=no )side effects", {"side effects"}),
    (r"^spravato$", {"spravato"}),
    ("k\u00e9tamine", {"tamine"}),  # a non-ASCII letter is not a literal
    (r"[^.]{0,40}\bfda[- ]approved", {"fda-approved", "fda approved"}),
    (r"x{1000000}", {"x"}),  # a huge count: the body is still required
    (r"a{,2}b", {"b", "ab", "aab"}),
    (r"(?:cure|heal)s|(?:fix|end)(?:es|s)?", {"cures", "heals", "fix", "fixes", "fixs", "end", "endes", "ends"}),
])
def test_required_set(pattern: str, expected: set[str]) -> None:
    assert required_literals(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"\w+", r"(?:a|\d)", r"a?", r".*", r"\bx?\b", r"[^a]", r"[A-Z]", r"(?:a|)",
])
def test_nothing_required(pattern: str) -> None:
    assert required_literals(pattern) is None


@pytest.mark.parametrize("pattern", [
    r"(?V1)cures", r"(?r)cures", r"(?f)strasse", r"(?x)cu res", r"(?-i:Cures)", r"(?i-s:cures)",
    r"cures(?i)",  # a flag after the start
    r"\L<drugs> cures", r"\mcures\M", r"\Gcures", r"cu\Kres", r"\X cures", r"\h cures", r"\R cures",
    r"(\w+) \1 cures", r"(?P<w>cure)(?P=w)", r"(?R)cures", r"(?1)cures", r"(?(1)a|b)cures",
    r"(?|a|b)cures", r"(?#note)cures", r"(?&name)cures", r"(?P>name)cures",
    r"\x41cures", r"\u0041cures", r"\N{LATIN SMALL LETTER A}cures", r"\p{Ll}cures", r"cure[\p{L}]",
    r"cures{1, 3}", r"cures{}", r"cures{,}", r"cures{x}", r"cure(?:s){i<=1,d<=1}", r"cure{e<=1:[a-z]}",
    r"[a--b]cures", r"[a&&b]cures", r"[[a]cures", r"cures[\b]",
])
def test_syntax_outside_the_subset_has_no_set(pattern: str) -> None:
    assert required_literals(pattern) is None


@pytest.mark.parametrize("pattern", [
    "(" * 1000 + "a" + ")" * 1000,  # nested 1000 deep
    "(?:" * 5000 + "a",
    "(" * 100_000,
    ")(", "a)", "(a", "[a", "[]", "[^]", "a[b-", "\\", "(?", "(?P<", "(?P<a", "(?<", "(?<=a", "a{2", "a{2,1}",
    "*a", "a**", "a{2}{3}", "a|*", "{1}", "a{" + "9" * 10_000 + "}", "a{99999999999999999999}",
    "(?i)*", r"\b+", "(?=a){2}",
])
def test_hostile_pattern_gets_no_set(pattern: str) -> None:
    assert required_literals(pattern) is None


def test_long_pattern_is_read_without_deep_recursion() -> None:
    """A 20,000-character run gives a long, correct required string; the run is spelled out to a bound."""
    literals = required_literals("x" * 20_000)
    assert literals is not None and all(set(lit) == {"x"} and 0 < len(lit) <= 20_000 for lit in literals)
    assert required_literals("(?:ab|cd)" * 2_000) is not None


@pytest.mark.parametrize(("raw", "pattern"), [
    ("\u212aetamine cures", "ketamine cures"),  # the Kelvin sign
    ("ketamine cure\u017f", "ketamine cures"),  # long s
    ("\u0131t cures", r"\bit cures"),  # dotless i
])
def test_letters_that_match_ascii_are_folded_to_it(raw: str, pattern: str) -> None:
    """Non-ASCII letters an ASCII letter matches case-insensitively become that letter in normalised text,
    so the lower-case ASCII literal is there wherever the pattern matches."""
    text = normalize(raw)
    literals = required_literals(pattern)
    assert literals is not None and compile_pattern(pattern).search(text)
    assert any(lit in text for lit in literals), (text, literals)


# -- property: for patterns built from the subset, every match holds a required string --------------------
# Each generated part is a pattern and a sample of the text it matches, so most texts match (anchors,
# lookarounds and possessive repeats may still make one miss; the property is checked on real matches only).

LONG = os.environ.get("FACTLINT_HYPOTHESIS_PROFILE") == "long"
# many examples in the full suite (CI), a quick sample by default
PROFILE = settings(max_examples=2000 if LONG else 600 if slow_tests_enabled() else 60, deadline=None,
                   derandomize=not LONG,
                   suppress_health_check=[HealthCheck.too_slow])

Part = tuple[str, str]  # (pattern, a text it should match)
ATOMS: dict[str, tuple[str, ...]] = {  # pattern -> texts it matches
    "a": ("a",), "b": ("b",), "c": ("c",), "A": ("a", "A"), " ": (" ",), "-": ("-",), "k": ("k", "\u212a"),
    "S": ("s", "\u017f"), "\u017f": ("s",), r"\.": (".",), r"\-": ("-",), r"\]": ("]",), r"\t": ("\t",),
    "\u00e9": ("\u00e9",), "(?:ke)": ("ke",), "(?:cure)": ("cure", "CURE"), "(?:ab|b)": ("ab", "b"),
    ".": ("a", ".", "\u00e9"), r"\d": ("1", "7"), r"\w": ("a", "_", "1"), r"\s": (" ", "\t"), r"\W": (" ", "-"),
    "[ab]": ("a", "b"), "[a-c]": ("a", "b", "c"), "[A-C]": ("a", "c"), "[^a]": ("b", " "), "[-a]": ("-", "a"),
    r"[\d.]": ("1", "."), "[a-z]": ("a", "z"), "[]a]": ("]", "a"),
}
ANCHORS = [r"\b", r"\B", "^", "$", "(?=a)", "(?!b)", "(?<=a)", "(?<!c)"]
QUANTIFIERS = [("", 1, 1), ("", 1, 1), ("?", 0, 1), ("*", 0, 3), ("+", 1, 3), ("{2}", 2, 2), ("{1,3}", 1, 3),
               ("{0,2}", 0, 2), ("{2,}", 2, 4), ("{,2}", 0, 2), ("??", 0, 1), ("*?", 0, 3), ("+?", 1, 3),
               ("?+", 0, 1), ("{1,2}?", 1, 2)]
OPENERS = ["(", "(?:", "(?>", "(?i:", "(?P<g>"]


def _repeated(part: st.SearchStrategy[Part]) -> st.SearchStrategy[Part]:
    def build(args: tuple[Part, tuple[str, int, int], int]) -> Part:
        (pattern, sample), (quantifier, low, high), extra = args
        return pattern + quantifier, sample * (low + extra % (high - low + 1))
    return st.tuples(part, st.sampled_from(QUANTIFIERS), st.integers(0, 3)).map(build)


def _joined(parts: list[Part]) -> Part:
    return "".join(p for p, _ in parts), "".join(s for _, s in parts)


def _grouped(inner: st.SearchStrategy[Part]) -> st.SearchStrategy[Part]:
    sequence = st.lists(inner, max_size=4).map(_joined)

    def build(args: tuple[str, list[Part], int]) -> Part:
        opener, branches, chosen = args
        return opener + "|".join(p for p, _ in branches) + ")", branches[chosen % len(branches)][1]
    group = st.tuples(st.sampled_from(OPENERS), st.lists(sequence, min_size=1, max_size=3), st.integers(0, 2))
    return st.one_of(_repeated(group.map(build)), sequence)


ATOM = st.tuples(st.sampled_from(sorted(ATOMS)), st.integers(0, 2)).map(
    lambda t: (t[0], ATOMS[t[0]][t[1] % len(ATOMS[t[0]])]))  # cheaper than flatmap
LEAF = st.one_of(_repeated(ATOM), st.sampled_from(ANCHORS).map(lambda p: (p, "")))
PARTS = st.lists(st.recursive(LEAF, _grouped, max_leaves=10), min_size=1, max_size=5).map(_joined)
NOISE = st.text(alphabet="abck -.\t1\u212a\u017f\u00e9", max_size=6)


@PROFILE
@given(PARTS, NOISE, NOISE)
def test_every_match_holds_a_required_string_property(part: Part, before: str, after: str) -> None:
    pattern, sample = part
    try:
        compiled = compile_pattern(pattern)
    except regex.error:  # e.g. a look-behind the engine refuses
        return
    literals = required_literals(pattern)
    for text in (normalize(sample), normalize(before + sample + after), normalize(before + after)):
        if literals is not None and compiled.search(text):
            assert any(lit in text for lit in literals), (pattern, text, literals)


def test_the_property_sees_matches() -> None:
    """The generator above yields patterns with a required set that match their sample (the property is
    not checked on misses only)."""
    def checked(part: Part) -> bool:
        literals = required_literals(part[0])
        return bool(literals) and min(map(len, literals)) >= 2 and bool(compile_pattern(part[0]).search(
            normalize(part[1])))
    pattern, _ = find(PARTS, checked, settings=settings(database=None, derandomize=True, max_examples=500,
                                                       phases=[Phase.generate]))
    assert required_literals(pattern)
