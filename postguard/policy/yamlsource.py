"""Safe YAML loading that remembers line numbers, so policy errors can say where."""

from __future__ import annotations

import re
from typing import Any

import yaml

from postguard.errors import YamlError


class LocatedDict(dict):
    """A mapping from YAML that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class LocatedList(list):
    """A sequence from YAML that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]


#: libyaml's parser where PyYAML was built with it (about five times faster on the packs, which
#: every start of postguard reads), else PyYAML's own; construction is SafeConstructor's either way.
_SAFE_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SAFE_BASE):
    """A safe loader (no Python objects, ever) that keeps positions and refuses duplicate keys."""


def _refuse_aliases(text: str) -> None:
    """Aliases (``*name``) are refused: nested ones expand a few lines into billions of values
    (the "billion laughs"), which an error message quoting the value would then print. Read
    from the parser's events, so the line is the alias's own."""
    for event in yaml.parse(text, Loader=_SAFE_BASE):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else None
            raise YamlError(line, "YAML aliases (*name) are not allowed in a policy; write the value out")


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) or key is None:
            raise YamlError(key_node.start_mark.line + 1, "keys must be plain words")
        key = str(key)
        if key in result:
            raise YamlError(
                key_node.start_mark.line + 1,
                f"duplicate key {key!r} (first on line {result.key_lines[key]})",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


_TAG_RE = re.compile(r"tag '([^']*)'")


def load_yaml(text: str) -> Any:
    """Parse YAML safely; raises :class:`YamlError` with the line of the problem."""
    try:
        _refuse_aliases(text)
        return yaml.load(text, Loader=_Loader)
    except YamlError:
        raise
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        found = _TAG_RE.search(exc.problem or "")
        tag = found.group(1).replace("tag:yaml.org,2002:", "!!") if found else "?"
        raise YamlError(
            mark.line + 1 if mark else None,
            f"YAML tag {tag!r} is not allowed: a policy is plain data "
            "(text, numbers, lists, mappings) and never runs code",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlError(None, f"YAML error: {exc}") from None


def line_of(container: Any, key: str | int | None = None) -> int | None:
    """Best known line for ``container[key]`` (or the container itself)."""
    if isinstance(container, LocatedDict):
        if key is not None and str(key) in container.key_lines:
            return container.key_lines[str(key)]
        return container.line or None
    if isinstance(container, LocatedList):
        if isinstance(key, int) and 0 <= key < len(container.item_lines):
            return container.item_lines[key]
        return container.line or None
    return None
