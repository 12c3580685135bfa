"""Baselines: accept the findings a repository already has, report only new ones.

A baseline stores, for each finding, a fingerprint: HMAC-SHA256 keyed with a random salt
(kept in the file) over the rule id, the file's path, the matched text (case and spacing
folded) and the two words on each side of it within its paragraph. Never the text itself,
so the file can be committed without repeating what it protects. Line numbers are left out,
so moving a paragraph or editing another one keeps old findings accepted; editing the words
right next to a finding makes it count as new, on purpose. Identical fingerprints are
counted, so a second copy of an accepted sentence is still reported.

Private values (what the policy's PII and secret rules find) never enter a fingerprint: the
salt is in the file, so a phone or identity number, having few possible values, could be
recovered from its fingerprint by trying them all. They enter as their shape only (each letter
and digit a ``*``, separators kept), in the match and in the words around it. So a baseline
reveals, to someone who can guess them, only the words of non-private findings and their
neighbours, and of a private value its length and separators; and it accepts another value of
the same shape in the same place.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from postguard.errors import PostguardError
from postguard.io import write_atomic
from postguard.model import STDIN, Finding, Result
from postguard.parsers.builder import BLANK_LINE_RE

#: 2: private values enter fingerprints as their shape only (format 1 used their text).
FORMAT_VERSION = 2
DEFAULT_NAME = ".postguard-baseline.json"
CONTEXT_WORDS = 2
CONTEXT_CHARS = 120
WORD_RE = re.compile(r"\w+")


@dataclass(slots=True)
class Baseline:
    """Accepted finding fingerprints (with counts) and the salt they were made with.

    ``root`` is the folder paths are taken relative to: the baseline file's folder, so the
    same baseline works from any working directory.
    """

    salt: bytes
    counts: Counter[str]
    root: Path
    rules: Counter[str] = field(default_factory=Counter)  # findings per rule, for people

    @classmethod
    def create(cls, results: Iterable[Result], root: Path, salt: bytes | None = None) -> Baseline:
        baseline = cls(salt or secrets.token_bytes(16), Counter(), root)
        for result in results:
            baseline.counts.update(baseline.fingerprints(result))
            baseline.rules.update(f.rule for f in result.findings)
        return baseline

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Baseline:
        """Read a baseline file; PostguardError with a plain reason when it is unusable."""
        shown = str(path)
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise PostguardError(
                f"{shown}: baseline not found; create it with 'postguard baseline create FILES -o {shown}'"
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise PostguardError(f"{shown}: cannot read baseline: {exc}") from None
        except json.JSONDecodeError as exc:
            raise PostguardError(f"{shown}:{exc.lineno}: baseline is not valid JSON ({exc.msg})") from None
        try:
            version = data.get("postguard-baseline")
            if version == 1:
                raise PostguardError(
                    f"{shown}: baseline format 1 can give private data back (its fingerprints hold "
                    f"private values, and the key is in the file); recreate it with "
                    f"'postguard baseline create FILES -o {shown}'"
                )
            if version != FORMAT_VERSION:
                raise ValueError(f"unsupported baseline version {version!r}")
            salt = bytes.fromhex(data["salt"])
            counts = Counter({str(k): int(v) for k, v in data["findings"].items()})
            rules = Counter({str(k): int(v) for k, v in data.get("rules", {}).items()})
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise PostguardError(
                f"{shown}: not a postguard baseline ({exc}); recreate it with 'postguard baseline create'"
            ) from None
        return cls(salt, counts, Path(path).resolve().parent, rules)

    def save(self, path: str | os.PathLike[str]) -> Path | None:
        """Write the baseline atomically; an older file is kept as ``.bak``. Returns the backup."""
        data = {
            "postguard-baseline": FORMAT_VERSION,
            "salt": self.salt.hex(),
            "rules": dict(sorted(self.rules.items())),
            "findings": dict(sorted(self.counts.items())),
        }
        return write_atomic(path, json.dumps(data, indent=2) + "\n")

    def fingerprints(self, result: Result) -> list[str]:
        key = self.path_key(result.path)
        text = shape_private(result.text, result.private)
        return [fingerprint(self.salt, key, text, f) for f in result.findings]

    def path_key(self, path: str | None) -> str:
        if path is None or path == STDIN:
            return "-"
        return Path(os.path.relpath(Path(path).resolve(), self.root)).as_posix()

    def new_findings(self, results: Sequence[Result]) -> list[Result]:
        """The results with accepted findings removed (each accepted one at most as often as
        the baseline holds it)."""
        left = Counter(self.counts)
        out = []
        for result in results:
            kept = []
            for finding, print_ in zip(result.findings, self.fingerprints(result), strict=True):
                if left[print_] > 0:
                    left[print_] -= 1
                else:
                    kept.append(finding)
            out.append(replace(result, findings=tuple(kept)))
        return out


def shape_private(text: str, private: Sequence[tuple[int, int]]) -> str:
    """``text`` with the letters and digits of each private value replaced by ``*``."""
    if not private:
        return text
    parts, done = [], 0
    for start, end in private:
        parts.append(text[done:start])
        parts.append("".join("*" if ch.isalnum() else ch for ch in text[start:end]))
        done = end
    parts.append(text[done:])
    return "".join(parts)


def fingerprint(salt: bytes, path_key: str, text: str, finding: Finding) -> str:
    """The keyed fingerprint of one finding in ``text``, the draft with its private values
    shaped (see the module docstring and :func:`shape_private`)."""
    before, after = context(text, finding.start, finding.end)
    parts = [finding.rule, path_key, _fold(text[finding.start : finding.end]), before, after]
    return hmac.new(salt, "\x1f".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The words next to a match, within its paragraph, folded."""
    left = text[max(0, start - CONTEXT_CHARS) : start]
    right = text[end : end + CONTEXT_CHARS]
    left = BLANK_LINE_RE.split(left)[-1]
    right = BLANK_LINE_RE.split(right)[0]
    before = WORD_RE.findall(left)[-CONTEXT_WORDS:]
    after = WORD_RE.findall(right)[:CONTEXT_WORDS]
    return _fold(" ".join(before)), _fold(" ".join(after))


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
