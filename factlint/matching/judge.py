"""Close examination of a candidate segment: sentences, windows and the context of each claim.

A claim is judged in its sentence: its words must occur within the rule's window; a negation or
hedge before it in its clause (or a retraction after it), an exception phrase, or a real question
makes it compliant. Regexes run with a timeout, so a catastrophic one fails its rule, not the run.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from factlint.documents.model import Segment
from factlint.matching.context import Sentence, cue_applies, find_window
from factlint.matching.index import NEGATION, Claim, CompiledRule, RuleIndex
from factlint.matching.memo import Memo
from factlint.matching.normalize import normalize_with_map
from factlint.matching.prefilter import Candidates, Prefilter
from factlint.matching.tokens import CLAUSE_PUNCTUATION, WORD, sentence_spans

# A rulebook regex that backtracks catastrophically must not hang a run: past this many seconds
# on one sentence the rule is reported as failed for the file, and the run goes on.
PATTERN_TIMEOUT = 1.0

_CACHE_LIMIT = 20_000  # entries of each cache below; past this a cache starts afresh

_Phrases = tuple[tuple[tuple[str, ...], int], ...]  # `absent` phrases (stems) with their masks


@dataclass(frozen=True, slots=True)
class Hit:
    """A claim that matched a sentence and survived context checks, in segment coordinates."""

    rule_index: int
    start: int
    end: int
    sentence: str


class Judge:
    """Sentence-level matching and context judgement for one compiled rulebook."""

    def __init__(self, index: RuleIndex, prefilter: Prefilter) -> None:
        self.index = index
        self._prefilter = prefilter
        # (sentence, its candidates) -> hits: a sentence repeated across pages is judged once; a
        # paragraph likewise. A regex that timed out is never remembered as "no match".
        self._cache: Memo[tuple[str, Candidates], tuple[tuple[int, int, int], ...]] = Memo(_CACHE_LIMIT)
        self._segment_cache: Memo[tuple[str, Candidates], tuple[Hit, ...]] = Memo(_CACHE_LIMIT)
        # (segment text, `absent` phrases wanted) -> mentioned; (rule, mask) -> phrases wanted
        self._mentions_cache: Memo[tuple[str, _Phrases], bool] = Memo(_CACHE_LIMIT)
        self._wanted_cache: Memo[tuple[int, int], _Phrases] = Memo(_CACHE_LIMIT)

    def examine(self, text: str, candidates: Candidates, failed: dict[int, str]) -> tuple[Hit, ...]:
        """Hits in a segment's text. A paragraph repeated across pages is examined once."""
        key = (text, candidates)
        hits = self._segment_cache.get(key)
        if hits is None:
            failures = len(failed)
            hits = self._examine(text, candidates, failed)
            if len(failed) == failures:
                self._segment_cache.remember(key, hits)
        return hits

    def _examine(self, text: str, candidates: Candidates, failed: dict[int, str]) -> tuple[Hit, ...]:
        normalized, origin = normalize_with_map(text)
        prefilter = self._prefilter
        cache = self._cache
        hits: list[Hit] = []
        for start, end in sentence_spans(normalized):
            sentence_text = normalized[start:end]
            here = prefilter.narrow(prefilter.mask_of(sentence_text), candidates)
            if not here:
                continue
            found = cache.get((sentence_text, here))
            if found is None:
                failures = len(failed)
                found = self._judge_sentence(normalized, start, end, here, failed)
                if len(failed) == failures:
                    cache.remember((sentence_text, here), found)
            if found:
                stripped = sentence_text.strip()
                hits.extend(
                    Hit(rule_index, origin[start + s], origin[start + e - 1] + 1, stripped)
                    for rule_index, s, e in found
                )
        return tuple(hits)

    def _judge_sentence(
        self, normalized: str, start: int, end: int, candidates: Candidates, failed: dict[int, str]
    ) -> tuple[tuple[int, int, int], ...]:
        """(rule, start, end) of each claim in normalized[start:end], relative to `start`."""
        sentence = self.sentence(normalized, start, end)
        if self._is_question(normalized[start:end], sentence):
            return ()
        found = self._claim_hits(sentence, candidates.claims)
        found.update(self._pattern_hits(normalized, start, end, sentence, candidates.pattern_rules, found, failed))
        return tuple((rule_index, s - start, e - start) for rule_index, (s, e) in found.items())

    def _claim_hits(self, sentence: Sentence, claims: Sequence[Claim]) -> dict[int, tuple[int, int]]:
        """Per rule, the earliest (then longest) claim whose context is not compliant."""
        windows: dict[int, list[tuple[int, int, list[int]]]] = {}
        for claim in claims:
            window = find_window(sentence, claim.stems, claim.max_gap)
            if window is not None:
                start, end = sentence.starts[window[0]], sentence.ends[window[-1]]
                windows.setdefault(claim.rule_index, []).append((start, -end, window))
        best: dict[int, tuple[int, int]] = {}
        for rule_index, options in windows.items():
            rule = self.index.rules[rule_index]
            if self._excepted(rule, sentence):  # an exception excuses the whole sentence
                continue
            for start, negative_end, window in sorted(options, key=lambda o: (o[0], o[1])):
                if not self._cued(rule, sentence, window):
                    best[rule_index] = (start, -negative_end)
                    break
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

    def sentence(self, normalized: str, start: int, end: int) -> Sentence:
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
        return self._excepted(rule, sentence) or self._cued(rule, sentence, window)

    def _excepted(self, rule: CompiledRule, sentence: Sentence) -> bool:
        """An exception phrase of the rule occurs in the sentence (in its word order)."""
        positions = sentence.positions
        return any(
            phrase[0] in positions and find_window(sentence, phrase, self.index.max_gap, ordered=True) is not None
            for phrase in rule.exceptions
        )

    def _cued(self, rule: CompiledRule, sentence: Sentence, window: list[int]) -> bool:
        """A negation, hedge or retraction cue of the rule's `unless` lists reaches the claim."""
        cues = self.index.cues
        trailing = self.index.trailing_cues
        for name in rule.cue_lists:
            cue_list = cues.get(name)
            if cue_list is not None and cue_applies(sentence, window, cue_list, after=name in trailing):
                return True
        return False

    def mentions_absent(self, rule_index: int, segments: list[tuple[Segment, int]]) -> bool:
        """True when some segment (with its pre-filter mask) states one of the rule's `absent`
        phrases without negating it. "Side effects include sedation" mentions risk; "zero side
        effects" does not."""
        rule = self.index.rules[rule_index]
        phrases = tuple(zip(rule.absent, self.index.bits.absent[rule_index], strict=True))
        for segment, mask in segments:
            wanted = self._wanted_cache.get((rule_index, mask))
            if wanted is None:
                wanted = self._wanted_cache.remember(
                    (rule_index, mask), tuple((p, m) for p, m in phrases if mask & m == m)
                )
            if not wanted:
                continue
            mentioned = self._mentions_cache.get((segment.text, wanted))
            if mentioned is None:
                mentioned = self._mentions_cache.remember((segment.text, wanted), self._mentions(segment.text, wanted))
            if mentioned:
                return True
        return False

    def _mentions(self, text: str, phrases: _Phrases) -> bool:
        negations = self.index.cues.get(NEGATION)
        max_gap = self.index.max_gap
        normalized, _ = normalize_with_map(text)
        for start, end in sentence_spans(normalized):
            mask = self._prefilter.mask_of(normalized[start:end])
            wanted = [p for p, m in phrases if mask & m == m]
            if not wanted:
                continue
            sentence = self.sentence(normalized, start, end)
            for phrase in wanted:
                window = find_window(sentence, phrase, max_gap, ordered=True)
                if window is not None and (negations is None or not cue_applies(sentence, window, negations)):
                    return True
        return False
