"""``--format json``: the public, versioned machine-readable contract (see README)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from postguard.model import Finding, Result, display_path
from postguard.report import ReportOptions, summary
from postguard.version import __version__


def render(results: Sequence[Result], options: ReportOptions) -> str:
    return json.dumps(document(results, options), ensure_ascii=False, indent=2)


def document(results: Sequence[Result], options: ReportOptions) -> dict[str, Any]:
    """The report as plain data, for callers that send it on themselves (the web API)."""
    files = []
    for result in results:
        files.append(
            {
                "path": display_path(result.path) if result.path else "<text>",
                "language": result.language,
                "format": result.format,
                "findings": [finding(f, options.show_matches) for f in result.findings],
            }
        )
    return {"version": __version__, "files": files, "summary": summary(results, options)}


def finding(f: Finding, show_matches: bool = False) -> dict[str, Any]:
    """One finding as the contract spells it (also the audit's findings.jsonl lines)."""
    out: dict[str, Any] = {
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity.label,
        "message": f.message,
        "guidance": f.guidance,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "start": f.start,
        "end": f.end,
        "excerpt": f.excerpt(show_matches),
        "masked": f.masks and not show_matches,
    }
    if f.score is not None:
        out["score"] = round(f.score, 3)
    if f.cues:
        out["cues"] = [{"start": start, "end": end} for start, end in f.cues]
    return out
