"""Which rules run, and at what severity: --select / --ignore / --severity applied to a Rulebook.

A selector is a rule id ("FL401"), an id prefix ("FL4"), a category id ("unsupported-claim") or, where the
rulebook is at hand (--select, --ignore, --severity, per-file-ignores), a rule name ("cure-claim"), as
`explain` takes it.
Selections come in layers (the config file, then the command line); each layer applies on top of
the previous one, so a flag can re-enable what the config ignored. Pure functions only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from factlint.errors import UsageError
from factlint.findings import Severity
from factlint.spelling import hint

if TYPE_CHECKING:
    from factlint.rulebook.model import Rule, Rulebook


@dataclass(frozen=True, slots=True)
class Selection:
    """One layer. `select=None` keeps what earlier layers enabled; `()` would select nothing."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    origin: str = ""  # "pyproject.toml [tool.factlint]" or "command line", for error messages


def matches(selector: str, rule_id: str, category: str, name: str = "") -> bool:
    """The one selector test, for rules and for findings: a category, a prefix of the rule id, or the rule's
    name (when known)."""
    token = selector.strip()
    return category == token or (bool(name) and name == token) or rule_id.upper().startswith(token.upper())


def selects(selectors: Iterable[str], rule_id: str, category: str, name: str = "") -> bool:
    """Whether any of `selectors` matches the rule (--select, --ignore, directives, per-file-ignores)."""
    return any(matches(selector, rule_id, category, name) for selector in selectors)


def by_id(selectors: Iterable[str], rulebook: Rulebook) -> tuple[str, ...]:
    """The selectors with each rule name replaced by its rule's id: for what tests findings, which carry no
    name (per-file-ignores)."""
    ids = {rule.name: rule.id for rule in rulebook.rules}
    return tuple(ids.get(selector.strip(), selector) for selector in selectors)


def find_rule(rulebook: Rulebook, wanted: str) -> Rule:
    """The rule a user names by id (any case) or name; a UsageError with a did-you-mean otherwise."""
    wanted = wanted.strip()
    for rule in rulebook.rules:
        if wanted.upper() == rule.id.upper() or wanted == rule.name:
            return rule
    known = [r.id for r in rulebook.rules] + [r.name for r in rulebook.rules]
    raise UsageError(f"unknown rule '{wanted}'{hint(wanted, known)}; run 'factlint rules' to list them")


def specificity(selector: str, rulebook: Rulebook) -> tuple[int, int]:
    """Categories are least specific, then longer id prefixes; an exact id is the most specific."""
    if selector in rulebook.categories or any(r.category == selector for r in rulebook.rules):
        return (0, 0)
    if any(r.name == selector for r in rulebook.rules):
        return (2, 0)  # a name is one rule, as an id is
    return (1, len(selector))


def check_selectors(selectors: Iterable[str], rulebook: Rulebook, where: str) -> None:
    """Reject a selector that matches no rule: a typo would otherwise silently disable nothing."""
    for selector in selectors:
        if not any(matches(selector, rule.id, rule.category, rule.name) for rule in rulebook.rules):
            known = ([r.id for r in rulebook.rules] + sorted({r.category for r in rulebook.rules})
                     + [r.name for r in rulebook.rules])
            prefix = f"{where}: " if where else ""
            raise UsageError(f"{prefix}'{selector}' matches no rule id, id prefix, category or rule name"
                             f"{hint(selector, known)}")


def apply_selection(rulebook: Rulebook, layers: Sequence[Selection]) -> Rulebook:
    """A new Rulebook holding the enabled rules, with severity overrides applied, in rulebook order."""
    enabled = {rule.id for rule in rulebook.rules}
    severity: dict[str, Severity] = {}
    for layer in layers:
        check_selectors(
            [*(layer.select or ()), *layer.ignore, *(s for s, _ in layer.severity)], rulebook, layer.origin
        )
        if layer.select is not None:
            enabled = {r.id for r in rulebook.rules if selects(layer.select, r.id, r.category, r.name)}
        enabled -= {r.id for r in rulebook.rules if selects(layer.ignore, r.id, r.category, r.name)}
        # Within a layer the most specific selector wins ("FL4=info" then "FL401=error").
        for selector, level in sorted(layer.severity, key=lambda p: specificity(p[0], rulebook)):
            for rule in rulebook.rules:
                if matches(selector, rule.id, rule.category, rule.name):
                    severity[rule.id] = level
    rules = tuple(
        replace(rule, severity=severity[rule.id]) if rule.id in severity else rule
        for rule in rulebook.rules
        if rule.id in enabled
    )
    return replace(rulebook, rules=rules)
