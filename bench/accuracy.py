"""Accuracy of the default rulebook: precision and recall per category, printed as tables.

Sets measured (each sentence linted on its own, as a one-paragraph plain-text draft):

  * `dev-tune`, `dev-test`: the development corpus ../shared/corpus/real-copy.yaml, split into two halves by
    site (the host of `modelled_on`, "www." dropped; a host goes to a half by the first byte of its sha256).
    Rules were tuned on `dev-tune` only; `dev-test` is the honest estimate on copy the rules were not tuned on.
  * `own`, `holdout`: factlint's own labelled sets (tests/corpus/).
  * `independent`: tests/corpus/independent/, 322 sentences and 6 pages written for this project by someone who
    had not seen the rules or the engine, in the corpus's format and label rules (its first run is in
    docs/accuracy.md; like the other own sets, it is in-sample after that).
  * `pages`: the corpus's whole pages (../shared/corpus/pages), line-level: a line counts as flagged when a
    finding starts on it; precision, recall and F1 against pages/expected.yaml, per half as above.

A flagged sentence counts as found (TP) when any rule fires (sentence-level: the claim was caught); a pass
sentence with any finding is a false alarm (FP). Per category, recall counts a flag sentence as found only
when a rule of its labelled category fires ("caught in its category"), and the table also shows how many were
caught by another category's rule. Document-level rules (fair balance) are left out of the sentence sets.

Run: .venv/bin/python bench/accuracy.py [--set dev-tune|dev-test|own|holdout|pages|all] [--details]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factlint.documents import parse_document  # noqa: E402
from factlint.matching import Matcher  # noqa: E402
from factlint.rulebook import load_rulebook  # noqa: E402

SHARED = REPO.parent / "shared"
if not (SHARED / "corpus").is_dir():
    SHARED = Path("/work/shared")
CORPUS = SHARED / "corpus"
OWN = REPO / "tests" / "corpus" / "sentences.yaml"
INDEPENDENT = REPO / "tests" / "corpus" / "independent"
INDEPENDENT2 = REPO / "tests" / "corpus" / "independent2"  # a second one, weighted to hard passes
INDEPENDENT3 = REPO / "tests" / "corpus" / "independent3"  # a third, written after the engine was tuned
INDEPENDENT4 = REPO / "tests" / "corpus" / "independent4"  # a fourth, 60% hard passes: precision on new copy
INDEPENDENT5 = REPO / "tests" / "corpus" / "independent5"  # a fifth, 65% passes in real-page voices
INDEPENDENT_SETS = {"independent": INDEPENDENT, "independent2": INDEPENDENT2, "independent3": INDEPENDENT3,
                    "independent4": INDEPENDENT4, "independent5": INDEPENDENT5}
HOLDOUT = REPO / "tests" / "corpus" / "holdout.yaml"
# The corpus's category names -> the rulebook's.
CATEGORY = {"unapproved-indication": "indication", "experimental-status": "experimental"}


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

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    name: str
    overall: Score = field(default_factory=Score)
    by_category: dict[str, Score] = field(default_factory=dict)
    other_category: Counter = field(default_factory=Counter)  # flag sentences caught by another category
    counts: Counter = field(default_factory=Counter)
    misses: list[tuple[dict, list[str]]] = field(default_factory=list)
    false_alarms: list[tuple[dict, list[str]]] = field(default_factory=list)


def half_of(address: str) -> str:
    """`dev-tune` or `dev-test`: the half a site belongs to."""
    host = urlparse(address).hostname or address
    host = host[4:] if host.startswith("www.") else host
    return "dev-tune" if hashlib.sha256(host.encode()).digest()[0] % 2 == 0 else "dev-test"


def corpus_records(half: str | None, path: Path | None = None) -> list[dict]:
    """Records of a corpus in the development corpus's format; `half`: only that half's sites."""
    records = yaml.safe_load((path or CORPUS / "real-copy.yaml").read_text(encoding="utf-8"))
    return [
        {"id": r["id"], "text": r["text"], "flag": r["should_flag"],
         "category": CATEGORY.get(r["category"], r["category"]) if r["should_flag"] else "none",
         "note": r.get("rationale", "")}
        for r in records if half is None or half_of(r["modelled_on"]) == half
    ]


def own_records(path: Path) -> list[dict]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]
    return [{"id": f"{path.stem}-{i + 1}", "text": e["text"], "flag": e["flag"],
             "category": e["category"] if e["flag"] else "none", "note": e.get("note", "")}
            for i, e in enumerate(entries)]


def evaluate(name: str, records: list[dict], matcher: Matcher) -> Report:
    rulebook = matcher.rulebook
    document_rules = {r.id for r in rulebook.rules if r.scope == "document"}
    report = Report(name)
    for category in rulebook.categories:
        report.by_category[category] = Score()
    for record in records:
        document = parse_document(record["text"], "sentence.txt", "text")
        findings = [f for f in matcher.check(document) if f.rule not in document_rules]
        fired = [f"{f.rule}{'+' + '+'.join(f.merged) if f.merged else ''}" for f in findings]
        categories = {f.category for f in findings} | {
            rule.category for f in findings for rule in map(rulebook.rule, f.merged) if rule is not None}
        report.counts[(record["category"], record["flag"])] += 1
        if record["flag"]:
            score = report.by_category.setdefault(record["category"], Score())
            if findings:
                report.overall.tp += 1
            else:
                report.overall.fn += 1
                report.misses.append((record, fired))
            if record["category"] in categories:
                score.tp += 1
            else:
                score.fn += 1
                if findings:
                    report.other_category[record["category"]] += 1
        elif findings:
            report.overall.fp += 1
            for category in {f.category for f in findings}:
                report.by_category.setdefault(category, Score()).fp += 1
            report.false_alarms.append((record, fired))
    return report


def page_scores(half: str | None, matcher: Matcher, pages: Path | None = None) -> tuple[Score, list[str]]:
    pages = pages or CORPUS / "pages"
    expected = yaml.safe_load((pages / "expected.yaml").read_text(encoding="utf-8"))
    score = Score()
    lines_out: list[str] = []
    for name, wanted in sorted(expected.items()):
        path = pages / name
        text = path.read_text(encoding="utf-8")
        if half is not None:
            address = text.split("modelled on:", 1)[1].split("-->", 1)[0].strip()
            if half_of(address) != half:
                continue
        document = parse_document(text, name, "markdown")
        found: dict[int, list[str]] = {}
        for finding in matcher.check(document):
            found.setdefault(finding.line, []).append(finding.rule)
        want = {item["line"] for item in wanted}
        for line in sorted(set(found) | want):
            mark = "TP" if line in found and line in want else ("FP" if line in found else "FN")
            score.tp += mark == "TP"
            score.fp += mark == "FP"
            score.fn += mark == "FN"
            if mark != "TP":
                source = text.splitlines()[line - 1]
                lines_out.append(f"  {mark} {name}:{line} {found.get(line, '')}  {source[:140]}")
    return score, lines_out


def print_report(report: Report, details: bool) -> None:
    print(f"\n## {report.name}: {sum(report.counts.values())} sentences "
          f"({sum(n for (c, f), n in report.counts.items() if f)} flag)\n")
    print("| category | flag | pass | caught in category | recall (category) | caught elsewhere | false alarms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for category, score in sorted(report.by_category.items()):
        flags = report.counts[(category, True)]
        passes = sum(n for (c, f), n in report.counts.items() if not f)
        if not flags and not score.fp:
            continue
        print(f"| {category} | {flags} | {passes if category == 'none' else '-'} | {score.tp} | "
              f"{score.recall:.3f} | {report.other_category[category]} | {score.fp} |")
    o = report.overall
    print(f"| **overall (any rule)** | {o.tp + o.fn} | {sum(n for (c, f), n in report.counts.items() if not f)} "
          f"| {o.tp} | **{o.recall:.3f}** | | {o.fp} |")
    print(f"\nprecision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}")
    if details:
        for title, rows in (("missed", report.misses), ("false alarms", report.false_alarms)):
            print(f"\n{title}:")
            for record, fired in rows:
                print(f"  {record['id']} [{record['category']}] {fired} {record['text'][:150]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="all",
                        choices=["dev-tune", "dev-test", "own", "holdout", *INDEPENDENT_SETS, "pages", "all"])
    parser.add_argument("--details", action="store_true",
                        help="list every miss and false alarm (never for dev-test, which stays blind)")
    args = parser.parse_args(argv)
    matcher = Matcher(load_rulebook())
    wanted = (["dev-tune", "dev-test", "own", "holdout", *INDEPENDENT_SETS, "pages"]
              if args.set == "all" else [args.set])
    have_corpus = (CORPUS / "real-copy.yaml").is_file()
    for name in wanted:
        if (name.startswith("dev") or name == "pages") and not have_corpus:
            print(f"\n## {name}: skipped, {CORPUS} is not here")
            continue
        if name in ("dev-tune", "dev-test"):
            print_report(evaluate(name, corpus_records(name), matcher), args.details and name != "dev-test")
        elif name == "own":
            print_report(evaluate(name, own_records(OWN), matcher), args.details)
        elif name == "holdout":
            print_report(evaluate(name, own_records(HOLDOUT), matcher), args.details)
        elif name in INDEPENDENT_SETS:
            folder = INDEPENDENT_SETS[name]
            print_report(evaluate(name, corpus_records(None, folder / "sentences.yaml"), matcher), args.details)
            score, lines = page_scores(None, matcher, folder / "pages")
            print(f"\n## pages ({name}): line-level precision {score.precision:.3f} recall {score.recall:.3f} "
                  f"F1 {score.f1:.3f} (TP {score.tp}, FP {score.fp}, FN {score.fn})")
            if args.details:
                print("\n".join(lines))
        else:
            for half in ("dev-tune", "dev-test"):
                score, lines = page_scores(half, matcher)
                print(f"\n## pages ({half}): line-level precision {score.precision:.3f} recall {score.recall:.3f} "
                      f"F1 {score.f1:.3f} (TP {score.tp}, FP {score.fp}, FN {score.fn})")
                if args.details and half != "dev-test":  # the held-out half stays blind: figures only
                    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
