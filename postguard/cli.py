"""The ``postguard`` command: a thin layer over :class:`postguard.Linter` and the reporters.

Exit codes: 0 no finding at or above the fail level; 1 findings at or above it; 2 usage,
policy or input error.
"""

from __future__ import annotations

import os
import sys

import click

from postguard.audit.command import audit_command
from postguard.io import DEFAULT_MAX_SIZE
from postguard.model import (
    DEFAULT_FAIL_ON,
    HASH_KEY_ENV,
    INPUT_FORMATS,
    LANGUAGES,
    POLICY_ENV,
    POLICY_FILENAMES,
    REDACT_OPERATORS,
    Severity,
)
from postguard.report import REPORTERS
from postguard.version import __version__
from postguard.workflow.baseline import DEFAULT_NAME as DEFAULT_BASELINE

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Group(click.Group):
    """Turns our own errors into one clear line and exit 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        from postguard.errors import PostguardError

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
    from postguard.io import parse_size

    try:
        return parse_size(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a size like 5MB or 512KB") from None


#: Every command finds its policy the same way (``_load_policy``), so they share one option.
_policy_option = click.option(
    "--policy",
    "policy_path",
    type=click.Path(dir_okay=False),
    help=f"Policy file (default: ${POLICY_ENV}, else {POLICY_FILENAMES[0]} in this folder or above, else "
    "the built-in policy). An organisation-wide policy in ~/.config/postguard/postguard.yml is "
    "merged under it.",
)
_lang_option = click.option(
    "--lang",
    type=click.Choice(["auto", *LANGUAGES]),
    default="auto",
    show_default=True,
    help="Language of the drafts (auto: detect per file).",
)
_input_format_option = click.option(
    "--input-format",
    type=click.Choice(["auto", *INPUT_FORMATS]),
    default="auto",
    show_default=True,
    help="How to read the drafts (auto: from the file name; stdin is text).",
)


_allow_outside_option = click.option(
    "--allow-outside-policy-folder",
    is_flag=True,
    help="Let the policy's 'extends' and 'file:' read files outside its folder (off: a policy from a "
    "pull request must not read the machine's files).",
)
_max_file_size_option = click.option(
    "--max-file-size",
    default=DEFAULT_MAX_SIZE,
    show_default=True,
    callback=_size,
    help="Refuse drafts larger than this.",
)


def _lint_options(command):
    """The options that say how to read drafts and which policy to use (check, baseline)."""
    options = [
        _policy_option,
        _allow_outside_option,
        _lang_option,
        _input_format_option,
        _max_file_size_option,
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=0),
            default=1,
            show_default=True,
            help="Check files in this many processes (0: one per CPU). Output order stays the same.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _load_policy(policy_path: str | None, allow_outside: bool = False):
    """The organisation-wide policy merged with the project's (see docs/security.md)."""
    from postguard.workflow.run import project_policy

    return project_policy(policy_path, allow_outside=allow_outside)


def _load_linter(policy_path: str | None, allow_outside: bool = False):
    from postguard.engine import Linter

    return Linter(_load_policy(policy_path, allow_outside))


def _auto(value: str) -> str | None:
    """``auto`` on the command line means: let the library decide."""
    return None if value == "auto" else value


