"""The validated rulebook, as plain immutable data. The loader builds it; the matcher compiles it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from factlint.findings import Citation, FactRef, Severity


@dataclass(frozen=True, slots=True)
class Category:
    id: str  # e.g. "approval-status"
    prefix: str  # every rule id in the category starts with it, e.g. "FL1"
    title: str


@dataclass(frozen=True, slots=True)
class Source:
    """A document a reviewer can cite (rules/05-sources.yaml)."""

    file: str  # where in ../shared its facts were read: a seed, or the reference sheet that names it
    title: str  # human-readable title: what reports show
    id: str = ""  # what facts name; "" = the file name
    publisher: str | None = None
    date: str | None = None  # only where the document states one
    address: str | None = None
    kind: Literal["primary", "secondary"] | None = None  # secondary: reports on a document not at hand
    note: str | None = None  # e.g. "reports the FDA's statement of October 10, 2023"

    @property
    def key(self) -> str:
        return self.id or self.file


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    statement: str
    source: str  # a Source.key
    quote: str  # verbatim (up to whitespace) in the source's file
    ref: str | None = None  # reference-sheet fact number, e.g. "F21"
    address: str | None = None  # a more precise address than the source's, if any
    locator: str | None = None  # where in the document: "Boxed warning", "21 CFR 202.1(e)(6)(i)"
    cited: Source | None = None  # the source itself, filled in by the loader

    @property
    def trace(self) -> str:
        """Where in ../shared the fact was read: "000_6cdc....txt", or "domain-facts.md F14"."""
        file = self.cited.file if self.cited is not None else self.source
        return f"{file} {self.ref}" if self.ref else file

    def as_ref(self) -> FactRef:
        """The fact as findings carry it: one shared object per fact (a dense draft has hundreds of
        thousands of findings, and a copy each cost ~350 bytes per finding)."""
        cached = _REFS.get(id(self))
        if cached is not None and cached[0] is self:
            return cached[1]
        ref = self._make_ref()
        _REFS[id(self)] = (self, ref)  # the fact is kept alive with it, so its id is not reused
        return ref

    def _make_ref(self) -> FactRef:
        source = self.cited
        citation = None
        if source is not None:
            citation = Citation(title=source.title, publisher=source.publisher, date=source.date,
                                address=self.address or source.address, kind=source.kind,
                                locator=self.locator, note=source.note)
        address = citation.address if citation is not None else self.address
        via = f"reference sheet {self.ref}" if self.ref else None
        return FactRef(self.id, self.statement, self.trace, self.quote, address, citation, via)


_REFS: dict[int, tuple[Fact, FactRef]] = {}  # id(fact) -> (fact, its FactRef); facts live as long as rulebooks


@dataclass(frozen=True, slots=True)
class Subject:
    id: str  # e.g. "esketamine"
    aliases: tuple[str, ...]  # names that mean this subject: "spravato", "esketamine nasal spray"


EntityKind = Literal["drug", "condition", "population", "setting", "agency"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("drug", "condition", "population", "setting", "agency")


@dataclass(frozen=True, slots=True)
class Entity:
    """Something copy can name: a drug or product, a condition, a population, a setting, an agency.

    `parent` builds a hierarchy (treatment-resistant depression < major depressive disorder <
    depression; compounded ketamine < ketamine): a claim about a child is a claim about a narrower
    thing than its parent. `label` is how findings and suggestions name it.
    """

    id: str
    kind: EntityKind
    names: tuple[str, ...]
    label: str
    parent: str | None = None
    # drugs: how far along it is ("approved", "unapproved", "investigational"), which decides
    # what availability and efficacy claims about it may say
    stage: str | None = None
    broad: bool = False  # conditions: a class of many conditions ("mental health conditions")


@dataclass(frozen=True, slots=True)
class Approval:
    """A fact-base relation: `agency` approved `drug` for `uses` (condition ids), since `since`."""

    drug: str
    agency: str
    uses: tuple[str, ...]
    fact: str  # the Fact id that states it
    populations: tuple[str, ...] = ()  # empty: no population restriction stated
    settings: tuple[str, ...] = ()
    since: int | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A fact-base relation short of approval: what is known about `drug` for `uses`.

    `level`: "human" (human evidence supports moderate claims, e.g. ketamine for depression used
    off-label), "animal" (only animal studies: a claim about people is unsupported),
    "investigational" (in trials, not available), "not-demonstrated" (the label says the effect was
    not shown: even a hedged claim of it is flagged).
    """

    drug: str
    uses: tuple[str, ...]
    level: str
    fact: str


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


RuleKind = Literal["claim", "match", "document", "phrase"]
POLICY_FACT = "policy:"  # id prefix of the facts and sources made from a house rule's `policy` (never a YAML id)


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
    # kind "claim": a claim frame checked against the fact base (matching/frames.py, verdict.py)
    kind: RuleKind = "match"
    frame: str | None = None  # approval | treats | efficacy | safety | eligibility | experimental | neuro
    claims: tuple[str, ...] = ()  # vocabulary classes the frame's trigger must belong to (empty: any)
    verdicts: tuple[str, ...] = ()  # verdicts that make it fire (empty: the frame's default)
    conditions: tuple[str, ...] = ()  # the claim must name one of these conditions (or a narrower one)
    populations: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rulebook:
    rules: tuple[Rule, ...]
    facts: dict[str, Fact] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    approvals: tuple[Approval, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    vocabulary: dict[str, tuple[str, ...]] = field(default_factory=dict)  # class -> terms
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
