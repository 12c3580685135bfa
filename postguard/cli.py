"""The ``postguard`` command: a thin layer over :class:`postguard.Linter` and the reporters.

Exit codes: 0 no finding at or above the fail level; 1 findings at or above it; 2 usage,
policy or input error.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile

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
    help="Policy file (default: $POSTGUARD_POLICY, else postguard.yml in this folder or above, else the "
    "built-in policy). An organisation-wide policy in ~/.config/postguard/postguard.yml is merged under it.",
)
@click.option(
    "--allow-outside-policy-folder",
    is_flag=True,
    help="Let the policy's 'extends' and 'file:' read files outside its folder (off: a policy from a pull "
    "request must not read the machine's files).",
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
    allow_outside_policy_folder: bool,
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
    from .policy import find_policies, load_policies
    from .report import ReportOptions, render

    linter = Linter(load_policies(find_policies(policy_path), allow_outside=allow_outside_policy_folder))
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


@main.command("hash-terms")
@click.argument("source", default="-", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--key-env",
    default="POSTGUARD_HASH_KEY",
    show_default=True,
    help="Environment variable that holds the policy's secret key.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the hashed list to this file (atomically) instead of standard output.",
)
@click.option(
    "--yaml",
    "yaml_name",
    metavar="LIST",
    help="Print a policy 'lists:' entry named LIST instead of a hashed list file.",
)
@click.option("--new-key", is_flag=True, help="Print a fresh random key to keep in a secret store, and exit.")
def hash_terms(source: str, key_env: str, output: str | None, yaml_name: str | None, new_key: bool) -> None:
    """Hash a plain term list (SOURCE, one term per line; '-' reads standard input).

    The hashed list goes in the policy instead of the terms: postguard still finds them,
    with all their spellings, but the repository and CI logs never show them. See
    docs/security.md for what this does and does not protect.
    """
    from . import hashing
    from .errors import PostguardError
    from .inputs import DEFAULT_MAX_BYTES, read_draft

    if new_key:
        click.echo(hashing.new_key())
        return
    if yaml_name is not None and not re.match(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", yaml_name):
        raise click.BadParameter("use letters, digits, '-', '_' or '.'", param_hint="--yaml")
    if output and source != "-" and os.path.realpath(output) == os.path.realpath(source):
        raise PostguardError(
            f"{output}: refusing to overwrite the plain list with its hashes; pick another file"
        )
    hasher = hashing.load_key(key_env)
    text = read_draft(source, DEFAULT_MAX_BYTES)
    try:
        hashed = hashing.hash_terms(text.splitlines(), hasher)
    except ValueError as exc:
        raise PostguardError(f"{'<stdin>' if source == '-' else source}: {exc}") from None
    rendered = hashed.render_yaml(yaml_name) if yaml_name else hashed.render()
    if output:
        _write_atomic(output, rendered)
    else:
        click.echo(rendered, nl=False)
    click.echo(
        f"postguard: hashed {len(hashed.digests)} terms (at most {hashed.max_units} words each) "
        f"with the key in {key_env}; key-check {hashed.key_check}",
        err=True,
    )


def _write_atomic(path: str, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename: a crash never leaves half a file."""
    from .errors import PostguardError

    folder = os.path.dirname(os.path.abspath(path))
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, delete=False, suffix=".tmp"
        ) as tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp.name, path)
    except OSError as exc:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp.name)
        raise PostguardError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _stdout_is_tty() -> bool:
    return sys.stdout.isatty()


if __name__ == "__main__":  # pragma: no cover
    main()
