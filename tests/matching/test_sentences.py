"""Where sentences end: cues and claims never cross a sentence end, so a wrong end changes what is claimed."""

from __future__ import annotations

import pytest

from factlint.matching.tokens import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[start:end].strip() for start, end in sentence_spans(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("“It works,” says Dr. Lee, our director. Book now.", ["“It works,” says Dr. Lee, our director.", "Book now."]),
    ("Ask Prof. Ortiz or Mrs. Diaz today! We reply fast.", ["Ask Prof. Ortiz or Mrs. Diaz today!", "We reply fast."]),
    ("U.S. regulators agree. It beat vs. placebo.", ["U.S. regulators agree.", "It beat vs. placebo."]),
    ("Take 0.7 mg. Then rest.", ["Take 0.7 mg.", "Then rest."]),
    ("Is it safe? Yes.", ["Is it safe?", "Yes."]),
])
def test_a_sentence_ends_at_its_stop_not_at_a_title_initialism_or_decimal(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
