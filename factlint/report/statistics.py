"""`check --statistics`: how many findings each rule made, instead of the findings (as ruff's --statistics).

Text: one line per rule, most findings first (`    12  FL401  cure-claim  [error]`), then the summary line;
JSON: `{"version": 1, "statistics": [{"rule", "name", "category", "severity", "count"}, ...], "left_out": N}`
(N: findings --max-findings left out of the counts; the text summary line says it too).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from factlint.escape import visible
from factlint.report import text
from factlint.report.json import SCHEMA_VERSION, dump

if TYPE_CHECKING:
    from factlint.results import LintResult
    from factlint.rulebook.model import Rulebook

FORMATS = ("text", "json")


def rows(result: LintResult, rulebook: Rulebook) -> list[dict[str, object]]:
    """One row per rule that found something: most findings first, then by rule id."""
    counts = Counter(f.rule for f in result.findings)
    severity = {f.rule: f.severity.label for f in result.findings}
    out = []
    for rule_id, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = rulebook.rule(rule_id)
        out.append({"rule": rule_id, "name": rule.name if rule else "", "category": rule.category if rule else "",
                    "severity": severity[rule_id], "count": count})
    return out


def render(result: LintResult, rulebook: Rulebook, fmt: str, *, quiet: bool = False) -> str:
    table = rows(result, rulebook)
    if fmt == "json":
        # counts are of the findings reported: --max-findings leaves some out, and says how many
        return dump({"version": SCHEMA_VERSION, "statistics": table,
                     "left_out": sum(cut.left_out for cut in result.truncated)})
    width = max((len(str(row["count"])) for row in table), default=1)
    id_width = max((len(str(row["rule"])) for row in table), default=0)
    lines = [f"{row['count']:>{width}}  {visible(str(row['rule'])):<{id_width}}  {visible(str(row['name']))}  "
             f"[{row['severity']}]" for row in table]
    if not quiet:
        lines.append(text.summary(result))
    return "\n".join(lines) + "\n" if lines else ""
