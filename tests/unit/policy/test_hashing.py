"""Hashed term lists: made by `postguard hash-terms`, matched like plain terms, never revealed."""

from __future__ import annotations

import hashlib
import hmac
import json
import pickle
import textwrap

import pytest
from click.testing import CliRunner

from postguard import Linter, load_policy_text
from postguard.cli import main
from postguard.errors import PolicyError
from postguard.policy.hashing import HEADER, Hasher, hash_terms, parse_hashed_file

KEY = "test-key-0123456789abcdef"
OTHER_KEY = "another-key-0123456789abcdef"
TERMS = ["Kestrel", "Silver Tide", "Halvorsen Maritime", "Polar Freight AS"]


@pytest.fixture
def key_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("POSTGUARD_HASH_KEY", KEY)
    return KEY


def hashed_policy(tmp_path, terms=TERMS, key: str = KEY, extra: str = "") -> str:
    """Write a hashed list file for ``terms`` and a policy that uses it; returns the policy text."""
    (tmp_path / "secret.hashed").write_text(hash_terms(terms, Hasher(key.encode())).render())
    return textwrap.dedent(
        f"""\
        lists:
          secret:
            file: secret.hashed
        {extra}
        rules:
          - id: secret
            kind: terms
            lists: [secret]
            category: confidential
            message: '"{{match}}" is confidential ({{term}}).'
        """
    )


def linter(tmp_path, **kwargs) -> Linter:
    return Linter(load_policy_text(hashed_policy(tmp_path, **kwargs), base=tmp_path))


def found(lint: Linter, text: str, lang: str = "en") -> list[str]:
    return [f.text for f in lint.check(text, lang=lang).findings]


def test_terms_are_hashed_by_the_matchers_key():
    hasher = Hasher(KEY.encode())
    assert hash_terms(["Blue-Harbor's"], hasher).digests == (hasher.digest("blueharbor").hex(),)
    assert hash_terms(["Kеstrel"], hasher).digests == (hasher.digest("kestrel").hex(),)  # Cyrillic е
    assert hash_terms(["Polar  Freight\u200b AS"], hasher).digests == (hasher.digest("polarfreightas").hex(),)


def test_hash_file_holds_no_plain_text_and_hides_order(key_env):
    hashed = hash_terms(["Zeta", "Alpha", "alpha", "# comment", ""], Hasher(KEY.encode()))
    text = hashed.render()
    assert text.startswith(HEADER)
    assert "alpha" not in text.lower() and "zeta" not in text.lower()
    assert len(hashed.digests) == 2  # "Alpha" and "alpha" share one key
    assert list(hashed.digests) == sorted(hashed.digests)
    assert parse_hashed_file(text) == hashed


def test_hashes_depend_on_the_key():
    one = hash_terms(["Kestrel"], Hasher(KEY.encode()))
    two = hash_terms(["Kestrel"], Hasher(OTHER_KEY.encode()))
    assert one.digests != two.digests and one.key_check != two.key_check


@pytest.mark.parametrize(
    "draft, expected",
    [
        ("Kestrel ships in March.", "Kestrel"),
        ("kestrel ships in March.", "kestrel"),
        ("KESTREL ships in March.", "KESTREL"),
        ("Kestrel's launch slipped.", "Kestrel"),
        ("Two Kestrels ship in March.", "Kestrels"),
        ("Late night with the #Kestrel squad.", "Kestrel"),
        ("Loving #ProjectKestrel so far.", "Kestrel"),
        ("Loving #teamkestrel so far.", "teamkestrel"),
        ("K3strel benchmarks are insane.", "K3strel"),
        ("The Kеstrel launch (Cyrillic е).", "Kеstrel"),
        ("The Kes\u200btrel launch.", "Kes\u200btrel"),
        ("The K e s t r e l launch.", "K e s t r e l"),
        ("The Silver Tide rollout.", "Silver Tide"),
        ("The silver-tide rollout.", "silver-tide"),
        ("The SilverTide rollout.", "SilverTide"),
        ("The #SilverTide rollout.", "SilverTide"),
        ("Deal with Halvorsen Maritime's fleet.", "Halvorsen Maritime"),
        ("Deal with Polar Freight AS today.", "Polar Freight AS"),
    ],
)
def test_hashed_terms_match_every_variant_plain_terms_match(tmp_path, key_env, draft, expected):
    assert found(linter(tmp_path), draft) == [expected]
    plain = Linter(
        load_policy_text(hashed_policy(tmp_path).replace("file: secret.hashed", f"terms: {TERMS}"))
    )
    assert found(plain, draft) == [expected]


def test_norwegian_inflection(tmp_path, key_env):
    assert found(linter(tmp_path), "Kestrelen går i beta i mars.", lang="nb") == ["Kestrelen"]


