"""Where the posts are checked: in this process, in worker processes on this machine (``local``),
or on a Dask cluster (``dask``, see :mod:`postguard.audit.dask_engine`).

Every engine takes batches of records and gives each back with what its posts gave, in the
order the batches came, with at most a few batches per worker in flight: reading runs only as
far ahead of checking as it must, so memory stays flat however long the archive is. A worker
builds its Linter once and sends back plain findings (masked, as findings.jsonl stores them),
never the posts' text.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from postguard.analysis.nlp import words_forgotten_after
from postguard.audit.sources import Post, Record
from postguard.engine import Linter
from postguard.errors import PostguardError
from postguard.policy import Policy
from postguard.report.json import finding

#: Batches handed to each worker ahead of the one it works on: enough to keep it busy, few
#: enough that memory does not grow with the archive.
IN_FLIGHT_PER_WORKER = 2

#: What a worker needs of a post: its text, format, and a name for error messages.
Work = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Checked:
    """What checking one post gave: its language and findings, or why it could not be checked."""

    language: str
    findings: tuple[dict[str, Any], ...]
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Batch:
    """Consecutive records of the archive, checked together; bad records keep their place."""

    records: tuple[Record, ...]

    @property
    def posts(self) -> list[Post]:
        return [record for record in self.records if isinstance(record, Post)]

    def work(self) -> list[Work]:
        return [(post.text, post.format, f"{post.source}: {post.position}") for post in self.posts]


class Engine(Protocol):
    def run(self, batches: Iterable[Batch]) -> Generator[tuple[Batch, list[Checked]], None, None]:
        """Each batch with its posts' outcomes, in order."""
        ...


def check_posts(linter: Linter, lang: str | None, work: list[Work]) -> list[Checked]:
    """Check a batch of posts; a post that cannot be checked gives its reason, not an exception.

    The words the batch brings are forgotten after it, so a worker's memory stays flat however
    many posts pass through it (the Linter must be warm, and the worker single-threaded).
    """
    checked = []
    with words_forgotten_after(linter.policy.languages):
        for text, format, name in work:
            try:
                result = linter.check(text, format=format, lang=lang)
            except PostguardError as exc:
                checked.append(Checked("", (), f"{name}: {exc}"))
                continue
            checked.append(Checked(result.language, tuple(finding(f) for f in result.findings)))
    return checked


class LocalEngine:
    """Worker processes on this machine, each with the Linter inherited at fork (as ``check -j``)."""

    def __init__(self, policy: Policy, *, workers: int, lang: str | None) -> None:
        self.linter = Linter(policy)
        self.workers = max(1, workers)
        self.lang = lang

    def run(self, batches: Iterable[Batch]) -> Generator[tuple[Batch, list[Checked]], None, None]:
        if self.workers == 1:
            self.linter.warm()
            for batch in batches:
                yield batch, check_posts(self.linter, self.lang, batch.work())
            return
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        with context.Pool(self.workers, initializer=_start_worker, initargs=(self.linter, self.lang)) as pool:
            pending: deque[tuple[Batch, Any]] = deque()
            for batch in batches:
                pending.append((batch, pool.apply_async(_check_in_worker, (batch.work(),))))
                if len(pending) >= self.workers * IN_FLIGHT_PER_WORKER:
                    done, outcome = pending.popleft()
                    yield done, outcome.get()
            while pending:
                done, outcome = pending.popleft()
                yield done, outcome.get()


_worker: tuple[Linter, str | None] | None = None


def _start_worker(linter: Linter, lang: str | None) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    _worker = (linter.warm(), lang)


def _check_in_worker(work: list[Work]) -> list[Checked]:
    assert _worker is not None, "worker not started"
    return check_posts(*_worker, work)
