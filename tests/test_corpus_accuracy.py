"""Precision and recall of the default rulebook on the labelled sentence set: both at least 0.95.

The figures (overall and per category) are printed; run `pytest -s tests/test_corpus_accuracy.py` or
`.venv/bin/python bench/accuracy.py --details` to see them and the misses / false alarms.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("factlint_bench_accuracy", REPO / "bench" / "accuracy.py")
accuracy = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = accuracy  # dataclasses look their module up
_spec.loader.exec_module(accuracy)

CORPUS = REPO / "tests" / "corpus" / "sentences.yaml"
HOLDOUT = REPO / "tests" / "corpus" / "holdout.yaml"


@pytest.fixture(scope="module")
def report():
    result = accuracy.evaluate(accuracy.load_corpus(CORPUS))
    print("\n" + accuracy.render(result, details=True))
    return result


def test_corpus_shape() -> None:
    entries = accuracy.load_corpus(CORPUS)
    assert len(entries) >= 300
    flagged = sum(e["flag"] for e in entries)
    assert 0.4 <= flagged / len(entries) <= 0.6, "about half must flag"
    assert len({e["text"] for e in entries}) == len(entries), "duplicate sentences"
    for e in entries:
        assert set(e) <= {"text", "flag", "category", "rule", "note"}, e
        assert bool(e.get("rule")) == e["flag"], e


def test_precision_at_least_095(report) -> None:
    assert report.overall.precision >= 0.95


def test_recall_at_least_095(report) -> None:
    assert report.overall.recall >= 0.95


@pytest.mark.skipif(not HOLDOUT.is_file(), reason="no held-out set")
def test_holdout_set_keeps_the_same_bar() -> None:
    """Sentences written after the first tuning (first run: precision 0.975, recall 0.951; see
    docs/accuracy.md). Printed in full, and held to the same bar so a regression shows."""
    result = accuracy.evaluate(accuracy.load_corpus(HOLDOUT))
    print("\nheld-out set\n" + accuracy.render(result, details=True))
    assert result.overall.precision >= 0.95
    assert result.overall.recall >= 0.95