@pytest.mark.parametrize(
    "draft",
    ["A kestrel-like bird.", "Silver is nice. Tide turns.", "Kestrelfalken er fin.", "Polar Freight ASA"],
)
def test_no_match_where_plain_terms_do_not_match_either(tmp_path, key_env, draft):
    plain = Linter(
        load_policy_text(hashed_policy(tmp_path).replace("file: secret.hashed", f"terms: {TERMS}"))
    )
    assert found(linter(tmp_path), draft) == found(plain, draft)


def test_short_terms_do_not_inflect(tmp_path, key_env):
    lint = linter(tmp_path, terms=["AS"])
    assert found(lint, "We are AS today") == ["AS"]
    assert found(lint, "what an ass") == []


def test_reports_never_show_the_term_and_mask_the_draft(tmp_path, key_env):
    lint = linter(tmp_path)
    result = lint.check("Halvorsen Maritime signed today.", lang="en")
    (finding,) = result.findings
    assert finding.sensitive
    assert "Halvorsen" not in finding.message and "<hashed>" not in finding.message
    assert finding.excerpt() != "Halvorsen Maritime"
    assert finding.excerpt(show_sensitive=True) == "Halvorsen Maritime"


def test_cli_masks_in_json_and_reveals_locally(tmp_path, key_env):
    (tmp_path / "postguard.yml").write_text(hashed_policy(tmp_path))
    draft = tmp_path / "post.md"
    draft.write_text("We ship Kestrel soon.\n")
    runner = CliRunner()
    args = ["check", "--policy", str(tmp_path / "postguard.yml"), str(draft)]
    masked = runner.invoke(main, [*args, "--format", "json"])
    assert masked.exit_code == 1
    assert "Kestrel" not in masked.output
    assert json.loads(masked.output)["files"][0]["findings"][0]["masked"] is True
    text = runner.invoke(main, args)
    assert "Kestrel" not in text.output and "K******" in text.output
    shown = runner.invoke(main, [*args, "--show-matches", "--format", "json"])
    assert json.loads(shown.output)["files"][0]["findings"][0]["excerpt"] == "Kestrel"


def test_near_rule_masks_the_hashed_side(tmp_path, key_env):
    (tmp_path / "secret.hashed").write_text(hash_terms(["Halvorsen Maritime"], Hasher(KEY.encode())).render())
    policy = """\
        lists:
          customers: {file: secret.hashed}
        rules:
          - id: deal
            kind: near
            terms: [contract]
            near: {lists: [customers]}
            category: customer
            message: 'A contract near {near}.'
    """
    lint = Linter(load_policy_text(textwrap.dedent(policy), base=tmp_path))
    (finding,) = lint.check("The contract with Halvorsen Maritime is signed.", lang="en").findings
    assert "Halvorsen" not in finding.message and finding.sensitive


def test_inline_hashed_mapping_from_cli_yaml(tmp_path, key_env):
    source = tmp_path / "plain.txt"
    source.write_text("Kestrel\n")
    result = CliRunner().invoke(main, ["hash-terms", str(source), "--yaml", "codenames"])
    assert result.exit_code == 0, result.output
    snippet = result.stdout
    assert "Kestrel" not in snippet
    policy = (
        "lists:\n"
        + snippet
        + ("rules:\n  - {id: c, kind: terms, lists: [codenames], category: confidential, message: m}\n")
    )
    lint = Linter(load_policy_text(policy, base=tmp_path))
    assert found(lint, "Kestrel is here") == ["Kestrel"]


def test_cli_writes_file_atomically_and_never_echoes_terms(tmp_path, key_env):
    source = tmp_path / "plain.txt"
    source.write_text("Kestrel\nSilver Tide\n")
    out = tmp_path / "secret.hashed"
    result = CliRunner().invoke(main, ["hash-terms", str(source), "-o", str(out)])
    assert result.exit_code == 0
    assert "Kestrel" not in result.output
    assert parse_hashed_file(out.read_text()).max_units == 2
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_cli_reads_stdin(key_env):
    result = CliRunner().invoke(main, ["hash-terms"], input="Kestrel\n")
    assert result.exit_code == 0
    assert result.stdout.startswith(HEADER)


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (["hash-terms"], "ok\n!!!\n", "line 2 has no letters or digits"),
        (["hash-terms"], "# only a comment\n", "no terms to hash"),
        (["hash-terms", "missing.txt"], "", "missing.txt: no such file"),
    ],
)
def test_cli_errors_are_one_line_exit_2(key_env, args, stdin, message):
    result = CliRunner().invoke(main, args, input=stdin)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_refuses_to_overwrite_the_plain_list(tmp_path, key_env):
    source = tmp_path / "plain.txt"
    source.write_text("Kestrel\n")
    result = CliRunner().invoke(main, ["hash-terms", str(source), "-o", str(source)])
    assert result.exit_code == 2
    assert source.read_text() == "Kestrel\n"


