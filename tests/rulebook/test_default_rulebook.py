"""The shipped rulebook loads, and every fact's quote is really in its source document."""

from __future__ import annotations

import pytest
from project import SHARED, needs_shared

from factlint.rulebook import Rulebook, load_rulebook

SOURCE_FOLDERS = ("seeds", "reference")


@pytest.fixture(scope="module")
def rulebook() -> Rulebook:
    return load_rulebook()


def test_default_rulebook_loads(rulebook: Rulebook) -> None:
    assert len(rulebook.rules) >= 1
    assert len(rulebook.facts) >= 1


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _source_text(name: str) -> str:
    assert SHARED is not None
    for folder in SOURCE_FOLDERS:
        path = SHARED / folder / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise AssertionError(f"source file {name!r} is in neither {SHARED / 'seeds'} nor {SHARED / 'reference'}")


@needs_shared
def test_every_fact_quote_is_verbatim_in_its_source(rulebook: Rulebook) -> None:
    files = {fact.id: rulebook.sources[fact.source].file for fact in rulebook.facts.values()}
    texts = {name: _collapse(_source_text(name)) for name in set(files.values())}
    missing = [
        f"{fact.id} ({files[fact.id]}): {fact.quote!r}"
        for fact in rulebook.facts.values()
        if _collapse(fact.quote) not in texts[files[fact.id]]
    ]
    assert not missing, "these quotes do not appear word for word in their source: " + "; ".join(missing)
