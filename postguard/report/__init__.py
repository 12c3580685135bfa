"""Reporters: pure functions from results to text, one module per output format."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from postguard.model import DEFAULT_FAIL_ON, Result, RuleInfo, Severity

#: format name -> module with ``render(results, options) -> str``
REPORTERS = {
    "text": "postguard.report.text",
    "json": "postguard.report.json",
    "sarif": "postguard.report.sarif",
    "github": "postguard.report.github",
}


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How to show results: masking, the level that fails, colour, brevity.

    ``rules`` are the policy's rules, for reporters that describe them (SARIF);
    ``other_rules`` describes rules that findings may name outside the policy (the rules of
    suppressions themselves).
    """

    fail_on: Severity = DEFAULT_FAIL_ON
    show_matches: bool = False
    color: bool = False
    quiet: bool = False
    rules: tuple[RuleInfo, ...] = ()
    other_rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    #: One line per input that could not be checked ("notes.txt: no such file"): a run with any
    #: is failed, and its summary says so instead of "no problems".
    input_errors: tuple[str, ...] = ()


def render(name: str, results: Sequence[Result], options: ReportOptions) -> str:
    module = importlib.import_module(REPORTERS[name])
    return module.render(results, options)


def summary(results: Sequence[Result], options: ReportOptions) -> dict[str, int | bool | str | list[str]]:
    """Counts by severity and the inputs that could not be checked, shared by every reporter."""
    fail_on = options.fail_on
    findings = [f for r in results for f in r.findings]
    return {
        "files": len(results),
        "files_with_findings": sum(1 for r in results if r.findings),
        "findings": len(findings),
        "errors": sum(1 for f in findings if f.severity is Severity.ERROR),
        "warnings": sum(1 for f in findings if f.severity is Severity.WARNING),
        "info": sum(1 for f in findings if f.severity is Severity.INFO),
        "fail_on": fail_on.label,
        "failed": bool(options.input_errors) or any(r.failed(fail_on) for r in results),
        "input_errors": list(options.input_errors),
    }
