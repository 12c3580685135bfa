"""Hashed term lists: confidential names a policy can match without spelling them out.

A public blog repository cannot hold a list of secret codenames or customers in clear: the
list itself would be the leak. ``postguard hash-terms`` turns each term into a keyed hash,
HMAC-SHA256 over the term's matching key (the same normalised key the matcher builds from a
draft's words), so the policy stores only hashes. To check a draft, the matcher hashes the
draft's candidate phrases with the same key and looks the hashes up; a hash is never turned
back into a term. The key (a secret per policy) comes from an environment variable, never
from the repository. See docs/security.md for what this protects against and what not.

A hashed list file looks like::

    # postguard hashed terms v1
    # key-check: 3f1c9a0b
    # max-units: 2
    0c5a...  (one hex HMAC per line, sorted)

``key-check`` proves at load time that the key in the environment is the one the list was
made with (a wrong key would otherwise silently match nothing); ``max-units`` bounds how many
words of a draft are joined into one candidate phrase.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from postguard.analysis import term_key, word_units
from postguard.errors import HashKeyError
from postguard.model import HASH_KEY_ENV as DEFAULT_KEY_ENV

HEADER = "# postguard hashed terms v1"
MIN_KEY_LENGTH = 16
DIGEST_RE = re.compile(r"^[0-9a-f]{64}$")
KEY_CHECK_RE = re.compile(r"^[0-9a-f]{8}$")
ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CHECK_MESSAGE = b"postguard key check v1"
_BLOCK = 64  # SHA-256 block size, for HMAC's inner and outer pads


class Hasher:
    """HMAC-SHA256 with one secret key, keyed once so each candidate costs two hash updates."""

    __slots__ = ("_inner", "_outer", "_secret")

    def __init__(self, secret: bytes) -> None:
        if len(secret) > _BLOCK:
            secret = hashlib.sha256(secret).digest()
        padded = secret.ljust(_BLOCK, b"\0")
        self._secret = secret
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hasher) and secrets.compare_digest(self._secret, other._secret)

    def __hash__(self) -> int:
        return hash(self._inner.digest())

    def __repr__(self) -> str:
        return "Hasher(<secret>)"

    def __reduce__(self) -> tuple[type[Hasher], tuple[bytes]]:
        """Pickled as its key (hash objects cannot be), for checks in worker processes."""
        return (Hasher, (self._secret,))

    def digest(self, key: str) -> bytes:
        """HMAC-SHA256 of a matching key (UTF-8), as bytes."""
        inner = self._inner.copy()
        inner.update(key.encode("utf-8", "surrogatepass"))
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.digest()

    def check(self) -> str:
        """A short fingerprint of the key (not of any term): tells a wrong key from the right one."""
        return self.digest(_CHECK_MESSAGE.decode()).hex()[:8]


@dataclass(frozen=True, slots=True)
class Hashed:
    """What a hashed term carries instead of its text: its digest and how to make candidates'."""

    digest: bytes
    hasher: Hasher
    max_units: int  # the most word units any term of its list has


@dataclass(frozen=True, slots=True)
class HashedList:
    """A hashed term list: the fingerprint of its key, its largest unit count and the digests."""

    key_check: str
    max_units: int
    digests: tuple[str, ...]

    def render(self) -> str:
        """The list as a file (the format :func:`parse_hashed_file` reads)."""
        lines = [HEADER, f"# key-check: {self.key_check}", f"# max-units: {self.max_units}"]
        return "\n".join([*lines, *self.digests]) + "\n"

    def render_yaml(self, name: str) -> str:
        """The list as a ``lists:`` entry to paste into a policy."""
        lines = [
            f"  {name}:",
            "    hashed:",
            f'      key-check: "{self.key_check}"',
            f"      max-units: {self.max_units}",
            "      terms:",
        ]
        return "\n".join([*lines, *(f'        - "{d}"' for d in self.digests)]) + "\n"


