"""What a policy file may say: its keys, their values, and the parsing of one rule and its
examples (kind-specific keys are validated by the rule's kind, see :mod:`postguard.kinds`)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from postguard.analysis.context import CONTEXTS
from postguard.errors import PolicyError, did_you_mean
from postguard.model import INPUT_FORMATS, LANGUAGES, PLACEHOLDERS, SCOPES, SENSITIVE_CATEGORIES, Severity
from postguard.policy.model import Example, Rule
from postguard.policy.yamlsource import line_of

TOP_LEVEL_KEYS = frozenset(
    {
        "version",
        "name",
        "description",
        "languages",
        "extends",
        "fail-on",
        "lists",
        "rules",
        "allow",
        "disable",
        "severity",
        "threshold",
    }
)
#: Keys every rule may have; each rule kind adds its own (see ``postguard.kinds``).
COMMON_RULE_KEYS = frozenset(
    {
        "id",
        "kind",
        "category",
        "severity",
        "message",
        "guidance",
        "scope",
        "languages",
        "examples",
        "allow",
        "description",
        "mask",
        "unless",
        "unless-near",
    }
)
LIST_KEYS = frozenset({"terms", "file", "hashed", "key-env", "case", "inflect", "compound", "variants"})
TERM_KEYS = frozenset({"term", "case", "inflect", "compound", "variants"})
CASE_VALUES = ("any", "exact")
COMPOUND_VALUES = ("head", "tail", "any")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
CATEGORY_RE = re.compile(r"^[a-z][a-z0-9-]*$")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
#: The language of a rule's ``message`` and ``guidance`` when it gives them in several.
DEFAULT_TEXT_LANGUAGE = "en"


# --- validation helpers ----------------------------------------------------------------------


def check_keys(data: dict, allowed: frozenset[str], display: str, what: str) -> None:
    for key in data:
        if key not in allowed:
            raise PolicyError(
                display,
                line_of(data, key),
                f"unknown key {key!r} in {what}{did_you_mean(key, allowed)}; "
                f"expected one of: {', '.join(sorted(allowed))}",
            )


def entries(data: dict, key: str, display: str, kind: type) -> list[tuple[Any, int | None]]:
    """A key that holds one value or a list of values, each checked for type, with lines."""
    value = data.get(key)
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    out = []
    for index, item in enumerate(values):
        line = line_of(value, index) if isinstance(value, list) else line_of(data, key)
        if not isinstance(item, kind) or (isinstance(item, str) and kind is str and not item.strip()):
            raise PolicyError(display, line, f"'{key}' entries must be {type_name(kind)}, got {item!r}")
        out.append((item, line))
    return out


def type_name(kind: type) -> str:
    return {str: "text", int: "whole numbers", dict: "mappings"}.get(kind, kind.__name__)


def threshold_by_language(value: Any) -> dict[str, float] | None:
    """A model rule's threshold as one number per language (one number counts for every
    language), or None when ``value`` is neither that nor a number between 0 and 1 for each."""
    values = value if isinstance(value, dict) else dict.fromkeys(LANGUAGES, value)
    if set(values) != set(LANGUAGES) or not all(
        not isinstance(n, bool) and isinstance(n, int | float) and 0 < n < 1 for n in values.values()
    ):
        return None
    return {language: float(number) for language, number in values.items()}


def parse_severity(value: Any, display: str, line: int | None) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError:
        raise PolicyError(
            display, line, f"invalid severity {value!r}; expected error, warning or info"
        ) from None


def choice(value: Any, choices: tuple[str, ...], what: str, display: str, line: int | None) -> str:
    if value not in choices:
        raise PolicyError(display, line, f"invalid {what} {value!r}; expected one of: {', '.join(choices)}")
    return value


def boolean(value: Any, what: str, display: str, line: int | None) -> bool:
    if not isinstance(value, bool):
        raise PolicyError(display, line, f"'{what}' must be true or false, got {value!r}")
    return value


def parse_rule_spec(spec: Any, display: str, line: int | None) -> Rule:
    if not isinstance(spec, dict):
        raise PolicyError(
            display, line, f"each rule must be a mapping with id, kind, category, ...; got {spec!r}"
        )
    line = line_of(spec) or line
    rule_id = spec.get("id")
    if not isinstance(rule_id, str) or not ID_RE.match(rule_id):
        raise PolicyError(
            display, line, f"a rule needs an 'id' made of letters, digits, '-', '_' or '.'; got {rule_id!r}"
        )
    where = f"rule {rule_id!r}"
    for key in ("kind", "category"):
        if not isinstance(spec.get(key), str) or not spec[key].strip():
            raise PolicyError(display, line_of(spec, key) or line, f"{where} needs '{key}' (text)")
    messages = _per_language(spec, "message", display, where, line)
    guidances = _per_language(spec, "guidance", display, where, line)
    category = spec["category"]
    if not CATEGORY_RE.match(category):
        raise PolicyError(
            display,
            line_of(spec, "category"),
            f"{where}: invalid category {category!r}; use lower-case words",
        )
    severity = parse_severity(spec.get("severity", "warning"), display, line_of(spec, "severity") or line)
    default = DEFAULT_TEXT_LANGUAGE if DEFAULT_TEXT_LANGUAGE in messages else next(iter(messages))
    message, guidance = messages[default], guidances.get(default, "")
    translations = {
        language: (text, guidances.get(language, guidance))
        for language, text in messages.items()
        if language != default
    }
    for language in set(guidances) - set(messages):
        raise PolicyError(
            display, line_of(spec, "guidance"), f"{where}: guidance in {language!r} but no message in it"
        )
    texts = [("message", t) for t in messages.values()] + [("guidance", t) for t in guidances.values()]
    for field_name, text in texts:
        for placeholder in PLACEHOLDER_RE.findall(text):
            if placeholder not in PLACEHOLDERS:
                raise PolicyError(
                    display,
                    line_of(spec, field_name),
                    f"{where}: unknown placeholder {{{placeholder}}} in {field_name}; available: "
                    + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                )
    scope = frozenset(v for v, _ in entries(spec, "scope", display, str)) or frozenset(SCOPES)
    for value in scope:
        if value not in SCOPES:
            raise PolicyError(
                display,
                line_of(spec, "scope"),
                f"{where}: unknown scope {value!r}{did_you_mean(value, SCOPES)}; expected: {', '.join(SCOPES)}",
            )
    languages = frozenset(v for v, _ in entries(spec, "languages", display, str)) or None
    for lang in languages or ():
        if lang not in LANGUAGES:
            raise PolicyError(display, line_of(spec, "languages"), f"{where}: unsupported language {lang!r}")
    flag, passing = _examples(spec, display, where)
    if languages is not None and len(languages) == 1:  # an example of a one-language rule is in it
        (only,) = languages
        flag, passing = (tuple(replace(e, lang=e.lang or only) for e in group) for group in (flag, passing))
    unless = frozenset(v for v, _ in entries(spec, "unless", display, str))
    for value in unless:
        if value not in CONTEXTS:
            raise PolicyError(
                display,
                line_of(spec, "unless"),
                f"{where}: unknown context {value!r} in 'unless'{did_you_mean(value, CONTEXTS)}; "
                f"expected: {', '.join(CONTEXTS)}",
            )
    options = {k: v for k, v in spec.items() if k not in COMMON_RULE_KEYS}
    description = spec.get("description", "")
    return Rule(
        id=rule_id,
        kind=spec["kind"],
        category=category,
        severity=severity,
        message=message,
        guidance=guidance,
        scope=scope,
        languages=languages,
        allow=tuple(v for v, _ in entries(spec, "allow", display, str)),
        flag_examples=flag,
        pass_examples=passing,
        options=options,
        source=display,
        line=line,
        description=description.strip() if isinstance(description, str) else "",
        key_lines=dict(getattr(spec, "key_lines", {})),
        mask=boolean(spec["mask"], "mask", display, line_of(spec, "mask"))
        if "mask" in spec
        else category in SENSITIVE_CATEGORIES,
        translations=translations,
        unless=unless,
        unless_near=tuple(v for v, _ in entries(spec, "unless-near", display, str)),
    )


def _per_language(spec: dict, key: str, display: str, where: str, line: int | None) -> dict[str, str]:
    """A rule's ``message`` or ``guidance``: one text, or one per language (``{en: ..., nb: ...}``).
    A single text is the default language's (``message`` is required, ``guidance`` is not)."""
    value = spec.get(key, "" if key == "guidance" else None)
    at = line_of(spec, key) or line
    if isinstance(value, str):
        if key == "message" and not value.strip():
            raise PolicyError(display, at, f"{where} needs 'message' (text)")
        return {DEFAULT_TEXT_LANGUAGE: value.strip()} if value.strip() else {}
    if isinstance(value, dict) and value:
        texts = {}
        for language, text in value.items():
            if language not in LANGUAGES:
                raise PolicyError(
                    display,
                    at,
                    f"{where}: {key} in unsupported language {language!r}; expected: {', '.join(LANGUAGES)}",
                )
            if not isinstance(text, str) or not text.strip():
                raise PolicyError(display, at, f"{where}: {key} in {language!r} must be text")
            texts[language] = text.strip()
        return texts
    what = f"needs '{key}'" if value is None or value == {} else f"'{key}' must be text"
    raise PolicyError(display, at, f"{where} {what} (text, or one text per language: {{en: ..., nb: ...}})")


