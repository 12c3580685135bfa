"""Offline guarantee: with every network call blocked (see conftest.py), a full check works."""

from __future__ import annotations

import json
import socket
import urllib.request

import pytest
from click.testing import CliRunner
from conftest import ACME_POLICY, ROOT, NetworkBlocked

from postguard.analysis import pipeline
from postguard.cli import main


def test_network_is_really_blocked():
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("pypi.org", 443), timeout=1)
    with pytest.raises(OSError):
        urllib.request.urlopen("https://example.com", timeout=1)
    with pytest.raises(NetworkBlocked):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9))


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_spacy_pipeline_builds_offline(lang):
    nlp = pipeline.__wrapped__(lang)  # a fresh build, not the cached one
    assert [t.text for t in nlp("Kestrel går i beta.")][:2] == ["Kestrel", "går"]


def test_full_check_via_cli_offline():
    drafts = sorted(str(p) for p in (ROOT / "examples").rglob("drafts/*"))
    result = CliRunner().invoke(main, ["check", "--policy", str(ACME_POLICY), "--format", "json", *drafts])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == len(drafts)
    assert {f["rule"] for file in report["files"] for f in file["findings"]} >= {
        "acme.codename",
        "acme.customer",
    }
    text = CliRunner().invoke(main, ["check", *drafts])
    assert text.exit_code in (0, 1) and "error:" not in text.stderr
