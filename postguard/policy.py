"""Policies: loading, validation with precise errors, ``extends``, named lists and packs.

A policy is YAML data (never code). Built-in packs in ``rules/`` are policies too, so a
company policy is just another file that ``extends`` them and adds its own lists and rules.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .document import SCOPES
from .errors import PolicyError
from .findings import SENSITIVE_CATEGORIES, Severity
from .hashing import (
    DEFAULT_KEY_ENV,
    ENV_NAME_RE,
    HashedList,
    HashKeyError,
    bind,
    is_hashed_file,
    parse_hashed_file,
    parse_hashed_mapping,
)
from .matching import Term
from .yamlsource import LocatedDict, YamlError, line_of, load_yaml

POLICY_FILENAMES = ("postguard.yml", "postguard.yaml", ".postguard.yml", ".postguard.yaml")
POLICY_ENV = "POSTGUARD_POLICY"
DEFAULT_PACK = "default"
LANGUAGES = ("en", "nb")

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
#: Keys every rule may have; each rule kind adds its own (see ``postguard.checks``).
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
PLACEHOLDERS = frozenset({"match", "term", "near"})


def packs_dir() -> Path:
    """Where the built-in packs live: inside the installed package, or ``rules/`` in a checkout."""
    installed = Path(__file__).with_name("_rules")
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "rules"


def builtin_packs() -> list[str]:
    return sorted(p.stem for p in packs_dir().glob("*.yml"))


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence in a rule's ``examples``: ``flag`` ones must be reported, ``pass`` ones not."""

    text: str
    lang: str | None = None
    format: str = "text"


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated rule. ``options`` holds the keys specific to its kind."""

    id: str
    kind: str
    category: str
    severity: Severity
    message: str
    guidance: str
    scope: frozenset[str]
    languages: frozenset[str] | None
    allow: tuple[str, ...]
    flag_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    options: Mapping[str, Any]
    source: str
    line: int | None
    description: str = ""
    key_lines: Mapping[str, int] = field(default_factory=dict)
    mask: bool = False

    @classmethod
    def described(
        cls,
        rule_id: str,
        category: str,
        severity: Severity,
        message: str,
        guidance: str,
        *,
        kind: str = "",
        source: str = "",
        description: str = "",
    ) -> Rule:
        """A rule that exists only to be described (postguard's own meta rules, or a rule a
        reporter knows only from its findings): no examples, options or scope."""
        return cls(
            id=rule_id,
            kind=kind,
            category=category,
            severity=severity,
            message=message,
            guidance=guidance,
            scope=frozenset(),
            languages=None,
            allow=(),
            flag_examples=(),
            pass_examples=(),
            options={},
            source=source,
            line=None,
            description=description,
        )

    def error(self, problem: str, key: str | None = None) -> PolicyError:
        """A :class:`PolicyError` pointing at this rule (or one of its keys)."""
        line = self.key_lines.get(key, self.line) if key else self.line
        return PolicyError(self.source, line, f"rule {self.id!r}: {problem}")


@dataclass(frozen=True, slots=True)
class TermList:
    name: str
    terms: tuple[Term, ...]
    source: str
    line: int | None

    @property
    def hashed(self) -> bool:
        """True when some terms are known only by their hash: findings must never show them."""
        return any(term.hashed is not None for term in self.terms)


@dataclass(frozen=True, slots=True)
class Policy:
    """A merged, validated policy: what :class:`postguard.Linter` compiles."""

    rules: tuple[Rule, ...]
    lists: Mapping[str, TermList]
    languages: tuple[str, ...] = LANGUAGES
    fail_on: Severity = Severity.WARNING
    allow: tuple[str, ...] = ()
    path: str | None = None
    sources: tuple[str, ...] = ()

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        hint = did_you_mean(rule_id, [r.id for r in self.rules])
        raise KeyError(f"unknown rule id {rule_id!r}{hint}")


def did_you_mean(word: str, choices: list[str] | frozenset[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# --- loading ---------------------------------------------------------------------------------


def discover_policy(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest ``postguard.yml`` in ``start`` (default: the working directory) or above it."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in POLICY_FILENAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def org_policy_path() -> Path:
    """Where an organisation-wide policy lives: ``postguard/postguard.yml`` in the user's config
    folder (``$XDG_CONFIG_HOME``, else ``%APPDATA%`` on Windows, else ``~/.config``)."""
    base = os.environ.get("XDG_CONFIG_HOME") or (os.environ.get("APPDATA") if os.name == "nt" else None)
    return Path(base or Path.home() / ".config") / "postguard" / "postguard.yml"


def find_policies(
    explicit: str | os.PathLike[str] | None = None, start: str | os.PathLike[str] | None = None
) -> list[Path]:
    """The policy files to merge, in order: the organisation-wide one (if present), then the
    project's: ``explicit`` (``--policy``), else ``$POSTGUARD_POLICY``, else the nearest
    ``postguard.yml``. Empty means: use the built-in default policy."""
    found = []
    org = org_policy_path()
    if org.is_file():
        found.append(org)
    project = explicit or os.environ.get(POLICY_ENV) or discover_policy(start)
    if project:
        found.append(Path(project))
    return found


def load_policy(path: str | os.PathLike[str] | None = None, *, allow_outside: bool = False) -> Policy:
    """Load and validate a policy file, or the built-in default policy when ``path`` is None."""
    return load_policies([path] if path is not None else [], allow_outside=allow_outside)


def load_policies(paths: Sequence[str | os.PathLike[str]], *, allow_outside: bool = False) -> Policy:
    """Merge policy files in order: each later one adds lists and rules and may ``disable`` or
    re-``severity`` earlier rules; top-level settings (languages, fail-on) come from the last
    file that sets them. No files: the built-in default policy.

    ``allow_outside`` lets ``extends`` and ``file:`` reach outside each policy's folder (never
    the default: a policy from a pull request must not read the CI machine's files).
    """
    loader = _Loader(allow_outside)
    if not paths:
        loader.load_file(packs_dir() / f"{DEFAULT_PACK}.yml", display=f"<builtin {DEFAULT_PACK}>")
    for path in paths:
        loader.load_file(Path(path), display=str(path))
    return loader.finish(str(paths[-1]) if paths else None)


def load_policy_text(text: str, name: str = "<policy>", base: str | os.PathLike[str] = ".") -> Policy:
    """Load a policy from a string (``extends`` and ``file:`` resolve against ``base``)."""
    loader = _Loader()
    loader.load_text(text, display=name, folder=Path(base).resolve(), key=f"<text:{name}>")
    return loader.finish(name)


class _Loader:
    """Reads a policy and everything it extends, depth first, then merges them."""

    def __init__(self, allow_outside: bool = False) -> None:
        self.allow_outside = allow_outside
        self.rules: list[Rule] = []
        self.rule_sites: dict[str, str] = {}
        self.lists: dict[str, TermList] = {}
        self.list_sites: dict[str, tuple[str, int | None]] = {}
        self.referenced_lists: list[tuple[Rule, str, str]] = []
        self.disabled: list[tuple[str, str, int | None]] = []
        self.severities: list[tuple[str, Severity, str, int | None]] = []
        self.allow: list[str] = []
        self.tops: list[tuple[LocatedDict, str]] = []  # each outermost policy, in load order
        self.seen: set[str] = set()
        self.stack: list[str] = []
        self.sources: list[str] = []

    # reading

    def load_file(self, path: Path, display: str) -> None:
        try:
            resolved = path.resolve()
        except OSError as exc:
            raise PolicyError(display, None, f"cannot read policy: {exc.strerror or exc}") from None
        key = str(resolved)
        if key in self.stack:
            chain = " -> ".join([*self.stack[self.stack.index(key) :], key])
            raise PolicyError(display, None, f"'extends' loop: {chain}")
        if key in self.seen:
            return
        if resolved.is_dir():
            raise PolicyError(display, None, "is a directory; expected a policy file (postguard.yml)")
        try:
            raw = resolved.read_bytes()
        except FileNotFoundError:
            raise PolicyError(display, None, "policy file not found") from None
        except OSError as exc:
            raise PolicyError(display, None, f"cannot read policy: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise PolicyError(display, line, "policy is not valid UTF-8") from None
        self.load_text(text, display=display, folder=resolved.parent, key=key)

    def load_text(self, text: str, display: str, folder: Path, key: str) -> None:
        self.stack.append(key)
        try:
            data = load_yaml(text)
        except YamlError as exc:
            raise PolicyError(display, exc.line, exc.problem) from None
        if data is None:
            data = LocatedDict()
            data.key_lines = {}
        if not isinstance(data, dict):
            raise PolicyError(
                display, line_of(data), "a policy must be a mapping of keys (languages, lists, rules, ...)"
            )
        _check_keys(data, TOP_LEVEL_KEYS, display, "policy")
        outermost = len(self.stack) == 1
        for entry, line in _entries(data, "extends", display, str):
            self._extend(entry, line, display, folder)
        self.seen.add(key)
        self.sources.append(display)
        self._read_lists(data, display, folder)
        self._read_rules(data, display)
        self.allow.extend(value for value, _ in _entries(data, "allow", display, str))
        self.disabled.extend(
            (value, display, line) for value, line in _entries(data, "disable", display, str)
        )
        self._read_severities(data, display)
        if outermost:
            self.tops.append((data, display))
        self.stack.pop()

    def _extend(self, entry: str, line: int | None, display: str, folder: Path) -> None:
        if "/" in entry or "\\" in entry or entry.endswith((".yml", ".yaml")):
            if not self.allow_outside and not _inside(folder, entry):
                raise PolicyError(
                    display,
                    line,
                    f"'extends: {entry}' points outside the policy's folder; keep extended policies "
                    "beside it (or allow it with --allow-outside-policy-folder)",
                )
            self.load_file(
                folder / entry, display=str(folder / entry) if not Path(entry).is_absolute() else entry
            )
            return
        pack = packs_dir() / f"{entry}.yml"
        if not pack.is_file():
            raise PolicyError(
                display,
                line,
                f"unknown pack {entry!r} in 'extends'{did_you_mean(entry, builtin_packs())}; "
                f"built-in packs: {', '.join(builtin_packs())}",
            )
        self.load_file(pack, display=f"<builtin {entry}>")

    def _read_lists(self, data: LocatedDict, display: str, folder: Path) -> None:
        lists = data.get("lists")
        if lists is None:
            return
        if not isinstance(lists, dict):
            raise PolicyError(display, line_of(data, "lists"), "'lists' must map list names to terms")
        for name, spec in lists.items():
            line = line_of(lists, name)
            terms = list_terms(name, spec, display, line, folder, allow_outside=self.allow_outside)
            if name in self.lists:
                old = self.lists[name]
                terms = old.terms + terms
            self.lists[name] = TermList(name, terms, display, line)

    def _read_rules(self, data: LocatedDict, display: str) -> None:
        rules = data.get("rules")
        if rules is None:
            return
        if not isinstance(rules, list):
            raise PolicyError(display, line_of(data, "rules"), "'rules' must be a list of rules")
        for index, spec in enumerate(rules):
            rule = _rule(spec, display, line_of(rules, index))
            if rule.id in self.rule_sites:
                raise PolicyError(
                    display,
                    rule.line,
                    f"duplicate rule id {rule.id!r} (already defined in {self.rule_sites[rule.id]})",
                )
            self.rule_sites[rule.id] = f"{display}:{rule.line}"
            self.rules.append(rule)

    def _read_severities(self, data: LocatedDict, display: str) -> None:
        overrides = data.get("severity")
        if overrides is None:
            return
        if not isinstance(overrides, dict):
            raise PolicyError(
                display, line_of(data, "severity"), "'severity' must map rule ids to error, warning or info"
            )
        for rule_id, value in overrides.items():
            line = line_of(overrides, rule_id)
            self.severities.append((rule_id, _severity(value, display, line), display, line))

    # merging

    def _check_list_names(self, rule: Rule) -> Rule:
        """Every list a rule names exists; a rule using a hashed list masks what it finds."""
        near = rule.options.get("near")
        near_lists = near.get("lists") if isinstance(near, dict) else None
        # ``near.lists`` may also map each language to its lists
        groups = [
            rule.options.get("lists"),
            *(near_lists.values() if isinstance(near_lists, dict) else [near_lists]),
        ]
        hashed = []
        for names in groups:
            for name in [names] if isinstance(names, str) else names or ():
                if isinstance(name, str) and name not in self.lists:
                    raise rule.error(
                        f"unknown list {name!r}{did_you_mean(name, list(self.lists))}; define it under 'lists'",
                        "lists" if names is rule.options.get("lists") else "near",
                    )
                if isinstance(name, str) and self.lists[name].hashed:
                    hashed.append(name)
        if hashed and not rule.mask:
            if "mask" in rule.key_lines:
                raise rule.error(
                    f"uses hashed list {hashed[0]!r}, so its findings are always masked; remove 'mask: false'",
                    "mask",
                )
            return replace(rule, mask=True)
        return rule

    def _top(self, key: str) -> tuple[LocatedDict, str]:
        """The outermost policy that sets ``key`` last (the project's over the organisation's)."""
        for data, display in reversed(self.tops):
            if key in data:
                return data, display
        return self.tops[-1]

    def finish(self, path: str | None) -> Policy:
        rules = {rule.id: rule for rule in self.rules}
        for rule_id, where, line in self.disabled:
            if rule_id not in rules:
                raise PolicyError(
                    where,
                    line,
                    f"cannot disable unknown rule id {rule_id!r}{did_you_mean(rule_id, list(rules))}",
                )
            del rules[rule_id]
        for rule_id, severity, where, line in self.severities:
            if rule_id not in rules and rule_id not in {d for d, _, _ in self.disabled}:
                raise PolicyError(
                    where,
                    line,
                    f"unknown rule id {rule_id!r} in 'severity'{did_you_mean(rule_id, list(rules))}",
                )
            if rule_id in rules:
                rules[rule_id] = replace(rules[rule_id], severity=severity)
        for rule_id, rule in rules.items():
            rules[rule_id] = self._check_list_names(rule)
        data, display = self._top("languages")
        languages = tuple(v for v, _ in _entries(data, "languages", display, str)) or LANGUAGES
        for index, lang in enumerate(languages):
            if lang not in LANGUAGES:
                raise PolicyError(
                    display,
                    line_of(data.get("languages"), index),
                    f"unsupported language {lang!r}; supported: {', '.join(LANGUAGES)}",
                )
        fail_on = Severity.WARNING
        data, display = self._top("fail-on")
        if "fail-on" in data:
            fail_on = _severity(data["fail-on"], display, line_of(data, "fail-on"))
        return Policy(
            rules=tuple(rules.values()),
            lists=dict(self.lists),
            languages=languages,
            fail_on=fail_on,
            allow=tuple(self.allow),
            path=path,
            sources=tuple(self.sources),
        )


# --- validation helpers ----------------------------------------------------------------------


def _check_keys(data: dict, allowed: frozenset[str], display: str, what: str) -> None:
    for key in data:
        if key not in allowed:
            raise PolicyError(
                display,
                line_of(data, key),
                f"unknown key {key!r} in {what}{did_you_mean(key, allowed)}; "
                f"expected one of: {', '.join(sorted(allowed))}",
            )


def _entries(data: dict, key: str, display: str, kind: type) -> list[tuple[Any, int | None]]:
    """A key that holds one value or a list of values, each checked for type, with lines."""
    value = data.get(key)
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    out = []
    for index, item in enumerate(values):
        line = line_of(value, index) if isinstance(value, list) else line_of(data, key)
        if not isinstance(item, kind) or (kind is str and not item.strip()):
            raise PolicyError(display, line, f"'{key}' entries must be {_type_name(kind)}, got {item!r}")
        out.append((item, line))
    return out


def _type_name(kind: type) -> str:
    return {str: "text", int: "whole numbers", dict: "mappings"}.get(kind, kind.__name__)


def _severity(value: Any, display: str, line: int | None) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError:
        raise PolicyError(
            display, line, f"invalid severity {value!r}; expected error, warning or info"
        ) from None


def _choice(value: Any, choices: tuple[str, ...], what: str, display: str, line: int | None) -> str:
    if value not in choices:
        raise PolicyError(display, line, f"invalid {what} {value!r}; expected one of: {', '.join(choices)}")
    return value


def _bool(value: Any, what: str, display: str, line: int | None) -> bool:
    if not isinstance(value, bool):
        raise PolicyError(display, line, f"'{what}' must be true or false, got {value!r}")
    return value


def list_terms(
    name: str,
    spec: Any,
    display: str,
    line: int | None,
    folder: Path | None = None,
    *,
    allow_outside: bool = False,
) -> tuple[Term, ...]:
    """Validate a term list (a list, or a mapping with ``terms``/``file``) into Terms."""
    if not isinstance(name, str) or not ID_RE.match(name):
        raise PolicyError(display, line, f"invalid list name {name!r}: use letters, digits, '-', '_' or '.'")
    if spec is None:
        return ()
    if isinstance(spec, list):
        spec = {"terms": spec}
    if not isinstance(spec, dict):
        raise PolicyError(
            display, line, f"list {name!r} must be a list of terms or a mapping with 'terms'/'file'"
        )
    _check_keys(spec, LIST_KEYS, display, f"list {name!r}")
    defaults = _term_options(spec, display, name)
    raw: list[tuple[Any, int | None]] = []
    terms_value = spec.get("terms")
    if terms_value is not None:
        if not isinstance(terms_value, list):
            raise PolicyError(display, line_of(spec, "terms"), f"'terms' of list {name!r} must be a list")
        raw.extend((item, line_of(terms_value, i)) for i, item in enumerate(terms_value))
    hashed: list[tuple[HashedList, int | None]] = []
    if "hashed" in spec:
        hashed.append((_hashed_mapping(spec, name, display, folder), line_of(spec, "hashed")))
    if "file" in spec:
        if folder is None:
            raise PolicyError(display, line_of(spec, "file"), "'file' is only allowed in named lists")
        content = _terms_file(spec["file"], display, line_of(spec, "file"), folder, allow_outside)
        if is_hashed_file(content):
            try:
                hashed.append((parse_hashed_file(content), line_of(spec, "file")))
            except ValueError as exc:
                raise PolicyError(
                    display, line_of(spec, "file"), f"hashed list {spec['file']}: {exc}"
                ) from None
        else:
            raw.extend(_file_lines(content, line_of(spec, "file")))
    terms = _hashed_terms(name, spec, hashed, defaults, display)
    for item, item_line in raw:
        if isinstance(item, str | int | float) and not isinstance(item, bool) and str(item).strip():
            terms.append(Term(str(item).strip(), source=name, **defaults))
        elif isinstance(item, dict):
            _check_keys(item, TERM_KEYS, display, f"a term of list {name!r}")
            text = item.get("term")
            if not isinstance(text, str) or not text.strip():
                raise PolicyError(display, item_line, f"a term in list {name!r} needs 'term: <text>'")
            options = {**defaults, **_term_options(item, display, name)}
            terms.append(Term(text.strip(), source=name, **options))
        else:
            raise PolicyError(
                display,
                item_line,
                f"list {name!r}: a term must be text or a mapping with 'term', got {item!r}",
            )
    return tuple(terms)


def _term_options(spec: dict, display: str, name: str) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if "case" in spec:
        options["case_exact"] = (
            _choice(spec["case"], CASE_VALUES, "case", display, line_of(spec, "case")) == "exact"
        )
    if "inflect" in spec:
        options["inflect"] = _bool(spec["inflect"], "inflect", display, line_of(spec, "inflect"))
    if "compound" in spec:
        options["compound"] = _choice(
            spec["compound"], COMPOUND_VALUES, "compound", display, line_of(spec, "compound")
        )
    return options


def _hashed_mapping(spec: dict, name: str, display: str, folder: Path | None) -> HashedList:
    if folder is None:
        raise PolicyError(display, line_of(spec, "hashed"), "'hashed' is only allowed in named lists")
    value = spec["hashed"]
    if not isinstance(value, dict):
        raise PolicyError(
            display,
            line_of(spec, "hashed"),
            f"'hashed' of list {name!r} must be the mapping `postguard hash-terms --yaml` prints",
        )
    try:
        return parse_hashed_mapping(value)
    except ValueError as exc:
        raise PolicyError(display, line_of(spec, "hashed"), f"list {name!r}: {exc}") from None


def _hashed_terms(
    name: str, spec: dict, hashed: list[tuple[HashedList, int | None]], defaults: dict, display: str
) -> list[Term]:
    """Terms known only by their hash, bound to the key in the list's ``key-env`` variable."""
    env = spec.get("key-env", DEFAULT_KEY_ENV)
    if not isinstance(env, str) or not ENV_NAME_RE.match(env):
        raise PolicyError(display, line_of(spec, "key-env"), "'key-env' must name an environment variable")
    if not hashed:
        if "key-env" in spec:
            raise PolicyError(
                display, line_of(spec, "key-env"), f"'key-env' of list {name!r} needs a hashed list"
            )
        return []
    for option, problem in (("case", "cannot be checked"), ("compound", "is not supported")):
        if option in spec:
            raise PolicyError(
                display,
                line_of(spec, option),
                f"list {name!r} is hashed: '{option}' {problem} for hashed terms (the hash hides the letters)",
            )
    terms = []
    for hashed_list, line in hashed:
        try:
            bound = bind(hashed_list, env, name)
        except HashKeyError as exc:
            raise PolicyError(display, line, f"list {name!r}: {exc}") from None
        terms.extend(Term("<hashed>", source=name, hashed=h, **defaults) for h in bound)
    return terms


