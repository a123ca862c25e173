"""factlint: a fact-checking linter for health marketing copy."""

__version__ = "0.1.0"
