"""Compiles a Rulebook once into look-up tables, so matching cost does not grow with the rules.

Every phrase (claims, subject aliases, cues, exceptions, `absent` phrases) becomes a tuple of
stems. Claim phrases are indexed by an anchor stem; a segment is examined closely only when all
stems of some claim are present in it, which set operations decide. Regex patterns are indexed
by the literal fragments they cannot match without (see triggers.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import regex

from factlint.matching.bits import Bits, build_bits
from factlint.matching.lexicon import Lexicon, stem
from factlint.matching.normalize import normalize
from factlint.matching.tokens import WORD
from factlint.matching.triggers import Requirement, required_fragments
from factlint.rulebook import compile_pattern
from factlint.rulebook.model import Rule, Rulebook

# Cue lists the engine gives a meaning of their own (docs/rulebook.md).
NEGATION, CLAUSE_BREAK, QUESTION = "negation", "clause-break", "question"


def phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(token) for token in WORD.findall(normalize(phrase)))


@dataclass(frozen=True, slots=True, eq=False)
class Claim:
    """One claim phrase of one rule, as stems (compared and hashed by identity: each is unique)."""

    rule_index: int
    stems: tuple[str, ...]
    max_gap: int
    mask: int = 0  # its stems as bits (bits.py); set once all stems of the rulebook are known


@dataclass(frozen=True, slots=True)
class CueList:
    """Cue phrases as stem tuples, grouped by first stem for a quick look-up in a sentence."""

    by_first: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, phrases: list[tuple[str, ...]]) -> CueList:
        grouped: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in phrases:
            grouped[phrase[0]].append(phrase)
        return cls({first: tuple(group) for first, group in grouped.items()})


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: Rule
    subjects: frozenset[str]  # subject ids; empty = any topic
    cue_lists: tuple[str, ...]  # cue list names from `unless`
    exceptions: tuple[tuple[str, ...], ...]
    patterns: tuple[regex.Pattern[str], ...]
    absent: tuple[tuple[str, ...], ...]
    is_document_rule: bool


@dataclass(frozen=True, slots=True)
class RuleIndex:
    rules: tuple[CompiledRule, ...]
    cues: dict[str, CueList]  # cue list name -> cues
    clause_breaks: frozenset[str]
    question_openers: frozenset[str]  # first words of questions that do not claim
    trailing_cues: frozenset[str]  # cue lists that also apply after a claim
    ungated_pattern_rules: frozenset[int]  # pattern rules with no usable fragment: always tried
    max_gap: int  # default window slack (exceptions and `absent` phrases use it)
    lexicon: Lexicon
    bits: Bits  # the pre-filter's tables


def compile_rulebook(rulebook: Rulebook) -> RuleIndex:
    vocabulary: set[str] = set()

    def stems_of(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        result = tuple(s for s in map(phrase_stems, phrases) if s)
        vocabulary.update(s for phrase in result for s in phrase)
        return result

    subject_aliases = {sid: stems_of(subject.aliases) for sid, subject in rulebook.subjects.items()}
    cue_phrases = {name: stems_of(phrases) for name, phrases in rulebook.cues.items()}
    clause_breaks = frozenset(s for phrase in cue_phrases.pop(CLAUSE_BREAK, ()) for s in phrase)
    question_openers = frozenset(phrase[0] for phrase in cue_phrases.pop(QUESTION, ()))

    rules: list[CompiledRule] = []
    claims: list[Claim] = []
    by_fragment: dict[str, set[int]] = defaultdict(set)
    requirements: dict[int, list[Requirement]] = defaultdict(list)
    ungated: list[int] = []
    for index, rule in enumerate(rulebook.rules):
        rules.append(
            CompiledRule(
                rule=rule,
                subjects=frozenset(rule.subjects),
                cue_lists=tuple(rule.unless),
                exceptions=stems_of(rule.exceptions),
                patterns=tuple(compile_pattern(p) for p in rule.patterns),
                absent=stems_of(rule.absent),
                is_document_rule=rule.scope == "document",
            )
        )
        gap = rule.max_gap if rule.max_gap is not None else rulebook.matching.max_gap
        for stems in stems_of(rule.phrases):
            claim = Claim(index, stems, gap)
            claims.append(claim)
        for pattern in rule.patterns:
            requirement = required_fragments(pattern)
            if requirement is None:
                ungated.append(index)
            else:
                # Most selective group first: most segments fail the requirement at once.
                requirement = tuple(sorted(requirement, key=lambda g: (-min(map(len, g)), len(g), sorted(g))))
                requirements[index].append(requirement)
                # Any group would do; the most selective (longest shortest fragment) is indexed.
                group = max(requirement, key=lambda g: (min(map(len, g)), -len(g)))
                for fragment in group:
                    by_fragment[fragment].add(index)

    fragments = sorted({f for reqs in requirements.values() for req in reqs for g in req for f in g})
    bits = build_bits(claims, subject_aliases, rules, requirements, by_fragment, fragments)
    return RuleIndex(
        rules=tuple(rules),
        cues={name: CueList.of(list(phrases)) for name, phrases in cue_phrases.items()},
        clause_breaks=clause_breaks,
        question_openers=question_openers,
        trailing_cues=frozenset(rulebook.matching.trailing_cues),
        ungated_pattern_rules=frozenset(ungated),
        max_gap=rulebook.matching.max_gap,
        lexicon=Lexicon(
            vocabulary,
            rulebook.matching,
            fragments=tuple(fragments),
        ),
        bits=bits,
    )
