"""Compiles a Rulebook once into look-up tables, so matching cost does not grow with the rules.

Every phrase (claims, subject aliases, cues, exceptions, `absent` phrases) becomes a tuple of
stems. Claim phrases are indexed by an anchor stem; a segment is examined closely only when all
stems of some claim are present in it, which a set comparison decides.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import regex

from factlint.matching.lexicon import Lexicon, stem
from factlint.matching.normalize import normalize
from factlint.matching.tokens import WORD
from factlint.rulebook import compile_pattern
from factlint.rulebook.model import Rule, Rulebook

NEGATION, CLAUSE_BREAK, QUESTION = "negation", "clause-break", "question"


def phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(token) for token in WORD.findall(normalize(phrase)))


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim phrase of one rule, as stems."""

    rule_index: int
    stems: tuple[str, ...]
    stem_set: frozenset[str]
    max_gap: int


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: Rule
    subjects: frozenset[str]  # subject ids; empty = any topic
    cue_lists: tuple[str, ...]  # cue list names from `unless`
    exceptions: tuple[tuple[str, ...], ...]
    patterns: tuple[regex.Pattern[str], ...]
    absent: tuple[tuple[str, ...], ...]


@dataclass
class RuleIndex:
    rules: list[CompiledRule]
    claims: list[Claim]
    by_anchor: dict[str, list[int]]  # anchor stem -> claim indexes
    subject_aliases: dict[str, list[tuple[str, ...]]]  # subject id -> alias stem tuples
    subject_stems: frozenset[str]  # every stem that occurs in some alias
    cues: dict[str, list[tuple[str, ...]]]  # cue list name -> cue stem tuples
    clause_breaks: frozenset[str]
    pattern_rules: list[int]  # rules with regex patterns
    any_pattern: regex.Pattern[str] | None  # union of every pattern, for the pre-filter
    lexicon: Lexicon
    document_rules: list[int] = field(default_factory=list)
    absent_stems: frozenset[str] = frozenset()  # stems of every `absent` phrase
    trailing_cues: frozenset[str] = frozenset()  # cue lists that also apply after a claim
    question_openers: frozenset[str] = frozenset()  # first words of questions that do not claim


def _anchor(stems: tuple[str, ...]) -> str:
    # The longest stem is usually the rarest in prose: few segments will reach the set check.
    return max(stems, key=lambda s: (len(s), s))


def compile_rulebook(rulebook: Rulebook) -> RuleIndex:
    vocabulary: set[str] = set()

    def stems_of(phrase: str) -> tuple[str, ...]:
        stems = phrase_stems(phrase)
        vocabulary.update(stems)
        return stems

    subject_aliases = {
        sid: [s for s in (stems_of(a) for a in subject.aliases) if s]
        for sid, subject in rulebook.subjects.items()
    }
    cues = {name: [s for s in (stems_of(c) for c in phrases) if s] for name, phrases in rulebook.cues.items()}
    clause_breaks = frozenset(s for tup in cues.pop(CLAUSE_BREAK, []) for s in tup)
    question_openers = frozenset(tup[0] for tup in cues.pop(QUESTION, []))

    compiled: list[CompiledRule] = []
    claims: list[Claim] = []
    by_anchor: dict[str, list[int]] = defaultdict(list)
    pattern_rules: list[int] = []
    document_rules: list[int] = []
    sources: list[str] = []
    for index, rule in enumerate(rulebook.rules):
        patterns = tuple(compile_pattern(p) for p in rule.patterns)
        compiled.append(
            CompiledRule(
                rule=rule,
                subjects=frozenset(rule.subjects),
                cue_lists=tuple(rule.unless),
                exceptions=tuple(s for s in (stems_of(e) for e in rule.exceptions) if s),
                patterns=patterns,
                absent=tuple(s for s in (stems_of(a) for a in rule.absent) if s),
            )
        )
        gap = rule.max_gap if rule.max_gap is not None else rulebook.matching.max_gap
        for phrase in rule.phrases:
            stems = stems_of(phrase)
            if not stems:
                continue
            by_anchor[_anchor(stems)].append(len(claims))
            claims.append(Claim(index, stems, frozenset(stems), gap))
        if patterns:
            pattern_rules.append(index)
            sources.extend(p.pattern for p in patterns)
        if rule.scope == "document":
            document_rules.append(index)

    any_pattern = compile_pattern("|".join(f"(?:{s})" for s in sources)) if sources else None
    return RuleIndex(
        rules=compiled,
        claims=claims,
        by_anchor=dict(by_anchor),
        subject_aliases=subject_aliases,
        subject_stems=frozenset(s for aliases in subject_aliases.values() for tup in aliases for s in tup),
        cues=cues,
        clause_breaks=clause_breaks,
        pattern_rules=pattern_rules,
        any_pattern=any_pattern,
        lexicon=Lexicon(vocabulary, rulebook.matching),
        question_openers=question_openers,
        document_rules=document_rules,
        absent_stems=frozenset(s for rule in compiled for phrase in rule.absent for s in phrase),
        trailing_cues=frozenset(rulebook.matching.trailing_cues),
    )
