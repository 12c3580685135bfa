"""An audit end to end in this process: its files, bad records counted with where they are, a
crash or Ctrl-C followed by --resume giving exactly the files of an uninterrupted run, and a
report that shows no private data and fetches nothing."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ACME_POLICY

from postguard.audit import output as audit_output
from postguard.audit.output import CHECKPOINT, FINDINGS, POSTS, PROBLEMS, REPORT
from postguard.audit.run import AuditInterrupted, AuditOptions, _ctrl_c_between_batches, run_audit
from postguard.audit.sources import open_source
from postguard.cli import main
from postguard.policy import Policy
from postguard.workflow.run import project_policy

PHONE, EMAIL = "+47 41 23 45 67", "kari.nordmann@gmail.com"
TEXTS = [
    f"Call Kari Nordmann on {PHONE} about the offer.",
    "A calm post about gardening and the spring weather.",
    "Project Kestrel ships next month, internal only.",
    f"Write to {EMAIL} if you have questions.",
    "Our competitor Nordic Cloud Co. is a bunch of idiots.",
]


@pytest.fixture(scope="module")
def policy() -> Policy:
    return project_policy(str(ACME_POLICY))


def write_archive(folder: Path, count: int = 20) -> Path:
    path = folder / "posts.jsonl"
    lines = [
        json.dumps({"id": f"p{n}", "text": TEXTS[n % len(TEXTS)], "date": f"202{n % 3}-0{1 + n % 9}-15"})
        for n in range(count)
    ]
    lines.insert(7, "{broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def audit(policy: Policy, archive: Path, outdir: Path, **options: object) -> None:
    settings = {"batch_size": 3, **options}
    run_audit(policy, AuditOptions([open_source(str(archive))], str(outdir), **settings), log=_Quiet())  # type: ignore[arg-type]


class _Quiet:
    """A log that is not a terminal and keeps nothing."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def outputs(outdir: Path) -> dict[str, bytes]:
    return {name: (outdir / name).read_bytes() for name in (FINDINGS, POSTS, PROBLEMS, REPORT)}


@pytest.fixture(scope="module")
def uninterrupted(policy: Policy, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("audit")
    archive = write_archive(folder)
    audit(policy, archive, folder / "out")
    return archive, outputs(folder / "out")


def test_the_files_of_an_audit(uninterrupted: tuple[Path, dict[str, bytes]]) -> None:
    archive, files = uninterrupted
    findings = [json.loads(line) for line in files[FINDINGS].decode().splitlines()]
    rows = list(csv.DictReader(files[POSTS].decode().splitlines()))
    assert [row["id"] for row in rows] == [f"p{n}" for n in range(20)]
    assert (
        rows[0]["pii"] == "1"
        and rows[0]["error"] == "1"
        and rows[3]["pii"] == "1"
        and rows[1]["findings"] == "0"
    )
    assert sum(int(row["findings"]) for row in rows) == len(findings)
    first = findings[0]
    assert (first["post_id"], first["source"], first["position"], first["date"]) == (
        "p0",
        str(archive),
        "line 1",
        "2020-01-15",
    )
    assert {"rule", "category", "severity", "message", "excerpt", "masked", "line", "column"} <= set(first)
    [problem] = [json.loads(line) for line in files[PROBLEMS].decode().splitlines()]
    assert problem["source"] == str(archive) and problem["position"] == "line 8"


def test_no_private_data_in_any_output(uninterrupted: tuple[Path, dict[str, bytes]]) -> None:
    _, files = uninterrupted
    for name, data in files.items():
        text = data.decode()
        assert PHONE not in text and EMAIL not in text and "Kari Nordmann" not in text, name


def test_the_report_is_self_contained(uninterrupted: tuple[Path, dict[str, bytes]]) -> None:
    _, files = uninterrupted
    page = files[REPORT].decode()
    assert page.count("<svg") == 2 and "<script" not in page and "<link" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.IGNORECASE)
    assert "acme.codename" in page and "Posts with the most serious findings" in page
    assert "&lt;" not in page or "<q>" in page  # texts are escaped, markup is ours


class Crash(BaseException):
    """A kill: nothing after it runs, no clean-up."""


