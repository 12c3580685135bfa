"""postguard: check a draft post against your organisation's social-media policy.

Build a :class:`Linter` once from a policy, then check many drafts::

    import postguard
    linter = postguard.Linter.from_file("postguard.yml")
    result = linter.check(text, format="markdown", lang="en")
    for finding in result.findings:
        print(finding.line, finding.column, finding.rule, finding.message)

Public names are imported on first use, so ``postguard --version`` does not pay for the engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from postguard.version import __version__

if TYPE_CHECKING:
    from postguard.engine import Linter, Result
    from postguard.errors import InputError, PolicyError, PostguardError, RuleTimeoutError
    from postguard.model import Finding, Severity
    from postguard.policy import Policy, Rule, discover_policy, load_policy, load_policy_text

_EXPORTS = {
    "Linter": "engine",
    "Result": "model",
    "InputError": "errors",
    "PolicyError": "errors",
    "PostguardError": "errors",
    "RuleTimeoutError": "errors",
    "Finding": "model",
    "Severity": "model",
    "Policy": "policy",
    "Rule": "policy",
    "discover_policy": "policy",
    "load_policy": "policy.loader",
    "load_policy_text": "policy.loader",
}

__all__ = [
    "Finding",
    "InputError",
    "Linter",
    "Policy",
    "PolicyError",
    "PostguardError",
    "Result",
    "Rule",
    "RuleTimeoutError",
    "Severity",
    "__version__",
    "discover_policy",
    "load_policy",
    "load_policy_text",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'postguard' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