def load_key(env: str = DEFAULT_KEY_ENV) -> Hasher:
    """The hasher for the key in environment variable ``env``; a clear error when it is unusable."""
    value = os.environ.get(env, "")
    if not value.strip():
        raise HashKeyError(
            f"the hash key is missing: set the environment variable {env} to your policy's secret key "
            "(in CI, from a secret; never commit it)"
        )
    if len(value.strip()) < MIN_KEY_LENGTH:
        raise HashKeyError(
            f"the hash key in {env} is too short ({len(value.strip())} characters); use at least "
            f"{MIN_KEY_LENGTH}, for example from `postguard hash-terms --new-key`"
        )
    return Hasher(value.strip().encode("utf-8"))


def new_key() -> str:
    """A fresh random key (256 bits, URL-safe text)."""
    return secrets.token_urlsafe(32)


def hash_terms(lines: Iterable[str], hasher: Hasher) -> HashedList:
    """Hash a plain list (one term per line; blank lines and ``#`` comments skipped).

    Raises ValueError naming the line (never the term) when a line has no letters or digits.
    Digests are de-duplicated and sorted so the list's order says nothing about the terms.
    """
    digests: set[str] = set()
    max_units = 0
    for number, line in enumerate(lines, start=1):
        text = line.split(" #", 1)[0].strip()
        if not text or text.startswith("#"):
            continue
        units = word_units(text)  # as the matcher splits a draft: ``Blue-Harbor's`` -> blue, harbor
        if not units:
            raise ValueError(f"line {number} has no letters or digits to match")
        max_units = max(max_units, len(units))
        digests.add(hasher.digest(term_key(units)).hex())  # key: blueharbor
    if not digests:
        raise ValueError("no terms to hash (one term per line; '#' starts a comment)")
    return HashedList(hasher.check(), max_units, tuple(sorted(digests)))


def is_hashed_file(text: str) -> bool:
    return text.lstrip("\ufeff").startswith(HEADER)


def parse_hashed_file(text: str) -> HashedList:
    """Read a hashed list file; raises ValueError with the line of the problem."""
    header: dict[str, str] = {}
    digests: list[str] = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line or line == HEADER:
            continue
        if line.startswith("#"):
            name, sep, value = line[1:].partition(":")
            if sep:
                header[name.strip()] = value.strip()
            continue
        if not DIGEST_RE.match(line):
            raise ValueError(f"line {number}: expected a 64-digit hex hash from `postguard hash-terms`")
        digests.append(line)
    return HashedList(
        _key_check(header.get("key-check")), _max_units(header.get("max-units")), tuple(digests)
    )


def _key_check(value: object) -> str:
    if not isinstance(value, str) or not KEY_CHECK_RE.match(value):
        raise ValueError("needs 'key-check' (8 hex digits from `postguard hash-terms`)")
    return value


def _max_units(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.isdigit():
        number = int(value)
    else:
        raise ValueError("needs 'max-units' (a whole number from `postguard hash-terms`)")
    if not 1 <= number <= 16:
        raise ValueError(f"'max-units' must be between 1 and 16, got {number}")
    return number


def parse_hashed_mapping(spec: dict) -> HashedList:
    """Read the ``hashed:`` mapping of a policy list; raises ValueError saying what is wrong."""
    unknown = sorted(set(spec) - {"key-check", "max-units", "terms"})
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} under 'hashed'; expected key-check, max-units, terms")
    terms = spec.get("terms")
    if not isinstance(terms, list) or not all(isinstance(t, str) and DIGEST_RE.match(t) for t in terms):
        raise ValueError("'hashed.terms' must be a list of 64-digit hex hashes from `postguard hash-terms`")
    return HashedList(_key_check(spec.get("key-check")), _max_units(spec.get("max-units")), tuple(terms))


def bind(hashed: HashedList, env: str, source: str) -> tuple[Hashed, ...]:
    """The list's digests with the key from ``env``, after checking it is the list's key."""
    hasher = load_key(env)
    if hashed.key_check != hasher.check():
        raise HashKeyError(
            f"the key in {env} is not the key list {source!r} was hashed with "
            "(its key-check differs); use the policy's key, or re-hash the list"
        )
    return tuple(Hashed(bytes.fromhex(d), hasher, hashed.max_units) for d in hashed.digests)
