"""Precision and recall of the default rulebook on the labelled sentence set (tests/corpus/sentences.yaml).

Each sentence is linted on its own, as a one-paragraph plain-text document, with the real matcher.
Document-scope rules (fair balance) are left out: they judge whole drafts and are measured on examples/.

  * A flag sentence counts as found (TP) when some rule of its labelled category fires; otherwise it is
    missed (FN). A flag sentence caught only by another category's rule is reported as "wrong category".
  * A pass sentence on which any rule fires is a false alarm (FP), charged to the category of the rule.
  * Precision = TP / (TP + FP); recall = TP / (TP + FN); overall and per category.

Run: .venv/bin/python bench/accuracy.py [--details]
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factlint.documents import parse_document  # noqa: E402
from factlint.matching import Matcher  # noqa: E402
from factlint.rulebook import load_rulebook  # noqa: E402

CORPUS = REPO / "tests" / "corpus" / "sentences.yaml"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    overall: Score = field(default_factory=Score)
    by_category: dict[str, Score] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)  # sentences per category (flag/pass)
    misses: list[tuple[dict, list[str]]] = field(default_factory=list)
    false_alarms: list[tuple[dict, list[str]]] = field(default_factory=list)
    wrong_category: list[tuple[dict, list[str]]] = field(default_factory=list)


def load_corpus(path: Path = CORPUS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]


def evaluate(entries: list[dict] | None = None, matcher: Matcher | None = None) -> Report:
    entries = entries if entries is not None else load_corpus()
    matcher = matcher or Matcher(load_rulebook())
    rulebook = matcher.rulebook
    document_rules = {r.id for r in rulebook.rules if r.scope == "document"}
    report = Report()
    for category in rulebook.categories:
        report.by_category[category] = Score()
    for entry in entries:
        document = parse_document(entry["text"], "sentence.txt", "text")
        findings = [f for f in matcher.check(document) if f.rule not in document_rules]
        fired = [f"{f.rule}" for f in findings]
        categories = {f.category for f in findings}
        report.counts[(entry["category"], entry["flag"])] += 1
        if entry["flag"]:
            score = report.by_category[entry["category"]]
            if entry["category"] in categories:
                score.tp += 1
                report.overall.tp += 1
            else:
                score.fn += 1
                report.overall.fn += 1
                (report.wrong_category if findings else report.misses).append((entry, fired))
        elif findings:
            report.overall.fp += 1
            for category in categories:
                report.by_category[category].fp += 1
            report.false_alarms.append((entry, fired))
    return report


def render(report: Report, details: bool = False) -> str:
    lines = []
    o = report.overall
    total = sum(report.counts.values())
    flagged = sum(n for (_, flag), n in report.counts.items() if flag)
    lines.append(f"Sentences: {total} ({flagged} should flag, {total - flagged} should pass)")
    lines.append(f"{'category':<20} {'flag':>5} {'pass':>5} {'TP':>4} {'FP':>4} {'FN':>4} "
                 f"{'precision':>10} {'recall':>8}")
    for category, s in report.by_category.items():
        lines.append(
            f"{category:<20} {report.counts[(category, True)]:>5} {report.counts[(category, False)]:>5} "
            f"{s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>10.3f} {s.recall:>8.3f}"
        )
    lines.append(
        f"{'overall':<20} {flagged:>5} {total - flagged:>5} {o.tp:>4} {o.fp:>4} {o.fn:>4} "
        f"{o.precision:>10.3f} {o.recall:>8.3f}"
    )
    if details:
        for title, items in (("missed", report.misses), ("wrong category", report.wrong_category),
                             ("false alarms", report.false_alarms)):
            lines.append(f"\n{title} ({len(items)}):")
            for entry, fired in items:
                expected = entry.get("rule", "-")
                lines.append(
                    f"  [{entry['category']}/{expected}] {entry['text']!r} -> {fired or 'nothing'}  ({entry['note']})"
                )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    print(render(evaluate(), details="--details" in argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
