"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning and others).

One run; the policy's rules are the driver's rules, with their guidance as help text; each
finding is a result with an exact region (lines, code-point columns, character offsets).
Suppressed findings are included with an ``inSource`` suppression and the author's reason, so
a dashboard shows them as overridden rather than forgetting them. Private data stays masked:
messages are masked by the engine, a sensitive finding gets no snippet unless
``--show-matches``, and private values inside another finding's snippet are masked. A rule's
source names no absolute path of the machine that ran the check.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from postguard.model import STDIN, Finding, Result, RuleInfo, Severity, display_path, generic
from postguard.report import ReportOptions
from postguard.version import __version__

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(results: Sequence[Result], options: ReportOptions) -> str:
    rules = _rules(results, options)
    index = {rule.id: i for i, rule in enumerate(rules)}
    sarif_results = []
    for result in results:
        uri = artifact_uri(result.path)
        for finding in result.findings:
            sarif_results.append(_result(finding, uri, index, options))
        for item in result.suppressed:
            entry = _result(item.finding, uri, index, options)
            suppression = {"kind": "inSource", "status": "accepted"}
            if item.reason:
                suppression["justification"] = item.reason
            entry["suppressions"] = [suppression]
            sarif_results.append(entry)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "postguard",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_descriptor(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def artifact_uri(path: str | None) -> str:
    """A relative URI (forward slashes, percent-encoded) for files under the working directory."""
    if path is None:
        return "text"
    if path == STDIN:
        return "stdin"
    shown = Path(display_path(path))
    if shown.is_absolute():
        return shown.as_uri()
    return quote(shown.as_posix())


def _rules(results: Sequence[Result], options: ReportOptions) -> list[RuleInfo]:
    """The policy's rules, then any other rule a finding names (suppression problems)."""
    rules: list[RuleInfo] = list(options.rules)
    known = {rule.id for rule in rules}
    findings = [f for r in results for f in r.findings] + [s.finding for r in results for s in r.suppressed]
    for finding in findings:
        if finding.rule not in known:
            known.add(finding.rule)
            rules.append(options.other_rules.get(finding.rule) or _rule_from(finding))
    return rules


@dataclass(frozen=True, slots=True)
class _Described:
    """A rule known only from one of its findings."""

    id: str
    category: str
    severity: Severity
    message: str
    guidance: str
    description: str = ""
    source: str = ""


def _rule_from(finding: Finding) -> RuleInfo:
    """A descriptor for a rule the reporter was not told about (library use without rules)."""
    return _Described(finding.rule, finding.category, finding.severity, finding.message, finding.guidance)


def _descriptor(rule: RuleInfo) -> dict:
    descriptor: dict = {
        "id": rule.id,
        "shortDescription": {"text": generic(rule.description or rule.message)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }
    if rule.description:
        descriptor["fullDescription"] = {"text": generic(rule.message)}
    if rule.guidance:
        descriptor["help"] = {"text": generic(rule.guidance)}
    if rule.source:
        descriptor["properties"]["source"] = portable_source(rule.source)
    return descriptor


def portable_source(source: str) -> str:
    """Where a rule comes from, without the layout of the machine that ran the check: a built-in
    pack as named (``<builtin pii>``), a policy file relative to the working directory, or by
    its file name alone when it lies outside."""
    if source.startswith("<"):
        return source
    shown = display_path(source)
    return Path(shown).name if Path(shown).is_absolute() else Path(shown).as_posix()


def _result(finding: Finding, uri: str, index: dict[str, int], options: ReportOptions) -> dict:
    region: dict = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "charOffset": finding.start,
        "charLength": finding.end - finding.start,
    }
    if not finding.sensitive or options.show_matches:
        region["snippet"] = {"text": finding.excerpt(options.show_matches)}
    return {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
        "properties": {"category": finding.category},
    }
