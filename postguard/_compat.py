"""Old import paths, kept for one release: ``postguard.findings`` is now ``postguard.model``,
``postguard.formats`` is ``postguard.parsers``, and so on (see :data:`MOVED`).

Importing an old path gives the new module itself (so ``isinstance`` and monkeypatching agree)
and warns once with :class:`DeprecationWarning`.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings
from types import ModuleType

#: old module -> the module that holds its contents now
MOVED = {
    "postguard.findings": "postguard.model",
    "postguard.document": "postguard.parsers.document",
    "postguard.formats": "postguard.parsers",
    "postguard.formats.text": "postguard.parsers.text",
    "postguard.formats.markdown": "postguard.parsers.markdown",
    "postguard.formats.html": "postguard.parsers.html",
    "postguard.normalize": "postguard.analysis.normalize",
    "postguard.checks": "postguard.kinds",
    "postguard.checks.terms": "postguard.kinds.terms",
    "postguard.checks.pattern": "postguard.kinds.pattern",
    "postguard.checks.near": "postguard.kinds.near",
    "postguard.checks.pii": "postguard.kinds.pii",
    "postguard.checks.secrets": "postguard.kinds.secrets",
    "postguard.suppressions": "postguard.engine.suppressions",
    "postguard.inputs": "postguard.io",
    "postguard.files": "postguard.io",
    "postguard.hashing": "postguard.policy.hashing",
    "postguard.yamlsource": "postguard.policy.yamlsource",
    "postguard.policytest": "postguard.workflow.examples",
    "postguard.batch": "postguard.workflow.batch",
    "postguard.baseline": "postguard.workflow.baseline",
    "postguard.gitdiff": "postguard.workflow.gitdiff",
    "postguard.redact": "postguard.workflow.redact",
    "postguard.explain": "postguard.workflow.explain",
    "postguard.starter": "postguard.workflow.starter",
}


class _Loader(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        warnings.warn(
            f"{spec.name} has moved to {self.target}; the old path goes away in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:
        """The new module is already executed."""


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, name: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        moved = MOVED.get(name)
        if moved is None:
            return None
        return importlib.util.spec_from_loader(name, _Loader(moved))


def install() -> None:
    """Let the old paths import (once per process)."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.append(_Finder())
