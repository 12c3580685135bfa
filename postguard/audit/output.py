"""The audit's folder: findings.jsonl, posts.csv and problems.jsonl, appended a batch at a time,
and a checkpoint that says how far they are complete.

After each batch the three files are flushed and synced, then the checkpoint (the files'
lengths and how many records of each source are done) is replaced atomically. Whatever
happens after that (a crash, a kill, Ctrl-C), the checkpoint describes complete files: a resumed
audit cuts each file back to its checkpointed length and goes on with the next record, so
nothing is lost or written twice.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from postguard.audit.engines import Batch, Checked
from postguard.audit.sources import BadRecord, Post
from postguard.errors import PostguardError
from postguard.io import write_atomic
from postguard.model import Severity

FINDINGS, POSTS, PROBLEMS, REPORT, CHECKPOINT = (
    "findings.jsonl",
    "posts.csv",
    "problems.jsonl",
    "report.html",
    ".checkpoint.json",
)
#: The files appended to, in the order they are written.
APPENDED = (FINDINGS, POSTS, PROBLEMS)
#: Changes when the checkpoint's meaning changes: an older one is then refused, not misread.
CHECKPOINT_VERSION = 1
#: posts.csv's columns before the counts.
POST_COLUMNS = ("id", "source", "position", "date", "language", "findings")
#: Severity columns, most serious first.
SEVERITIES = tuple(severity.label for severity in sorted(Severity, reverse=True))


def post_columns(categories: Sequence[str]) -> list[str]:
    return [*POST_COLUMNS, *SEVERITIES, *categories]


def fingerprint(parts: Any) -> str:
    """What an audit's output depends on (sources, options, policy), to refuse resuming another."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class AuditOutput:
    """The output folder of one audit, new or resumed."""

    def __init__(self, outdir: str, categories: Sequence[str], identity: str, resume: bool) -> None:
        self.folder = Path(outdir)
        self.categories = list(categories)
        self.identity = identity
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PostguardError(f"{outdir}: cannot create the folder: {exc.strerror or exc}") from None
        state = self._load_checkpoint() if resume else None
        if state is None:
            if not resume and any((self.folder / name).exists() for name in (*APPENDED, CHECKPOINT)):
                raise PostguardError(
                    f"{outdir} already holds an audit; continue it with --resume, or choose another folder"
                )
            state = {"done": {}, "bytes": dict.fromkeys(APPENDED, 0), "totals": {}, "complete": False}
        self.done: dict[str, int] = state["done"]
        self.totals: dict[str, int] = {"posts": 0, "findings": 0, "problems": 0, **state["totals"]}
        self.complete: bool = state["complete"]
        self._lengths: dict[str, int] = state["bytes"]
        self._files: dict[str, IO[bytes]] = {}
        for name in APPENDED:
            handle = (self.folder / name).open("ab+")  # open while the audit runs; close() closes
            handle.truncate(self._lengths[name])  # drop what a crash left after the checkpoint
            handle.seek(0, os.SEEK_END)
            self._files[name] = handle
        if self._lengths[POSTS] == 0:
            self._append(POSTS, _csv_line(post_columns(self.categories)))
            self._commit()

    def _load_checkpoint(self) -> dict[str, Any] | None:
        path = self.folder / CHECKPOINT
        if not path.exists():
            return None
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PostguardError(f"{path}: cannot read the checkpoint: {exc}") from None
        if state.get("version") != CHECKPOINT_VERSION or state.get("identity") != self.identity:
            raise PostguardError(
                f"{self.folder}: the audit there was made with other sources, options or policy; "
                "resume it with the same ones, or choose another folder"
            )
        return state

    def write(self, batch: Batch, checked: list[Checked]) -> list[str]:
        """Append a batch's lines and checkpoint them; returns the problems to tell the user."""
        problems = []
        outcomes = iter(checked)
        for record in batch.records:
            self.done[record.source] = self.done.get(record.source, 0) + 1
            if isinstance(record, BadRecord):
                problems.append(self._problem(record.source, record.position, record.problem))
                continue
            outcome = next(outcomes)
            if outcome.problem is not None:
                problems.append(self._problem(record.source, record.position, outcome.problem))
                continue
            self._post(record, outcome)
        self._commit()
        return problems

    def _problem(self, source: str, position: str, problem: str) -> str:
        self.totals["problems"] += 1
        line = {"source": source, "position": position, "problem": problem}
        self._append(PROBLEMS, json.dumps(line, ensure_ascii=False) + "\n")
        return f"{source}: {position}: {problem}"

    def _post(self, post: Post, outcome: Checked) -> None:
        self.totals["posts"] += 1
        self.totals["findings"] += len(outcome.findings)
        where = {"post_id": post.id, "source": post.source, "position": post.position, "date": post.date}
        lines = [json.dumps({**where, **f}, ensure_ascii=False) + "\n" for f in outcome.findings]
        self._append(FINDINGS, "".join(lines))
        counts = {name: 0 for name in (*SEVERITIES, *self.categories)}
        for f in outcome.findings:
            counts[f["severity"]] += 1
            counts[f["category"]] += 1
        row = [post.id, post.source, post.position, post.date, outcome.language, len(outcome.findings)]
        self._append(POSTS, _csv_line([*row, *(counts[name] for name in (*SEVERITIES, *self.categories))]))

    def _append(self, name: str, text: str) -> None:
        if text:
            self._files[name].write(text.encode("utf-8"))

    def _commit(self, complete: bool = False) -> None:
        for handle in self._files.values():
            handle.flush()
            os.fsync(handle.fileno())
        lengths = {name: handle.tell() for name, handle in self._files.items()}
        state = {
            "version": CHECKPOINT_VERSION,
            "identity": self.identity,
            "done": self.done,
            "bytes": lengths,
            "totals": self.totals,
            "complete": complete,
        }
        write_atomic(self.folder / CHECKPOINT, json.dumps(state, indent=1) + "\n", backup=False)
        self._lengths, self.complete = lengths, complete

    def finish(self) -> None:
        self._commit(complete=True)

    def rollback(self) -> None:
        """Cut the files back to the last checkpoint (a batch half-written when Ctrl-C came)."""
        for name, handle in self._files.items():
            handle.truncate(self._lengths[name])
            handle.flush()

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()


def _csv_line(values: Sequence[object]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()
