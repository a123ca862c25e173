"""The Matcher: one compiled rulebook, applied to documents segment by segment.

Data flows one way: the document's segments go through the pre-filter (prefilter.py: which
segments may hold a claim, from set operations on whitespace tokens); candidates go to the judge
(judge.py: sentences, windows, negation and hedge context); hits become Findings with exact
source positions. Document-level state (headings, fair-balance rules) lives here.
"""

from __future__ import annotations

from dataclasses import dataclass

from factlint.documents.model import Document, Segment
from factlint.findings import Finding
from factlint.matching.index import RuleIndex, compile_rulebook
from factlint.matching.judge import Hit, Judge
from factlint.matching.prefilter import Prefilter, Topic
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
        segments = document.segments
        findings: list[Finding] = []
        document_claims: dict[int, Finding] = {}
        failed: dict[int, str] = {}  # rule index -> why it could not be applied
        folded = self._prefilter.fold_segments(segments)
        possible_patterns = self._prefilter.possible(folded)
        if possible_patterns is None:
            return MatchResult(findings, [])  # no claim or regex can match anywhere in the document

        anchors = index.anchor_stems
        key_tokens = index.lexicon.key_tokens if possible_patterns else frozenset()
        # A regex with no literal word to look for may match any segment.
        every_segment = not index.ungated_pattern_rules.isdisjoint(possible_patterns)
        settled: set[int] = set()  # document rules that fired and rules that failed: not tried again
        headings: list[tuple[int, frozenset[str]]] = []  # (level, subjects) of the open sections
        heading_topic: frozenset[str] = frozenset()  # subjects of every open section's heading
        intro_stems: set[str] = set()  # stems of the paragraph before a list: what it is about
        risk_mentions: list[tuple[Segment, set[str]]] = []  # segments that may satisfy `absent`
        for segment, text in zip(segments, folded, strict=True):
            tokens, stems = self._prefilter.scan(text, segment.text)
            kind = segment.kind
            if kind == "heading":
                level = getattr(segment, "level", 1)
                while headings and headings[-1][0] >= level:
                    headings.pop()
                headings.append((level, self._prefilter.subjects(stems)))
                heading_topic = frozenset().union(*(subjects for _, subjects in headings))
            if index.absent_stems and not stems.isdisjoint(index.absent_stems):
                risk_mentions.append((segment, stems))
            previous_intro = intro_stems
            if kind != "list_item":
                intro_stems = stems
            regex_here = every_segment or not tokens.isdisjoint(key_tokens)
            if not regex_here and stems.isdisjoint(anchors):
                continue  # the common case: nothing here can start a claim

            intro = previous_intro if kind == "list_item" else frozenset()
            candidates = self._prefilter.candidates(
                tokens, stems, settled, possible_patterns if regex_here else (),
                lambda: Topic(self._prefilter.subjects, stems, heading_topic, intro),  # noqa: B023 - used at once
            )
            if not candidates:
                continue
            for hit in self._judge.examine(segment.text, candidates, failed):
                finding = self._finding(document, segment, hit)
                if index.rules[hit.rule_index].is_document_rule:
                    document_claims.setdefault(hit.rule_index, finding)
                    settled.add(hit.rule_index)
                else:
                    findings.append(finding)
            settled.update(failed)

        for rule_index, finding in document_claims.items():
            if not self._judge.mentions_any(index.rules[rule_index].absent, risk_mentions):
                findings.append(finding)
        findings.sort(key=lambda f: f.sort_key)
        failures = [RuleFailure(index.rules[i].rule.id, why) for i, why in sorted(failed.items())]
        return MatchResult(findings, failures)

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