def _inside(folder: Path, entry: str) -> bool:
    """Does ``entry`` (relative to ``folder``, symlinks followed) stay inside ``folder``?"""
    return (folder / entry).resolve().is_relative_to(folder.resolve())


def _terms_file(value: Any, display: str, line: int | None, folder: Path, allow_outside: bool) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(display, line, "'file' must be a path relative to the policy")
    target = (folder / value).resolve()
    if not allow_outside and not _inside(folder, value):
        raise PolicyError(
            display,
            line,
            f"'file: {value}' points outside the policy's folder; keep term lists beside the policy "
            "(or allow it with --allow-outside-policy-folder)",
        )
    try:
        return target.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PolicyError(display, line, f"term list file not found: {value}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(display, line, f"cannot read term list file {value}: {exc}") from None


def _file_lines(content: str, line: int | None) -> list[tuple[str, int | None]]:
    out = []
    for text in content.splitlines():
        text = text.split(" #", 1)[0].strip()
        if text and not text.startswith("#"):
            out.append((text, line))
    return out


def _rule(spec: Any, display: str, line: int | None) -> Rule:
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
    severity = _severity(spec.get("severity", "warning"), display, line_of(spec, "severity") or line)
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
                    f"{where}: unknown placeholder {{{placeholder}}} in {field_name}; available: {{match}}, {{term}}, {{near}}",
                )
    scope = frozenset(v for v, _ in _entries(spec, "scope", display, str)) or frozenset(SCOPES)
    for value in scope:
        if value not in SCOPES:
            raise PolicyError(
                display,
                line_of(spec, "scope"),
                f"{where}: unknown scope {value!r}{did_you_mean(value, SCOPES)}; expected: {', '.join(SCOPES)}",
            )
    languages = frozenset(v for v, _ in _entries(spec, "languages", display, str)) or None
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
        allow=tuple(v for v, _ in _entries(spec, "allow", display, str)),
        flag_examples=flag,
        pass_examples=passing,
        options=options,
        source=display,
        line=line,
        description=description.strip() if isinstance(description, str) else "",
        key_lines=dict(getattr(spec, "key_lines", {})),
        mask=_bool(spec["mask"], "mask", display, line_of(spec, "mask"))
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
                out[key].append(Example(item["text"], lang, item.get("format", "text")))
            else:
                raise PolicyError(
                    display, item_line, f"{where}: an example must be text or a mapping with 'text'"
                )
    return tuple(out["flag"]), tuple(out["pass"])
