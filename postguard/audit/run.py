"""An audit from start to end: read the sources in order, check the posts in batches on an
engine, append what they gave to the output folder a checkpointed batch at a time, show
progress, and write the report when every post is done."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import astuple, dataclass, field
from typing import TextIO

from postguard.audit.engines import Batch, Engine, LocalEngine
from postguard.audit.output import AuditOutput, fingerprint
from postguard.audit.sources import Post, Record, Source
from postguard.errors import PostguardError
from postguard.policy import Policy
from postguard.version import __version__

#: Posts per batch: large enough that handing one to a worker costs little next to checking it,
#: small enough that a checkpoint comes every few seconds.
DEFAULT_BATCH_SIZE = 50
#: How often plain progress lines come when the output is not a terminal (seconds).
PLAIN_PROGRESS_EVERY = 10.0


class AuditInterrupted(PostguardError):
    """Ctrl-C: the output folder is consistent up to the last checkpoint and can be resumed."""


@dataclass(frozen=True, slots=True)
class AuditOptions:
    sources: Sequence[Source]
    outdir: str
    engine: str = "local"
    workers: int = 1
    scheduler: str | None = None
    lang: str | None = None
    resume: bool = False
    batch_size: int = DEFAULT_BATCH_SIZE
    #: Extra things the output depends on (the policy files), for the checkpoint's identity.
    identity: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AuditSummary:
    posts: int
    findings: int
    problems: int
    seconds: float
    report: str


def categories_of(policy: Policy) -> list[str]:
    """Every category a finding can have: the policy's rules' and the suppressions' own."""
    from postguard.engine.suppressions import META_RULES

    return sorted({rule.category for rule in (*policy.rules, *META_RULES.values())})


def run_audit(policy: Policy, options: AuditOptions, log: TextIO = sys.stderr) -> AuditSummary:
    """Audit every post of ``options.sources`` into ``options.outdir``; see the module doc."""
    from postguard.audit.report import require_matplotlib, write_report

    require_matplotlib()
    started = time.monotonic()
    categories = categories_of(policy)
    identity = fingerprint(
        {
            "version": __version__,
            "sources": [[s.path, s.kind, list(astuple(s.fields))] for s in options.sources],
            "lang": options.lang,
            "rules": [[r.id, r.category, r.severity.label] for r in policy.rules],
            **options.identity,
        }
    )
    output = AuditOutput(options.outdir, categories, identity, options.resume)
    try:
        if not output.complete:
            _check_all(policy, options, output, log)
            output.finish()
    finally:
        output.close()
    report = write_report(options.outdir, policy, categories)
    totals = output.totals
    return AuditSummary(
        totals["posts"], totals["findings"], totals["problems"], time.monotonic() - started, report
    )


def _check_all(policy: Policy, options: AuditOptions, output: AuditOutput, log: TextIO) -> None:
    already = sum(output.done.values())
    total = sum(source.count() for source in options.sources)
    progress = Progress(total, already, log)
    engine = make_engine(
        options.engine, policy, workers=options.workers, lang=options.lang, scheduler=options.scheduler
    )
    checked_batches = engine.run(_batches(options.sources, dict(output.done), options.batch_size))
    try:
        with _ctrl_c_between_batches() as pressed:
            for batch, checked in checked_batches:
                for problem in output.write(batch, checked):
                    progress.note(f"postguard: skipped {problem}")
                progress.advance(len(batch.records), output.totals["findings"])
                if pressed.is_set():
                    raise KeyboardInterrupt
    except KeyboardInterrupt:
        output.rollback()
        raise AuditInterrupted(
            f"interrupted: {sum(output.done.values())} of {total} records done and saved in {options.outdir}; "
            "run the same command with --resume to go on"
        ) from None
    finally:
        checked_batches.close()  # the engine's workers stopped now, however the loop ended
        progress.close()


@contextlib.contextmanager
def _ctrl_c_between_batches() -> Iterator[threading.Event]:
    """Ctrl-C noted when pressed and acted on after the batch in hand is saved. Raised at any
    moment, a KeyboardInterrupt can land in a finaliser (a Dask future's ``__del__``), where
    Python prints it and drops it, and the audit ran on to the end. A second Ctrl-C stops at
    once. Off the main thread (an embedding app) Ctrl-C is the app's."""
    pressed = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield pressed
        return

    def note(signum: int, frame: object) -> None:
        if pressed.is_set():
            raise KeyboardInterrupt
        pressed.set()

    previous = signal.signal(signal.SIGINT, note)
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)


def _batches(sources: Sequence[Source], done: dict[str, int], size: int) -> Iterator[Batch]:
    """The records not done yet, in batches of ``size`` posts (bad records ride along)."""
    records: list[Record] = []
    posts = 0
    for source in sources:
        skip = done.get(source.path, 0)
        for number, record in enumerate(source.records()):
            if number < skip:
                continue
            records.append(record)
            posts += isinstance(record, Post)
            if posts >= size:
                yield Batch(tuple(records))
                records, posts = [], 0
    if records:
        yield Batch(tuple(records))


def make_engine(
    name: str, policy: Policy, *, workers: int, lang: str | None, scheduler: str | None = None
) -> Engine:
    """The engine called ``name`` (``local`` or ``dask``); Dask is imported only when asked for."""
    if name == "dask":
        from postguard.audit.dask_engine import DaskEngine

        return DaskEngine(policy, workers=workers, lang=lang, scheduler=scheduler)
    if scheduler:
        raise PostguardError("--scheduler needs --engine dask")
    return LocalEngine(policy, workers=workers, lang=lang)


class Progress:
    """A progress bar with counts and time left on a terminal (tqdm), plain lines otherwise."""

    def __init__(self, total: int, initial: int, stream: TextIO) -> None:
        self.total, self.done, self.stream = total, initial, stream
        self.started = self.last = time.monotonic()
        self.initial = initial
        self.findings = 0
        self.bar = None
        if stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, initial=initial, unit="post", file=stream, dynamic_ncols=True)

    def advance(self, records: int, findings: int) -> None:
        self.done += records
        self.findings = findings
        if self.bar is not None:
            self.bar.set_postfix(findings=findings, refresh=False)
            self.bar.update(records)
            return
        now = time.monotonic()
        if now - self.last >= PLAIN_PROGRESS_EVERY or self.done == self.total:
            self.last = now
            self._line(now)

    def _line(self, now: float) -> None:
        rate = (self.done - self.initial) / max(now - self.started, 1e-9)
        left = (self.total - self.done) / rate if rate else 0.0
        print(
            f"postguard: {self.done}/{self.total} records, {self.findings} findings, "
            f"{rate:.1f} posts/s, about {_duration(left)} left",
            file=self.stream,
            flush=True,
        )

    def note(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"
