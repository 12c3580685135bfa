"""What the web API does, without the web: read a request's JSON, check or redact the draft, and
build the response. Kept apart from the Starlette wiring (``app.py``) so that every rule about
bad input is plain code, and every refusal is an :class:`ApiError` with one line to send back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from postguard.engine import Linter
from postguard.errors import did_you_mean
from postguard.model import INPUT_FORMATS, LANGUAGES, REDACT_OPERATORS, generic
from postguard.report import ReportOptions
from postguard.report.json import document
from postguard.version import __version__

#: What the page and the API accept for "let postguard decide".
AUTO = "auto"

#: A JSON body may be this many times the size of the text it carries (``\\u0001`` is 6 bytes
#: for 1), plus room for the other keys.
JSON_OVERHEAD_FACTOR, JSON_OVERHEAD_BYTES = 6, 64 * 1024

CHECK_KEYS = frozenset({"text", "format", "lang", "show_matches"})
REDACT_KEYS = frozenset({"text", "format", "lang", "operator"})

_HTML_START = re.compile(
    r"\A\s*(?:<!doctype\s+html|<(?:html|head|body|article|section|div|p|h[1-6]|ul|ol)\b)", re.I
)
_HTML_TAGS = re.compile(r"</(?:p|div|a|li|h[1-6]|span|strong|em|article|section)\s*>", re.I)
_MARKDOWN_CUES = re.compile(
    r"^(?:\#{1,6}\s|```|~~~|>\s|[-*+]\s|\d+\.\s|---\s*$|\+\+\+\s*$)|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|`[^`\n]+`",
    re.M,
)


class ApiError(Exception):
    """A request the API refuses: the HTTP status and one line saying what is wrong."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class DraftRequest:
    """A validated request: the draft and how to read it (``None``: detect)."""

    text: str
    format: str
    lang: str | None
    show_matches: bool = False
    operator: str = REDACT_OPERATORS[0]


def body_limit(max_bytes: int) -> int:
    """The largest request body worth reading for a draft of at most ``max_bytes``."""
    return max_bytes * JSON_OVERHEAD_FACTOR + JSON_OVERHEAD_BYTES


def parse_json(body: bytes) -> object:
    """The request body as JSON, or a 400 that says where it broke."""
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        raise ApiError(
            400, f"the request body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except UnicodeDecodeError:
        raise ApiError(400, "the request body is not valid JSON: it is not UTF-8 text") from None
    except RecursionError:
        raise ApiError(400, "the request body is not valid JSON: it is nested too deeply") from None


def draft_request(data: object, keys: frozenset[str], max_bytes: int) -> DraftRequest:
    """Validate a decoded body: ``{"text": ..., "format"?: ..., "lang"?: ...}`` and the keys of one
    endpoint; unknown keys are refused, so a misspelt option is never silently ignored."""
    if not isinstance(data, dict):
        raise ApiError(422, 'send a JSON object such as {"text": "your draft"}')
    unknown = sorted(set(data) - keys)
    if unknown:
        raise ApiError(
            422,
            f"unknown key {unknown[0]!r}{did_you_mean(unknown[0], keys)}; expected {', '.join(sorted(keys))}",
        )
    text = data.get("text")
    if not isinstance(text, str):
        raise ApiError(422, '"text" is missing or not a string')
    if not text.strip():
        raise ApiError(422, '"text" is empty: there is no draft to check')
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise ApiError(
            422, '"text" contains an unpaired surrogate (\\ud800-\\udfff): it is not valid Unicode'
        ) from None
    if size > max_bytes:
        raise ApiError(413, f'"text" is {size:,} bytes; the limit is {max_bytes:,} bytes')
    fmt = _choice(data, "format", (AUTO, *INPUT_FORMATS))
    lang = _choice(data, "lang", (AUTO, *LANGUAGES))
    show_matches = data.get("show_matches", False)
    if not isinstance(show_matches, bool):
        raise ApiError(422, '"show_matches" must be true or false')
    operator = _choice(data, "operator", REDACT_OPERATORS)
    return DraftRequest(
        text=text,
        format=guess_format(text) if fmt in (None, AUTO) else fmt,
        lang=None if lang in (None, AUTO) else lang,
        show_matches=show_matches,
        operator=operator or REDACT_OPERATORS[0],
    )


def _choice(data: dict[str, Any], key: str, choices: tuple[str, ...]) -> str | None:
    value = data.get(key)
    if value is None or value in choices:
        return value
    shown = repr(value) if isinstance(value, str) else f"a JSON {type(value).__name__}"
    hint = did_you_mean(value, choices) if isinstance(value, str) else ""
    raise ApiError(422, f'unknown "{key}" {shown}{hint}; expected one of {", ".join(choices)}')


def guess_format(text: str) -> str:
    """How to read a pasted draft, which has no file name: HTML when it starts like a page or
    closes paragraph tags, Markdown when it has headings, lists, links, emphasis or code fences,
    else plain text (which reads everything as prose). A leading HTML comment decides nothing:
    Markdown posts open with suppression directives too."""
    if _HTML_START.match(text) or len(_HTML_TAGS.findall(text)) >= 2:
        return "html"
    if _MARKDOWN_CUES.search(text):
        return "markdown"
    return "text"


def check_response(linter: Linter, request: DraftRequest) -> dict[str, Any]:
    """``check --format json`` for one draft, with ``path`` null (it has no file)."""
    result = linter.check(request.text, format=request.format, lang=request.lang)
    options = ReportOptions(fail_on=linter.policy.fail_on, show_matches=request.show_matches)
    report = document([result], options)
    report["files"][0]["path"] = None
    return report


def redact_response(linter: Linter, request: DraftRequest) -> dict[str, Any]:
    """The draft with every PII and secret finding replaced, as ``postguard redact`` writes it."""
    from postguard.workflow.redact import redact_result

    result = linter.check(request.text, format=request.format, lang=request.lang)
    text, count = redact_result(result, request.operator)
    return {"text": text, "redacted": count, "language": result.language, "format": result.format}


def rules_response(linter: Linter) -> dict[str, Any]:
    """The active rules, described as ``postguard rules`` and ``explain`` do."""
    return {
        "version": __version__,
        "fail_on": linter.policy.fail_on.label,
        "rules": [
            {
                "id": rule.id,
                "category": rule.category,
                "severity": rule.severity.label,
                "message": generic(rule.message),
                "guidance": generic(rule.guidance),
                "description": rule.description,
                "source": rule.source,
            }
            for rule in linter.rules
        ],
    }


def health_response(linter: Linter) -> dict[str, Any]:
    return {"status": "ok", "version": __version__, "rules": len(linter.rules)}
