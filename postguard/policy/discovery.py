"""Where policies are: the project's ``postguard.yml``, ``$POSTGUARD_POLICY``, the
organisation-wide policy in the user's config folder, and the built-in packs."""

from __future__ import annotations

import os
from pathlib import Path

from postguard.model import POLICY_ENV, POLICY_FILENAMES

DEFAULT_PACK = "default"


def packs_dir() -> Path:
    """Where the built-in packs live: inside the installed package, or ``rules/`` in a checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_rules"
    return installed if installed.is_dir() else package.parent / "rules"


def builtin_packs() -> list[str]:
    return sorted(p.stem for p in packs_dir().glob("*.yml"))


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
