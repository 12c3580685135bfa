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


# A random-looking body to build provider tokens from (not a real key).
BODY = "Qm7vT2xLp9RzK4wN8cYb3HdF6gJs1AeU5iOk0PqWnXyZrBtCvDmEfGhSjLaMuVo"
HEX = "9f2c4e7a1b8d3f6e0a5c9b2d7e4f1a8c"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (f"Runner token: glsoat-{BODY[:20]}", "secret.token"),
        (f"incoming mail token glimt-{BODY[:25]}", "secret.token"),
        (f"Agent-tokenet er glagent-{BODY[:50]}", "secret.token"),
        (f"gloas-{BODY[:60]} is the OAuth secret", "secret.token"),
        (f"feature flags: glffct-{BODY[:20]}", "secret.token"),
        (f"feed token glft-{BODY[:20]}", "secret.token"),
        (f"registreringstoken GR1348941{BODY[:20]}", "secret.token"),
        (f"my refresh token is xoxe-1-{BODY}", "secret.token"),
        (f"xoxe.xoxp-1-{BODY}", "secret.token"),
        (
            f"https://hooks.slack.com/workflows/T01AB2CD3/A04EF5GH6/305817294630571948/{BODY[:24]}",
            "secret.token",
        ),
        (f"https://hooks.slack.com/triggers/T01AB2CD3/3058172946305/{HEX}", "secret.token"),
        (f"Prod-nøkkelen er sk_prod_{BODY[:24]}", "secret.token"),
        (f"rk_prod_{BODY[:24]}", "secret.token"),
        (f"whsec_{BODY[:32]}", "secret.token"),
        (f"GOCSPX-{BODY[:28]}", "secret.token"),
        ("unsigned: eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiI0MiIsImFkbWluIjp0cnVlfQ.", "secret.jwt"),
        ("eyJhbGciOiJub25lIn0.eyJzdWIiOiI0MiIsImFkbWluIjp0cnVlfQ", "secret.jwt"),
        (f'const stripeToken = "{BODY[:32]}";', "secret.password"),
        (f'var token string = "{BODY[:32]}"', "secret.password"),
        (f'let accessToken: String = "{BODY[:32]}"', "secret.password"),
        (f"API_TOKEN ?= {BODY[:32]}", "secret.password"),
        (f'$password .= "{BODY[:16]}";', "secret.password"),
        (f'System.setProperty("TOKEN", "{BODY[:32]}");', "secret.password"),
        (f'<add key="ApiKey" value="{BODY[:32]}" />', "secret.password"),
        ("<password>Kv8!pLm2#Qx</password>", "secret.password"),
        ("Server=db01;Database=shop;User Id=sa;Password=Kv8!pLm2#Qx;", "secret.password"),
        ("the office wifi password is Winter#2026", "secret.password"),
        ("passordet til printeren er Skriver!2024", "secret.password"),
        ("login is root / h4rdPa55!", "secret.password"),
        ("pw: Qz7!mnb2Lk", "secret.password"),
        (f"API-nøkkelen er {HEX}", "secret.password"),
        ("hemmeligheten er wK3/Tq8+Zr2LmN5pX9vB1cD4fG7hJ0sA6eU2iO8y", "secret.password"),
        (f"Use this token acme_live_{BODY[:32]}", "secret.password"),
    ],
)
def test_new_formats_and_shapes_found(default_linter, text, rule):
    result = default_linter.check(text, format="text")
    assert rule in {f.rule for f in result.findings}


@pytest.mark.parametrize(
    "text",
    [
        "Set SLACK_TOKEN=xoxb-my-bot-token before running the bot.",
        "Use AIzaSyabcdefghijklmnopqrstuvwxyz1234567 as a key in tests.",
        "![hugs](https://cdn.example.no/images/xoxo-gossip-girl-poster.jpg)",
        "xoxb-1234567890-1234567890-abcdefghijklmnopqrstuvwx",
        "stripe.api_key = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'",
        "The jwt.io token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0"
        "IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "curl https://api.example.com/oauth/token?refresh_token=8xKq2LmN7vR4tB9pQ3zW&grant_type=refresh_token",
        "mysql://root:Vq8mT2xLp9Rz@192.0.2.10/app",
        "Server=myServer;Database=myDb;User Id=myUser;Password=myPassword;",
        "Click 'Forgot password' to get a password reset link.",
        "My password is Password",
        "Password requirements: 12 characters, 1 digit.",
        "passordet er for kort, prøv igjen",
        "Hemmeligheten er at vi jobber sammen.",
        "login is root / no password on the test VM",
        "[moved the token]: https://github.com/rust-lang/cargo/pull/3978",
        "you should change your password http://t.co/VEd4Yyztok",
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
        "request id 3f2b8c1e-9d4a-4b7e-8f21-6c0d5a9e7b13",
        "![chart](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk)",
        "token = PreTrainedTokenizerFast",
    ],
)
def test_placeholders_documented_values_and_look_alikes_pass(default_linter, text):
    result = default_linter.check(text, format="text")
    assert [f.text for f in result.findings if f.category == "secret"] == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("the wifi password is Winter#2026.", "Winter#2026"),
        ("passord: 'Kontor2025!'", "Kontor2025!"),
        (f"auth_token={BODY[:24]}&grant_type=refresh_token", BODY[:24]),
    ],
)
def test_finding_covers_exactly_the_secret(default_linter, text, secret):
    [finding] = [f for f in default_linter.check(text, format="text").findings if f.category == "secret"]
    assert text[finding.start : finding.end] == secret


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("A3T4QX7RZ2M9KP5LWN3B", "secret.token"),
        ("hooks.slack.com/services/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", "secret.token"),
        ("<apiToken>\n    Qm7vT2xLp9RzK4wN8cYb3HdF\n</apiToken>", "secret.password"),
        ("-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "secret.private-key"),
    ],
)
def test_shapes_as_pasted(default_linter, text, rule):
    assert rule in {f.rule for f in default_linter.check(text, format="text").findings}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The door code is 4471.", "4471"),
        ("the code to the back door by the bins is 8866#, don't tell facilities", "8866#"),
        ("Kode bakdøra lageret: 4471#", "4471#"),
        ("dørkoden er 1234, ikke si det til noen", "1234"),
        ("Alarmkoden er fortsatt 0000", "0000"),
    ],
)
def test_door_and_alarm_codes_found_exactly(default_linter, text, code):
    [finding] = [f for f in default_linter.check(text, format="text").findings if f.category == "secret"]
    assert (finding.rule, text[finding.start : finding.end]) == ("secret.access-code", code)


@pytest.mark.parametrize(
    "text",
    [
        "The status code is 4040.",
        "error code 4004 again, the build is broken",
        "Koden er 1234 linjer lang.",
        "The gate code changed in 2019.",
        "The door code is in the welcome email.",
    ],
)
def test_other_codes_and_numbers_pass(default_linter, text):
    assert [
        f.rule for f in default_linter.check(text, format="text").findings if f.category == "secret"
    ] == []
