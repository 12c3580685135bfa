"""Checking many files, optionally in several processes, with results in the order given.

Each worker process gets the compiled Linter once (inherited on fork, pickled elsewhere) and
checks a chunk of files; a file that cannot be read becomes an error message, not an exception,
so one bad file never stops the batch.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from postguard.engine import Linter, Result
from postguard.errors import PostguardError
from postguard.io import DEFAULT_MAX_BYTES
from postguard.model import STDIN


@dataclass(frozen=True, slots=True)
class Outcome:
    """What checking one file gave: a result, or the one-line reason it could not be checked."""

    path: str
    result: Result | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class _Job:
    format: str | None
    lang: str | None
    max_bytes: int


_worker: tuple[Linter, _Job] | None = None


def check_files(
    linter: Linter,
    paths: Sequence[str],
    *,
    jobs: int = 1,
    format: str | None = None,
    lang: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Outcome]:
    """Check ``paths`` in order. ``jobs`` > 1 uses that many processes (0: one per CPU)."""
    job = _Job(format, lang, max_bytes)
    workers = min(os.cpu_count() or 1 if jobs == 0 else jobs, len(paths))
    if workers <= 1 or STDIN in paths:
        for path in paths:
            yield _check(linter, job, path)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Small chunks keep every worker busy to the end (a chunk of a dozen posts left for one
    # worker was a tenth of a 200-post run); handing one over costs far less than checking it.
    chunk = max(1, len(paths) // (workers * 32))
    with context.Pool(workers, initializer=_start_worker, initargs=(linter, job)) as pool:
        yield from pool.imap(_check_in_worker, paths, chunksize=chunk)


def _start_worker(linter: Linter, job: _Job) -> None:
    global _worker
    _worker = (linter, job)


def _check_in_worker(path: str) -> Outcome:
    assert _worker is not None, "worker not started"
    return _check(*_worker, path)


def _check(linter: Linter, job: _Job, path: str) -> Outcome:
    try:
        return Outcome(
            path, linter.check_file(path, format=job.format, lang=job.lang, max_bytes=job.max_bytes)
        )
    except PostguardError as exc:
        return Outcome(path, None, str(exc))
