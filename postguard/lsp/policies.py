"""The policy of each draft, found as ``postguard check`` finds it, compiled once per policy and
compiled again when one of its files changes."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from postguard.engine import Linter
from postguard.errors import PolicyError, PostguardError
from postguard.lsp.incremental import ParagraphChecker
from postguard.policy import find_policies
from postguard.policy.loader import load_policies

# (path, modification time in ns, size) of every file a policy was read from.
_Stamps = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True, slots=True)
class PolicyProblem:
    """Why a policy did not load, and where: the file (None for a built-in pack) and 1-based line."""

    message: str
    path: Path | None
    line: int | None


@dataclass(frozen=True, slots=True)
class PolicyState:
    """A loaded policy (``checker``) or what stopped it from loading (``problem``)."""

    watched: tuple[Path, ...]  # the files it was read from: a change to one reloads it
    stamps: _Stamps
    checker: ParagraphChecker | None = None
    problem: PolicyProblem | None = None


class PolicyStore:
    """One :class:`ParagraphChecker` per set of policy files (organisation-wide plus project),
    rebuilt when a file it was read from changes on disk or :meth:`forget` is called."""

    def __init__(self) -> None:
        self._states: dict[tuple[Path, ...], PolicyState] = {}
        self._lock = threading.Lock()

    def for_folder(self, folder: Path) -> PolicyState:
        """The policy for drafts in ``folder``: ``$POSTGUARD_POLICY``, else the nearest
        ``postguard.yml`` from there up, else the default; the organisation's merged underneath."""
        files = tuple(path.resolve() for path in find_policies(None, folder))
        with self._lock:
            state = self._states.get(files)
            if state is None or state.stamps != _stamps(state.watched):
                state = _load(files)
                self._states[files] = state
            return state

    def forget(self) -> None:
        """Drop every compiled policy (a policy file changed): the next lookup loads it again."""
        with self._lock:
            self._states.clear()

    def problems(self) -> list[PolicyProblem]:
        """What stopped policies from loading, as last seen."""
        with self._lock:
            return [s.problem for s in self._states.values() if s.problem is not None]


def _load(files: tuple[Path, ...]) -> PolicyState:
    """Load and compile; any error becomes a :class:`PolicyProblem`, never an exception."""
    try:
        policy = load_policies(files)
        checker = ParagraphChecker(Linter(policy))
    except PolicyError as exc:
        if Path(exc.path).is_file():  # said on the file itself: no need to name it again
            problem = PolicyProblem(exc.problem, Path(exc.path), exc.line)
        else:
            problem = PolicyProblem(str(exc), files[-1] if files else None, None)
        where = problem.path
        watched = (*files, *([where] if where else []))
        return PolicyState(watched, _stamps(watched), problem=problem)
    except PostguardError as exc:  # a hashed list without its key, a rule that cannot compile
        problem = PolicyProblem(str(exc), files[-1] if files else None, None)
        return PolicyState(files, _stamps(files), problem=problem)
    watched = (*files, *(Path(source) for source in policy.sources))
    return PolicyState(watched, _stamps(watched), checker=checker)


def _stamps(paths: tuple[Path, ...]) -> _Stamps:
    stamps = []
    for path in dict.fromkeys(paths):
        try:
            stat = path.stat()
        except OSError:
            continue  # a built-in pack ("<builtin pii>") or a file that has gone
        stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)
