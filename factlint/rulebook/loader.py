"""Load rulebook files, merge them, cross-check them and build the immutable `Rulebook` model.

Each file is checked on its own against the schema (schema.py); cross-file checks -- unique ids, rules that
name existing facts / subjects / categories / cue lists, facts that name declared sources, id prefixes,
regexes that compile -- run once every file is in, so any file may refer to what another declares.

Every mistake of a load is found, not only the first: each file, entry and cross-check is checked on its
own and its errors gathered (`Problems`); an entry with a mistake is left out, and a reference to it is not
reported again. The load then fails with one `RulebookError` listing them all (`problems`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

import regex

from factlint.errors import RulebookError, fail
from factlint.findings import Severity
from factlint.rulebook import cache
from factlint.rulebook.locate import default_rulebook_dir, identity, rulebook_files, shown
from factlint.rulebook.model import (
    ENTITY_KINDS,
    POLICY_FACT,
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
    RuleKind,
    Source,
    Subject,
)
from factlint.rulebook.patterns import compile_pattern
from factlint.schema import Problems

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
    problems: Problems = field(default_factory=Problems)
    policy_facts: dict[str, Fact] = field(default_factory=dict)  # house rules' policies, as facts
    policy_sources: dict[str, Source] = field(default_factory=dict)

    @contextmanager
    def checking(self, dropped: str | None = None) -> Iterator[None]:
        """Check one thing: its mistake is gathered and the load goes on (`dropped`: the id of the entry
        that is then left out, so references to it are not reported as mistakes of their own)."""
        try:
            yield
        except (_Dropped, RulebookError) as exc:
            if isinstance(exc, RulebookError):
                self.problems.add(exc)
            if dropped is not None:
                self.problems.dropped.add(dropped)

    # ------------------------------------------------------------------------------------- reading files

    def add_file(self, file: Path) -> None:
        resolved = identity(file)
        if resolved in self.seen:  # the same file named twice (e.g. default folder and --rules) loads once
            return
        self.seen.add(resolved)
        path = shown(file)
        from factlint.rulebook.schema import read_file
        from factlint.rulebook.yaml_source import load_node

        with self.checking():
            data, root = load_node(file, path)
            self._hash(file.name, data)
            self.files.append(path)
            record = read_file(root, path, self.problems)
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
                with self.checking():
                    _register(table, record, id_keys, path)
        for kind in ENTITY_KINDS:
            for record in top.sections(_ENTITY_KEYS[kind]):
                entry = _Entry(record, path)
                first = self.entities.get(record.text("id"))
                with self.checking():
                    if first is not None:
                        fail(path, record.line_of("id"), f"duplicate id '{record.text('id')}': already declared "
                                                         f"as {first[1].record.what} ({first[1].where})")
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
        """The rulebook, or one RulebookError with every mistake found in the files and across them."""
        self._check_categories()
        categories = {cid: _category(e.record) for cid, e in self.categories.items()}
        sources = {key: _source(e.record) for key, e in self.sources.items()}
        facts: dict[str, Fact] = {}
        for fid, entry in self.facts.items():
            with self.checking(dropped=fid):
                facts[fid] = self._fact(entry, sources)
        subjects = {sid: Subject(sid, e.record.texts("aliases")) for sid, e in self.subjects.items()}
        entities = self._entities(subjects)
        approvals = tuple(self._each(self.approvals, lambda e: self._approval(e, entities, facts)))
        evidence = tuple(self._each(self.evidence, lambda e: self._evidence(e, entities, facts)))
        rules = self._rules(categories, facts, entities)
        if self.problems.errors:
            raise RulebookError.of(sorted((str(error) for error in self.problems.errors), key=self._position))
        return Rulebook(
            rules=rules,
            facts={**facts, **self.policy_facts},
            subjects=subjects,
            entities=entities,
            approvals=approvals,
            evidence=evidence,
            vocabulary={name: tuple(words) for name, words in self.vocabulary.items()},
            cues={name: tuple(words) for name, words in self.cues.items()},
            categories=categories,
            sources={**sources, **self.policy_sources},
            matching=self._matching(),
            files=tuple(self.files),
            digest=self.digest.hexdigest(),
        )

    def _position(self, message: str) -> tuple[int, int]:
        """Where a `path:line: ...` message points: files in load order, then lines (to sort them)."""
        for order, path in enumerate(self.files):
            if message.startswith(path + ":"):
                line = message[len(path) + 1:].split(":", 1)[0]
                return order, int(line) if line.isdigit() else 0
        return -1, 0  # a file that could not be read at all

    def _each(self, entries: list[_Entry], build):  # noqa: ANN001, ANN202
        """`build(entry)` of each entry that has no mistake (the mistakes are gathered)."""
        for entry in entries:
            with self.checking():
                yield build(entry)

    def _check_categories(self) -> None:
        prefixes: dict[str, _Entry] = {}
        for entry in self.categories.values():
            prefix = entry.record.text("prefix")
            first = prefixes.setdefault(prefix, entry)
            if first is not entry:
                with self.checking():
                    fail(entry.path, entry.record.line_of("prefix"),
                         f"{entry.record.what} uses the prefix '{prefix}', already used by {first.record.what} "
                         f"({first.where})")

    def _fact(self, entry: _Entry, sources: dict[str, Source]) -> Fact:
        record = entry.record
        source = record.text("source")
        self.require(source, sources, "source", record, entry.path, record.line_of("source"),
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
            with self.checking(dropped=eid):
                if parent is not None:
                    declared = self.entities.get(parent)
                    if declared is None or declared[0] != kind:
                        known = [i for i, (k, _) in self.entities.items() if k == kind]
                        self.require(parent, known, kind, record, entry.path, record.line_of("parent"),
                                     f"which is not declared under '{_ENTITY_KEYS[kind]}'")
                    if parent == eid:
                        fail(entry.path, record.line_of("parent"), f"{record.what} cannot be its own parent")
                    if parent not in self.entities:  # dropped: its mistake is reported already
                        parent = None
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
            while parent is not None and parent in entities:
                if parent in seen:
                    _, entry = self.entities[entity.id]
                    with self.checking():
                        fail(entry.path, entry.record.line_of("parent"),
                             f"{entry.record.what}: its 'parent' chain comes back to itself")
                    break
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
                self.require(name, known, kind, record, entry.path, line,
                             f"which is not declared under '{_ENTITY_KEYS[kind]}'")
        self.require(record.text("fact"), facts, "fact", record, entry.path, record.line_of("fact"),
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
            with self.checking():
                rule = _RuleBuilder(entry, self, categories, facts, entities).build()
                first = names.setdefault(rule.name, entry)
                if first is not entry:
                    fail(entry.path, entry.record.line_of("name"),
                         f"rule name '{rule.name}' is already used by {first.record.what} ({first.where})")
                rules.append(rule)
        return tuple(rules)

    def policy_fact(self, rule_id: str, policy: Record) -> Fact:
        """The fact a house rule rests on when it cites its own policy instead of a sourced fact: the policy
        document is its source (one per document), the section its locator."""
        document = policy.text("document")
        source = Source(file=document, title=document, id=f"{POLICY_FACT}{document}", note="house policy")
        self.policy_sources.setdefault(source.key, source)
        section = policy.optional_text("section")
        where = f"{document}, {section}" if section else document
        fact = Fact(id=f"{POLICY_FACT}{rule_id}", statement=f"House policy ({where}) does not allow this wording.",
                    source=source.key, quote=policy.optional_text("quote") or "",
                    address=policy.optional_text("address"), locator=section, cited=self.policy_sources[source.key])
        self.policy_facts[fact.id] = fact
        return fact

    def require(self, name: str, known: Collection[str], kind: str, record: Record, path: str, line: int,
                missing: str) -> None:
        """Fail unless `name` is one of `known`, suggesting the closest known name; a name whose entry was
        dropped for a mistake of its own ends this check quietly (that mistake is reported already)."""
        if name not in known and name in self.problems.dropped:
            raise _Dropped(name)
        _require(name, known, kind, record, path, line, missing)


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
        """Every check of the rule, each mistake gathered; then the rule (or _Dropped if it has a mistake)."""
        record = self.record
        book = self.book
        before = len(book.problems.errors)
        kind: RuleKind = "match"
        with book.checking():
            kind = self._kind()
        with book.checking():
            self._check_required(kind)
        category = ""
        with book.checking():
            category = self._category(kind)
        ids = book.entity_ids(self.entities)
        self._check_names("subjects", ids["drugs"], "subject", "which is not declared under 'drugs' or 'subjects'")
        for key in ("conditions", "populations", "settings"):
            self._check_names(key, ids[key], key[:-1], f"which is not declared under '{key}'")
        # `retraction`: the name of the after-cue list before claim frames (now `negation-after`)
        self._check_names("unless", {*book.cues, "retraction"}, "cue list", "which is not a list under 'cues'")
        from factlint.rulebook.schema import BUILT_IN_CLAIMS

        self._check_names("claims", {*book.vocabulary, *BUILT_IN_CLAIMS}, "vocabulary class",
                          "which is not a list under 'vocabulary' nor a built-in claim")
        scope: Literal["sentence", "document"] = "sentence"
        fix = fact = None
        with book.checking():
            if kind in ("match", "document"):
                self._check_claims()
            elif kind == "claim":
                self._check_frame()
            else:
                self._check_phrases()
        with book.checking():
            scope = "document" if kind == "document" else self._scope()
        with book.checking():
            fix = self._fix()
        with book.checking():
            fact = self._fact()
        if len(book.problems.errors) > before or fact is None:
            raise _Dropped(record.what)
        examples = record.section("examples")
        rule_id = record.text("id")
        phrases = record.texts("phrases")
        defaults = _phrase_defaults(phrases, fact) if kind == "phrase" else {}
        return Rule(
            id=rule_id,
            name=record.optional_text("name") or rule_id.lower(),
            category=category,
            severity=Severity.parse(record.optional_text("severity") or "warning"),
            summary=record.optional_text("summary") or defaults["summary"],
            message=record.optional_text("message") or defaults["message"],
            suggestion=record.optional_text("suggestion") or defaults["suggestion"],
            fact=fact,
            phrases=phrases,
            patterns=record.texts("patterns"),
            subjects=record.texts("subjects"),
            unless=record.texts("unless"),
            exceptions=record.texts("exceptions"),
            scope=scope,
            absent=record.texts("absent"),
            max_gap=record.number("max-gap"),
            flag_examples=examples.texts("flag") if examples is not None else (),
            pass_examples=examples.texts("pass") if examples is not None else (),
            fix=fix,
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

    def _kind(self) -> RuleKind:
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
        return cast("RuleKind", kind)

    def _check_required(self, kind: RuleKind) -> None:
        """The keys a rule must have. A phrase rule (a house's short form) needs only its id, its phrases and
        what it rests on (`fact` or `policy`); the other keys get defaults."""
        from factlint.rulebook.schema import PHRASE_DEFAULTS

        record = self.record
        if kind != "phrase":
            for key in PHRASE_DEFAULTS:
                if not record.has(key) and key not in record.lines:
                    fail(self.path, record.line, f"{record.what} is missing the required key '{key}'")
        if record.has("fact") and record.has("policy"):
            fail(self.path, record.line_of("policy"), f"{record.what} gives both 'fact' and 'policy': a rule rests "
                                                      "on one of them")
        if not record.has("fact") and not record.has("policy") and not {"fact", "policy"} & record.lines.keys():
            fail(self.path, record.line, f"{record.what} is missing the required key 'fact' (or 'policy': the "
                                         "house policy it rests on, with its document, section and address)")

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

    def _category(self, kind: RuleKind) -> str:
        """The rule's category: as written, or (a phrase rule) the category whose prefix its id starts with.
        The id must be that prefix followed by digits."""
        record = self.record
        rule_id = record.text("id")
        name = record.optional_text("category")
        if name is None:
            if "category" in record.lines or kind != "phrase":
                raise _Dropped("category")  # its mistake is reported already
            owners = sorted((c for c in self.categories.values() if _numbered(rule_id, c.prefix)),
                            key=lambda c: -len(c.prefix))
            if not owners:
                fail(self.path, record.line_of("id"),
                     f"rule id '{rule_id}' starts with no category's prefix: declare one under 'categories' "
                     f"(e.g. '- {{id: house-rules, prefix: {_letters(rule_id)}, title: Our house rules}}') or give "
                     "the rule a 'category'")
            return owners[0].id
        self.book.require(name, self.categories, "category", record, self.path, record.line_of("category"),
                          "which is not listed under 'categories'")
        prefix = self.categories[name].prefix
        if not _numbered(rule_id, prefix):
            fail(self.path, record.line_of("id"),
                 f"rule id '{rule_id}' must start with '{prefix}', the prefix of its category '{name}', followed "
                 "by digits")
        return name

    def _check_names(self, key: str, known: Collection[str], kind: str, missing: str) -> None:
        lines = self.record.item_lines.get(key, ())
        for name, line in zip(self.record.texts(key), lines, strict=True):
            with self.book.checking():
                self.book.require(name, known, kind, self.record, self.path, line, missing)

    def _check_phrases(self) -> None:
        """A phrase rule: literal phrases, nothing of the other kinds' matching."""
        record = self.record
        if not record.texts("phrases"):
            fail(self.path, record.line, f"{record.what} is a phrase rule: it needs 'phrases' (the wording it bans)")
        for key in ("patterns", "frame", "claims", "verdicts", "absent", "max-gap"):
            if record.has(key):
                fail(self.path, record.line_of(key), f"'{key}' does not apply to a phrase rule ({record.what}); a "
                                                     "phrase rule matches its phrases word for word, in order")
        if record.optional_text("scope") == "document":
            fail(self.path, record.line_of("scope"), f"{record.what} is a phrase rule: 'scope' must be 'sentence'")
        for phrase, line in zip(record.texts("phrases"), record.item_lines.get("phrases", ()), strict=True):
            if not _WORDY.search(phrase):
                fail(self.path, line, f"phrase {phrase!r} in {record.what} has no words to look for")

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
        policy = record.section("policy")
        if policy is not None:
            return self.book.policy_fact(record.text("id"), policy)
        if not record.has("fact"):
            raise _Dropped("fact")  # its mistake is reported already
        name = record.text("fact")
        self.book.require(name, self.facts, "fact", record, self.path, record.line_of("fact"),
                          "which is not listed under 'facts'")
        return self.facts[name]


_WORDY = regex.compile(r"[\p{L}\p{N}]")  # a phrase needs a letter or digit: the matcher reads words


def _numbered(rule_id: str, prefix: str) -> bool:
    """`rule_id` is `prefix` followed by digits (FL401 of FL4, ACME001 of ACME)."""
    return rule_id.startswith(prefix) and rule_id[len(prefix):].isdigit()


def _letters(rule_id: str) -> str:
    return rule_id.rstrip("0123456789")


def _quoted(phrases: Sequence[str]) -> str:
    items = [f'"{p}"' for p in phrases]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _phrase_defaults(phrases: Sequence[str], fact: Fact) -> dict[str, str]:
    """What a phrase rule says when its author left it out: `{text}` is the wording as the draft has it."""
    where = fact.cited.title if fact.cited is not None else fact.source
    if fact.locator:
        where = f"{where}, {fact.locator}"
    because = f"{where} does not allow it" if fact.id.startswith(POLICY_FACT) else fact.statement.rstrip(".")
    return {
        "summary": f"Bans the wording {_quoted(phrases)}",
        "message": f'Do not write "{{text}}": {because}.',
        "suggestion": 'Rephrase without "{text}".',
    }


class _Dropped(Exception):
    """A reference to an entry left out for a mistake already reported: the check ends without a new one."""


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
