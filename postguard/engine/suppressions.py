"""Inline suppressions: an author knowingly overrides a rule, in the post's own comment syntax.

Markdown and HTML use HTML comments; plain text uses a marker line::

    <!-- postguard-disable-next-line acme.codename -- announced on 1 March -->
    <!-- postguard-disable acme.customer -- customer approved the case study -->
    ...
    <!-- postguard-enable acme.customer -->
    postguard-disable-next-line acme.codename -- announced on 1 March

Everything after `` -- `` is the reason. A suppression is a filter over findings: it never
changes what the checks see. It also reports its own problems as findings: no reason
(``suppression.no-reason``), an unknown rule or a stray ``enable`` (``suppression.invalid``),
and a rule it names that it did not silence (``suppression.unused``).

A directive's keyword and rule ids are never checked (``confidential.marker`` is an id, not
prose). Its reason is published with the post (HTML comments end up in the page source), so
it is still checked, except by the rules the directive itself names.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from postguard.engine.findings import finding_at
from postguard.model import Finding, Severity, Suppressed
from postguard.parsers.document import Document, Spans
from postguard.policy import Rule, did_you_mean

DIRECTIVE_RE = re.compile(
    r"postguard-(?P<action>disable-next-line|disable|enable)(?![\w-])(?P<rest>.*)", re.DOTALL
)
REASON_RE = re.compile(r"(?:^|\s)--(?:\s|$)")
RULE_ID_RE = re.compile(r"[^\s,]+")
COMMENT_OPEN, COMMENT_CLOSE = "<!--", "-->"
NEXT_LINE, DISABLE, ENABLE = "disable-next-line", "disable", "enable"


def _meta(rule_id: str, severity: Severity, message: str, guidance: str, description: str) -> Rule:
    return Rule.described(
        rule_id,
        "suppression",
        severity,
        message,
        guidance,
        kind="suppression",
        source="<builtin postguard>",
        description=description,
    )


NO_REASON = _meta(
    "suppression.no-reason",
    Severity.WARNING,
    "This suppression gives no reason.",
    "Say why the rule does not apply here after ' -- ', for example "
    "<!-- postguard-disable-next-line acme.codename -- announced on 1 March -->. "
    "The reason is what a reviewer reads when they check the override.",
    "A postguard-disable comment must say why the rule does not apply.",
)
INVALID = _meta(
    "suppression.invalid",
    Severity.WARNING,
    "This suppression cannot work.",
    "Name rule ids exactly as 'postguard rules' lists them, separated by spaces or commas, and "
    "close a 'postguard-disable RULE' block with 'postguard-enable RULE'.",
    "A postguard-disable or postguard-enable comment names no rule, an unknown rule, or closes "
    "a block that was never opened.",
)
UNUSED = _meta(
    "suppression.unused",
    Severity.INFO,
    "This suppression silences nothing.",
    "The text it was written for has changed or gone. Remove the comment so that it cannot hide "
    "a new problem later.",
    "A suppression whose rule found nothing where the suppression applies.",
)
#: The rules of suppressions themselves, for reporters and ``postguard explain``.
META_RULES: dict[str, Rule] = {rule.id: rule for rule in (NO_REASON, INVALID, UNUSED)}


@dataclass(frozen=True, slots=True)
class Directive:
    """One ``postguard-...`` comment or marker line, with offsets into the draft."""

    action: str
    rules: tuple[tuple[str, int, int], ...]  # (rule id, start, end)
    reason: str
    start: int  # the directive's text (comment body or marker line)
    end: int
    syntax_end: int  # keyword and rule ids end here; the reason follows
    outer_start: int  # including the comment delimiters
    outer_end: int


def apply(
    document: Document,
    findings: Sequence[Finding],
    known_rules: Collection[str],
    ran: Collection[str] | None = None,
) -> tuple[list[Finding], list[Suppressed]]:
    """Filter ``findings`` through the draft's suppressions.

    Returns the findings left (plus the suppressions' own problems, sorted by position) and
    those silenced. ``ran`` limits which rules were run (None: all), so a suppression for a
    rule that did not run is not called unused.
    """
    directives = find_directives(document)
    if not directives:
        return list(findings), []
    problems: list[Finding] = []
    regions = _regions(document, directives, known_rules, problems)
    # Where directives' own syntax is (keyword and rule ids, and an enable's reason): a finding
    # there is dropped.
    syntax = Spans(
        [(d.outer_start, d.syntax_end) for d in directives]
        + [(d.syntax_end, d.outer_end) for d in directives if d.action == ENABLE]
    )
    sweeps = {rule_id: _RegionSweep(rule_regions) for rule_id, rule_regions in regions.items()}
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    for finding in sorted(findings, key=lambda f: f.start):  # the sweeps ask in order of position
        if syntax.overlaps(finding.start, finding.end):
            continue
        sweep = sweeps.get(finding.rule)
        region = sweep.covering(finding.start) if sweep is not None else None
        if region is None:
            kept.append(finding)
            continue
        index, _, _, own = region
        directive = directives[index]
        if not own:
            used.add((index, finding.rule))
        line = document.lines.position(directive.start)[0]
        suppressed.append(Suppressed(finding, directive.reason, line))
    for index, directive in enumerate(directives):
        if directive.action == ENABLE:
            continue
        for rule_id, start, end in directive.rules:
            if rule_id in known_rules and (ran is None or rule_id in ran) and (index, rule_id) not in used:
                where = "on the next line" if directive.action == NEXT_LINE else "in its block"
                problems.append(
                    _problem(UNUSED, document, start, end, f"Rule {rule_id} found nothing {where}.")
                )
    kept.extend(problems)
    kept.sort(key=lambda f: (f.start, f.end, f.rule))
    return kept, suppressed


def find_directives(document: Document) -> list[Directive]:
    """The suppression directives of a draft, in order."""
    text = document.text
    if "postguard-" not in text:
        return []
    if document.format == "text":
        spans = _marker_lines(document)
    else:
        spans = [(s.start, s.end) for s in document.segments if s.scope == "comments"]
    out = []
    for start, end in spans:
        directive = _parse(text, start, end)
        if directive is not None:
            out.append(directive)
    return out


def _marker_lines(document: Document) -> Iterable[tuple[int, int]]:
    lines = document.lines
    for number in range(1, lines.line_count + 1):
        start, end = lines.line_span(number)
        if document.text[start:end].lstrip().startswith("postguard-"):
            yield start, end


def _parse(text: str, start: int, end: int) -> Directive | None:
    body = text[start:end]
    lead = len(body) - len(body.lstrip())
    m = DIRECTIVE_RE.match(body, lead)
    if m is None:
        return None
    rest_start = start + m.start("rest")
    rest = m.group("rest")
    separator = REASON_RE.search(rest)
    ids_end = rest_start + (separator.start() if separator else len(rest.rstrip()))
    reason = rest[separator.end() :].strip() if separator else ""
    rules = tuple((r.group(), r.start(), r.end()) for r in RULE_ID_RE.finditer(text, rest_start, ids_end))
    syntax_end = max([start + m.end("action"), *(e for _, _, e in rules)])
    outer_start = start - len(COMMENT_OPEN) if text.endswith(COMMENT_OPEN, 0, start) else start
    outer_end = end + len(COMMENT_CLOSE) if text.startswith(COMMENT_CLOSE, end) else end
    return Directive(
        action=m.group("action"),
        rules=rules,
        reason=reason,
        start=start + lead,
        end=end,
        syntax_end=syntax_end,
        outer_start=outer_start,
        outer_end=outer_end,
    )


# A region: (directive index, start, end, own) for one rule; "own" marks a directive's reason.
_Region = tuple[int, int, int, bool]


def _regions(
    document: Document, directives: list[Directive], known: Collection[str], problems: list[Finding]
) -> dict[str, list[_Region]]:
    regions: dict[str, list[_Region]] = {}
    open_blocks: dict[str, int] = {}
    text_end = len(document.text)
    next_line = _NextLine(document, directives)
    hints: dict[str, str] = {}  # one suggestion per unknown id, however often it is named
    for index, d in enumerate(directives):
        if not d.rules:
            problems.append(
                _problem(
                    INVALID,
                    document,
                    d.start,
                    d.syntax_end,
                    f"postguard-{d.action} names no rule; say which rule it is for.",
                )
            )
        if d.action != ENABLE and not d.reason:
            problems.append(_problem(NO_REASON, document, d.start, d.syntax_end, NO_REASON.message))
        for rule_id, start, end in d.rules:
            if rule_id not in known:
                if rule_id not in hints:
                    hints[rule_id] = did_you_mean(rule_id, list(known))
                problems.append(
                    _problem(
                        INVALID,
                        document,
                        start,
                        end,
                        f"Unknown rule {rule_id!r} in postguard-{d.action}"
                        f"{hints[rule_id]}; it suppresses nothing.",
                    )
                )
                continue
            if d.action == ENABLE:
                opened = open_blocks.pop(rule_id, None)
                if opened is None:
                    problems.append(
                        _problem(
                            INVALID,
                            document,
                            start,
                            end,
                            f"postguard-enable {rule_id} has no postguard-disable {rule_id} before it.",
                        )
                    )
                else:
                    block = directives[opened]
                    regions.setdefault(rule_id, []).append((opened, block.outer_end, d.outer_start, False))
                continue
            regions.setdefault(rule_id, []).append((index, d.syntax_end, d.outer_end, True))
            if d.action == NEXT_LINE:
                target = next_line.after(d)
                if target is not None:
                    regions[rule_id].append((index, *target, False))
            elif rule_id not in open_blocks:
                open_blocks[rule_id] = index
    for rule_id, opened in open_blocks.items():
        regions.setdefault(rule_id, []).append((opened, directives[opened].outer_end, text_end, False))
    return regions


class _NextLine:
    """The next line with something besides blanks and other directives, for directives asked
    about in order. Directives in a row share the answer, so each line is scanned once in all:
    scanning ahead from each of 8,000 stacked directives took 34 s."""

    def __init__(self, document: Document, directives: Sequence[Directive]) -> None:
        self._document = document
        self._spans = sorted((x.outer_start, x.outer_end) for x in directives)
        self._starts = [a for a, _ in self._spans]
        self._asked_from = -1  # the last line asked from, and the line found (None: no line to the end)
        self._found: int | None = None

    def after(self, d: Directive) -> tuple[int, int] | None:
        lines = self._document.lines
        number = lines.position(d.outer_end)[0] + 1
        known = self._asked_from <= number and (self._found is None or number <= self._found)
        if self._asked_from < 0 or not known:
            self._asked_from, self._found = number, self._scan(number)
        return None if self._found is None else lines.line_span(self._found)

    def _scan(self, number: int) -> int | None:
        lines, text, spans = self._document.lines, self._document.text, self._spans
        while number <= lines.line_count:
            start, end = lines.line_span(number)
            pos = start
            while pos < end:
                if text[pos].isspace():
                    pos += 1
                    continue
                i = bisect.bisect_right(self._starts, pos) - 1
                if i >= 0 and spans[i][0] <= pos < spans[i][1]:
                    pos = spans[i][1]
                    continue
                return number
            number += 1
        return None


class _RegionSweep:
    """A rule's regions asked about in order of position: the first region in the list that covers
    an offset, as a pass over the list would find it, from a heap of the regions begun and not yet
    ended (a pass per finding was quadratic in the number of directives)."""

    def __init__(self, regions: list[_Region]) -> None:
        self._regions = regions
        self._by_start = sorted(range(len(regions)), key=lambda i: regions[i][1])
        self._begun = 0
        self._open: list[tuple[int, int]] = []  # (index in the list, end), least index on top

    def covering(self, offset: int) -> _Region | None:
        regions, by_start = self._regions, self._by_start
        while self._begun < len(by_start) and regions[by_start[self._begun]][1] <= offset:
            index = by_start[self._begun]
            heapq.heappush(self._open, (index, regions[index][2]))
            self._begun += 1
        while self._open and self._open[0][1] <= offset:  # ended: offsets only grow from here
            heapq.heappop(self._open)
        return regions[self._open[0][0]] if self._open else None


def _problem(rule: Rule, document: Document, start: int, end: int, message: str) -> Finding:
    return finding_at(rule, document, start, end, message, rule.guidance)
