"""Errors that postguard reports to people: each carries a message fit to print as is."""

from __future__ import annotations

import difflib


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


class WorkBudgetError(PostguardError):
    """A draft needs more work than a rule allows (hostile or unlucky input): the check stops
    with a clear message instead of running for minutes."""


class HashBudgetError(WorkBudgetError):
    """A draft needs more hashing than hashed term matching allows per word (hostile input)."""


class HashKeyError(PostguardError):
    """The key for a hashed list is missing, too short or not the one the list was made with."""


class YamlError(ValueError):
    """A YAML document that does not parse, or uses what a policy may not (tags, anchors...)."""

    def __init__(self, line: int | None, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


def did_you_mean(word: str, choices: list[str] | frozenset[str] | tuple[str, ...]) -> str:
    """A hint for a misspelt name: `` (did you mean 'x'?)``, or nothing when none is close."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
