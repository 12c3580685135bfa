"""``--format text``: for people at a terminal. Plain words, the line marked, then the why."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import click

from ..engine import Result
from ..findings import Finding, Severity, mask
from ..inputs import display_path
from . import ReportOptions, summary

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
CONTEXT_WIDTH = 100  # characters of a long line shown around a match


def render(results: Sequence[Result], options: ReportOptions) -> str:
    out: list[str] = []
    for result in results:
        path = display_path(result.path) if result.path else "<text>"
        lines = result.text.splitlines() if not options.quiet else []
        hidden = [] if options.show_matches else [f for f in result.findings if f.sensitive]
        for finding in result.findings:
            out.append(_headline(path, finding, options))
            if options.quiet:
                continue
            out.extend(_context(lines, finding, options, hidden))
            if finding.guidance:
                out.extend(_wrap(finding.guidance, "    = ", options))
            out.append("")
    if not options.quiet:
        out.append(_summary_line(results, options))
    return "\n".join(out).rstrip("\n")


def _style(text: str, options: ReportOptions, **style) -> str:
    return click.style(text, **style) if options.color else text


def _headline(path: str, f: Finding, options: ReportOptions) -> str:
    severity = _style(f.severity.label, options, fg=_COLORS[f.severity], bold=True)
    location = _style(f"{path}:{f.line}:{f.column}:", options, bold=True)
    return f"{location} {severity} [{f.rule}] {f.message}"


def _context(lines: list[str], f: Finding, options: ReportOptions, hidden: list[Finding]) -> list[str]:
    if not 0 < f.line <= len(lines):
        return []
    line = lines[f.line - 1]
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    for other in hidden:  # every private value on the line, not only this finding's
        if other.line <= f.line <= other.end_line:
            a = other.column - 1 if other.line == f.line else 0
            b = other.end_column - 1 if other.end_line == f.line else len(line)
            line = line[:a] + mask(line[a:b]) + line[b:]
    left, right = 0, len(line)
    if len(line) > CONTEXT_WIDTH:
        left = max(0, start - CONTEXT_WIDTH // 2)
        right = min(len(line), max(end, start + 1) + CONTEXT_WIDTH // 2)
    shown = ("..." if left else "") + line[left:right] + ("..." if right < len(line) else "")
    offset = start - left + (3 if left else 0)
    shown = shown.replace("\t", " ")
    gutter = f"{f.line:>5} | "
    marker = " " * len(gutter[:-2]) + "| " + " " * offset + "^" * max(1, min(end, right) - start)
    return [gutter + shown, _style(marker, options, fg=_COLORS[f.severity])]


def _wrap(text: str, prefix: str, options: ReportOptions) -> list[str]:
    width = 100
    body = textwrap.wrap(" ".join(text.split()), width=width - len(prefix)) or [""]
    lines = [prefix + body[0]] + [" " * len(prefix) + rest for rest in body[1:]]
    return [_style(line, options, dim=True) for line in lines]


def _summary_line(results: Sequence[Result], options: ReportOptions) -> str:
    counts = summary(results, options.fail_on)
    files = counts["files"]
    noun = "file" if files == 1 else "files"
    if not counts["findings"]:
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
    if not counts["failed"]:
        text += f" None is at or above the fail level ({options.fail_on.label})."
    return _style(text, options, bold=True)