def _examples(spec: dict, display: str, where: str) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    examples = spec.get("examples")
    if examples is None:
        return (), ()
    if not isinstance(examples, dict):
        raise PolicyError(
            display, line_of(spec, "examples"), f"{where}: 'examples' must have 'flag' and/or 'pass' lists"
        )
    out: dict[str, list[Example]] = {"flag": [], "pass": []}
    for key, items in examples.items():
        if key not in out:
            raise PolicyError(
                display,
                line_of(examples, key),
                f"{where}: unknown examples key {key!r}; expected 'flag' or 'pass'",
            )
        if not isinstance(items, list):
            raise PolicyError(display, line_of(examples, key), f"{where}: examples '{key}' must be a list")
        for index, item in enumerate(items):
            item_line = line_of(items, index)
            if isinstance(item, str):
                out[key].append(Example(item))
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                extra = set(item) - {"text", "lang", "format"}
                if extra:
                    raise PolicyError(
                        display,
                        item_line,
                        f"{where}: unknown example key {sorted(extra)[0]!r}; expected text, lang, format",
                    )
                lang = item.get("lang")
                if lang is not None and lang not in LANGUAGES:
                    raise PolicyError(display, item_line, f"{where}: unsupported example language {lang!r}")
                fmt = item.get("format", "text")
                if fmt not in INPUT_FORMATS:
                    raise PolicyError(
                        display,
                        item_line,
                        f"{where}: unknown example format {fmt!r}; expected one of {', '.join(INPUT_FORMATS)}",
                    )
                out[key].append(Example(item["text"], lang, fmt))
            else:
                raise PolicyError(
                    display, item_line, f"{where}: an example must be text or a mapping with 'text'"
                )
    return tuple(out["flag"]), tuple(out["pass"])
