"""``postguard audit``'s command line: options in, :func:`postguard.audit.run.run_audit` does the rest.

Importing this module costs only click: the audit's own modules load when the command runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import click

from postguard.audit.sources import DEFAULT_DATE_FIELD, DEFAULT_ID_FIELD, DEFAULT_TEXT_FIELD, SOURCE_FORMATS

#: Exit code after Ctrl-C, as shells report a process stopped by SIGINT.
EXIT_INTERRUPTED = 130
ENGINES = ("local", "dask")


def audit_command(*shared_options: Callable[[click.Command], click.Command]) -> click.Command:
    """The ``audit`` command, with the options every command shares (policy, language) added."""

    @click.command("audit")
    @click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
    @click.option(
        "-o",
        "--output",
        "outdir",
        required=True,
        type=click.Path(file_okay=False),
        help="Folder for findings.jsonl, posts.csv, problems.jsonl and report.html.",
    )
    @click.option(
        "--engine",
        type=click.Choice(ENGINES),
        default="local",
        show_default=True,
        help='local: worker processes on this machine; dask: a Dask cluster (pip install "postguard[dask]").',
    )
    @click.option(
        "--workers",
        type=click.IntRange(min=0),
        default=0,
        show_default=True,
        help="Worker processes (0: one per CPU); for --engine dask, the size of the local cluster.",
    )
    @click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="An existing Dask cluster's scheduler, like tcp://host:8786 (--engine dask).",
    )
    @click.option("--resume", is_flag=True, help="Go on with an interrupted audit in the output folder.")
    @click.option(
        "--source-format",
        type=click.Choice(["auto", *SOURCE_FORMATS]),
        default="auto",
        show_default=True,
        help="What the sources are (auto: from their names and contents).",
    )
    @click.option(
        "--text-field",
        default=DEFAULT_TEXT_FIELD,
        show_default=True,
        help="JSONL key / CSV column of the text.",
    )
    @click.option(
        "--id-field",
        default=DEFAULT_ID_FIELD,
        show_default=True,
        help="JSONL key / CSV column of the post's id.",
    )
    @click.option(
        "--date-field",
        default=DEFAULT_DATE_FIELD,
        show_default=True,
        help="JSONL key / CSV column of the post's date.",
    )
    def audit(
        sources: tuple[str, ...],
        outdir: str,
        engine: str,
        workers: int,
        scheduler: str | None,
        resume: bool,
        source_format: str,
        text_field: str,
        id_field: str,
        date_field: str,
        policy_path: str | None,
        allow_outside_policy_folder: bool,
        lang: str,
    ) -> None:
        """Audit an archive of published posts: SOURCES are folders of posts (.md, .html, .txt),
        JSONL or CSV files, WordPress exports (.xml), X/Twitter archives (data/tweets.js) and
        LinkedIn exports (Shares.csv).

        \b
        Writes OUTDIR/findings.jsonl (one finding a line), posts.csv (one post a row),
        problems.jsonl (records that could not be read) and report.html. Progress is saved as it
        goes: after a crash or Ctrl-C, --resume goes on where it stopped.
        """
        from postguard.audit.run import AuditInterrupted, AuditOptions, run_audit
        from postguard.audit.sources import Fields, open_source
        from postguard.workflow.run import project_policy

        fields = Fields(text_field, id_field, date_field)
        kind = None if source_format == "auto" else source_format
        options = AuditOptions(
            sources=[open_source(path, kind, fields) for path in sources],
            outdir=outdir,
            engine=engine,
            workers=workers or os.cpu_count() or 1,
            scheduler=scheduler,
            lang=None if lang == "auto" else lang,
            resume=resume,
        )
        policy = project_policy(policy_path, allow_outside=allow_outside_policy_folder)
        try:
            summary = run_audit(policy, options)
        except AuditInterrupted as exc:
            click.echo(f"postguard: {exc}", err=True)
            sys.exit(EXIT_INTERRUPTED)
        click.echo(
            f"postguard: audited {summary.posts:,} posts in {summary.seconds:.0f}s: {summary.findings:,} "
            f"findings, {summary.problems:,} records not read or checked (see problems.jsonl). "
            f"Report: {summary.report}",
            err=True,
        )

    for option in reversed(shared_options):
        audit = option(audit)
    return audit
