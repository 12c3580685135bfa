"""Shared fixtures: small policies written by the tests, and paths to the shipped examples."""

from __future__ import annotations

import os
import socket
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from postguard import Linter, load_policy_text

ROOT = Path(__file__).resolve().parent.parent
ACME_POLICY = ROOT / "examples" / "acme" / "postguard.yml"
SHARED = ROOT.parent / "shared"
DATA = ROOT / "tests" / "data"  # fixtures shared by tests in every folder


@pytest.fixture(scope="session")
def acme() -> Linter:
    """The example company's policy (extends the built-in default)."""
    return Linter.from_file(ACME_POLICY)


@pytest.fixture(scope="session")
def default_linter() -> Linter:
    return Linter.default()


def linter_from(yaml_text: str, base: Path | str = ".") -> Linter:
    """A Linter for a policy written inline in a test (dedented)."""
    return Linter(load_policy_text(textwrap.dedent(yaml_text), base=base))


def rules_hit(result) -> list[str]:
    return [f.rule for f in result.findings]


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own organisation-wide policy or POSTGUARD_POLICY."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "no-config"))
    monkeypatch.delenv("POSTGUARD_POLICY", raising=False)


# Hypothesis: a few hundred examples per property by default; the "ci" profile (loaded when CI
# is set, as CI runners do) runs 2,600 per property, over 10,000 in total; "fuzz" runs far more.
settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile(
    "ci", max_examples=2600, deadline=None, derandomize=True, database=None, print_blob=True
)
settings.register_profile("fuzz", max_examples=50_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))


class NetworkBlocked(OSError):
    """Raised by any attempt to reach the network during the tests."""


def _blocked(*args: object, **kwargs: object) -> None:
    raise NetworkBlocked("network access is blocked in postguard's tests")


@pytest.fixture(scope="session", autouse=True)
def _no_network() -> Iterator[None]:
    """The whole suite runs with the network cut: postguard must work offline (see test_offline.py)."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _blocked()
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _blocked()
        return real_connect_ex(self, address)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", connect)
        patch.setattr(socket.socket, "connect_ex", connect_ex)
        patch.setattr(socket, "getaddrinfo", _blocked)
        patch.setattr(socket, "gethostbyname", _blocked)
        patch.setattr(socket, "create_connection", _blocked)
        yield
