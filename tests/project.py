"""Where the test suite finds things outside the package: the repository and the reference material."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_ENV = "FACTLINT_SHARED"
SLOW_ENV = "FACTLINT_SLOW_TESTS"


def slow_tests_enabled() -> bool:
    """The full suite: tests marked slow run, and property tests try many more examples (CI sets this)."""
    return os.environ.get(SLOW_ENV) == "1" or os.environ.get("CI", "").lower() == "true"


def shared_folder() -> Path | None:
    """The project's reference material (seeds/, reference/, corpus/): `$FACTLINT_SHARED`, else the first
    `shared/` holding `seeds/` beside the repository or beside one of its parent folders (a git worktree
    may sit a level below the checkout it belongs to), else None."""
    given = os.environ.get(SHARED_ENV)
    if given:
        return Path(given) if Path(given, "seeds").is_dir() else None
    for folder in REPO.parents:
        if (folder / "shared" / "seeds").is_dir():
            return folder / "shared"
    return None


SHARED = shared_folder()
needs_shared = pytest.mark.skipif(
    SHARED is None,
    reason=f"needs the project's reference material: a 'shared/' folder (seeds/, reference/) beside the "
           f"repository, or {SHARED_ENV}=/path/to/shared",
)