def _report_errors(errors) -> None:
    for error in errors:
        click.echo(f"postguard: error: {error}", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@_lint_options
@click.option(
    "--format",
    "output",
    type=click.Choice(list(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format: text for people, json for programs, sarif for code scanning, github for "
    "GitHub Actions annotations.",
)
@click.option(
    "--fail-on",
    type=click.Choice([severity.label for severity in sorted(Severity, reverse=True)]),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: the policy's fail-on, else "
    f"{DEFAULT_FAIL_ON.label}).",
)
@click.option(
    "--show-matches",
    is_flag=True,
    help="Show private data (PII, secrets) unmasked. For a local run only: never in CI logs.",
)
@click.option("-q", "--quiet", is_flag=True, help="One line per finding, no context, guidance or summary.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="Report only findings that are not in this baseline (see 'postguard baseline create').",
)
@click.option(
    "--diff", "diff_rev", metavar="REV", help="Report only findings on lines changed since git REV."
)
@click.option("--changed-only", is_flag=True, help="Report only findings on lines changed since HEAD.")
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
    jobs: int,
    baseline_path: str | None,
    diff_rev: str | None,
    changed_only: bool,
) -> None:
    """Check FILES (Markdown, HTML or text; '-' reads standard input)."""
    from postguard.engine.suppressions import META_RULES
    from postguard.model import Severity
    from postguard.report import ReportOptions, render
    from postguard.workflow.run import run_check

    if diff_rev and changed_only:
        raise click.UsageError("use either --diff REV or --changed-only, not both")
    linter = _load_linter(policy_path, allow_outside_policy_folder)
    run = run_check(
        linter,
        files,
        lang=_auto(lang),
        format=_auto(input_format),
        max_bytes=max_file_size,
        jobs=jobs,
        fail_on=Severity.parse(fail_on) if fail_on else None,
        baseline_path=baseline_path,
        diff_rev=diff_rev or ("HEAD" if changed_only else None),
    )
    _report_errors(run.errors)
    options = ReportOptions(
        fail_on=run.fail_on,
        show_matches=show_matches,
        color=output == "text" and _stdout_is_tty(),
        quiet=quiet,
        rules=linter.rules,
        other_rules=META_RULES,
        input_errors=run.errors,
    )
    text = render(output, list(run.results), options)
    if text:
        click.echo(text, color=options.color)
    if run.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if run.failed else EXIT_CLEAN)


@main.group()
def baseline() -> None:
    """Accept the findings old posts already have, so that checks report only new ones."""


@baseline.command("create")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@_lint_options
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False),
    default=DEFAULT_BASELINE,
    show_default=True,
    help="Where to write the baseline (an older one is kept as .bak).",
)
def baseline_create(
    files: tuple[str, ...],
    policy_path: str | None,
    allow_outside_policy_folder: bool,
    lang: str,
    input_format: str,
    max_file_size: int,
    jobs: int,
    output_path: str,
) -> None:
    """Record the current findings in FILES as accepted (fingerprints only, never the text)."""
    from pathlib import Path

    from postguard.workflow.baseline import Baseline
    from postguard.workflow.run import lint_files

    linter = _load_linter(policy_path, allow_outside_policy_folder)
    results, errors = lint_files(
        linter, files, lang=_auto(lang), format=_auto(input_format), max_bytes=max_file_size, jobs=jobs
    )
    _report_errors(errors)
    if errors:
        click.echo("postguard: error: baseline not written: fix the files above first", err=True)
        sys.exit(EXIT_ERROR)
    created = Baseline.create(results, Path(output_path).resolve().parent, _old_salt(output_path))
    backup = created.save(output_path)
    total = sum(created.counts.values())
    click.echo(
        f"Wrote {output_path}: {total} finding{'s' if total != 1 else ''} in {len(results)} "
        f"file{'s' if len(results) != 1 else ''} accepted."
        + (f" The previous baseline is kept as {backup}." if backup else "")
    )


def _old_salt(path: str) -> bytes | None:
    """Keep an existing baseline's salt, so that recreating it changes only what changed."""
    from postguard.errors import PostguardError
    from postguard.workflow.baseline import Baseline

    try:
        return Baseline.load(path).salt
    except PostguardError:
        return None


@main.command()
@click.argument("path", default=POLICY_FILENAMES[0], type=click.Path(dir_okay=False))
@click.option("-y", "--yes", is_flag=True, help="Ask nothing; write the starter with templates only.")
@click.option("--force", is_flag=True, help="Replace an existing file (it is kept as .bak).")
def init(path: str, yes: bool, force: bool) -> None:
    """Write a commented starter policy to PATH (default: postguard.yml)."""
    from pathlib import Path

    from postguard.errors import PostguardError
    from postguard.io import write_atomic
    from postguard.policy import load_policy
    from postguard.workflow.starter import QUESTIONS, Answers, clean_domains, split_answer, starter_policy

    if Path(path).exists() and not force:
        raise PostguardError(
            f"{path} already exists; use --force to replace it (the old file is kept as .bak)"
        )
    answers = Answers()
    if not yes and _stdin_is_tty():
        click.echo("A few questions to fill in your policy (press Enter to skip one).")
        for name, question in QUESTIONS:
            setattr(answers, name, split_answer(click.prompt(question, default="", show_default=False)))
        answers.domains, rejected = clean_domains(answers.domains)
        for value in rejected:
            click.echo(f"postguard: skipped {value!r}: not a domain name like corp.example.com", err=True)
    backup = write_atomic(path, starter_policy(answers))
    load_policy(path)  # the starter must always be a valid policy
    click.echo(f"Wrote {path}." + (f" The previous file is kept as {backup}." if backup else ""))
    click.echo("Next: edit it, then run 'postguard test-policy' and 'postguard check your-post.md'.")


@main.command("test-policy")
@click.argument("policy", required=False)
@click.option("-v", "--verbose", is_flag=True, help="List passing rules too.")
def test_policy(policy: str | None, verbose: bool) -> None:
    """Run every rule's examples: 'flag' ones must be reported, 'pass' ones must not.

    POLICY is a policy file or a built-in pack name (default: the policy 'check' would use).
    Exit code 1 when an example fails.
    """
    from pathlib import Path

    from postguard.engine import Linter
    from postguard.policy import builtin_packs, load_policy, packs_dir
    from postguard.workflow.examples import report, run_examples

    if policy and not Path(policy).exists() and policy in builtin_packs():
        policy = str(packs_dir() / f"{policy}.yml")
    linter = Linter(load_policy(policy) if policy else _load_policy(None))
    outcomes = run_examples(linter)
    click.echo(report(outcomes, linter.rules, verbose))
    sys.exit(EXIT_FINDINGS if any(not o.passed for o in outcomes) else EXIT_CLEAN)


