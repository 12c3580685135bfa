"""Hits to findings: where a hit is in lines and columns, and its message with the placeholders
filled in (private matches masked there, so a message never carries what a rule protects)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from postguard.kinds import Hit
from postguard.model import PLACEHOLDERS, Finding, mask, mask_spans
from postguard.parsers.document import Document
from postguard.policy import Rule

#: What stands between two stretches of ``{cues}`` in a message: the words left out.
CUES_GAP = " … "
#: A line break in a match, with the spaces around it: one space in a message.
LINE_BREAKS_RE = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")


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
    private: tuple[tuple[int, int], ...] = (),
    score: float | None = None,
    cues: tuple[tuple[int, int], ...] = (),
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
        private=private,
        score=score,
        cues=cues,
    )


def private_spans(rule_hits: Iterable[tuple[Rule, Hit]]) -> tuple[tuple[int, int], ...]:
    """The sorted, merged spans of the private values that ``rule_hits`` (of rules that mask
    their matches) found: what no report may show in clear, wherever it appears."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((hit.start, hit.end) for _, hit in rule_hits):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The spans that overlap [start, end)."""
    found = []
    # Spans are merged, so only the last one that starts before ``start`` can reach into it.
    for k in range(max(bisect.bisect_left(spans, (start,)) - 1, 0), len(spans)):
        span_start, span_end = spans[k]
        if span_start >= end:
            break
        if span_end > start:
            found.append(spans[k])
    return tuple(found)


def _shown(text: str, start: int, end: int, inside: tuple[tuple[int, int], ...]) -> str:
    """``text[start:end]`` with the private values ``inside`` it masked, on one line: a message
    is one line, even for a match that is not."""
    shown = mask_spans(text, start, end, inside) if inside else text[start:end]
    return LINE_BREAKS_RE.sub(" ", shown)


def finding_for_hit(
    rule: Rule, hit: Hit, document: Document, private: Sequence[tuple[int, int]] = (), language: str = ""
) -> Finding:
    """The finding ``rule`` reports for ``hit``, its message and guidance in the draft's
    ``language`` where the rule has them, filled in; private values in ``private`` that lie
    inside the match are masked there too."""
    matched = document.text[hit.start : hit.end]
    inside = () if rule.mask else _inside(private, hit.start, hit.end)
    if rule.mask:
        shown = LINE_BREAKS_RE.sub(" ", mask(matched))
    else:
        shown = _shown(document.text, hit.start, hit.end, inside)
    values = {
        "match": shown,
        "term": shown if rule.mask else hit.values.get("term", matched),
        "near": hit.values.get("near", ""),
        "cues": CUES_GAP.join(
            _shown(document.text, start, end, _inside(private, start, end)) for start, end in hit.cues
        ),
    }
    message, guidance = rule.texts(language)
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
        private=inside,
        score=hit.score,
        cues=hit.cues,
    )
