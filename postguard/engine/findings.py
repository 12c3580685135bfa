"""Hits to findings: where a hit is in lines and columns, and its message with the placeholders
filled in (private matches masked there, so a message never carries what a rule protects)."""

from __future__ import annotations

from postguard.kinds import Hit
from postguard.model import PLACEHOLDERS, Finding, mask
from postguard.parsers.document import Document
from postguard.policy import Rule


def finding_at(
    rule: Rule,
    document: Document,
    start: int,
    end: int,
    message: str,
    guidance: str,
    *,
    sensitive: bool = False,
    entity: str = "",
) -> Finding:
    """A finding of ``rule`` on ``document.text[start:end]``, with its lines and columns."""
    line, column = document.lines.position(start)
    end_line, end_column = document.lines.position(end)
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=message,
        guidance=guidance,
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=document.text[start:end],
        sensitive=sensitive,
        entity=entity,
    )


def finding_for_hit(rule: Rule, hit: Hit, document: Document) -> Finding:
    """The finding ``rule`` reports for ``hit``, its message and guidance filled in."""
    matched = document.text[hit.start : hit.end]
    shown = mask(matched) if rule.mask else matched
    values = {
        "match": shown,
        "term": shown if rule.mask else hit.values.get("term", matched),
        "near": hit.values.get("near", ""),
    }
    message, guidance = rule.message, rule.guidance
    for name in PLACEHOLDERS:
        placeholder = "{" + name + "}"
        message = message.replace(placeholder, values[name])
        guidance = guidance.replace(placeholder, values[name])
    return finding_at(
        rule,
        document,
        hit.start,
        hit.end,
        message,
        guidance,
        sensitive=rule.mask,
        entity=hit.values.get("entity", ""),
    )