def test_resume_after_a_crash_loses_and_repeats_nothing(
    policy: Policy,
    uninterrupted: tuple[Path, dict[str, bytes]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    archive, expected = uninterrupted
    real_write_atomic = audit_output.write_atomic
    calls = 0

    def crash_at_the_fourth_checkpoint(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 4:  # the batch's lines are written, its checkpoint is not
            raise Crash
        return real_write_atomic(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audit_output, "write_atomic", crash_at_the_fourth_checkpoint)
    with pytest.raises(Crash):
        audit(policy, archive, tmp_path / "out")
    monkeypatch.setattr(audit_output, "write_atomic", real_write_atomic)
    checkpoint = json.loads((tmp_path / "out" / CHECKPOINT).read_text())
    assert (tmp_path / "out" / FINDINGS).stat().st_size > checkpoint["bytes"][
        FINDINGS
    ]  # half a batch on disk
    audit(policy, archive, tmp_path / "out", resume=True)
    assert outputs(tmp_path / "out") == expected


def test_ctrl_c_leaves_the_folder_as_checkpointed_and_resume_completes_it(
    policy: Policy,
    uninterrupted: tuple[Path, dict[str, bytes]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    archive, expected = uninterrupted
    real_commit = audit_output.AuditOutput._commit
    calls = 0

    def ctrl_c_at_the_third_batch(self: audit_output.AuditOutput, complete: bool = False) -> None:
        nonlocal calls
        calls += 1
        if calls == 4:  # the header's commit, then two batches
            raise KeyboardInterrupt
        real_commit(self, complete)

    monkeypatch.setattr(audit_output.AuditOutput, "_commit", ctrl_c_at_the_third_batch)
    with pytest.raises(AuditInterrupted, match="--resume"):
        audit(policy, archive, tmp_path / "out")
    monkeypatch.undo()
    checkpoint = json.loads((tmp_path / "out" / CHECKPOINT).read_text())
    for name in (FINDINGS, POSTS, PROBLEMS):
        assert (tmp_path / "out" / name).stat().st_size == checkpoint["bytes"][name], name
    assert checkpoint["done"] == {str(archive): 6} and not checkpoint["complete"]
    audit(policy, archive, tmp_path / "out", resume=True)
    assert outputs(tmp_path / "out") == expected


def test_local_worker_processes_give_the_same_files(
    policy: Policy, uninterrupted: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    archive, expected = uninterrupted
    audit(policy, archive, tmp_path / "out", workers=2)
    assert outputs(tmp_path / "out") == expected


def test_an_earlier_audit_is_not_overwritten_or_resumed_with_other_inputs(
    uninterrupted: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    archive, _ = uninterrupted
    other = tmp_path / "other.jsonl"
    other.write_text('{"text": "Hello"}\n', encoding="utf-8")
    outdir = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(main, ["audit", str(other), "-o", str(outdir), "--workers", "1"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(main, ["audit", str(other), "-o", str(outdir)])
    assert again.exit_code == 2 and "already holds an audit; continue it with --resume" in again.output
    mixed = runner.invoke(main, ["audit", str(archive), "-o", str(outdir), "--resume"])
    assert mixed.exit_code == 2 and "made with other sources" in mixed.output
    assert "Traceback" not in again.output + mixed.output


def test_without_dask_the_engine_says_how_to_install_it(
    policy: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    from postguard.audit.run import make_engine
    from postguard.errors import PostguardError

    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.delitem(sys.modules, "postguard.audit.dask_engine", raising=False)
    with pytest.raises(PostguardError, match=r'pip install "postguard\[dask\]"'):
        make_engine("dask", policy, workers=1, lang=None)


def test_ctrl_c_is_noted_and_acted_on_between_batches_and_a_second_one_stops_at_once() -> None:
    """A KeyboardInterrupt raised wherever the main thread happens to be can land in a finaliser
    (a Dask future's ``__del__``) and be dropped; the audit notes Ctrl-C instead and stops after
    the batch in hand is saved."""
    before = signal.getsignal(signal.SIGINT)
    with _ctrl_c_between_batches() as pressed:
        os.kill(os.getpid(), signal.SIGINT)  # the handler runs before the next line; no exception
        assert pressed.is_set()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is before
