"""The validated rulebook, as plain immutable data. The loader builds it; the matcher compiles it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from factlint.findings import FactRef, Severity


@dataclass(frozen=True, slots=True)
class Category:
    id: str  # e.g. "approval-status"
    prefix: str  # every rule id in the category starts with it, e.g. "FL1"
    title: str


@dataclass(frozen=True, slots=True)
class Source:
    file: str  # a file name under ../shared/seeds or ../shared/reference
    title: str


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    statement: str
    source: str  # a Source.file
    quote: str  # verbatim (up to whitespace) in that file
    ref: str | None = None  # reference-sheet fact number, e.g. "F21"
    address: str | None = None  # public address for reference-sheet facts

    def as_ref(self) -> FactRef:
        source = f"{self.source} {self.ref}" if self.ref else self.source
        return FactRef(self.id, self.statement, source, self.quote, self.address)


@dataclass(frozen=True, slots=True)
class Subject:
    id: str  # e.g. "esketamine"
    aliases: tuple[str, ...]  # names that mean this subject: "spravato", "esketamine nasal spray"


@dataclass(frozen=True, slots=True)
class Matching:
    """Tuning of the fuzzy matcher, kept in the rulebook so reviewers can see and change it."""

    fuzzy_min_length: int = 6  # shorter tokens only match exactly (after stemming)
    max_gap: int = 3  # filler tokens allowed inside a claim phrase ("cures your depression")
    protected: tuple[str, ...] = ()  # real words never fuzzy-matched to a rulebook word
    # Cue lists that also apply AFTER a claim in its clause ("... has not been shown",
    # "... are a red flag"); other cues only apply before it.
    trailing_cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Fix:
    """A rewrite of the matched text: applies when `match` (a regex) matches ALL of it, ignoring case.

    `replace` may use the regex's groups (`\\1`). Only a `safe` fix is applied by `--fix`: one whose
    result is always correct and grammatical, whatever the surrounding sentence.
    """

    match: str
    replace: str
    safe: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    id: str  # e.g. "FL401"
    name: str  # kebab-case, e.g. "cure-claim"
    category: str  # a Category.id
    severity: Severity
    summary: str
    message: str  # one line: why the matched claim is wrong
    suggestion: str  # a compliant rewrite
    fact: Fact
    phrases: tuple[str, ...] = ()  # fuzzy claim phrases
    patterns: tuple[str, ...] = ()  # regexes over the normalised sentence
    subjects: tuple[str, ...] = ()  # Subject ids; empty = applies whatever the topic
    unless: tuple[str, ...] = ()  # cue list names ("negation", "hedge") that make a claim compliant
    exceptions: tuple[str, ...] = ()  # phrases that make the sentence compliant
    scope: Literal["sentence", "document"] = "sentence"
    absent: tuple[str, ...] = ()  # document scope: flag only if none of these phrases appears
    max_gap: int | None = None  # overrides Matching.max_gap
    flag_examples: tuple[str, ...] = ()
    pass_examples: tuple[str, ...] = ()
    fix: Fix | None = None  # optional rewrite of the matched text (`factlint check --fix`)
    file: str = ""  # rulebook file and line, for messages
    line: int = 0


@dataclass(frozen=True, slots=True)
class Rulebook:
    rules: tuple[Rule, ...]
    facts: dict[str, Fact] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    matching: Matching = field(default_factory=Matching)
    files: tuple[str, ...] = ()  # the YAML files it was loaded from
    digest: str = ""  # sha256 over the files' bytes, keys the compiled-index cache

    def rule(self, rule_id: str) -> Rule | None:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None
