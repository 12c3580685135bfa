"""The web API through Starlette's test client: the same findings as ``check --format json``, the
rules and health endpoints, redaction, every kind of bad input as a one-line 4xx, and the guard
(local host names only, no cross-origin POST, CSP and nosniff on every response)."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ACME_POLICY, ROOT
from starlette.testclient import TestClient

from postguard import Linter
from postguard.cli import main
from postguard.io import DEFAULT_MAX_BYTES
from postguard.web import allowed_hosts, create_app
from postguard.web.api import guess_format

BASE = "http://127.0.0.1:8765"
DRAFT = "Sneak peek: Project Kestrel goes to beta in March. Call me on +47 912 34 567 any time."
PHONE = "+47 912 34 567"
SCHEMA = json.loads((ROOT / "tests" / "contract" / "check-output.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(Linter.from_file(ACME_POLICY)), base_url=BASE, raise_server_exceptions=False)


def _check(client: TestClient, **body: object):
    return client.post("/api/check", json=body)


def _refused(response, status: int) -> str:
    """A refusal: the status, the JSON error shape, one line, no traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert list(body) == ["error"]
    assert "\n" not in body["error"] and "Traceback" not in body["error"]
    return body["error"]


def test_check_returns_the_json_report_of_check(client: TestClient, tmp_path) -> None:
    response = _check(client, text=DRAFT, lang="en")
    assert response.status_code == 200
    report = response.json()
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    cli = CliRunner().invoke(main, ["check", "--policy", str(ACME_POLICY), "--format", "json", str(draft)])
    expected = json.loads(cli.stdout)
    assert [file["path"] for file in report["files"]] == [None]
    assert report["files"][0]["findings"] == expected["files"][0]["findings"]
    assert report["summary"] == expected["summary"]
    assert {f["rule"] for f in report["files"][0]["findings"]} >= {"acme.codename", "pii.phone"}
    report["files"][0]["path"] = "<text>"  # the schema's one difference: a draft has no file
    jsonschema.Draft202012Validator(SCHEMA).validate(report)


def test_private_data_is_masked_unless_asked(client: TestClient) -> None:
    masked = _check(client, text=DRAFT).json()
    phone = next(f for f in masked["files"][0]["findings"] if f["rule"] == "pii.phone")
    assert phone["masked"] is True and PHONE not in json.dumps(masked)
    shown = _check(client, text=DRAFT, show_matches=True).json()
    phone = next(f for f in shown["files"][0]["findings"] if f["rule"] == "pii.phone")
    assert phone["masked"] is False and phone["excerpt"] == PHONE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Just a plain post about our week.", "text"),
        ("# Launch\n\nRead the [notes](https://example.com).", "markdown"),
        ("<p>Hello</p><p>world</p>", "html"),
        ("<!doctype html><title>x</title>", "html"),
        ("<!-- postguard-disable acme.codename -- launched -->\n# Kestrel is out", "markdown"),
    ],
)
def test_auto_format_is_guessed_from_the_text(client: TestClient, text: str, expected: str) -> None:
    assert guess_format(text) == expected
    assert _check(client, text=text, format="auto").json()["files"][0]["format"] == expected


def test_explicit_format_and_language_are_used(client: TestClient) -> None:
    file = _check(client, text="# Project Kestrel", format="text", lang="nb").json()["files"][0]
    assert (file["format"], file["language"]) == ("text", "nb")


def test_redact_replaces_every_private_finding(client: TestClient) -> None:
    response = client.post("/api/redact", json={"text": DRAFT})
    assert response.status_code == 200
    body = response.json()
    assert PHONE not in body["text"] and "<PHONE>" in body["text"]
    assert "Project Kestrel" in body["text"]  # a codename is not private data: check reports it
    assert body["redacted"] == 1
    masked = client.post("/api/redact", json={"text": DRAFT, "operator": "mask"}).json()["text"]
    assert "+** *** ** ***" in masked


def test_rules_and_health(client: TestClient) -> None:
    rules = client.get("/api/rules").json()
    ids = {rule["id"] for rule in rules["rules"]}
    assert {"acme.codename", "pii.phone"} <= ids
    assert rules["fail_on"] == "warning"
    assert all("{match}" not in rule["message"] for rule in rules["rules"])
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["rules"] == len(ids)


