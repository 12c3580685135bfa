"""Changed lines since a git revision: ``check --diff REV`` and ``--changed-only``.

One ``git diff -U0 REV`` for the whole repository (working tree against REV, so staged and
unstaged edits count) gives the added or changed lines of each file; a file git does not
track is new as a whole. Renames are followed, so renaming a post reports only what changed.
"""

from __future__ import annotations

import codecs
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from postguard.errors import PostguardError
from postguard.model import STDIN, Result

HUNK_RE = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")

#: path as given -> changed line numbers, or None when the whole file is new
ChangedLines = Mapping[str, frozenset[int] | None]


def changed_lines(rev: str, paths: Sequence[str]) -> dict[str, frozenset[int] | None]:
    """Which lines of each of ``paths`` changed since ``rev`` (see the module docstring)."""
    if STDIN in paths:
        raise PostguardError("--diff and --changed-only need files, not standard input")
    if not paths:
        return {}
    start = Path(paths[0]).resolve().parent
    top = Path(_git(["rev-parse", "--show-toplevel"], start, "is not inside a git repository").strip())
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top, f"has no revision {rev!r}")
    diff = _git(
        ["-c", "core.quotePath=false", "diff", "-U0", "--no-color", "--no-ext-diff", "-M", rev, "--"],
        top,
        f"cannot diff against {rev!r}",
    )
    changed = parse_diff(diff)
    tracked = set(_git(["ls-files", "-z"], top, "cannot list its files").split("\0"))
    out: dict[str, frozenset[int] | None] = {}
    for path in paths:
        resolved = Path(path).resolve()
        if not resolved.is_relative_to(top):
            raise PostguardError(f"{path}: not in the git repository at {top}")
        relative = resolved.relative_to(top).as_posix()
        if relative in changed:
            out[path] = frozenset(changed[relative])
        elif relative in tracked:
            out[path] = frozenset()
        else:
            out[path] = None
    return out


def parse_diff(diff: str) -> dict[str, set[int]]:
    """Repository-relative path -> added line numbers, from ``git diff -U0`` output."""
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = _unquote(line[4:])
            current = None if name == "/dev/null" else out.setdefault(name.removeprefix("b/"), set())
        elif line.startswith("@@") and current is not None:
            m = HUNK_RE.match(line)
            if m:
                first, count = int(m.group(1)), int(m.group(2) or 1)
                current.update(range(first, first + count))
    return out


def only_changed(results: Sequence[Result], changed: ChangedLines) -> list[Result]:
    """Keep the findings that touch a changed line."""
    out = []
    for result in results:
        lines = changed.get(result.path or "", frozenset())
        if lines is None:
            out.append(result)
            continue
        kept = tuple(f for f in result.findings if any(n in lines for n in range(f.line, f.end_line + 1)))
        out.append(replace(result, findings=kept))
    return out


def _unquote(name: str) -> str:
    """Git quotes unusual paths C-style (``"b/a\\tb.md"``)."""
    name = name.rstrip("\t")
    if len(name) >= 2 and name[0] == name[-1] == '"':
        return codecs.escape_decode(name[1:-1].encode("utf-8"))[0].decode("utf-8", errors="replace")
    return name


def _git(args: list[str], cwd: Path, problem: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace"
        )
    except FileNotFoundError:
        raise PostguardError("--diff needs git, and git is not installed") from None
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or [""])[0]
        raise PostguardError(f"{cwd} {problem}" + (f" ({detail})" if detail else ""))
    return done.stdout
