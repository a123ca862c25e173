"""The Matcher: one compiled rulebook, applied to documents segment by segment.

Hot path (every segment): fold the text, split it on whitespace, and compare the token set
with the lexicon's caches (C-level set operations). Only segments where every stem of some
claim is present, or a literal fragment of some regex, go on to sentence splitting; only
sentences that pass the same test are tokenised, window-matched and judged in context.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Sequence, Set as AbstractSet
from dataclasses import dataclass

from factlint.documents.model import Document, Segment
from factlint.findings import Finding
from factlint.matching.context import Sentence, cue_applies, find_window
from factlint.matching.index import NEGATION, Claim, CompiledRule, RuleIndex, compile_rulebook
from factlint.matching.normalize import fold, normalize, normalize_with_map
from factlint.matching.tokens import CLAUSE_PUNCTUATION, WORD, sentence_spans
from factlint.rulebook.model import Rulebook

# A rulebook regex that backtracks catastrophically must not hang a run: past this many seconds
# on one sentence the rule is reported as failed for the file, and the run goes on.
PATTERN_TIMEOUT = 1.0

# Joins segment texts for document-level look-ups; whitespace to str.split, so tokens never
# span two segments.
_SEPARATOR = "\x1f"
_JOIN_LIMIT = 5_000  # segments; beyond, folding one by one costs little and saves two copies

# Three or more distinct one-letter tokens (other than the words "a" and "i") hint at letters
# spelled out with spaces ("c u r e s"), which whitespace tokens cannot see.
_SPACED_LETTERS = frozenset("bcdefghjklmnopqrstuvwxyz")


@dataclass(frozen=True, slots=True)
class _Hit:
    """A claim that matched a sentence and survived context checks, in segment coordinates."""

    rule_index: int
    start: int
    end: int
    sentence: str


@dataclass(frozen=True, slots=True)
class RuleFailure:
    """A rule that could not be applied to a document (its regex timed out)."""

    rule: str
    message: str


@dataclass(frozen=True, slots=True)
class MatchResult:
    findings: list[Finding]
    failures: list[RuleFailure]


@dataclass(frozen=True, slots=True)
class _Candidates:
    """What a segment (or sentence) might contain: claims to window-match, pattern rules to run."""

    claims: tuple[Claim, ...]
    pattern_rules: tuple[int, ...]

    def __bool__(self) -> bool:
        return bool(self.claims or self.pattern_rules)


_NO_CANDIDATES = _Candidates((), ())


class Matcher:
    """Compile once (`Matcher(rulebook)`), then `check(document)` as often as needed."""

    def __init__(self, rulebook: Rulebook, index: RuleIndex | None = None) -> None:
        self.rulebook = rulebook
        self.index = index if index is not None else compile_rulebook(rulebook)

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
        folded = self._fold_segments(segments)
        possible_patterns = self._possible(folded)
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
            tokens, stems = self._scan(text, segment.text)
            kind = segment.kind
            if kind == "heading":
                level = getattr(segment, "level", 1)
                while headings and headings[-1][0] >= level:
                    headings.pop()
                headings.append((level, self._subjects(stems)))
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
            candidates = self._candidates(
                tokens, stems, settled, possible_patterns if regex_here else (),
                lambda: _Topic(self._subjects, stems, heading_topic, intro),  # noqa: B023 - used at once
            )
            if not candidates:
                continue
            for hit in self._examine(segment.text, candidates, failed):
                finding = self._finding(document, segment, hit)
                if index.rules[hit.rule_index].is_document_rule:
                    document_claims.setdefault(hit.rule_index, finding)
                    settled.add(hit.rule_index)
                else:
                    findings.append(finding)
            settled.update(failed)

        for rule_index, finding in document_claims.items():
            if not self._mentions_any(index.rules[rule_index].absent, risk_mentions):
                findings.append(finding)
        findings.sort(key=lambda f: f.sort_key)
        failures = [RuleFailure(index.rules[i].rule.id, why) for i, why in sorted(failed.items())]
        return MatchResult(findings, failures)

    # -- pre-filter -----------------------------------------------------------------------------

    @staticmethod
    def _fold_segments(segments: Sequence[Segment]) -> list[str]:
        """`fold` of every segment's text: one C-level pass over the joined text of a typical
        document; segment by segment for a very large one, to keep fewer copies in memory."""
        texts = [segment.text for segment in segments]
        if len(texts) > _JOIN_LIMIT:
            return [fold(text) for text in texts]
        folded = fold(_SEPARATOR.join(texts)).split(_SEPARATOR)
        if len(folded) != len(texts):  # the separator occurs in the text itself
            folded = [fold(text) for text in texts]
        return folded

    def _possible(self, folded: list[str]) -> tuple[int, ...] | None:
        """The pattern rules possible in the document, or None when neither a claim nor a
        pattern can match anywhere in it (most documents of a real content repository)."""
        tokens: set[str] = set()
        for text in folded:
            tokens.update(text.split())
        stems = self.index.lexicon.stems_of(tokens)
        indexed = {r for f in self.index.lexicon.fragments_of(tokens) for r in self.index.by_fragment.get(f, ())}
        among = tuple(sorted(indexed.union(self.index.ungated_pattern_rules)))
        patterns = self._pattern_rules(tokens, None, among)
        if patterns or len(tokens.intersection(_SPACED_LETTERS)) >= 3:
            return patterns
        by_anchor = self.index.by_anchor
        for anchor in stems & self.index.anchor_stems:
            if any(claim.stem_set <= stems for claim in by_anchor[anchor]):
                return patterns
        return None

    def _scan(self, folded: str, text: str) -> tuple[set[str], set[str]]:
        """Whitespace tokens of a segment's folded text, and the vocabulary stems they contain."""
        tokens = set(folded.split())
        stems = self.index.lexicon.stems_of(tokens)
        if len(tokens.intersection(_SPACED_LETTERS)) >= 3:
            stems |= self.index.lexicon.stems_of(set(normalize(text).split()))
        return tokens, stems

    def _subjects(self, stems: AbstractSet[str]) -> frozenset[str]:
        if stems.isdisjoint(self.index.subject_stems):
            return frozenset()
        return frozenset(
            subject
            for subject, aliases in self.index.subject_aliases.items()
            if any(stems >= alias for alias in aliases)
        )

    def _candidates(
        self, tokens: set[str], stems: set[str], settled: Collection[int],
        possible_patterns: tuple[int, ...], topic_of_segment: Callable[[], _Topic],
    ) -> _Candidates:
        """Claims and pattern rules the segment may hold; `settled` rules already fired or failed.

        The topic is worked out only when some claim's words or some regex's literals are here.
        """
        index = self.index
        by_anchor = index.by_anchor
        claims = [
            claim
            for anchor in stems & index.anchor_stems
            for claim in by_anchor[anchor]
            if claim.stem_set <= stems and claim.rule_index not in settled
        ]
        patterns: tuple[int, ...] = ()
        if possible_patterns:
            among = tuple(r for r in possible_patterns if r not in settled)
            patterns = self._pattern_rules(tokens, None, among)
        if not claims and not patterns:
            return _NO_CANDIDATES
        topic = topic_of_segment()
        rules = index.rules
        claims = [claim for claim in claims if topic.allows(rules[claim.rule_index])]
        claims.sort(key=lambda c: (c.rule_index, c.stems))
        return _Candidates(tuple(claims), tuple(r for r in patterns if topic.allows(rules[r])))

    def _pattern_rules(
        self, tokens: set[str], topic: _Topic | None, among: tuple[int, ...]
    ) -> tuple[int, ...]:
        """The rules of `among` with a regex whose required fragments all occur in `tokens`."""
        if not among:
            return ()
        index = self.index
        fragments = index.lexicon.fragments_of(tokens)
        by_fragment = index.by_fragment
        indexed = {r for f in fragments if f in by_fragment for r in by_fragment[f]}
        found = []
        for r in among:  # the few rules possible in this document (see _possible)
            possible = r in index.ungated_pattern_rules or (
                r in indexed and _satisfied(index.requirements[r], fragments)
            )
            if possible and (topic is None or topic.allows(index.rules[r])):
                found.append(r)
        return tuple(found)

    # -- close examination of one segment -----------------------------------------------------

    def _examine(self, text: str, candidates: _Candidates, failed: dict[int, str]) -> list[_Hit]:
        normalized, origin = normalize_with_map(text)
        lexicon = self.index.lexicon
        hits: list[_Hit] = []
        for start, end in sentence_spans(normalized):
            tokens = set(normalized[start:end].split())
            stems = lexicon.stems_of(tokens)
            claims = [c for c in candidates.claims if c.stem_set <= stems]
            pattern_rules = self._pattern_rules(tokens, None, candidates.pattern_rules)
            if not claims and not pattern_rules:
                continue
            sentence = self._sentence(normalized, start, end)
            if self._is_question(normalized[start:end], sentence):
                continue
            text_of_sentence = normalized[start:end].strip()
            found = self._claim_hits(sentence, claims)
            found.update(self._pattern_hits(normalized, start, end, sentence, pattern_rules, found, failed))
            hits.extend(
                _Hit(rule_index, origin[s], origin[e - 1] + 1, text_of_sentence)
                for rule_index, (s, e) in found.items()
            )
        return hits

    def _claim_hits(self, sentence: Sentence, claims: list[Claim]) -> dict[int, tuple[int, int]]:
        """Per rule, the earliest (then longest) claim whose context is not compliant."""
        best: dict[int, tuple[int, int]] = {}
        for claim in claims:
            window = find_window(sentence, claim.stems, claim.max_gap)
            if window is None:
                continue
            span = (sentence.starts[window[0]], sentence.ends[window[-1]])
            current = best.get(claim.rule_index)
            if current is not None and (current[0], -current[1]) <= (span[0], -span[1]):
                continue
            if self._compliant(self.index.rules[claim.rule_index], sentence, window):
                continue
            best[claim.rule_index] = span
        return best

    def _pattern_hits(
        self, normalized: str, start: int, end: int, sentence: Sentence,
        pattern_rules: Sequence[int], done: dict[int, tuple[int, int]], failed: dict[int, str],
    ) -> dict[int, tuple[int, int]]:
        found: dict[int, tuple[int, int]] = {}
        text = normalized[start:end]
        for rule_index in pattern_rules:
            if rule_index in done or rule_index in failed:
                continue
            rule = self.index.rules[rule_index]
            for pattern in rule.patterns:
                try:
                    match = pattern.search(text, timeout=PATTERN_TIMEOUT)
                except TimeoutError:
                    failed[rule_index] = (
                        f"pattern '{pattern.pattern}' took over {PATTERN_TIMEOUT:g} s on one sentence "
                        "(catastrophic backtracking?); the rule was skipped for this file"
                    )
                    break
                if match is None or match.end() == match.start():
                    continue
                m_start, m_end = start + match.start(), start + match.end()
                window = [i for i, (s, e) in enumerate(zip(sentence.starts, sentence.ends, strict=True))
                          if s < m_end and e > m_start]
                if window and self._compliant(rule, sentence, window):
                    continue
                found[rule_index] = (m_start, m_end)
                break
        return found

    def _sentence(self, normalized: str, start: int, end: int) -> Sentence:
        """Tokens of one sentence with their stems, offsets and clause numbers."""
        lexicon = self.index.lexicon
        canonical = lexicon.canonical
        lookup = lexicon.lookup
        breaks = self.index.clause_breaks
        boundaries = [m.start() for m in CLAUSE_PUNCTUATION.finditer(normalized, start, end)]
        spans = [m.span() for m in WORD.finditer(normalized, start, end)]
        stems = [canonical[w] if w in canonical else lookup(w) for w in (normalized[s:e] for s, e in spans)]
        starts = tuple(s for s, _ in spans)
        clauses: list[int] = []
        positions: dict[str, list[int]] = {}
        broken = 0  # clause-break words so far
        for i, (token_start, stem) in enumerate(zip(starts, stems, strict=True)):
            if stem is not None:
                if stem in breaks:
                    broken += 1
                positions.setdefault(stem, []).append(i)
            clauses.append(bisect_right(boundaries, token_start - 1) + broken)
        return Sentence(tuple(stems), starts, tuple(e for _, e in spans), tuple(clauses), positions)

    def _is_question(self, text: str, sentence: Sentence) -> bool:
        """A real question asks rather than claims: "Is ketamine FDA-approved for depression?".

        Only questions opening with a word from the `question` cue list count: a rhetorical
        fragment ("Newly diagnosed? Start esketamine today.") still makes its claim.
        """
        if not text.rstrip().endswith("?") or not sentence.stems:
            return False
        return sentence.stems[0] in self.index.question_openers

    def _compliant(self, rule: CompiledRule, sentence: Sentence, window: list[int]) -> bool:
        for phrase in rule.exceptions:
            if find_window(sentence, phrase, self.rulebook.matching.max_gap, ordered=True) is not None:
                return True
        cues = self.index.cues
        trailing = self.index.trailing_cues
        for name in rule.cue_lists:
            cue_list = cues.get(name)
            if cue_list is not None and cue_applies(sentence, window, cue_list, after=name in trailing):
                return True
        return False

    def _mentions_any(
        self, phrases: tuple[tuple[str, ...], ...], segments: list[tuple[Segment, set[str]]]
    ) -> bool:
        """True when some segment states one of `phrases` without negating it.

        "Side effects include sedation" mentions risk; "zero side effects" does not.
        """
        negations = self.index.cues.get(NEGATION)
        max_gap = self.rulebook.matching.max_gap
        for segment, stems in segments:
            wanted = [p for p in phrases if stems.issuperset(p)]
            if not wanted:
                continue
            normalized, _ = normalize_with_map(segment.text)
            for start, end in sentence_spans(normalized):
                sentence = self._sentence(normalized, start, end)
                for phrase in wanted:
                    window = find_window(sentence, phrase, max_gap, ordered=True)
                    if window is not None and (
                        negations is None or not cue_applies(sentence, window, negations)
                    ):
                        return True
        return False

    # -- findings -------------------------------------------------------------------------------

    def _finding(self, document: Document, segment: Segment, hit: _Hit) -> Finding:
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


