"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message``. Columns are 1-based
and ``endColumn`` points just past the match, as in the other formats; GitHub accepts columns
only on a single line, so a finding over several lines gets lines only. Property values escape
``%``, CR, LF, ``:`` and ``,``; the message escapes ``%``, CR and LF. Messages are masked by
the engine, and no matched text is printed, so private data stays out of CI logs.
"""

from __future__ import annotations

from collections.abc import Sequence

from postguard.model import Finding, Result, Severity, display_path
from postguard.report import ReportOptions

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(results: Sequence[Result], options: ReportOptions) -> str:
    lines: list[str] = []
    for result in results:
        path = display_path(result.path) if result.path else None
        lines.extend(annotation(path, finding) for finding in result.findings)
    return "\n".join(lines)


def annotation(path: str | None, finding: Finding) -> str:
    properties: list[tuple[str, object]] = []
    if path is not None:
        properties.append(("file", path))
    properties += [("line", finding.line), ("endLine", finding.end_line)]
    if finding.line == finding.end_line:
        properties += [("col", finding.column), ("endColumn", finding.end_column)]
    properties.append(("title", f"postguard {finding.rule}"))
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    message = finding.message
    if finding.guidance:
        message += "\n" + finding.guidance
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
