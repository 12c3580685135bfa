"""``postguard explain RULE`` and ``postguard rules``: what a policy's rules are, in words."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from postguard.analysis.context import CONTEXT_MEANINGS, CONTEXTS
from postguard.engine.suppressions import META_RULES
from postguard.errors import PostguardError
from postguard.kinds.classifier import DEFAULT_THRESHOLD
from postguard.model import generic
from postguard.policy import Policy, Rule, did_you_mean

WIDTH = 100
BUILTIN_RE = re.compile(r"^<builtin (?P<pack>[^>]+)>$")


def find_rule(policy: Policy, rule_id: str) -> Rule:
    """The active rule (or a suppression rule) called ``rule_id``; a clear error otherwise."""
    for rule in (*policy.rules, *META_RULES.values()):
        if rule.id == rule_id:
            return rule
    known = [r.id for r in policy.rules] + list(META_RULES)
    raise PostguardError(
        f"unknown rule id {rule_id!r}{did_you_mean(rule_id, known)}; 'postguard rules' lists the active rules"
    )


def source_of(rule: Rule) -> str:
    """Where a rule comes from: a built-in pack, or a policy file and line."""
    m = BUILTIN_RE.match(rule.source)
    if m:
        return f"built-in pack '{m.group('pack')}'"
    return f"{rule.source}:{rule.line}" if rule.line else rule.source


def explain(rule: Rule) -> str:
    """A plain-language page about one rule."""
    out = [f"{rule.id}  ({rule.category}, {rule.severity.label})", f"Source: {source_of(rule)}"]
    if rule.kind:
        out.append(f"Kind:   {rule.kind}")
    out.append("")
    purpose = rule.description or rule.message
    out += _section("What it looks for", generic(purpose))
    if rule.description:
        out += _section("What it says", generic(rule.message))
    if rule.guidance:
        out += _section("What to do", generic(rule.guidance))
    if rule.languages:
        out += _section("Languages", ", ".join(sorted(rule.languages)))
    if rule.kind == "classifier":
        options = rule.options
        out += _section(
            "Model",
            f"{options.get('model')}, class {options.get('label')!r}; reported from a score of "
            f"{_threshold_text(options.get('threshold', DEFAULT_THRESHOLD))} (0 to 1)"
            + (
                "; reads each sentence alone and each two neighbouring ones together"
                if options.get("pairs")
                else ""
            ),
        )
    cancelled = [CONTEXT_MEANINGS[name] for name in CONTEXTS if name in rule.unless]
    if rule.unless_near:
        cancelled.append("the sentence has one of: " + ", ".join(rule.unless_near))
    if cancelled:
        out += _section("Not reported when", "; ".join(cancelled) + ".")
    for title, examples in (("Flagged", rule.flag_examples), ("Not flagged", rule.pass_examples)):
        if examples:
            out.append(f"{title}:")
            for example in examples:
                tag = f" [{example.lang}]" if example.lang else ""
                out += textwrap.wrap(
                    example.text + tag, WIDTH, initial_indent="  - ", subsequent_indent="    "
                )
            out.append("")
    return "\n".join(out).rstrip()


def _section(title: str, text: str) -> list[str]:
    return [
        f"{title}:",
        *textwrap.wrap(" ".join(text.split()), WIDTH, initial_indent="  ", subsequent_indent="  "),
        "",
    ]


def rules_table(rules: Sequence[Rule]) -> str:
    """One row per rule: id, category, severity, source."""
    rows = [("RULE", "CATEGORY", "SEVERITY", "SOURCE")]
    rows += [(r.id, r.category, r.severity.label, source_of(r)) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i < 3 else cell for i, cell in enumerate(row)) for row in rows
    ]
    lines.append(f"{len(rules)} active rule{'s' if len(rules) != 1 else ''}.")
    return "\n".join(lines)


def _threshold_text(threshold: object) -> str:
    """``0.75``, or ``0.75 (en), 0.7 (nb)`` for one per language."""
    if not isinstance(threshold, dict):
        return str(threshold)
    return ", ".join(f"{number} ({language})" for language, number in threshold.items())
