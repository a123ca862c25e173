"""ARCHITECTURE.md stays true to the tree: every module it names exists, and it names every module and
package at the top of factlint/ (a new stage cannot appear without its line)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "factlint"
TEXT = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
# Module and package names: "linter.py", "report/", "documents/formats.py" (not "--select/", "docs/rules/",
# nor the rulebook folder "rules/").
NAMED = {name for name in re.findall(r"(?<![-\w/.])([a-z_]+(?:/[a-z_]+)*(?:\.py|/))", TEXT)
         if not name.startswith(("docs/", "tests/", "rules/"))}


def test_every_module_named_exists() -> None:
    missing = []
    for name in NAMED:
        if name.endswith(".py") and "/" not in name:  # a top-level module, or one inside a named package
            if not (PACKAGE / name).is_file() and not list(PACKAGE.glob(f"*/{name}")):
                missing.append(name)
        elif not (PACKAGE / name).exists():
            missing.append(name)
    assert not missing, f"ARCHITECTURE.md names what is not in factlint/: {sorted(missing)}"


def test_every_top_level_module_is_named() -> None:
    modules = {p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")}
    packages = {p.name + "/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    unnamed = (modules | packages) - NAMED
    assert not unnamed, f"ARCHITECTURE.md does not say what these do: {sorted(unnamed)}"