def _satisfied(requirements: Sequence[tuple[frozenset[str], ...]], fragments: set[str]) -> bool:
    """Some pattern's requirement is met: each of its groups has a fragment present."""
    for requirement in requirements:
        for group in requirement:
            if fragments.isdisjoint(group):
                break
        else:
            return True
    return False


class _Topic:
    """What a segment is about: subjects in it, in the headings above it, and (for a list item)
    in the paragraph introducing the list. Worked out only if a rule with subjects needs it."""

    __slots__ = ("_subjects_of", "_stems", "_heading", "_intro", "_subjects")

    def __init__(
        self, subjects_of: Callable[[AbstractSet[str]], frozenset[str]], stems: AbstractSet[str],
        heading: frozenset[str], intro: AbstractSet[str],
    ) -> None:
        self._subjects_of = subjects_of
        self._stems = stems
        self._heading = heading
        self._intro = intro
        self._subjects: frozenset[str] | None = None

    def allows(self, rule: CompiledRule) -> bool:
        if not rule.subjects:
            return True
        if self._subjects is None:
            subjects = self._subjects_of(self._stems) | self._heading
            if self._intro:
                subjects |= self._subjects_of(self._intro)
            self._subjects = subjects
        return not rule.subjects.isdisjoint(self._subjects)
