"""Policies: loading, validation with precise errors, ``extends``, named lists and packs.

A policy is YAML data (never code). Built-in packs in ``rules/`` are policies too, so a
company policy is just another file that ``extends`` them and adds its own lists and rules.

The data model, discovery and schema are imported here; the loader (which validates each rule
with its kind, :mod:`postguard.kinds`) on first use, since the kinds themselves build on the
model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from postguard.errors import did_you_mean
from postguard.model import LANGUAGES
from postguard.policy.discovery import (
    DEFAULT_PACK,
    POLICY_ENV,
    POLICY_FILENAMES,
    builtin_packs,
    discover_policy,
    find_policies,
    org_policy_path,
    packs_dir,
)
from postguard.policy.lists import list_terms
from postguard.policy.model import Example, Policy, Rule, TermList
from postguard.policy.schema import COMMON_RULE_KEYS

if TYPE_CHECKING:
    from postguard.policy.loader import load_policies, load_policy, load_policy_text

_LOADER = frozenset({"load_policy", "load_policies", "load_policy_text"})

__all__ = [
    "COMMON_RULE_KEYS",
    "DEFAULT_PACK",
    "LANGUAGES",
    "POLICY_ENV",
    "POLICY_FILENAMES",
    "Example",
    "Policy",
    "Rule",
    "TermList",
    "builtin_packs",
    "did_you_mean",
    "discover_policy",
    "find_policies",
    "list_terms",
    "load_policies",
    "load_policy",
    "load_policy_text",
    "org_policy_path",
    "packs_dir",
]


def __getattr__(name: str) -> Any:
    if name not in _LOADER:
        raise AttributeError(f"module 'postguard.policy' has no attribute {name!r}")
    return getattr(importlib.import_module("postguard.policy.loader"), name)
