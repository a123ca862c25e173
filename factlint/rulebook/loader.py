"""Load rulebook files, merge them, cross-check them and build the immutable `Rulebook` model.

Each file is checked on its own against the schema (schema.py); cross-file checks -- unique ids, rules that
name existing facts / subjects / categories / cue lists, facts that name declared sources, id prefixes,
regexes that compile -- run once every file is in, so any file may refer to what another declares.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

import regex

from factlint.errors import fail
from factlint.findings import Severity
from factlint.rulebook import cache
from factlint.rulebook.locate import default_rulebook_dir, identity, rulebook_files, shown
from factlint.rulebook.model import (
    ENTITY_KINDS,
    Approval,
    Category,
    Entity,
    EntityKind,
    Evidence,
    Fact,
    Fix,
    Matching,
    Rule,
    Rulebook,
    Source,
    Subject,
)
from factlint.rulebook.patterns import compile_pattern

if TYPE_CHECKING:  # the YAML modules are imported when a rulebook is parsed: not on a cache hit
    from factlint.rulebook.schema import Record



def load_rulebook(paths: Sequence[Path] = (), *, include_default: bool = True) -> Rulebook:
    """Load the default rulebook (unless `include_default` is false) plus each extra file or folder."""
    if isinstance(paths, (str, Path)):  # one path given bare: not a sequence of one-letter paths
        paths = [Path(paths)]
    sources = ([default_rulebook_dir()] if include_default else []) + [Path(p) for p in paths]
    files = [file for source in sources for file in rulebook_files(source)]
    key = cache.key_of(files)
    if key is not None:
        cached = cache.load(key)
        if cached is not None:
            return cached
    builder = _Builder()
    for file in files:
        builder.add_file(file)
    rulebook = builder.build()
    if key is not None:
        cache.store(key, rulebook)
    return rulebook


def iter_rule_examples(rulebook: Rulebook) -> Iterator[tuple[Rule, str, bool]]:
    """Every example sentence of every rule: (rule, sentence, should_flag)."""
    for rule in rulebook.rules:
        for sentence in rule.flag_examples:
            yield rule, sentence, True
        for sentence in rule.pass_examples:
            yield rule, sentence, False


@dataclass(slots=True)
class _Entry:
    """Something declared with an id, remembered with where it was declared."""

    record: Record
    path: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.record.line}"


@dataclass(slots=True)
class _Builder:
    categories: dict[str, _Entry] = field(default_factory=dict)
    sources: dict[str, _Entry] = field(default_factory=dict)
    facts: dict[str, _Entry] = field(default_factory=dict)
    subjects: dict[str, _Entry] = field(default_factory=dict)
    entities: dict[str, tuple[str, _Entry]] = field(default_factory=dict)  # id -> (kind, entry)
    approvals: list[_Entry] = field(default_factory=list)
    evidence: list[_Entry] = field(default_factory=list)
    rules: dict[str, _Entry] = field(default_factory=dict)
    vocabulary: dict[str, dict[str, None]] = field(default_factory=dict)  # ordered sets
    cues: dict[str, dict[str, None]] = field(default_factory=dict)  # ordered sets
    matching: dict[str, int] = field(default_factory=dict)
    protected: dict[str, None] = field(default_factory=dict)
    trailing_cues: dict[str, None] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    seen: set[Path] = field(default_factory=set)
    _ids: dict[str, frozenset[str]] | None = None
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)

    # ------------------------------------------------------------------------------------- reading files

    def add_file(self, file: Path) -> None:
        resolved = identity(file)
        if resolved in self.seen:  # the same file named twice (e.g. default folder and --rules) loads once
            return
        self.seen.add(resolved)
        path = shown(file)
        from factlint.rulebook.schema import read_file
        from factlint.rulebook.yaml_source import load_node

        data, root = load_node(file, path)
        record = read_file(root, path)
        self._hash(file.name, data)
        self.files.append(path)
        self._collect(record, path)

    def _hash(self, name: str, data: bytes) -> None:
        encoded = name.encode("utf-8")
        for part in (encoded, data):
            self.digest.update(len(part).to_bytes(8, "big"))
            self.digest.update(part)

    def _collect(self, top: Record, path: str) -> None:
        for table, key, id_keys in (
            (self.categories, "categories", ("id",)),
            (self.sources, "sources", ("id", "file")),  # one source per seed file needs no id
            (self.facts, "facts", ("id",)),
            (self.subjects, "subjects", ("id",)),
            (self.rules, "rules", ("id",)),
        ):
            for record in top.sections(key):
                _register(table, record, id_keys, path)
        for kind in ENTITY_KINDS:
            for record in top.sections(_ENTITY_KEYS[kind]):
                entry = _Entry(record, path)
                first = self.entities.get(record.text("id"))
                if first is not None:
                    fail(path, record.line_of("id"), f"duplicate id '{record.text('id')}': already declared as "
                                                     f"{first[1].record.what} ({first[1].where})")
                self.entities[record.text("id")] = (kind, entry)
        self.approvals.extend(_Entry(record, path) for record in top.sections("approvals"))
        self.evidence.extend(_Entry(record, path) for record in top.sections("evidence"))
        for table_name, word_lists in (("cues", self.cues), ("vocabulary", self.vocabulary)):
            lists = top.section(table_name)
            if lists is not None:
                for name, words in lists.values.items():
                    word_lists.setdefault(name, {}).update(dict.fromkeys(cast("tuple[str, ...]", words)))
        matching = top.section("matching")
        if matching is not None:
            self._collect_matching(matching)

    def _collect_matching(self, matching: Record) -> None:
        for key in ("fuzzy-min-length", "max-gap"):
            value = matching.number(key)
            if value is not None:
                self.matching[key] = value  # a later file overrides an earlier one
        self.protected.update(dict.fromkeys(matching.texts("protected")))
        self.trailing_cues.update(dict.fromkeys(matching.texts("trailing-cues")))

    # ------------------------------------------------------------------------------------- building

    def build(self) -> Rulebook:
        self._check_categories()
        categories = {cid: _category(e.record) for cid, e in self.categories.items()}
        sources = {key: _source(e.record) for key, e in self.sources.items()}
        facts = {fid: self._fact(e, sources) for fid, e in self.facts.items()}
        subjects = {sid: Subject(sid, e.record.texts("aliases")) for sid, e in self.subjects.items()}
        entities = self._entities(subjects)
        approvals = tuple(self._approval(e, entities, facts) for e in self.approvals)
        evidence = tuple(self._evidence(e, entities, facts) for e in self.evidence)
        rules = self._rules(categories, facts, entities)
        return Rulebook(
            rules=rules,
            facts=facts,
            subjects=subjects,
            entities=entities,
            approvals=approvals,
            evidence=evidence,
            vocabulary={name: tuple(words) for name, words in self.vocabulary.items()},
            cues={name: tuple(words) for name, words in self.cues.items()},
            categories=categories,
            sources=sources,
            matching=self._matching(),
            files=tuple(self.files),
            digest=self.digest.hexdigest(),
        )

    def _check_categories(self) -> None:
        prefixes: dict[str, _Entry] = {}
        for entry in self.categories.values():
            prefix = entry.record.text("prefix")
            first = prefixes.setdefault(prefix, entry)
            if first is not entry:
                fail(entry.path, entry.record.line_of("prefix"),
                     f"{entry.record.what} uses the prefix '{prefix}', already used by {first.record.what} "
                     f"({first.where})")

    def _fact(self, entry: _Entry, sources: dict[str, Source]) -> Fact:
        record = entry.record
        source = record.text("source")
        _require(source, sources, "source", record, entry.path, record.line_of("source"),
                 "which is not listed under 'sources'")
        return Fact(
            id=record.text("id"),
            statement=record.text("statement"),
            source=source,
            quote=record.text("quote"),
            ref=record.optional_text("ref"),
            address=record.optional_text("address"),
            locator=record.optional_text("locator"),
            cited=sources[source],
        )

    def entity_ids(self, entities: dict[str, Entity]) -> dict[str, frozenset[str]]:
        """Entity ids per top-level key ("drugs", "conditions"...), computed once per rulebook."""
        if self._ids is None:
            ids: dict[str, set[str]] = {key: set() for key in _ENTITY_KEYS.values()}
            for entity in entities.values():
                ids[_ENTITY_KEYS[entity.kind]].add(entity.id)
            self._ids = {key: frozenset(value) for key, value in ids.items()}
        return self._ids

    def _entities(self, subjects: dict[str, Subject]) -> dict[str, Entity]:
        """Entities by id; a legacy `subjects` entry is a drug (its aliases added to a drug of that id)."""
        entities: dict[str, Entity] = {}
        for eid, (kind, entry) in self.entities.items():
            record = entry.record
            parent = record.optional_text("parent")
            if parent is not None:
                declared = self.entities.get(parent)
                if declared is None or declared[0] != kind:
                    known = [i for i, (k, _) in self.entities.items() if k == kind]
                    _require(parent, known, kind, record, entry.path, record.line_of("parent"),
                             f"which is not declared under '{_ENTITY_KEYS[kind]}'")
                if parent == eid:
                    fail(entry.path, record.line_of("parent"), f"{record.what} cannot be its own parent")
            entities[eid] = Entity(
                id=eid,
                kind=cast("EntityKind", kind),
                names=record.texts("names"),
                label=record.optional_text("label") or record.texts("names")[0],
                parent=parent,
                stage=record.optional_text("stage"),
                broad=record.optional_text("broad") == "true",
            )
        for sid, subject in subjects.items():
            drug = entities.get(sid)
            if drug is None:
                entities[sid] = Entity(sid, "drug", subject.aliases, subject.aliases[0])
            elif drug.kind == "drug":
                entities[sid] = Entity(drug.id, "drug", drug.names + subject.aliases, drug.label, drug.parent,
                                       drug.stage, drug.broad)
        self._check_cycles(entities)
        return entities

    def _check_cycles(self, entities: dict[str, Entity]) -> None:
        for entity in entities.values():
            seen = {entity.id}
            parent = entity.parent
            while parent is not None:
                if parent in seen:
                    _, entry = self.entities[entity.id]
                    fail(entry.path, entry.record.line_of("parent"),
                         f"{entry.record.what}: its 'parent' chain comes back to itself")
                seen.add(parent)
                parent = entities[parent].parent

    def _relation_refs(self, entry: _Entry, entities: dict[str, Entity], facts: dict[str, Fact],
                       refs: tuple[tuple[str, str], ...]) -> None:
        record = entry.record
        for key, kind in refs:
            names = record.texts(key) if record.has(key) and isinstance(record.values[key], tuple) else (
                (record.text(key),) if record.has(key) else ())
            lines = record.item_lines.get(key) or (record.line_of(key),) * len(names)
            for name, line in zip(names, lines, strict=True):
                known = [i for i, e in entities.items() if e.kind == kind]
                _require(name, known, kind, record, entry.path, line,
                         f"which is not declared under '{_ENTITY_KEYS[kind]}'")
        _require(record.text("fact"), facts, "fact", record, entry.path, record.line_of("fact"),
                 "which is not listed under 'facts'")

    def _approval(self, entry: _Entry, entities: dict[str, Entity], facts: dict[str, Fact]) -> Approval:
        self._relation_refs(entry, entities, facts, (("drug", "drug"), ("agency", "agency"), ("for", "condition"),
                                                     ("populations", "population"), ("settings", "setting")))
        record = entry.record
        return Approval(
            drug=record.text("drug"),
            agency=record.text("agency"),
            uses=record.texts("for"),
            fact=record.text("fact"),
            populations=record.texts("populations"),
            settings=record.texts("settings"),
            since=record.number("since"),
        )

    def _evidence(self, entry: _Entry, entities: dict[str, Entity], facts: dict[str, Fact]) -> Evidence:
        self._relation_refs(entry, entities, facts, (("drug", "drug"), ("for", "condition")))
        record = entry.record
        return Evidence(record.text("drug"), record.texts("for"), record.text("level"), record.text("fact"))

    def _matching(self) -> Matching:
        defaults = Matching()
        return Matching(
            fuzzy_min_length=self.matching.get("fuzzy-min-length", defaults.fuzzy_min_length),
            max_gap=self.matching.get("max-gap", defaults.max_gap),
            protected=tuple(self.protected),
            trailing_cues=tuple(self.trailing_cues),
        )

    def _rules(self, categories: dict[str, Category], facts: dict[str, Fact],
               entities: dict[str, Entity]) -> tuple[Rule, ...]:
        names: dict[str, _Entry] = {}
        rules = []
        for entry in self.rules.values():
            rules.append(_RuleBuilder(entry, self, categories, facts, entities).build())
            first = names.setdefault(rules[-1].name, entry)
            if first is not entry:
                fail(entry.path, entry.record.line_of("name"),
                     f"rule name '{rules[-1].name}' is already used by {first.record.what} ({first.where})")
        return tuple(rules)


@dataclass(slots=True)
class _RuleBuilder:
    """Cross-checks one rule against everything declared, then builds it."""

    entry: _Entry
    book: _Builder
    categories: dict[str, Category]
    facts: dict[str, Fact]
    entities: dict[str, Entity]

    @property
    def record(self) -> Record:
        return self.entry.record

    @property
    def path(self) -> str:
        return self.entry.path

    def build(self) -> Rule:
        record = self.record
        self._check_category()
        ids = self.book.entity_ids(self.entities)
        self._check_names("subjects", ids["drugs"], "subject", "which is not declared under 'drugs' or 'subjects'")
        for key in ("conditions", "populations", "settings"):
            self._check_names(key, ids[key], key[:-1], f"which is not declared under '{key}'")
        # `retraction`: the name of the after-cue list before claim frames (now `negation-after`)
        self._check_names("unless", {*self.book.cues, "retraction"}, "cue list", "which is not a list under 'cues'")
        from factlint.rulebook.schema import BUILT_IN_CLAIMS

        self._check_names("claims", {*self.book.vocabulary, *BUILT_IN_CLAIMS}, "vocabulary class",
                          "which is not a list under 'vocabulary' nor a built-in claim")
        kind = self._kind()
        if kind in ("match", "document"):
            self._check_claims()
        elif kind == "claim":
            self._check_frame()
        scope = "document" if kind == "document" else self._scope()
        examples = record.section("examples")
        assert examples is not None
        return Rule(
            id=record.text("id"),
            name=record.text("name"),
            category=record.text("category"),
            severity=Severity.parse(record.text("severity")),
            summary=record.text("summary"),
            message=record.text("message"),
            suggestion=record.text("suggestion"),
            fact=self._fact(),
            phrases=record.texts("phrases"),
            patterns=record.texts("patterns"),
            subjects=record.texts("subjects"),
            unless=record.texts("unless"),
            exceptions=record.texts("exceptions"),
            scope=scope,
            absent=record.texts("absent"),
            max_gap=record.number("max-gap"),
            flag_examples=examples.texts("flag"),
            pass_examples=examples.texts("pass"),
            fix=self._fix(),
            file=self.path,
            line=record.line,
            kind=kind,
            frame=record.optional_text("frame"),
            claims=record.texts("claims"),
            verdicts=record.texts("verdicts"),
            conditions=record.texts("conditions"),
            populations=record.texts("populations"),
            settings=record.texts("settings"),
        )

    def _kind(self) -> Literal["claim", "match", "document"]:
        """`kind` as written; without one, `scope: document` means document, else `frame` means claim."""
        record = self.record
        kind = record.optional_text("kind")
        if kind is None:
            if record.optional_text("scope") == "document":
                kind = "document"
            else:
                kind = "claim" if record.has("frame") else "match"
        if kind == "document" and record.has("scope") and record.optional_text("scope") != "document":
            fail(self.path, record.line_of("scope"), f"{record.what} is a document rule: 'scope' must be 'document'")
        return cast('Literal["claim", "match", "document"]', kind)

    def _check_frame(self) -> None:
        from factlint.rulebook.schema import VERDICTS

        record = self.record
        if not record.has("frame"):
            fail(self.path, record.line, f"{record.what} is a claim rule: it needs 'frame' (which claim it checks)")
        for key in ("phrases", "patterns", "unless", "exceptions", "absent"):
            if record.has(key):
                fail(self.path, record.line_of(key), f"'{key}' does not apply to a claim rule ({record.what}); "
                                                     "claim rules use 'frame', 'claims' and the fact base")
        for verdict, line in zip(record.texts("verdicts"), record.item_lines.get("verdicts", ()), strict=True):
            if verdict not in VERDICTS:
                fail(self.path, line, f"verdict '{verdict}' in {record.what} must be one of {', '.join(VERDICTS)}")

    def _check_category(self) -> None:
        record = self.record
        name = record.text("category")
        _require(name, self.categories, "category", record, self.path, record.line_of("category"),
                 "which is not listed under 'categories'")
        prefix = self.categories[name].prefix
        rule_id = record.text("id")
        if not rule_id.startswith(prefix):
            fail(self.path, record.line_of("id"),
                 f"rule id '{rule_id}' must start with '{prefix}', the prefix of its category '{name}'")

    def _check_names(self, key: str, known: Collection[str], kind: str, missing: str) -> None:
        lines = self.record.item_lines.get(key, ())
        for name, line in zip(self.record.texts(key), lines, strict=True):
            _require(name, known, kind, self.record, self.path, line, missing)

    def _check_claims(self) -> None:
        record = self.record
        if not record.texts("phrases") and not record.texts("patterns"):
            fail(self.path, record.line, f"{record.what} needs 'phrases' or 'patterns' (at least one claim "
                                         "to look for)")
        for pattern, line in zip(record.texts("patterns"), record.item_lines.get("patterns", ()), strict=True):
            _check_pattern(pattern, record.what, self.path, line)

    def _scope(self) -> Literal["sentence", "document"]:
        record = self.record
        scope = record.optional_text("scope") or "sentence"
        if record.has("absent") and scope != "document":
            fail(self.path, record.line_of("absent"),
                 f"'absent' in {record.what} only works with 'scope: document'")
        return cast('Literal["sentence", "document"]', scope)

    def _fix(self) -> Fix | None:
        fix = self.record.section("fix")
        if fix is None:
            return None
        match, replace = fix.text("match"), fix.text("replace")
        try:
            # `(?:match)|` has the same groups and matches "": expanding checks every \1 / \g<name>.
            re.compile(f"(?:{match})|").fullmatch("").expand(replace)  # type: ignore[union-attr]
        except (re.error, IndexError) as exc:
            fail(self.path, fix.line, f"'fix' in {self.record.what} is not valid: {exc}")
        return Fix(match=match, replace=replace, safe=fix.optional_text("safe") == "true")

    def _fact(self) -> Fact:
        record = self.record
        name = record.text("fact")
        _require(name, self.facts, "fact", record, self.path, record.line_of("fact"),
                 "which is not listed under 'facts'")
        return self.facts[name]


def _check_pattern(pattern: str, what: str, path: str, line: int) -> None:
    try:
        compiled = compile_pattern(pattern)
    except (regex.error, ValueError, OverflowError) as err:
        fail(path, line, f"pattern {pattern!r} in {what} is not a valid regular expression: {err}")
    if compiled.search("") is not None:
        fail(path, line, f"pattern {pattern!r} in {what} matches empty text, so it would flag every sentence")


_ENTITY_KEYS = {"drug": "drugs", "condition": "conditions", "population": "populations", "setting": "settings",
                "agency": "agencies"}


def _register(table: dict[str, _Entry], record: Record, id_keys: tuple[str, ...], path: str) -> None:
    """Remember `record` under the first of `id_keys` it has (a source's `id`, else its `file`)."""
    id_key = next(name for name in id_keys if record.has(name))
    key = record.text(id_key)
    first = table.get(key)
    if first is not None:
        kind = record.what.split(" ", 1)[0]
        fail(path, record.line_of(id_key),
             f"duplicate {kind} {id_key} '{key}' (first defined at {first.where})")
    table[key] = _Entry(record, path)


def _require(name: str, known: Collection[str], kind: str, record: Record, path: str, line: int,
             missing: str) -> None:
    """Fail unless `name` is one of `known`, suggesting the closest known name."""
    if name in known:
        return
    from factlint.spelling import hint

    fail(path, line, f"{record.what} names {kind} '{name}', {missing}{hint(name, known)}")


def _source(record: Record) -> Source:
    return Source(
        file=record.text("file"),
        title=record.text("title"),
        id=record.optional_text("id") or "",
        publisher=record.optional_text("publisher"),
        date=record.optional_text("date"),
        address=record.optional_text("address"),
        kind=cast('Literal["primary", "secondary"] | None', record.optional_text("kind")),
        note=record.optional_text("note"),
    )


def _category(record: Record) -> Category:
    return Category(record.text("id"), record.text("prefix"), record.text("title"))
