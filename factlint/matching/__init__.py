"""Matching: normalise prose, look claims up in the compiled rulebook index, judge their context."""

from factlint.matching.engine import Matcher, MatchResult, RuleFailure

__all__ = ["MatchResult", "Matcher", "RuleFailure"]
