from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from factlint.matching.normalize import normalize, normalize_with_map


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Esketamine c-u-r-e-s depression.", "esketamine cures depression."),
        ("c.u.r.e", "cure"),
        ("c u r e s it", "cures it"),
        ("FDA\u2011approved \u2014 it\u2019s", "fda-approved \u2014 it's"),
        ("zero\u200b side\u00adeffects", "zero sideeffects"),
        ("\ufb01ne CAF\u00c9", "fine café"),
        ("U.S. FDA", "u.s. fda"),  # two letters are an abbreviation, not an obfuscation
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected
    mapped, origin = normalize_with_map(text)
    assert mapped == expected
    assert len(origin) == len(mapped)


@given(st.text(max_size=200))
def test_map_points_inside_the_input_and_agrees_with_fast_path_on_nfkc_text(text: str) -> None:
    mapped, origin = normalize_with_map(text)
    assert len(mapped) == len(origin)
    assert all(0 <= o < len(text) for o in origin)
    assert list(origin) == sorted(origin)
    import unicodedata

    if unicodedata.is_normalized("NFKC", text):
        assert mapped == normalize(text)


def test_split_letters_joined_in_text_with_non_ascii_letters() -> None:
    """Non-ASCII text takes a quicker first look for split letters; runs next to accented words and in other
    scripts are still joined, and a lone letter between words is not a run."""
    assert normalize("Café — c-u-r-e-s") == "café — cures"
    assert normalize("é.t.é — ok") == "été — ok"
    assert normalize("naïve a b text") == "naïve a b text"
    assert normalize("vitamin a b c ✨") == "vitamin abc ✨"
