"""A check run as ``postguard check`` makes it: the policy found the one way every command
finds it, the files checked (in parallel when asked), then the baseline and the git diff
applied. The CLI, the web app, the language server and the audit build on these functions."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from postguard.engine import Linter
from postguard.io import DEFAULT_MAX_BYTES
from postguard.model import Result, Severity
from postguard.policy import Policy, find_policies
from postguard.policy.loader import load_policies
from postguard.workflow.batch import check_files


def project_policy(
    explicit: str | os.PathLike[str] | None = None,
    *,
    start: str | os.PathLike[str] | None = None,
    allow_outside: bool = False,
) -> Policy:
    """The policy ``check`` uses: ``explicit``, else ``$POSTGUARD_POLICY``, else the nearest
    ``postguard.yml`` from ``start``, else the built-in default; the organisation-wide policy
    merged underneath (see docs/security.md)."""
    return load_policies(find_policies(explicit, start), allow_outside=allow_outside)


@dataclass(frozen=True, slots=True)
class CheckRun:
    """What one run found: the results to report, the files that could not be read, the level
    that fails it."""

    results: tuple[Result, ...]
    errors: tuple[str, ...]
    fail_on: Severity

    @property
    def failed(self) -> bool:
        return any(r.failed(self.fail_on) for r in self.results)


def lint_files(
    linter: Linter,
    files: Sequence[str],
    *,
    lang: str | None = None,
    format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
) -> tuple[list[Result], list[str]]:
    """Check every file with one linter; an unreadable file becomes an error message, and the
    others are still checked."""
    results: list[Result] = []
    errors: list[str] = []
    for outcome in check_files(linter, files, jobs=jobs, format=format, lang=lang, max_bytes=max_bytes):
        if outcome.error is not None:
            errors.append(str(outcome.error))
        elif outcome.result is not None:
            results.append(outcome.result)
    return results, errors


def run_check(
    linter: Linter,
    files: Sequence[str],
    *,
    lang: str | None = None,
    format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
    fail_on: Severity | None = None,
    baseline_path: str | None = None,
    diff_rev: str | None = None,
) -> CheckRun:
    """Check ``files`` and keep only what is new against the baseline and on changed lines."""
    baseline = None
    if baseline_path:
        from postguard.workflow.baseline import Baseline

        baseline = Baseline.load(baseline_path)
    changes = None
    if diff_rev:
        from postguard.workflow.gitdiff import changed_lines

        changes = changed_lines(diff_rev, files)
    results, errors = lint_files(linter, files, lang=lang, format=format, max_bytes=max_bytes, jobs=jobs)
    if baseline is not None:
        results = baseline.new_findings(results)
    if changes is not None:
        from postguard.workflow.gitdiff import only_changed

        results = only_changed(results, changes)
    return CheckRun(tuple(results), tuple(errors), fail_on or linter.policy.fail_on)
