"""``postguard check --format json`` validated against a JSON Schema (draft 2020-12) of the
README's contract: every key, its type, and no key more or less (check-output.schema.json)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ACME_POLICY, ROOT

import postguard
from postguard.cli import main

SCHEMA_PATH = Path(__file__).resolve().parent / "check-output.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())

MIXED = """\
# Launch notes

Sneak peek: Project Kestrel goes to beta in March.

Call Kari on +47 41 23 45 67 or mail kari.hansen@firma.no if the build breaks. This shit again.

Key: sk_live_4eC39HqLyjWDarjtT1zdp7dc
"""
SUPPRESSED = """\
<!-- postguard-disable-next-line acme.codename -- announced at the March launch event -->
Project Kestrel is out today!

<!-- postguard-disable-next-line acme.customer -->
We signed with Halvorsen Maritime.

<!-- postguard-disable-next-line acme.codename -- nothing to silence here -->
A calm paragraph.
"""
CLEAN = "We shipped a faster uploader this spring. Thanks for the feedback!\n"


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name, text in (("mixed.md", MIXED), ("suppressed.md", SUPPRESSED), ("clean.txt", CLEAN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes("Kestrel".encode("utf-16"))
    return tmp_path


def check_json(*args: str) -> tuple[dict, int, str]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--policy", str(ACME_POLICY), *args])
    report = json.loads(result.stdout)
    VALIDATOR.validate(report)
    return report, result.exit_code, result.stderr


def findings(report: dict) -> list[dict]:
    return [f for file in report["files"] for f in file["findings"]]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_findings_of_several_categories(drafts: Path) -> None:
    report, code, stderr = check_json("mixed.md")
    assert code == 1 and stderr == ""
    assert report["version"] == postguard.__version__
    found = findings(report)
    assert {f["category"] for f in found} >= {"confidential", "pii", "secret", "offensive"}
    assert {f["severity"] for f in found} == {"error", "info"}
    assert any(f["masked"] for f in found) and not all(f["masked"] for f in found)
    for f in found:  # offsets and excerpts mean what the README says they mean
        if not f["masked"]:
            assert MIXED[f["start"] : f["end"]] == f["excerpt"]
        line = MIXED.splitlines()[f["line"] - 1]
        assert line[f["column"] - 1 : f["end_column"] - 1] == MIXED[f["start"] : f["end"]]


def test_show_matches_unmasks(drafts: Path) -> None:
    report, _, _ = check_json("--show-matches", "mixed.md")
    found = findings(report)
    assert not any(f["masked"] for f in found)
    assert all(MIXED[f["start"] : f["end"]] == f["excerpt"] for f in found)


def test_clean_draft(drafts: Path) -> None:
    report, code, _ = check_json("clean.txt")
    assert code == 0
    assert report["files"] == [{"path": "clean.txt", "language": "en", "format": "text", "findings": []}]
    assert report["summary"] == {
        "files": 1,
        "files_with_findings": 0,
        "findings": 0,
        "errors": 0,
        "warnings": 0,
        "info": 0,
        "fail_on": "warning",
        "failed": False,
        "input_errors": [],
    }


def test_suppressed_findings_leave_only_the_suppressions_own_findings(drafts: Path) -> None:
    report, code, _ = check_json("suppressed.md")
    assert code == 1
    rules = [f["rule"] for f in findings(report)]
    assert rules == ["suppression.no-reason", "suppression.unused"]
    assert "acme.codename" not in rules and "acme.customer" not in rules


def test_an_input_error_on_one_of_several_files(drafts: Path) -> None:
    report, code, stderr = check_json("mixed.md", "utf16.txt", "missing.md", "clean.txt")
    assert code == 2
    assert [f["path"] for f in report["files"]] == ["mixed.md", "clean.txt"]
    assert report["summary"]["files"] == 2
    assert "utf16.txt" in stderr and "missing.md" in stderr
    unread = report["summary"]["input_errors"]
    assert [line.split(":")[0] for line in unread] == ["utf16.txt", "missing.md"]
    assert report["summary"]["failed"] is True


def test_stdin(drafts: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--policy", str(ACME_POLICY), "-"], input=MIXED
    )
    report = json.loads(result.stdout)
    VALIDATOR.validate(report)
    assert report["files"][0]["path"] == "<stdin>"


def test_a_model_finding_has_its_score_and_the_words_that_weighed_most(drafts: Path) -> None:
    draft = "Great launch today.\n\nI will find you and hurt you.\n"
    (drafts / "threat.md").write_text(draft, encoding="utf-8")
    report, _, _ = check_json("threat.md")
    (threat,) = [f for f in report["files"][0]["findings"] if f["rule"] == "offensive.model.threat"]
    assert 0.5 <= threat["score"] <= 1
    words = [draft[cue["start"] : cue["end"]] for cue in threat["cues"]]
    assert "hurt" in words and "hurt" in threat["message"]
    assert all(threat["start"] <= cue["start"] < cue["end"] <= threat["end"] for cue in threat["cues"])


def test_the_readme_example_is_valid() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## JSON output") :]
    example = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert example is not None
    VALIDATOR.validate(json.loads(example.group(1)))


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("finding", lambda f: f.update(endColumn=f.pop("end_column"))),  # a renamed key
        ("finding", lambda f: f.update(extra=1)),  # an unknown key
        ("finding", lambda f: f.pop("masked")),  # a missing key
        ("finding", lambda f: f.update(line="3")),  # a wrong type
        ("finding", lambda f: f.update(severity="fatal")),
        ("file", lambda f: f.update(lang=f.pop("language"))),
        ("summary", lambda s: s.update(failed="yes")),
    ],
    ids=[
        "renamed-key",
        "unknown-key",
        "missing-key",
        "wrong-type",
        "unknown-severity",
        "file-key",
        "summary",
    ],
)
def test_the_schema_rejects_a_changed_contract(drafts: Path, where: str, change) -> None:
    report, _, _ = check_json("mixed.md")
    broken = copy.deepcopy(report)
    target = {
        "finding": broken["files"][0]["findings"][0],
        "file": broken["files"][0],
        "summary": broken["summary"],
    }[where]
    change(target)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(broken)
