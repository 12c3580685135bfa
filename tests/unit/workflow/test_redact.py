"""Masking in every output format, ``--show-matches``, and ``postguard redact``
(the ``secrets`` kind's own detections are in tests/unit/kinds/test_secrets.py)."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from postguard.cli import main
from postguard.errors import PostguardError
from postguard.io import write_atomic
from postguard.workflow.redact import redact_text

STRIPE = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"


@pytest.fixture()
def draft(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(f"Ring meg på 912 34 567, mail kari.hansen@firma.no.\nKey: {STRIPE}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_reports_mask_sensitive_matches(draft, fmt):
    runner = CliRunner()
    masked = runner.invoke(main, ["check", "--lang", "nb", "--format", fmt, str(draft)])
    assert masked.exit_code == 1
    for secret in ("912 34 567", "kari.hansen@firma.no", STRIPE):
        assert secret not in masked.output
    assert "s*_****_****" in masked.output  # the shape and the first character only
    shown = runner.invoke(main, ["check", "--lang", "nb", "--format", fmt, "--show-matches", str(draft)])
    for secret in ("912 34 567", "kari.hansen@firma.no", STRIPE):
        assert secret in shown.output
    if fmt == "json":
        findings = json.loads(masked.output)["files"][0]["findings"]
        assert {f["category"] for f in findings} == {"pii", "secret"}
        assert all(f["masked"] for f in findings)


@pytest.mark.parametrize(
    ("operator", "expected"),
    [
        ("replace", "Ring meg på <PHONE>, mail <EMAIL>.\nKey: <SECRET>\n"),
        (
            "mask",
            "Ring meg på *** ** ***, mail ****.******@*****.**.\nKey: **_****_************************\n",
        ),
    ],
)
def test_redact_to_stdout(draft, operator, expected):
    result = CliRunner().invoke(main, ["redact", "--lang", "nb", "--operator", operator, str(draft)])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected


def test_redact_hash_is_stable_and_keyed(draft, default_linter, monkeypatch):
    import hashlib

    result = default_linter.check(draft.read_text(encoding="utf-8"), lang="nb")
    monkeypatch.setenv("POSTGUARD_HASH_KEY", "k" * 32)
    once, twice = redact_text(result, "hash"), redact_text(result, "hash")
    assert once == twice and STRIPE not in once and "912 34 567" not in once
    assert hashlib.sha256(b"912 34 567").hexdigest() not in once  # not an unkeyed digest
    monkeypatch.setenv("POSTGUARD_HASH_KEY", "o" * 32)
    assert redact_text(result, "hash") != once  # another key, other digests


def test_redact_hash_without_a_key_refuses(draft, monkeypatch):
    monkeypatch.delenv("POSTGUARD_HASH_KEY", raising=False)
    result = CliRunner().invoke(main, ["redact", "--lang", "nb", "--operator", "hash", str(draft)])
    assert result.exit_code == 2
    assert "POSTGUARD_HASH_KEY" in result.stderr and "Traceback" not in result.output


def test_redact_refuses_a_file_over_the_size_limit(draft):
    result = CliRunner().invoke(main, ["redact", "--max-file-size", "10B", str(draft)])
    assert result.exit_code == 2
    assert "larger than" in result.stderr or "limit" in result.stderr


def test_redact_policy_may_not_read_outside_its_folder_unless_allowed(tmp_path, draft):
    inner = tmp_path / "repo"
    inner.mkdir()
    (tmp_path / "outside.txt").write_text("Secret Customer\n", encoding="utf-8")
    policy = inner / "postguard.yml"
    policy.write_text(
        "extends: [default]\nlists:\n  customers:\n    file: ../outside.txt\n", encoding="utf-8"
    )
    refused = CliRunner().invoke(main, ["redact", "--policy", str(policy), str(draft)])
    assert refused.exit_code == 2 and "outside" in refused.stderr
    allowed = CliRunner().invoke(
        main, ["redact", "--policy", str(policy), "--allow-outside-policy-folder", str(draft)]
    )
    assert allowed.exit_code == 0, allowed.output


def test_redact_round_trip_leaves_nothing_to_find(draft, default_linter):
    redacted = redact_text(default_linter.check(draft.read_text(encoding="utf-8"), lang="nb"))
    again = default_linter.check(redacted, lang="nb")
    assert [f for f in again.findings if f.category in {"pii", "secret"}] == []
    clean = "Nothing private here.\n"
    assert redact_text(default_linter.check(clean, lang="en")) == clean


def test_redact_in_place_keeps_a_backup(draft):
    original = draft.read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["redact", "--lang", "nb", "--in-place", str(draft)])
    assert result.exit_code == 0, result.output
    assert "<EMAIL>" in draft.read_text(encoding="utf-8")
    assert (draft.parent / "draft.txt.bak").read_text(encoding="utf-8") == original


def test_redact_output_file(draft, tmp_path):
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(main, ["redact", "--lang", "nb", "-o", str(out), str(draft)])
    assert result.exit_code == 0
    assert "<SECRET>" in out.read_text(encoding="utf-8")


def test_failed_in_place_write_loses_nothing(draft, monkeypatch):
    original = draft.read_text(encoding="utf-8")

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = CliRunner().invoke(main, ["redact", "--lang", "nb", "--in-place", str(draft)])
    assert result.exit_code == 2
    assert "cannot write" in result.output
    assert draft.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in draft.parent.iterdir()) == ["draft.txt", "draft.txt.bak"]


def test_write_atomic_cleans_up_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "post.md"
    target.write_text("original", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError("disk gone")))
    with pytest.raises(PostguardError, match="disk gone"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]


def test_redact_bad_input_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["redact", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert result.output.strip().startswith("postguard: error:") and "Traceback" not in result.output
    both = CliRunner().invoke(main, ["redact", "--in-place", "-o", "x.txt", str(tmp_path / "missing.txt")])
    assert both.exit_code == 2


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Kari Hansen ble oppsagt i mars.", "nb", "<PRIVATE> i mars."),
        ("She lives at Storgata 12B, 0155 Oslo.", "en", "She <PRIVATE>."),
        ("Send the photos to +47 936 12 345 tonight.", "en", "Send the photos to <PHONE> tonight."),
    ],
)
def test_redact_replaces_a_persons_private_matter_whole(default_linter, text, lang, expected):
    assert redact_text(default_linter.check(text, lang=lang)) == expected
