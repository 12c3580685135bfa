"""postguard: check a draft post against your organisation's social-media policy.

Build a :class:`Linter` once from a policy, then check many drafts::

    import postguard
    linter = postguard.Linter.from_file("postguard.yml")
    result = linter.check(text, format="markdown", lang="en")
    for finding in result.findings:
        print(finding.line, finding.column, finding.rule, finding.message)
"""

from __future__ import annotations

from .engine import Linter, Result
from .errors import InputError, PolicyError, PostguardError, RuleTimeoutError
from .findings import Finding, Severity
from .policy import Policy, Rule, discover_policy, load_policy, load_policy_text
from .version import __version__

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
