"""The ``postguard`` command: a thin layer over :class:`postguard.Linter` and the reporters.

Exit codes: 0 no finding at or above the fail level; 1 findings at or above it; 2 usage,
policy or input error.
"""

from __future__ import annotations

import sys

import click

from .version import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Group(click.Group):
    """Turns our own errors into one clear line and exit 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        from .errors import PostguardError

        try:
            return super().invoke(ctx)
        except PostguardError as exc:
            click.echo(f"postguard: error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="postguard")
def main() -> None:
    """Check draft posts against your organisation's social-media policy before publishing.

    \b
    Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage, policy or input error.
    """


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    from .inputs import parse_size

    try:
        return parse_size(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a size like 5MB or 512KB") from None


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@click.option(
    "--policy",
    "policy_path",
    type=click.Path(dir_okay=False),
    help="Policy file (default: postguard.yml in this folder or above, else the built-in policy).",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--lang",
    type=click.Choice(["auto", "en", "nb"]),
    default="auto",
    show_default=True,
    help="Language of the drafts (auto: detect per file).",
)
@click.option(
    "--input-format",
    type=click.Choice(["auto", "text", "markdown", "html"]),
    default="auto",
    show_default=True,
    help="How to read the drafts (auto: from the file name; stdin is text).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: the policy's fail-on, else warning).",
)
@click.option(
    "--show-matches",
    is_flag=True,
    help="Show private data (PII, secrets) unmasked. For a local run only: never in CI logs.",
)
@click.option("-q", "--quiet", is_flag=True, help="One line per finding, no context, guidance or summary.")
@click.option(
    "--max-file-size",
    default="5MB",
    show_default=True,
    callback=_size,
    help="Refuse drafts larger than this.",
)
def check(
    files: tuple[str, ...],
    policy_path: str | None,
    output: str,
    lang: str,
    input_format: str,
    fail_on: str | None,
    show_matches: bool,
    quiet: bool,
    max_file_size: int,
) -> None:
    """Check FILES (Markdown, HTML or text; '-' reads standard input)."""
    from .engine import Linter
    from .errors import PostguardError
    from .findings import Severity
    from .policy import discover_policy, load_policy
    from .report import ReportOptions, render

    linter = Linter(load_policy(policy_path or discover_policy()))
    level = Severity.parse(fail_on) if fail_on else linter.policy.fail_on
    results, had_error = [], False
    for path in files:
        try:
            results.append(
                linter.check_file(
                    path,
                    format=None if input_format == "auto" else input_format,
                    lang=None if lang == "auto" else lang,
                    max_bytes=max_file_size,
                )
            )
        except PostguardError as exc:
            click.echo(f"postguard: error: {exc}", err=True)
            had_error = True
    options = ReportOptions(
        fail_on=level, show_matches=show_matches, color=output == "text" and _stdout_is_tty(), quiet=quiet
    )
    text = render(output, results, options)
    if text:
        click.echo(text, color=options.color)
    if had_error:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if any(r.failed(level) for r in results) else EXIT_CLEAN)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--policy",
    "policy_path",
    type=click.Path(dir_okay=False),
    help="Policy file (default: postguard.yml in this folder or above, else the built-in policy).",
)
@click.option(
    "--operator",
    type=click.Choice(["replace", "mask", "hash"]),
    default="replace",
    show_default=True,
    help="replace: <EMAIL>, <PHONE>...; mask: ****; hash: a SHA-256 digest.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the copy here instead of stdout."
)
@click.option("--in-place", is_flag=True, help="Rewrite FILE atomically, keeping the original as FILE.bak.")
@click.option("--lang", type=click.Choice(["auto", "en", "nb"]), default="auto", show_default=True)
@click.option(
    "--input-format",
    type=click.Choice(["auto", "text", "markdown", "html"]),
    default="auto",
    show_default=True,
)
def redact(
    file: str,
    policy_path: str | None,
    operator: str,
    output: str | None,
    in_place: bool,
    lang: str,
    input_format: str,
) -> None:
    """Write a copy of FILE with its PII and secrets replaced (stdout, -o FILE or --in-place)."""
    from .engine import Linter
    from .errors import PostguardError
    from .policy import discover_policy, load_policy
    from .redact import redact_file, write_atomically

    if in_place and (output or file == "-"):
        raise PostguardError(
            "--in-place rewrites FILE itself: it cannot be combined with -o or used with stdin"
        )
    linter = Linter(load_policy(policy_path or discover_policy()))
    text, count = redact_file(
        linter,
        file,
        operator=operator,
        format=None if input_format == "auto" else input_format,
        lang=None if lang == "auto" else lang,
    )
    try:
        if in_place:
            backup = write_atomically(file, text)
            click.echo(f"postguard: redacted {count} item(s) in {file}; original kept as {backup}", err=True)
        elif output:
            write_atomically(output, text, backup=False)
            click.echo(f"postguard: redacted {count} item(s); wrote {output}", err=True)
        else:
            click.echo(text, nl=False)
    except OSError as exc:
        raise PostguardError(f"cannot write the redacted copy: {exc.strerror or exc}") from None


def _stdout_is_tty() -> bool:
    return sys.stdout.isatty()


if __name__ == "__main__":  # pragma: no cover
    main()