def test_cli_new_key_is_random_and_long():
    one = CliRunner().invoke(main, ["hash-terms", "--new-key"]).output.strip()
    two = CliRunner().invoke(main, ["hash-terms", "--new-key"]).output.strip()
    assert one != two and len(one) >= 32


def test_missing_key_is_a_clear_policy_error(tmp_path, monkeypatch):
    policy = hashed_policy(tmp_path)
    monkeypatch.delenv("POSTGUARD_HASH_KEY", raising=False)
    with pytest.raises(PolicyError, match="POSTGUARD_HASH_KEY") as err:
        load_policy_text(policy, base=tmp_path)
    assert err.value.line == 3


def test_wrong_key_is_refused_not_silently_matching_nothing(tmp_path, monkeypatch):
    policy = hashed_policy(tmp_path)
    monkeypatch.setenv("POSTGUARD_HASH_KEY", OTHER_KEY)
    with pytest.raises(PolicyError, match="not the key"):
        load_policy_text(policy, base=tmp_path)


def test_short_key_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTGUARD_HASH_KEY", "short")
    result = CliRunner().invoke(main, ["hash-terms"], input="Kestrel\n")
    assert result.exit_code == 2 and "too short" in result.output


def test_key_env_names_another_variable(tmp_path, monkeypatch):
    monkeypatch.delenv("POSTGUARD_HASH_KEY", raising=False)
    monkeypatch.setenv("ACME_TERMS_KEY", KEY)
    policy = hashed_policy(tmp_path, extra="").replace(
        "file: secret.hashed", "file: secret.hashed\n    key-env: ACME_TERMS_KEY"
    )
    lint = Linter(load_policy_text(policy, base=tmp_path))
    assert found(lint, "Kestrel") == ["Kestrel"]


@pytest.mark.parametrize(
    "option, message",
    [
        ("case: exact", "'case' cannot be checked"),
        ("compound: head", "'compound' is not supported"),
        ("variants: true", "'variants' is not supported"),
    ],
)
def test_options_a_hash_cannot_honour_are_refused(tmp_path, key_env, option, message):
    policy = hashed_policy(tmp_path).replace("file: secret.hashed", f"file: secret.hashed\n    {option}")
    with pytest.raises(PolicyError, match=message):
        load_policy_text(policy, base=tmp_path)


def test_mask_false_is_refused_for_hashed_lists(tmp_path, key_env):
    policy = hashed_policy(tmp_path) + "    mask: false\n"
    with pytest.raises(PolicyError, match="always masked"):
        load_policy_text(policy, base=tmp_path)


@pytest.mark.parametrize(
    "hashed, message",
    [
        ("{terms: [nothex]}", "64-digit hex"),
        ("{key-check: '12345678', terms: []}", "max-units"),
        ("{max-units: 1, terms: []}", "key-check"),
        ("{key-check: '12345678', max-units: 99, terms: []}", "between 1 and 16"),
        ("{key-check: '12345678', max-units: 1, terms: [], salt: x}", "unknown key 'salt'"),
        ("[a, b]", "must be the mapping"),
    ],
)
def test_malformed_hashed_mapping(tmp_path, key_env, hashed, message):
    policy = f"lists:\n  secret:\n    hashed: {hashed}\n"
    with pytest.raises(PolicyError, match=message):
        load_policy_text(policy, base=tmp_path)


def test_malformed_hashed_file_names_the_line(tmp_path, key_env):
    (tmp_path / "bad.hashed").write_text(f"{HEADER}\n# key-check: 12345678\n# max-units: 1\nKestrel\n")
    with pytest.raises(PolicyError, match="line 4: expected a 64-digit hex hash"):
        load_policy_text("lists:\n  secret: {file: bad.hashed}\n", base=tmp_path)


def test_plain_and_hashed_terms_share_a_list(tmp_path, key_env):
    policy = hashed_policy(tmp_path, terms=["Kestrel"]).replace(
        "file: secret.hashed", "file: secret.hashed\n    terms: [Nordic Cloud Co.]"
    )
    lint = Linter(load_policy_text(policy, base=tmp_path))
    assert found(lint, "Kestrel beats Nordic Cloud Co. today") == ["Kestrel", "Nordic Cloud Co"]


@pytest.mark.parametrize("secret", [KEY.encode(), b"k" * 64, b"long" * 40])
def test_hasher_is_standard_hmac_sha256(secret):
    for text in ("kestrel", "blåbær", ""):
        assert Hasher(secret).digest(text) == hmac.new(secret, text.encode(), hashlib.sha256).digest()


def test_a_linter_with_hashed_lists_survives_pickling(tmp_path, key_env):
    """Worker processes on systems without fork receive the compiled linter pickled."""
    lint = pickle.loads(pickle.dumps(linter(tmp_path)))
    assert found(lint, "Kestrel ships") == ["Kestrel"]
