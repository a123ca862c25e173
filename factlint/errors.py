"""Errors that end a run with exit code 2 and a one-line message (never a traceback)."""

from __future__ import annotations

from typing import NoReturn


class FactlintError(Exception):
    """Base class: the message is shown to the user as-is, on one line."""


class UsageError(FactlintError):
    """The command line or configuration asks for something impossible."""


class ConfigError(FactlintError):
    """A configuration file is malformed."""


class RulebookError(FactlintError):
    """A rulebook is malformed. The message starts with `file:line: `; `problems` holds every mistake
    found (`file:line: what` each), the first of them being the message."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems or (message,)

    @classmethod
    def of(cls, problems: list[str]) -> RulebookError:
        """One error for every mistake of a load: the first is the message, with a count of the others."""
        more = len(problems) - 1
        message = problems[0] if not more else (
            f"{problems[0]} (and {more} more problem{'s' if more > 1 else ''}: 'factlint validate-rules' lists them)")
        return cls(message, tuple(problems))


def fail(path: str, line: int, what: str) -> NoReturn:
    """Raise the one kind of error a rulebook produces: `path:line: what`, always on one line."""
    raise RulebookError(f"{path}:{line}: {' '.join(what.split())}")


class InputError(FactlintError):
    """A draft could not be read (missing path, permission, vanished file...)."""


class SkippedFile(Exception):
    """A file was deliberately not linted (binary content). `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
