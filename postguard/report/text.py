"""``--format text``: for people at a terminal. Plain words, the line marked, then the why."""

from __future__ import annotations

import bisect
import itertools
import re
import sys
import textwrap
from collections.abc import Sequence

import click

from postguard.model import Finding, Result, Severity, display_path, mask
from postguard.report import ReportOptions, summary

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
#: What a draft may hold that a terminal would act on instead of showing: control characters
#: (escape sequences, backspace), DEL, C1 controls, and the bidirectional overrides that reorder
#: what is shown. Each becomes one visible character, so the caret line stays aligned.
_UNSAFE = {
    **{code: 0x2400 + code for code in range(0x20) if code != 0x09},  # "␛" for ESC, "␈" for BS
    0x7F: 0x2421,  # "␡"
    **{code: 0xFFFD for code in range(0x80, 0xA0)},
    **{code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
CONTEXT_WIDTH = 100  # characters of a long line shown around a match


def render(results: Sequence[Result], options: ReportOptions) -> str:
    out: list[str] = []
    for result in results:
        path = display_path(result.path) if result.path else "<text>"
        # Split as LineIndex counts lines (str.splitlines also breaks at \f, \u2028...).
        lines = LINE_BREAK_RE.split(result.text) if not options.quiet else []
        hidden = _private_spans(result) if not options.show_matches else {}
        for finding in result.findings:
            out.append(_headline(path, finding, options))
            if options.quiet:
                continue
            out.extend(_context(lines, finding, options, hidden))
            if finding.guidance:
                out.extend(_wrap(printable(finding.guidance), "    = ", options))
            out.append("")
    if not options.quiet:
        out.append(_summary_line(results, options))
    return "\n".join(out).rstrip("\n")


def _private_spans(result: Result) -> dict[int, tuple[list[tuple[int, int]], list[int]]]:
    """Per line, the (start, end) columns of the draft's private values on it, sorted, with the
    furthest end reached so far at each (so a context window finds its spans without a full scan).

    Every context line masks all of them, not only the finding it shows: a line holding two card
    numbers must not print the second one in the first one's context, nor a value whose finding
    was suppressed or baselined.
    """
    if not result.private:
        return {}
    starts = [0] + [m.end() for m in LINE_BREAK_RE.finditer(result.text)]
    spans: dict[int, list[tuple[int, int]]] = {}
    for start, end in result.private:
        number = bisect.bisect_right(starts, start)  # 1-based line of ``start``
        while number <= len(starts) and starts[number - 1] < max(end, start + 1):
            line_start = starts[number - 1]
            a = max(start - line_start, 0)
            b = end - line_start if number == len(starts) or end <= starts[number] else sys.maxsize
            spans.setdefault(number, []).append((a, b))
            number += 1
    out = {}
    for number, found in spans.items():
        found.sort()
        out[number] = (found, list(itertools.accumulate((b for _, b in found), max)))
    return out


def _style(text: str, options: ReportOptions, **style) -> str:
    return click.style(text, **style) if options.color else text


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: see :data:`_UNSAFE`."""
    return text.translate(_UNSAFE)


def _headline(path: str, f: Finding, options: ReportOptions) -> str:
    severity = _style(f.severity.label, options, fg=_COLORS[f.severity], bold=True)
    location = _style(f"{printable(path)}:{f.line}:{f.column}:", options, bold=True)
    return f"{location} {severity} [{f.rule}] {printable(f.message)}"


def _context(
    lines: list[str],
    f: Finding,
    options: ReportOptions,
    hidden: dict[int, tuple[list[tuple[int, int]], list[int]]],
) -> list[str]:
    """The finding's line with a caret marker; every private match on the line stays masked."""
    if not 0 < f.line <= len(lines):
        return []
    line = lines[f.line - 1]
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    left, right = 0, len(line)
    if len(line) > CONTEXT_WIDTH:
        left = max(0, start - CONTEXT_WIDTH // 2)
        right = min(len(line), max(end, start + 1) + CONTEXT_WIDTH // 2)
    window = line[left:right]
    spans, reach = hidden.get(f.line, ([], []))
    k = bisect.bisect_left(spans, (right,)) - 1
    while k >= 0 and reach[k] > left:  # only the spans that can reach into the window
        a, b = spans[k]
        b = min(b, len(line))
        if b > left:  # mask the whole match, then show the part inside the window
            lo, hi = max(a, left), min(b, right)
            window = window[: lo - left] + mask(line[a:b])[lo - a : hi - a] + window[hi - left :]
        k -= 1
    shown = ("..." if left else "") + window + ("..." if right < len(line) else "")
    offset = start - left + (3 if left else 0)
    shown = printable(shown.replace("\t", " "))
    gutter = f"{f.line:>5} | "
    underline = _underline(f, max(1, min(end, right) - start))
    marker = " " * len(gutter[:-2]) + "| " + " " * offset + underline
    return [gutter + shown, _style(marker, options, fg=_COLORS[f.severity])]


def _underline(f: Finding, width: int) -> str:
    """Carets under the match; under a model's finding, carets under the words that weighed most
    (its cues) and dashes under the rest of the sentence, as a compiler marks the primary span."""
    if not f.cues:
        return "^" * width
    marks = ["-"] * width
    for cue_start, cue_end in f.cues:
        before = f.text[: cue_start - f.start]
        if "\n" in before or "\r" in before:
            break  # the cues further on are on later lines
        for at in range(cue_start - f.start, min(cue_end - f.start, width)):
            marks[at] = "^"
    return "".join(marks)


def _wrap(text: str, prefix: str, options: ReportOptions) -> list[str]:
    width = 100
    body = textwrap.wrap(" ".join(text.split()), width=width - len(prefix)) or [""]
    lines = [prefix + body[0]] + [" " * len(prefix) + rest for rest in body[1:]]
    return [_style(line, options, dim=True) for line in lines]


def _summary_line(results: Sequence[Result], options: ReportOptions) -> str:
    counts = summary(results, options)
    files = counts["files"]
    noun = "file" if files == 1 else "files"
    unread = len(options.input_errors)
    not_read = (
        f" {unread} {'input' if unread == 1 else 'inputs'} could not be checked (see above)."
        if unread
        else ""
    )
    if not counts["findings"]:
        if unread:
            return _style(
                f"No problems found in {files} {noun} checked;{not_read}", options, fg="red", bold=True
            )
        return _style(f"No problems found in {files} {noun}.", options, fg="green")
    parts = [
        f"{counts[key]} {label}{'s' if counts[key] != 1 and key != 'info' else ''}"
        for key, label in (("errors", "error"), ("warnings", "warning"), ("info", "info"))
        if counts[key]
    ]
    problems = counts["findings"]
    text = (
        f"{problems} problem{'s' if problems != 1 else ''} ({', '.join(parts)}) in "
        f"{counts['files_with_findings']} of {files} {noun}."
    )
    if not any(r.failed(options.fail_on) for r in results):
        text += f" None is at or above the fail level ({options.fail_on.label})."
    return _style(text + not_read, options, bold=True)
