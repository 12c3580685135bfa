"""The ``secrets`` rule kind: provider keys, private key blocks, tokens and passwords are found;
placeholders and prose are not (masking and ``postguard redact``: tests/unit/workflow/test_redact.py)."""

from __future__ import annotations

import pytest

STRIPE = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (f"Use this key to test: {STRIPE}", "secret.token"),
        ("token ghp_R2fX8kq0ZlP4mN7vB1cD9sT3yH6wJ5eA0uQ2 here", "secret.token"),
        ("glpat-Xy7Qp2Lm9Rt4Vb8Nc3Kd here", "secret.token"),
        ("xoxb-2048193847-4839201847-Xk9pQ2mL7vR4tB8n", "secret.token"),
        ("AIzaSyD9x8Kq2Lp7Vm4Rt6Bn1Cz3Xw5Yq8Jh0Pk in the app", "secret.token"),
        ("Nøkkelen er AKIA2E0A8F3B244C9986.", "secret.token"),
        (
            "```\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bqXk2w9LrT4vQ\n-----END RSA PRIVATE KEY-----\n```",
            "secret.private-key",
        ),
        (
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1rwW1gFWFOEjXk",
            "secret.jwt",
        ),
        ("db_password = 'Xk9#mQ2v!Lr7pZ4w'", "secret.password"),
        ("passord: Hq7!vN3kLm9xT2pB", "secret.password"),
        ("postgres://admin:Vq8mT2xLp9Rz@db.internal:5432/app", "secret.password"),
    ],
)
def test_secrets_found(default_linter, text, rule):
    result = default_linter.check(text, format="markdown")
    assert rule in {f.rule for f in result.findings}
    assert all(f.sensitive for f in result.findings if f.category == "secret")


@pytest.mark.parametrize(
    "text",
    [
        "Set GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx in your shell.",
        "The AWS docs use AKIAIOSFODNN7EXAMPLE as a sample key.",
        "password = os.environ['DB_PASSWORD']",
        "api_key: <YOUR_API_KEY>",
        "token = get_token_from_environment()",
        "password: correct-horse-battery-staple",
        "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
        "Passordet må være minst tolv tegn.",
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    ],
)
def test_secrets_placeholders_and_prose_pass(default_linter, text):
    result = default_linter.check(text, format="markdown")
    assert [f.text for f in result.findings if f.category == "secret"] == []
