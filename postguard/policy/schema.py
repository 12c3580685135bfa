"""What a policy file may say: its keys, their values, and the parsing of one rule and its
examples (kind-specific keys are validated by the rule's kind, see :mod:`postguard.kinds`)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

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
    }
)
LIST_KEYS = frozenset({"terms", "file", "hashed", "key-env", "case", "inflect", "compound"})
TERM_KEYS = frozenset({"term", "case", "inflect", "compound"})
CASE_VALUES = ("any", "exact")
COMPOUND_VALUES = ("head", "tail", "any")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
CATEGORY_RE = re.compile(r"^[a-z][a-z0-9-]*$")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")


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
    for key in ("kind", "category", "message"):
        if not isinstance(spec.get(key), str) or not spec[key].strip():
            raise PolicyError(display, line_of(spec, key) or line, f"{where} needs '{key}' (text)")
    category = spec["category"]
    if not CATEGORY_RE.match(category):
        raise PolicyError(
            display,
            line_of(spec, "category"),
            f"{where}: invalid category {category!r}; use lower-case words",
        )
    severity = parse_severity(spec.get("severity", "warning"), display, line_of(spec, "severity") or line)
    message = spec["message"].strip()
    guidance = spec.get("guidance", "")
    if not isinstance(guidance, str):
        raise PolicyError(display, line_of(spec, "guidance"), f"{where}: 'guidance' must be text")
    for field_name, text in (("message", message), ("guidance", guidance)):
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
    options = {k: v for k, v in spec.items() if k not in COMMON_RULE_KEYS}
    description = spec.get("description", "")
    return Rule(
        id=rule_id,
        kind=spec["kind"],
        category=category,
        severity=severity,
        message=message,
        guidance=guidance.strip(),
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
    )


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
