"""Errors that postguard reports to people: each carries a message fit to print as is."""

from __future__ import annotations


class PostguardError(Exception):
    """Base class: the CLI prints ``str(error)`` and exits with status 2, never a traceback."""


class InputError(PostguardError):
    """A draft could not be read as text (missing, binary, not UTF-8, too large...)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class PolicyError(PostguardError):
    """A policy file is malformed; says which file, which line and what was expected."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


class RuleTimeoutError(PostguardError):
    """A rule's regular expression ran past its time limit on a document."""
