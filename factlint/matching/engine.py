"""The Matcher: one compiled rulebook, applied to documents segment by segment.

Hot path (every segment): fast normalisation, a C-level word split, set look-ups against the
lexicon. Only segments where every stem of some claim is present (or a regex pre-filter hits)
go on to sentence splitting, window matching and context judgement.
"""

from __future__ import annotations

from dataclasses import dataclass

from factlint.documents.model import Document, Segment
from factlint.findings import Finding
from factlint.matching.context import Sentence, cue_applies, find_window
from factlint.matching.index import NEGATION, Claim, CompiledRule, RuleIndex, compile_rulebook
from factlint.matching.normalize import normalize, normalize_with_map
from factlint.matching.tokens import CLAUSE_PUNCTUATION, WORD, sentence_spans
from factlint.rulebook.model import Rulebook


@dataclass(frozen=True, slots=True)
class _Hit:
    """A claim that matched a sentence and survived context checks, in normalised coordinates."""

    rule_index: int
    start: int
    end: int
    sentence: str


class Matcher:
    """Compile once (`Matcher(rulebook)`), then `check(document)` as often as needed."""

    def __init__(self, rulebook: Rulebook, index: RuleIndex | None = None) -> None:
        self.rulebook = rulebook
        self.index = index if index is not None else compile_rulebook(rulebook)

    # -- per document -------------------------------------------------------------------------

    def check(self, document: Document) -> list[Finding]:
        index = self.index
        lexicon = index.lexicon
        findings: list[Finding] = []
        headings: list[tuple[int, frozenset[str]]] = []  # (level, subjects) of the open sections
        heading_topic: frozenset[str] = frozenset()  # subjects of every open section's heading
        intro_topic: frozenset[str] = frozenset()  # what the paragraph before a list is about
        document_claims: dict[int, Finding] = {}
        risk_mentions: list[tuple[Segment, set[str]]] = []  # segments that may satisfy `absent`

        for segment in document.segments:
            text = normalize(segment.text)
            words = set(WORD.findall(text))
            lexicon.learn(words.difference(lexicon.canonical))
            canonical = lexicon.canonical
            stems = {canonical[w] for w in words.intersection(lexicon.relevant)}
            own_topic = self._subjects(stems)
            if segment.kind == "heading":
                level = getattr(segment, "level", 1)
                while headings and headings[-1][0] >= level:
                    headings.pop()
                headings.append((level, own_topic))
                heading_topic = frozenset().union(*(subjects for _, subjects in headings))
            topic = own_topic | heading_topic
            if segment.kind == "list_item":
                topic |= intro_topic
            else:
                intro_topic = own_topic
            if index.absent_stems and not stems.isdisjoint(index.absent_stems):
                risk_mentions.append((segment, stems))

            claims = self._candidate_claims(stems, topic)
            pattern_hit = index.any_pattern is not None and index.any_pattern.search(text) is not None
            if not claims and not pattern_hit:
                continue
            for hit in self._examine(segment.text, claims, pattern_hit, topic):
                finding = self._finding(document, segment, hit)
                if hit.rule_index in index.document_rules:
                    document_claims.setdefault(hit.rule_index, finding)
                else:
                    findings.append(finding)

        for rule_index, finding in document_claims.items():
            if not self._mentions_any(index.rules[rule_index].absent, risk_mentions):
                findings.append(finding)
        findings.sort(key=lambda f: f.sort_key)
        return findings

    # -- pre-filter -----------------------------------------------------------------------------

    def _subjects(self, stems: set[str]) -> frozenset[str]:
        if not stems & self.index.subject_stems:
            return frozenset()
        return frozenset(
            subject
            for subject, aliases in self.index.subject_aliases.items()
            if any(set(alias) <= stems for alias in aliases)
        )

    def _candidate_claims(self, stems: set[str], topic: frozenset[str]) -> list[Claim]:
        index = self.index
        found: list[Claim] = []
        for anchor in stems.intersection(index.by_anchor):
            for claim_index in index.by_anchor[anchor]:
                claim = index.claims[claim_index]
                if claim.stem_set <= stems and self._on_topic(index.rules[claim.rule_index], topic):
                    found.append(claim)
        found.sort(key=lambda c: (c.rule_index, c.stems))
        return found

    @staticmethod
    def _on_topic(rule: CompiledRule, topic: frozenset[str]) -> bool:
        return not rule.subjects or not rule.subjects.isdisjoint(topic)

    # -- close examination of one segment -----------------------------------------------------

    def _examine(
        self, text: str, claims: list[Claim], pattern_hit: bool, topic: frozenset[str]
    ) -> list[_Hit]:
        index = self.index
        normalized, origin = normalize_with_map(text)
        hits: list[_Hit] = []
        for start, end in sentence_spans(normalized):
            sentence = self._sentence(normalized, start, end)
            if self._is_question(normalized[start:end], sentence):
                continue
            stem_set = sentence.positions.keys()
            # Per rule, report the earliest (then longest) claim whose context is not compliant.
            best: dict[int, tuple[int, int]] = {}
            for claim in claims:
                if not claim.stem_set <= stem_set:
                    continue
                window = find_window(sentence, claim.stems, claim.max_gap)
                if window is None:
                    continue
                span = (sentence.starts[window[0]], sentence.ends[window[-1]])
                current = best.get(claim.rule_index)
                if current is not None and (current[0], -current[1]) <= (span[0], -span[1]):
                    continue
                if self._compliant(index.rules[claim.rule_index], sentence, window):
                    continue
                best[claim.rule_index] = span
            text_of_sentence = normalized[start:end].strip()
            hits.extend(_Hit(rule_index, s, e, text_of_sentence) for rule_index, (s, e) in best.items())
            done = set(best)
            if pattern_hit:
                hits.extend(self._pattern_hits(normalized, start, end, sentence, topic, done))
        return [
            _Hit(h.rule_index, origin[h.start], origin[h.end - 1] + 1, h.sentence) for h in hits
        ]

    def _pattern_hits(
        self, normalized: str, start: int, end: int, sentence: Sentence,
        topic: frozenset[str], done: set[int],
    ) -> list[_Hit]:
        hits = []
        text = normalized[start:end]
        for rule_index in self.index.pattern_rules:
            rule = self.index.rules[rule_index]
            if rule_index in done or not self._on_topic(rule, topic):
                continue
            for pattern in rule.patterns:
                match = pattern.search(text)
                if match is None or match.end() == match.start():
                    continue
                m_start, m_end = start + match.start(), start + match.end()
                window = [i for i, (s, e) in enumerate(zip(sentence.starts, sentence.ends))
                          if s < m_end and e > m_start]
                if window and self._compliant(rule, sentence, window):
                    continue
                done.add(rule_index)
                hits.append(_Hit(rule_index, m_start, m_end, text.strip()))
                break
        return hits

    def _sentence(self, normalized: str, start: int, end: int) -> Sentence:
        lookup = self.index.lexicon.lookup
        breaks = self.index.clause_breaks
        boundaries = [m.start() for m in CLAUSE_PUNCTUATION.finditer(normalized, start, end)]
        stems: list[str | None] = []
        starts: list[int] = []
        ends: list[int] = []
        clauses: list[int] = []
        positions: dict[str, list[int]] = {}
        clause = 0
        b = 0
        for i, match in enumerate(WORD.finditer(normalized, start, end)):
            while b < len(boundaries) and boundaries[b] < match.start():
                clause += 1
                b += 1
            stem = lookup(match.group())
            if stem is not None and stem in breaks:
                clause += 1
            stems.append(stem)
            starts.append(match.start())
            ends.append(match.end())
            clauses.append(clause)
            if stem is not None:
                positions.setdefault(stem, []).append(i)
        return Sentence(tuple(stems), tuple(starts), tuple(ends), tuple(clauses), positions)

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
        trailing = self.index.trailing_cues
        for name in rule.cue_lists:
            if cue_applies(sentence, window, self.index.cues.get(name, ()), after=name in trailing):
                return True
        return False

    def _mentions_any(
        self, phrases: tuple[tuple[str, ...], ...], segments: list[tuple[Segment, set[str]]]
    ) -> bool:
        """True when some segment states one of `phrases` without negating it.

        "Side effects include sedation" mentions risk; "zero side effects" does not.
        """
        negations = self.index.cues.get(NEGATION, ())
        max_gap = self.rulebook.matching.max_gap
        for segment, stems in segments:
            wanted = [p for p in phrases if set(p) <= stems]
            if not wanted:
                continue
            normalized, _ = normalize_with_map(segment.text)
            for start, end in sentence_spans(normalized):
                sentence = self._sentence(normalized, start, end)
                for phrase in wanted:
                    window = find_window(sentence, phrase, max_gap, ordered=True)
                    if window is not None and not cue_applies(sentence, window, negations):
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
