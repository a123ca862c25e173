"""Match rules: phrases and patterns, the rule kind of house rulebooks written before claim frames.

A phrase matches when all its words (stemmed, typo-tolerant) occur within len(phrase) + max-gap words of
each other, in any order; a pattern is a regex over the normalised sentence. A match is excused when a cue
list the rule names in `unless` reaches it (its assertion status, assertion.py), when an `exceptions`
phrase occurs in the sentence in its word order, or when the sentence is a real question. A rule with
`subjects` applies where its drug is named in the sentence or is the topic the sentence refers to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ahocorasick_rs import AhoCorasick

from factlint.matching.assertion import CITED, QUESTION, REPORTED, Assertion, status_of_list
from factlint.matching.regex_budget import ALL_PATTERNS, PATTERN_TIMEOUT, timed_search
from factlint.matching.sentence import Sentence
from factlint.matching.vocabulary import phrase_stems
from factlint.rulebook import compile_pattern
from factlint.rulebook.model import Rule, Rulebook
from factlint.rulebook.patterns import RulePattern, rule_pattern


@dataclass(frozen=True, slots=True)
class CompiledMatch:
    rule: Rule
    index: int
    phrases: tuple[tuple[str, ...], ...]
    patterns: tuple[RulePattern, ...]
    excused_by: frozenset[str]
    exceptions: tuple[tuple[str, ...], ...]
    max_gap: int


@dataclass(frozen=True, slots=True)
class MatchHit:
    rule: Rule
    first: int  # token span (phrases) ...
    last: int
    start: int  # ... and character span in the sentence text
    end: int


class MatchRules:
    """The match rules of a rulebook (and the phrase side of document rules), compiled once."""

    def __init__(self, rulebook: Rulebook, kind: str = "match") -> None:
        self.rules = tuple(
            CompiledMatch(
                rule=rule,
                index=index,
                phrases=tuple(p for p in map(phrase_stems, rule.phrases) if p),
                patterns=tuple(rule_pattern(p) for p in rule.patterns),
                excused_by=_excused_by(rule.unless),
                exceptions=tuple(p for p in map(phrase_stems, rule.exceptions) if p),
                max_gap=rule.max_gap if rule.max_gap is not None else rulebook.matching.max_gap,
            )
            for index, rule in enumerate(rulebook.rules)
            if rule.kind == kind
        )
        self.stems = frozenset(s for r in self.rules for group in (r.phrases, r.exceptions) for p in group for s in p)
        self.has_patterns = any(r.patterns for r in self.rules)
        patterns = [p for r in self.rules for p in r.patterns]
        self._any_pattern = compile_pattern("|".join(f"(?:{p.source})" for p in patterns)) if patterns else None
        self._needles = _needles(patterns)
        # the stems a phrase of some rule starts with: a sentence with none of them needs no phrase search
        self.first_stems = frozenset(p[0] for r in self.rules for p in r.phrases)
        self._indexes_of: dict[str, list[int]] = {}  # rule id -> its index in `rules` (for a pattern's hit)
        for index, compiled in enumerate(self.rules):
            self._indexes_of.setdefault(compiled.rule.id, []).append(index)
        # each phrase by its longest stem, with all its stems and the index of its rule
        self._phrase_keys: dict[str, list[tuple[int, frozenset[str]]]] = {}
        for index, compiled in enumerate(self.rules):
            for phrase in compiled.phrases:
                self._phrase_keys.setdefault(max(phrase, key=len), []).append((index, frozenset(phrase)))

    def patterns_in(self, text: str, failed: dict[str, str]) -> frozenset[str]:
        """Ids of the rules whose patterns match somewhere in `text` (a whole segment): only their
        sentences are searched again, so a pattern costs one search per segment, not per sentence. One
        search of all patterns together first: most segments match none (not once a rule has failed on
        the file: the failed rule's pattern would slow down, or time out, every joint search).
        Every search is charged to the file's regex time budget (regex_budget.py)."""
        if self._needles is not None and not self._needles.find_matches_as_indexes(text):
            return frozenset()  # no pattern can match without one of these strings
        if self._any_pattern is not None and not failed:
            try:
                if timed_search(failed, self._any_pattern, text, ALL_PATTERNS) is None:
                    return frozenset()
            except TimeoutError:
                pass  # one of them backtracks: find which below
        found: set[str] = set()
        for compiled in self.rules:
            if compiled.patterns and compiled.rule.id not in failed:
                for pattern in compiled.patterns:
                    try:
                        if timed_search(failed, pattern.regex, text, compiled.rule.id) is not None:
                            found.add(compiled.rule.id)
                            break
                    except TimeoutError:  # unless the budget's message came first
                        failed.setdefault(compiled.rule.id, _timed_out(pattern))
                        break
        return frozenset(found)

    def check(self, sentence: Sentence, assertion: Assertion, failed: dict[str, str],
              applies: Callable[[Rule], bool], patterns: frozenset[str] = frozenset()) -> list[MatchHit]:
        """Each rule's first hit in `sentence`; `patterns`: the rules whose patterns may match here."""
        hits: list[MatchHit] = []
        if not patterns and self.first_stems.isdisjoint(sentence.stems):
            return hits
        positions: dict[str, list[int]] | None = None
        present = frozenset(sentence.stems)
        # rules with a phrase whose words are all here (cheaper to know than whether a rule applies)
        candidates = {i for key in self._phrase_keys.keys() & present for i, needs in self._phrase_keys[key]
                      if needs <= present}
        for rule_id in patterns:
            candidates.update(self._indexes_of.get(rule_id, ()))
        # the candidate rules alone, in rulebook order (not every rule for every sentence)
        for index in sorted(candidates):
            compiled = self.rules[index]
            rule = compiled.rule
            if rule.id in failed or not applies(rule):
                continue
            if positions is None:
                positions = {}
                for i, stem in enumerate(sentence.stems):
                    if stem is not None:
                        positions.setdefault(stem, []).append(i)
            hit = self._phrase_hit(compiled, sentence, positions, assertion)
            if hit is None and rule.id in patterns:
                hit = self._pattern_hit(compiled, sentence, positions, assertion, failed)
            if hit is not None:
                hits.append(hit)
        return hits

    def _phrase_hit(self, compiled: CompiledMatch, sentence: Sentence, positions: dict[str, list[int]],
                    assertion: Assertion) -> MatchHit | None:
        for phrase in compiled.phrases:
            if phrase[0] not in positions:
                continue
            window = find_window(positions, phrase, compiled.max_gap)
            if window is None:
                continue
            if self._excused(compiled, sentence, positions, assertion, window):
                continue
            return MatchHit(compiled.rule, window[0], window[-1], sentence.starts[window[0]],
                            sentence.ends[window[-1]])
        return None

    def _pattern_hit(self, compiled: CompiledMatch, sentence: Sentence, positions: dict[str, list[int]],
                     assertion: Assertion, failed: dict[str, str]) -> MatchHit | None:
        text = sentence.text
        for pattern in compiled.patterns:
            try:
                match = timed_search(failed, pattern.regex, text, compiled.rule.id)
            except TimeoutError:  # unless the budget's message came first
                failed.setdefault(compiled.rule.id, _timed_out(pattern))
                return None
            if match is None or match.end() == match.start():
                continue
            window = [i for i, (s, e) in enumerate(zip(sentence.starts, sentence.ends, strict=True))
                      if s < match.end() and e > match.start()]
            if window and self._excused(compiled, sentence, positions, assertion, window):
                continue
            first, last = (window[0], window[-1]) if window else (0, 0)
            return MatchHit(compiled.rule, first, last, match.start(), match.end())
        return None

    def _excused(self, compiled: CompiledMatch, sentence: Sentence, positions: dict[str, list[int]],
                 assertion: Assertion, window: Sequence[int]) -> bool:
        for exception in compiled.exceptions:
            if exception[0] in positions and find_window(positions, exception, compiled.max_gap, ordered=True):
                return True
        own = set(window)  # a cue inside the window counts too: "depression is not cured"
        return any(assertion.status(i, own) & compiled.excused_by for i in range(window[0], window[-1] + 1))


def _needles(patterns: Sequence[RulePattern]) -> AhoCorasick | None:
    """An automaton of the strings one of which every match of every pattern contains (each pattern's
    `required`; one C-level pass finds whether a text holds any, ~5x faster than the regex search it saves),
    or None if some pattern has none."""
    found: set[str] = set()
    for pattern in patterns:
        if pattern.required is None:
            return None
        found |= pattern.required
    if not found:
        return None
    return AhoCorasick(sorted(n for n in found if not any(o != n and o in n for o in found)))


def _excused_by(lists: Sequence[str]) -> frozenset[str]:
    """Statuses that excuse a hit: those of the rule's `unless` lists, a real question, and a named study's
    result wherever reported claims are excused."""
    statuses = {status_of_list(name) for name in lists} | {QUESTION}
    if REPORTED in statuses:
        statuses.add(CITED)
    return frozenset(statuses)


def _timed_out(pattern: RulePattern) -> str:
    return (f"pattern '{pattern.source}' took over {PATTERN_TIMEOUT:g} s on one sentence "
            "(catastrophic backtracking?); the rule was skipped for this file")


def find_window(positions: dict[str, list[int]], stems: Sequence[str], max_gap: int, *,
                ordered: bool = False) -> list[int] | None:
    """Token indexes of the tightest occurrence of all `stems` within len(stems) + max_gap tokens.

    Phrases match in any order ("depression is cured"); `ordered` phrases (exceptions) keep their word
    order, so an exception "drive you" does not excuse "you can drive yourself".
    """
    limit = len(stems) + max_gap
    best: list[int] | None = None
    for pivot in positions.get(stems[0], ()):
        chosen = [pivot]
        for wanted in stems[1:]:
            if ordered:
                options = [p for p in positions.get(wanted, ()) if p > chosen[-1]]
            else:
                options = [p for p in positions.get(wanted, ()) if p not in chosen]
            if not options:
                break
            chosen.append(min(options, key=lambda p: (abs(p - pivot), p)))
        else:
            width = max(chosen) - min(chosen) + 1
            if width <= limit and (best is None or width < max(best) - min(best) + 1):
                best = chosen
    return sorted(best) if best else None
