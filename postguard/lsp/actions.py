"""What the server says about one finding: its diagnostic, its hover text and its code actions.
Messages and guidance come from the engine, which masks private data in them; the matched
text of a sensitive finding is never put in anything sent to the editor."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from lsprotocol import types

from postguard.engine.suppressions import META_RULES
from postguard.lsp.positions import PositionIndex, utf16_length
from postguard.model import Finding, Result, RuleInfo, Severity
from postguard.policy import Policy

SOURCE = "postguard"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
#: Where the cursor goes in an inserted suppression: the reason the author must write.
REASON_PLACEHOLDER = "reason"
#: The server command that selects the reason after a plain (non-snippet) suppression edit.
SELECT_COMMAND = "postguard.selectReason"


def rule_of(policy: Policy, rule_id: str) -> RuleInfo | None:
    if rule_id in META_RULES:
        return META_RULES[rule_id]
    try:
        return policy.rule(rule_id)
    except KeyError:
        return None


#: What each word a model weighed most is called where the editor lists it under the finding.
CUE_NOTE = {"en": "weighs most in this verdict", "nb": "veier tyngst i vurderingen"}


def diagnostic(
    finding: Finding, positions: PositionIndex, policy: Policy, uri: str, language: str, related: bool
) -> types.Diagnostic:
    """The finding as an editor shows it. A model finding's cues (the words that weighed most)
    become related information where the editor takes it (``related``), so the person can jump
    to each word; only their places are sent, never their text."""
    cues = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=positions.range(start, end)),
            message=CUE_NOTE.get(language, CUE_NOTE["en"]),
        )
        for start, end in finding.cues
    ]
    return types.Diagnostic(
        range=positions.range(finding.start, finding.end),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=_rule_link(policy, finding.rule),
        source=SOURCE,
        related_information=cues if related and cues else None,
    )


def _rule_link(policy: Policy, rule_id: str) -> types.CodeDescription | None:
    """A link to where the rule is written, when that is a policy file (not a built-in pack)."""
    if rule_id in META_RULES:
        return None
    try:
        rule = policy.rule(rule_id)
    except KeyError:
        return None
    source = Path(rule.source)
    if not source.is_file():
        return None
    return types.CodeDescription(href=source.resolve().as_uri() + (f"#L{rule.line}" if rule.line else ""))


def hover_text(findings: list[Finding], policy: Policy) -> str:
    """Markdown: for each finding, the message, why the policy has the rule and how to fix it."""
    parts = []
    for finding in findings:
        rule = rule_of(policy, finding.rule)
        lines = [f"**{finding.message}**", ""]
        if rule is not None and rule.description:
            lines += [f"Why: {rule.description}", ""]
        if finding.guidance:
            lines += [f"How to fix it: {finding.guidance}", ""]
        lines.append(f"`{finding.rule}` · {finding.severity.label}")
        parts.append("\n".join(lines))
    return "\n\n---\n\n".join(parts)


def suppression_line(finding: Finding, format: str, indent: str, newline: str, reason: str) -> str:
    """The directive that silences ``finding`` on the next line, in the draft's comment syntax."""
    directive = f"postguard-disable-next-line {finding.rule} -- {reason}"
    if format == "text":
        return f"{indent}{directive}{newline}"
    return f"{indent}<!-- {directive} -->{newline}"


def suppress_action(
    uri: str,
    version: int | None,
    finding: Finding,
    positions: PositionIndex,
    format: str,
    *,
    snippets: bool,
    select_command: bool,
) -> types.CodeAction:
    """ "Suppress here with a reason": a directive on a new line before the finding's line, with
    the cursor on the reason: a snippet where the editor takes snippet edits; else a plain edit
    and then the reason selected through ``window/showDocument`` where the editor supports it."""
    text = positions.text
    line_start = positions.line_start(finding.start)
    line_text = text[line_start : finding.start]
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"
    at = positions.position(line_start)
    insert = types.Range(start=at, end=at)
    title = f"Suppress {finding.rule} here with a reason"
    if snippets:
        snippet = suppression_line(finding, format, indent, newline, "${1:" + REASON_PLACEHOLDER + "}")
        edit = types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                    edits=[types.SnippetTextEdit(range=insert, snippet=types.StringValue(value=snippet))],
                )
            ]
        )
        return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, edit=edit)
    inserted = suppression_line(finding, format, indent, newline, REASON_PLACEHOLDER)
    edit = types.WorkspaceEdit(changes={uri: [types.TextEdit(range=insert, new_text=inserted)]})
    command = None
    if select_command:
        reason_at = utf16_length(inserted[: inserted.rindex(REASON_PLACEHOLDER)])
        reason = types.Range(
            start=types.Position(line=at.line, character=reason_at),
            end=types.Position(line=at.line, character=reason_at + len(REASON_PLACEHOLDER)),
        )
        command = types.Command(title="Select the reason", command=SELECT_COMMAND, arguments=[uri, reason])
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, edit=edit, command=command)


def redact_action(
    uri: str, finding: Finding, positions: PositionIndex, format: str, language: str
) -> types.CodeAction:
    """ "Redact this": the match replaced with what ``postguard redact`` writes for it."""
    from postguard.workflow.redact import redact_text

    alone = dataclasses.replace(finding, start=0, end=len(finding.text))
    replacement = redact_text(Result(None, language, format, (alone,), finding.text))
    edit = types.TextEdit(range=positions.range(finding.start, finding.end), new_text=replacement)
    return types.CodeAction(
        title=f"Redact this as {replacement}",
        kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )
