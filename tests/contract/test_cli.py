"""The command line: exit codes, output formats, stdin, and a clear line for every bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ACME_POLICY

from postguard.cli import main

LEAK = "Sneak peek: Project Kestrel goes to beta in March.\n"
CLEAN = "We shipped a faster uploader this spring. Thanks for the feedback!\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, input: str | bytes | None = None):
    return runner.invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    (tmp_path / "leak.md").write_text(LEAK, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_clean_draft_exits_zero(runner, drafts) -> None:
    result = run(runner, "check", "--policy", str(ACME_POLICY), str(drafts / "clean.txt"))
    assert result.exit_code == 0
    assert "No problems found in 1 file." in result.output


def test_findings_exit_one_with_location_line_and_guidance(runner, drafts) -> None:
    result = run(runner, "check", "--policy", str(ACME_POLICY), str(drafts / "leak.md"))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].endswith(
        'leak.md:1:13: error [acme.codename] "Project Kestrel" is an internal project codename.'
    )
    assert lines[1] == "    1 | Sneak peek: Project Kestrel goes to beta in March."
    assert lines[2] == "      |             ^^^^^^^^^^^^^^^"
    assert lines[3].startswith("    = Codenames stay inside Acme Aurora")
    assert "1 problem (1 error) in 1 of 1 file." in result.output
    assert "\x1b[" not in result.output  # no colour when not on a terminal


def test_json_contract(runner, drafts) -> None:
    result = run(
        runner,
        "check",
        "--format",
        "json",
        "--policy",
        str(ACME_POLICY),
        str(drafts / "leak.md"),
        str(drafts / "clean.txt"),
    )
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert set(report) == {"version", "files", "summary"}
    leak, clean = report["files"]
    assert leak["path"].endswith("leak.md") and leak["language"] == "en" and leak["format"] == "markdown"
    assert clean["findings"] == []
    (finding,) = leak["findings"]
    assert {
        k: finding[k]
        for k in (
            "rule",
            "category",
            "severity",
            "line",
            "column",
            "end_line",
            "end_column",
            "start",
            "end",
            "excerpt",
        )
    } == {
        "rule": "acme.codename",
        "category": "confidential",
        "severity": "error",
        "line": 1,
        "column": 13,
        "end_line": 1,
        "end_column": 28,
        "start": 12,
        "end": 27,
        "excerpt": "Project Kestrel",
    }
    assert finding["message"] and finding["guidance"]
    assert LEAK[finding["start"] : finding["end"]] == finding["excerpt"]
    assert report["summary"] == {
        "files": 2,
        "files_with_findings": 1,
        "findings": 1,
        "errors": 1,
        "warnings": 0,
        "info": 0,
        "fail_on": "warning",
        "failed": True,
        "input_errors": [],
    }


def test_stdin(runner) -> None:
    result = run(runner, "check", "--policy", str(ACME_POLICY), "--format", "json", "-", input=LEAK)
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["files"][0]["path"] == "<stdin>"
    assert report["files"][0]["findings"][0]["rule"] == "acme.codename"


def test_stdin_as_markdown(runner) -> None:
    text = "```\nProject Kestrel\n```\n"
    result = run(
        runner,
        "check",
        "--policy",
        str(ACME_POLICY),
        "--input-format",
        "markdown",
        "--format",
        "json",
        "-",
        input=text,
    )
    assert json.loads(result.output)["files"][0]["format"] == "markdown"


def test_fail_on_error_lets_warnings_pass(runner, tmp_path) -> None:
    policy = tmp_path / "p.yml"
    policy.write_text(
        "rules:\n  - {id: w, kind: terms, terms: [hello], category: c, severity: warning, message: m, guidance: g}\n"
    )
    draft = tmp_path / "d.txt"
    draft.write_text("hello world\n")
    assert run(runner, "check", "--policy", str(policy), str(draft)).exit_code == 1
    result = run(runner, "check", "--policy", str(policy), "--fail-on", "error", str(draft))
    assert result.exit_code == 0
    assert "None is at or above the fail level (error)." in result.output


def test_quiet_prints_one_line_per_finding(runner, drafts) -> None:
    result = run(runner, "check", "-q", "--policy", str(ACME_POLICY), str(drafts / "leak.md"))
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1


def test_lang_option_and_detection(runner, tmp_path) -> None:
    draft = tmp_path / "no.txt"
    draft.write_text(
        "Vi har signert med Halvorsen Maritime for fem år, og det er vi glade for.\n", encoding="utf-8"
    )
    detected = json.loads(
        run(runner, "check", "--format", "json", "--policy", str(ACME_POLICY), str(draft)).output
    )
    assert detected["files"][0]["language"] == "nb"
    forced = json.loads(
        run(
            runner, "check", "--format", "json", "--lang", "en", "--policy", str(ACME_POLICY), str(draft)
        ).output
    )
    assert forced["files"][0]["language"] == "en"


def test_policy_discovered_from_working_directory(runner, tmp_path, monkeypatch) -> None:
    (tmp_path / "postguard.yml").write_text(
        "rules:\n  - {id: local.word, kind: terms, terms: [zebra], category: c, message: m, guidance: g}\n"
    )
    (tmp_path / "posts").mkdir()
    draft = tmp_path / "posts" / "a.md"
    draft.write_text("A zebra walks in.\n")
    monkeypatch.chdir(tmp_path / "posts")
    result = run(runner, "check", "a.md")
    assert "[local.word]" in result.output


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda d: d / "missing.md", "missing.md: no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "bin.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00"), "looks like a binary file"),
        (
            lambda d: _write(d / "bad.md", b"line one\nline two caf" + b"\xe9 ok\n"),
            "not valid UTF-8 (byte 0xe9 at line 2, column 13)",
        ),
        (lambda d: _write(d / "utf16.txt", "hello".encode("utf-16")), "is UTF-16 text"),
        (
            lambda d: _write(d / "le.txt", "Hei, dette er et utkast.\n".encode("utf-16-le")),
            "looks like UTF-16LE text without a byte-order mark; save it as UTF-8 (for example: iconv",
        ),
        (lambda d: _write(d / "be.txt", "Hello draft".encode("utf-16-be")), "looks like UTF-16BE text"),
        (lambda d: _write(d / "big.txt", b"word " * (2 * 1024 * 1024 + 1)), "larger than the 5.0 MB limit"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_two(runner, tmp_path, make, says) -> None:
    target = make(tmp_path)
    result = runner.invoke(main, ["check", "--policy", str(ACME_POLICY), str(target)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert says in result.stderr
    assert result.stderr.startswith("postguard: error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_one_bad_file_does_not_hide_the_others(runner, drafts) -> None:
    result = runner.invoke(
        main, ["check", "--policy", str(ACME_POLICY), str(drafts / "nope.md"), str(drafts / "leak.md")]
    )
    assert result.exit_code == 2
    assert "nope.md: no such file" in result.stderr
    assert "[acme.codename]" in result.stdout


def test_empty_file_is_clean(runner, tmp_path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("")
    result = run(runner, "check", "--policy", str(ACME_POLICY), str(empty))
    assert result.exit_code == 0
    assert "No problems found" in result.output


def test_bom_and_crlf_keep_positions(runner, tmp_path) -> None:
    draft = tmp_path / "win.txt"
    draft.write_bytes("\ufeffHello team\r\nProject Kestrel is next\r\n".encode())
    report = json.loads(
        run(runner, "check", "--format", "json", "--policy", str(ACME_POLICY), str(draft)).output
    )
    finding = report["files"][0]["findings"][0]
    assert (finding["line"], finding["column"], finding["start"], finding["end"]) == (2, 1, 12, 27)


def test_max_file_size_can_be_raised(runner, tmp_path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("x" * 2000)
    assert runner.invoke(main, ["check", "--max-file-size", "1KB", str(draft)]).exit_code == 2
    assert runner.invoke(main, ["check", "--max-file-size", "1MB", str(draft)]).exit_code == 0
    bad = runner.invoke(main, ["check", "--max-file-size", "lots", str(draft)])
    assert bad.exit_code == 2 and "not a size" in bad.output


def test_malformed_policy_is_exit_two(runner, tmp_path, drafts) -> None:
    policy = tmp_path / "broken.yml"
    policy.write_text("rules:\n  - id: a\n    kind: regexp\n    category: c\n    message: m\n")
    result = runner.invoke(main, ["check", "--policy", str(policy), str(drafts / "leak.md")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"postguard: error: {policy}:3: rule 'a': unknown rule kind 'regexp'; available kinds: classifier, near, pattern, phrases, pii, secrets, terms"
    )


def test_usage_errors_are_exit_two(runner) -> None:
    assert runner.invoke(main, ["check"]).exit_code == 2
    assert runner.invoke(main, ["check", "--format", "yaml", "x.md"]).exit_code == 2
    assert runner.invoke(main, ["nonsense"]).exit_code == 2


def test_version_and_help(runner) -> None:
    from postguard import __version__

    assert run(runner, "--version").output.strip() == f"postguard, version {__version__}"
    assert "Exit codes" in run(runner, "--help").output
