"""Constants and helpers shared by the CLI tests (imported; fixtures live in conftest.py)."""

from __future__ import annotations

from file_support import write as write  # re-exported for the tests here

CLAIM = "Ketamine cures depression."
COMPLIANT = "Ketamine is not a cure for depression."

