"""Which rules run, and at what severity: --select / --ignore / --severity applied to a Rulebook.

A selector is a rule id ("FL401"), an id prefix ("FL4") or a category id ("unsupported-claim").
Selections come in layers (the config file, then the command line); each layer applies on top of
the previous one, so a flag can re-enable what the config ignored. Pure functions only.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from factlint.errors import UsageError
from factlint.findings import Severity
from factlint.rulebook.model import Rule, Rulebook


@dataclass(frozen=True, slots=True)
class Selection:
    """One layer. `select=None` keeps what earlier layers enabled; `()` would select nothing."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    origin: str = ""  # "pyproject.toml [tool.factlint]" or "command line", for error messages


def matches(selector: str, rule: Rule) -> bool:
    token = selector.strip()
    return rule.category == token or rule.id.upper().startswith(token.upper())


def specificity(selector: str, rulebook: Rulebook) -> tuple[int, int]:
    """Categories are least specific, then longer id prefixes; an exact id is the most specific."""
    if selector in rulebook.categories or any(r.category == selector for r in rulebook.rules):
        return (0, 0)
    return (1, len(selector))


def check_selectors(selectors: Iterable[str], rulebook: Rulebook, where: str) -> None:
    """Reject a selector that matches no rule: a typo would otherwise silently disable nothing."""
    for selector in selectors:
        if not any(matches(selector, rule) for rule in rulebook.rules):
            known = [r.id for r in rulebook.rules] + sorted({r.category for r in rulebook.rules})
            close = difflib.get_close_matches(selector, known, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            prefix = f"{where}: " if where else ""
            raise UsageError(f"{prefix}'{selector}' matches no rule id, id prefix or category{hint}")


def apply_selection(rulebook: Rulebook, layers: Sequence[Selection]) -> Rulebook:
    """A new Rulebook holding the enabled rules, with severity overrides applied, in rulebook order."""
    enabled = {rule.id for rule in rulebook.rules}
    severity: dict[str, Severity] = {}
    for layer in layers:
        check_selectors(
            [*(layer.select or ()), *layer.ignore, *(s for s, _ in layer.severity)], rulebook, layer.origin
        )
        if layer.select is not None:
            enabled = {r.id for r in rulebook.rules if any(matches(s, r) for s in layer.select)}
        enabled -= {r.id for r in rulebook.rules if any(matches(s, r) for s in layer.ignore)}
        # Within a layer the most specific selector wins ("FL4=info" then "FL401=error").
        for selector, level in sorted(layer.severity, key=lambda p: specificity(p[0], rulebook)):
            for rule in rulebook.rules:
                if matches(selector, rule):
                    severity[rule.id] = level
    rules = tuple(
        replace(rule, severity=severity[rule.id]) if rule.id in severity else rule
        for rule in rulebook.rules
        if rule.id in enabled
    )
    return replace(rulebook, rules=rules)