def test_the_page_and_its_files_are_served_locally(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for name in ("app.js", "app.css", "icon.svg"):
        assert f"/static/{name}" in page.text
        assert client.get(f"/static/{name}").status_code == 200
    assert "http://" not in page.text and "https://" not in page.text


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ({"text": ""}, 422, "empty"),
        ({"text": " \n\t"}, 422, "empty"),
        ({}, 422, '"text" is missing'),
        ({"text": 42}, 422, "not a string"),
        ({"text": "hi", "format": "docx"}, 422, 'unknown "format"'),
        ({"text": "hi", "format": "markdwn"}, 422, "did you mean 'markdown'"),
        ({"text": "hi", "lang": "sv"}, 422, 'unknown "lang"'),
        ({"text": "hi", "lang": 1}, 422, "a JSON int"),
        ({"text": "hi", "show_matches": "yes"}, 422, "true or false"),
        ({"text": "hi", "fromat": "text"}, 422, "did you mean 'format'"),
        (["text"], 422, "JSON object"),
        ("just a string", 422, "JSON object"),
    ],
)
def test_bad_requests(client: TestClient, body: object, status: int, says: str) -> None:
    assert says in _refused(client.post("/api/check", json=body), status)


def test_text_over_the_size_limit(client: TestClient) -> None:
    small = TestClient(create_app(Linter.from_file(ACME_POLICY), max_bytes=1000), base_url=BASE)
    assert "the limit is 1,000 bytes" in _refused(_check(small, text="ø" * 501), 413)  # 1002 bytes
    assert _check(small, text="a" * 1000).status_code == 200
    huge = b'{"text": "' + b"a" * (DEFAULT_MAX_BYTES + 1) + b'"}'
    response = client.post("/api/check", content=huge, headers={"content-type": "application/json"})
    assert "limit" in _refused(response, 413)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"text": "a"', "not valid JSON"),
        (b"\xff\xfe\x00", "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"text": "\\ud800 lone"}', "unpaired surrogate"),
    ],
)
def test_invalid_json(client: TestClient, content: bytes, says: str) -> None:
    response = client.post("/api/check", content=content, headers={"content-type": "application/json"})
    assert says in _refused(response, 422 if "surrogate" in says else 400)


def test_only_json_is_accepted(client: TestClient) -> None:
    response = client.post("/api/check", content=b"text=hi", headers={"content-type": "text/plain"})
    assert "application/json" in _refused(response, 415)


def test_unknown_paths_and_methods(client: TestClient) -> None:
    assert "nothing here" in _refused(client.get("/api/nope"), 404)
    assert "not allowed" in _refused(client.get("/api/check"), 405)
    assert "not allowed" in _refused(client.post("/api/rules", json={}), 405)


def test_a_bug_is_one_line_and_the_server_keeps_running(monkeypatch: pytest.MonkeyPatch) -> None:
    linter = Linter.from_file(ACME_POLICY)
    client = TestClient(create_app(linter), base_url=BASE, raise_server_exceptions=False)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals\nTraceback (most recent call last)")

    monkeypatch.setattr(linter, "check", broken)
    assert "internal error (RuntimeError)" in _refused(_check(client, text="hi"), 500)
    monkeypatch.undo()
    assert _check(client, text="hi").status_code == 200


def test_security_headers_on_every_response(client: TestClient) -> None:
    for response in (
        client.get("/"),
        client.get("/static/app.js"),
        client.get("/healthz"),
        _check(client, text=""),
        client.get("/missing"),
    ):
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "http://127.0.0.1:9999"},
        {"origin": "null"},
        {"sec-fetch-site": "cross-site"},
    ],
)
def test_cross_origin_posts_are_refused(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/api/check", json={"text": DRAFT}, headers=headers)
    assert "refused" in _refused(response, 403)


def test_the_page_itself_may_post(client: TestClient) -> None:
    headers = {"origin": BASE, "sec-fetch-site": "same-origin"}
    assert client.post("/api/check", json={"text": DRAFT}, headers=headers).status_code == 200


def test_other_host_names_are_refused_against_dns_rebinding(client: TestClient) -> None:
    rebound = TestClient(client.app, base_url="http://attacker.example:8765")
    assert "answers only to" in _refused(rebound.get("/healthz"), 400)
    assert "answers only to" in _refused(rebound.post("/api/check", json={"text": DRAFT}), 400)


def test_allowed_hosts_follow_the_bind_address() -> None:
    assert allowed_hosts("127.0.0.1") == ("127.0.0.1", "localhost", "[::1]")
    assert "[::1]" in allowed_hosts("::1") and "192.168.1.5" in allowed_hosts("192.168.1.5")
    assert allowed_hosts("0.0.0.0") == ("*",)
