"""The matcher remembers what it worked out (per token, per segment mask, per sentence, per
paragraph): a remembered answer must never leak one document's context into another."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.documents import read_document
from factlint.matching import Matcher, judge, prefilter
from factlint.rulebook import load_rulebook
from tests.matching.test_engine import RULEBOOK, document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def matcher(tmp_path: Path) -> Matcher:
    path = tmp_path / "rules.yaml"
    path.write_text(RULEBOOK, encoding="utf-8")
    return Matcher(load_rulebook([path], include_default=False))


def found(matcher: Matcher, *blocks: tuple[str, str]) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in matcher.check(document(*blocks))]


@pytest.mark.parametrize("first_topic_applies", [True, False])
def test_a_repeated_paragraph_is_judged_in_each_documents_topic(matcher: Matcher, first_topic_applies: bool) -> None:
    ketamine = (("heading", "Ketamine"), ("paragraph", "It cures depression."))
    yoga = (("heading", "Yoga"), ("paragraph", "It cures depression."))
    runs = (ketamine, yoga) if first_topic_applies else (yoga, ketamine)
    results = [found(matcher, *blocks) for blocks in runs]
    expected = [[("FL401", "cures depression")], []]
    assert results == (expected if first_topic_applies else expected[::-1])


def test_a_repeated_sentence_keeps_its_own_positions(matcher: Matcher) -> None:
    once = found(matcher, ("paragraph", "Ketamine cures depression."))
    again = matcher.check(document(("paragraph", "Intro."), ("paragraph", "Ketamine cures depression.")))
    assert once == [("FL401", "cures depression")]
    assert [(f.rule, f.text, f.line, f.column) for f in again] == [("FL401", "cures depression", 3, 10)]


def test_fair_balance_is_decided_per_document_even_for_shared_paragraphs(matcher: Matcher) -> None:
    benefit = ("paragraph", "Ketamine brings relief.")
    assert found(matcher, benefit, ("paragraph", "Ask about side effects.")) == []
    assert found(matcher, benefit) == [("FL501", "relief")]
    assert found(matcher, benefit, ("paragraph", "There are no side effects.")) == [("FL501", "relief")]
    assert found(matcher, benefit, ("paragraph", "Ask about side effects.")) == []


def test_settled_document_rules_do_not_carry_over(matcher: Matcher) -> None:
    twice = (("paragraph", "Ketamine brings relief."), ("paragraph", "More relief with ketamine."))
    assert found(matcher, *twice) == [("FL501", "relief")]
    assert found(matcher, *twice) == [("FL501", "relief")]


def _findings_on_examples(matcher: Matcher) -> list[tuple[str, int, int, str]]:
    results = []
    for path in sorted(p for p in EXAMPLES.rglob("*") if p.suffix in {".md", ".html", ".txt"}):
        for f in matcher.check(read_document(path, path.name)):
            results.append((f.path, f.line, f.column, f.rule))
    return results


def test_tiny_caches_that_keep_starting_afresh_give_the_same_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    rulebook = load_rulebook()
    expected = _findings_on_examples(Matcher(rulebook))
    assert len(expected) > 20  # the examples hold many findings: the comparison means something
    monkeypatch.setattr(prefilter, "_CACHE_LIMIT", 2)
    monkeypatch.setattr(judge, "_CACHE_LIMIT", 2)
    small = Matcher(rulebook)
    assert _findings_on_examples(small) == expected
    assert _findings_on_examples(small) == expected  # and again, warm


def test_word_and_token_tables_that_keep_starting_afresh_give_the_same_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The per-word and per-token tables are bounded too (a huge repository must not grow them
    without limit); starting them afresh costs time, never a finding."""
    from factlint.matching import lexicon

    rulebook = load_rulebook()
    expected = _findings_on_examples(Matcher(rulebook))
    monkeypatch.setattr(prefilter, "TOKEN_LIMIT", 3)
    monkeypatch.setattr(lexicon, "WORD_LIMIT", 3)
    small = Matcher(rulebook)
    assert _findings_on_examples(small) == expected
    assert len(small._prefilter._token_masks) <= 3
    assert len(small.index.lexicon.canonical) <= 3