@main.command()
@click.argument("rule_id", metavar="RULE")
@_policy_option
def explain(rule_id: str, policy_path: str | None) -> None:
    """Explain RULE: what it looks for, what to do, examples, and where it comes from."""
    from postguard.workflow.explain import explain as explain_rule
    from postguard.workflow.explain import find_rule

    click.echo(explain_rule(find_rule(_load_policy(policy_path), rule_id)))


@main.command()
@_policy_option
def rules(policy_path: str | None) -> None:
    """List the active rules: id, category, severity and source."""
    from postguard.workflow.explain import rules_table

    click.echo(rules_table(_load_policy(policy_path).rules))


def _stdin_is_tty() -> bool:
    return sys.stdin.isatty()


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@_policy_option
@_allow_outside_option
@_max_file_size_option
@click.option(
    "--operator",
    type=click.Choice(REDACT_OPERATORS),
    default=REDACT_OPERATORS[0],
    show_default=True,
    help=f"replace: <EMAIL>, <PHONE>...; mask: ****; hash: an HMAC-SHA256 keyed with ${HASH_KEY_ENV}.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the copy here instead of stdout."
)
@click.option("--in-place", is_flag=True, help="Rewrite FILE atomically, keeping the original as FILE.bak.")
@_lang_option
@_input_format_option
def redact(
    file: str,
    policy_path: str | None,
    allow_outside_policy_folder: bool,
    max_file_size: int,
    operator: str,
    output: str | None,
    in_place: bool,
    lang: str,
    input_format: str,
) -> None:
    """Write a copy of FILE with its PII and secrets replaced (stdout, -o FILE or --in-place)."""
    from postguard.errors import PostguardError
    from postguard.io import write_atomic
    from postguard.workflow.redact import redact_file

    if in_place and (output or file == "-"):
        raise PostguardError(
            "--in-place rewrites FILE itself: it cannot be combined with -o or used with stdin"
        )
    linter = _load_linter(policy_path, allow_outside_policy_folder)
    text, count = redact_file(
        linter,
        file,
        operator=operator,
        format=_auto(input_format),
        lang=_auto(lang),
        max_bytes=max_file_size,
    )
    if in_place:
        backup = write_atomic(file, text)
        click.echo(f"postguard: redacted {count} item(s) in {file}; original kept as {backup}", err=True)
    elif output:
        write_atomic(output, text, backup=False)
        click.echo(f"postguard: redacted {count} item(s); wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


#: Where ``postguard serve`` listens unless told otherwise: this machine only.
SERVE_HOST, SERVE_PORT = "127.0.0.1", 8765


@main.command()
@_policy_option
@_allow_outside_option
@click.option(
    "--host",
    default=SERVE_HOST,
    show_default=True,
    help="Address to listen on. Anything but 127.0.0.1 lets other machines send drafts to this one.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=SERVE_PORT,
    show_default=True,
    help="Port (0: any free one).",
)
def serve(policy_path: str | None, allow_outside_policy_folder: bool, host: str, port: int) -> None:
    """Serve a page where anyone pastes a draft and sees what to fix, and its JSON API.

    \b
    Open the address it prints in a browser; Ctrl-C stops it. Everything is served by postguard
    itself: no draft leaves this machine.
    """
    from postguard.web.serve import address_of, listen, serve_forever

    linter = _load_linter(policy_path, allow_outside_policy_folder)
    sock = listen(host, port)
    if host != SERVE_HOST:
        click.echo(
            f"postguard: warning: listening on {host}: other machines that reach it can send drafts here",
            err=True,
        )
    try:  # Ctrl-C is the way to stop the server, at any moment: not an error
        click.echo("postguard: loading the language tools...", err=True)
        linter.warm()
        click.echo(f"postguard: open {address_of(sock)} in your browser (Ctrl-C stops the server)", err=True)
        serve_forever(linter, sock, host)
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    click.echo("postguard: stopped", err=True)


@main.command("hash-terms")
@click.argument("source", default="-", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--key-env",
    default=HASH_KEY_ENV,
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
    from postguard.errors import PostguardError
    from postguard.io import DEFAULT_MAX_BYTES, read_draft, write_atomic
    from postguard.policy import hashing

    if new_key:
        click.echo(hashing.new_key())
        return
    from postguard.policy.schema import ID_RE

    if yaml_name is not None and not ID_RE.match(yaml_name):
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
        write_atomic(output, rendered)
    else:
        click.echo(rendered, nl=False)
    click.echo(
        f"postguard: hashed {len(hashed.digests)} terms (at most {hashed.max_units} words each) "
        f"with the key in {key_env}; key-check {hashed.key_check}",
        err=True,
    )


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default and only way).")
def lsp(stdio: bool) -> None:
    """Run the language server, for an editor to start (see README, "In your editor").

    Drafts are checked as they are typed, against the policy 'check' would use for them.
    """
    from postguard.lsp.server import serve

    serve()


def _stdout_is_tty() -> bool:
    return sys.stdout.isatty()


main.add_command(audit_command(_policy_option, _allow_outside_option, _lang_option))


if __name__ == "__main__":  # pragma: no cover
    main()
