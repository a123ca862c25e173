"""The Matcher: one compiled rulebook, applied to documents segment by segment.

Data flows one way: the document's segments go through the pre-filter (prefilter.py: which
segments may hold a claim, from one bit mask per segment: bits.py); candidates go to the judge
(judge.py: sentences, windows, negation and hedge context); hits become Findings with exact
source positions. Document-level state (headings, fair-balance rules) lives here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from factlint.documents.model import Document, Segment
from factlint.findings import Finding
from factlint.matching.index import RuleIndex, compile_rulebook
from factlint.matching.judge import Hit, Judge
from factlint.matching.prefilter import Candidates, Prefilter, SegmentWords
from factlint.rulebook.model import Rulebook


@dataclass(frozen=True, slots=True)
class RuleFailure:
    """A rule that could not be applied to a document (its regex timed out)."""

    rule: str
    message: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    findings: list[Finding]
    failures: list[RuleFailure]


class Matcher:
    """Compile once (`Matcher(rulebook)`), then `check(document)` as often as needed."""

    def __init__(self, rulebook: Rulebook, index: RuleIndex | None = None) -> None:
        self.rulebook = rulebook
        self.index = index if index is not None else compile_rulebook(rulebook)
        self._prefilter = Prefilter(self.index)
        self._judge = Judge(self.index, self._prefilter)

    # -- per document -------------------------------------------------------------------------

    def check(self, document: Document) -> list[Finding]:
        return self.check_detailed(document).findings

    def check_detailed(self, document: Document) -> MatchResult:
        """Findings, sorted, and the rules that failed on this document."""
        index = self.index
        prefilter = self._prefilter
        rules = index.rules
        segments = document.segments
        findings: list[Finding] = []
        document_claims: dict[int, Finding] = {}
        failed: dict[int, str] = {}  # rule index -> why it could not be applied
        folded = prefilter.fold_segments(segments)
        masks = list(map(prefilter.mask_of, folded))
        if not prefilter.possible(reduce(or_, masks, 0)):
            return MatchResult(findings, [])  # no claim or regex can match anywhere in the document

        absent_mask = index.bits.absent_mask
        settled: set[int] = set()  # document rules that fired and rules that failed: not tried again
        headings: list[tuple[int, frozenset[str]]] = []  # (level, subjects) of the open sections
        heading_topic: frozenset[str] = frozenset()  # subjects of every open section's heading
        intro_subjects: frozenset[str] = frozenset()  # of the paragraph before a list
        risk_mentions: list[tuple[Segment, int]] = []  # segments that may satisfy `absent`, masks
        anywhere = bool(index.ungated_pattern_rules)  # a regex with no literal word may match any text
        for segment, mask in zip(segments, masks, strict=True):
            kind = segment.kind
            if not mask and not anywhere and kind != "heading":
                if kind != "list_item":
                    intro_subjects = frozenset()
                continue  # the common case: no rulebook word here
            found = prefilter.segment(mask, segment.text)
            if kind == "heading":
                level = getattr(segment, "level", 1)
                while headings and headings[-1][0] >= level:
                    headings.pop()
                headings.append((level, found.subjects))
                heading_topic = frozenset().union(*(subjects for _, subjects in headings))
            if found.mask & absent_mask:
                risk_mentions.append((segment, found.mask))
            intro = intro_subjects if kind == "list_item" else frozenset()
            if kind != "list_item":
                intro_subjects = found.subjects
            if not found.claims and not found.pattern_rules:
                continue  # rulebook words, but no claim's words all together

            candidates = self._applicable(found, found.subjects | heading_topic | intro, settled)
            if not candidates:
                continue
            for hit in self._judge.examine(segment.text, candidates, failed):
                finding = self._finding(document, segment, hit)
                if rules[hit.rule_index].is_document_rule:
                    document_claims.setdefault(hit.rule_index, finding)
                    settled.add(hit.rule_index)
                else:
                    findings.append(finding)
            settled.update(failed)

        for rule_index, finding in document_claims.items():
            if not self._judge.mentions_absent(rule_index, risk_mentions):
                findings.append(finding)
        findings.sort(key=lambda f: f.sort_key)
        failures = [RuleFailure(index.rules[i].rule.id, why) for i, why in sorted(failed.items())]
        return MatchResult(findings, failures)

    def _applicable(self, found: SegmentWords, topic: frozenset[str], settled: set[int]) -> Candidates:
        """The segment's candidates whose rule applies to its topic (rules with subjects apply
        where their drug is named) and has not settled in this document."""
        rules = self.index.rules

        def applies(rule_index: int) -> bool:
            subjects = rules[rule_index].subjects
            return rule_index not in settled and (not subjects or not subjects.isdisjoint(topic))

        return Candidates(
            tuple(c for c in found.claims if applies(c.rule_index)),
            tuple(r for r in found.pattern_rules if applies(r)),
        )

    # -- findings -------------------------------------------------------------------------------

    def _finding(self, document: Document, segment: Segment, hit: Hit) -> Finding:
        rule = self.index.rules[hit.rule_index].rule
        start, end = segment.source_span(hit.start, hit.end)
        line, column = document.position(start)
        end_line, end_column = document.position(end)
        return Finding(
            path=document.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            start=start,
            end=end,
            rule=rule.id,
            category=rule.category,
            severity=rule.severity,
            message=rule.message,
            text=document.text[start:end],
            suggestion=rule.suggestion,
            fact=rule.fact.as_ref(),
            sentence=hit.sentence,
        )
