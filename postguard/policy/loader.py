"""Loading policies: files and text, ``extends``, merging, and validation of every rule."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from postguard.errors import PolicyError, YamlError, did_you_mean
from postguard.kinds import kind_options, validate_rules
from postguard.model import DEFAULT_FAIL_ON, LANGUAGES, Severity
from postguard.policy.discovery import DEFAULT_PACK, builtin_packs, packs_dir
from postguard.policy.lists import inside, list_terms
from postguard.policy.model import Policy, Rule, TermList
from postguard.policy.schema import (
    TOP_LEVEL_KEYS,
    check_keys,
    entries,
    parse_rule_spec,
    parse_severity,
    threshold_by_language,
)
from postguard.policy.yamlsource import LocatedDict, line_of, load_yaml


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
        self.thresholds: list[tuple[str, float | dict[str, float], str, int | None]] = []
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
        if not isinstance(data, LocatedDict):  # every YAML mapping loads as a LocatedDict
            raise PolicyError(
                display, line_of(data), "a policy must be a mapping of keys (languages, lists, rules, ...)"
            )
        check_keys(data, TOP_LEVEL_KEYS, display, "policy")
        outermost = len(self.stack) == 1
        for entry, line in entries(data, "extends", display, str):
            self._extend(entry, line, display, folder)
        self.seen.add(key)
        self.sources.append(display)
        self._read_lists(data, display, folder)
        self._read_rules(data, display)
        self.allow.extend(value for value, _ in entries(data, "allow", display, str))
        self.disabled.extend((value, display, line) for value, line in entries(data, "disable", display, str))
        self._read_severities(data, display)
        self._read_thresholds(data, display)
        if outermost:
            self.tops.append((data, display))
        self.stack.pop()

    def _extend(self, entry: str, line: int | None, display: str, folder: Path) -> None:
        if "/" in entry or "\\" in entry or entry.endswith((".yml", ".yaml")):
            if not self.allow_outside and not inside(folder, entry):
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
            rule = parse_rule_spec(spec, display, line_of(rules, index))
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
            self.severities.append((rule_id, parse_severity(value, display, line), display, line))

    def _read_thresholds(self, data: LocatedDict, display: str) -> None:
        """``threshold: {rule-id: 0.7}``: how sure a model rule's model must be, per rule."""
        overrides = data.get("threshold")
        if overrides is None:
            return
        if not isinstance(overrides, dict):
            raise PolicyError(
                display,
                line_of(data, "threshold"),
                "'threshold' must map rule ids to numbers between 0 and 1 (or one per language)",
            )
        for rule_id, value in overrides.items():
            line = line_of(overrides, rule_id)
            if threshold_by_language(value) is None:
                raise PolicyError(
                    display,
                    line,
                    f"threshold of {rule_id!r} must be a number between 0 and 1, or one per language "
                    f"({', '.join(LANGUAGES)}), got {value!r}",
                )
            self.thresholds.append((rule_id, value, display, line))

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
        for rule_id, threshold, where, line in self.thresholds:
            rule = rules.get(rule_id)
            if rule is None:
                if rule_id in {d for d, _, _ in self.disabled}:
                    continue
                raise PolicyError(
                    where,
                    line,
                    f"unknown rule id {rule_id!r} in 'threshold'{did_you_mean(rule_id, list(rules))}",
                )
            if "threshold" not in kind_options(rule):
                raise PolicyError(
                    where,
                    line,
                    f"rule {rule_id!r} ({rule.kind}) has no threshold: only model rules (kind classifier) do",
                )
            rules[rule_id] = replace(rule, options={**rule.options, "threshold": threshold})
        for rule_id, rule in rules.items():
            rules[rule_id] = self._check_list_names(rule)
        data, display = self._top("languages")
        languages = tuple(v for v, _ in entries(data, "languages", display, str)) or LANGUAGES
        for index, lang in enumerate(languages):
            if lang not in LANGUAGES:
                raise PolicyError(
                    display,
                    line_of(data.get("languages"), index),
                    f"unsupported language {lang!r}; supported: {', '.join(LANGUAGES)}",
                )
        fail_on = DEFAULT_FAIL_ON
        data, display = self._top("fail-on")
        if "fail-on" in data:
            fail_on = parse_severity(data["fail-on"], display, line_of(data, "fail-on"))
        if not rules:
            # An empty file (or one that disables everything) would turn every check off in silence.
            raise PolicyError(
                path or self.sources[-1],
                None,
                "the policy has no rules, so it would check nothing; add 'extends: [default]' for the "
                "built-in packs, or rules of your own",
            )
        policy = Policy(
            rules=tuple(rules.values()),
            lists=dict(self.lists),
            languages=languages,
            fail_on=fail_on,
            allow=tuple(self.allow),
            path=path,
            sources=tuple(self.sources),
        )
        # a frozen dataclass's field that is no constructor argument: set once, here
        object.__setattr__(policy, "parsed", validate_rules(policy))
        return policy
