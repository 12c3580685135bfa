"""--format sarif (valid SARIF 2.1.0, exact regions, masked) and --format github."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import DATA, linter_from

from postguard.cli import main
from postguard.engine.suppressions import META_RULES
from postguard.model import Severity
from postguard.report import ReportOptions, render
from postguard.report.github import annotation, escape_property

SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
POLICY = """
lists:
  codenames: [Kestrel]
rules:
  - id: t.codename
    kind: terms
    lists: [codenames]
    category: confidential
    severity: error
    message: '"{match}" is a codename.'
    guidance: 'Say "our new engine" until {match} is announced.'
    description: Internal project codenames.
  - id: t.email
    kind: pattern
    pattern: '[\\w.]+@[\\w.]+\\.com'
    category: pii
    severity: warning
    message: 'An e-mail address: {match}.'
    guidance: Leave private addresses out.
"""
LINTER = linter_from(POLICY)
DRAFT = "Intro line.\nØl & Kestrel: mail kari.nordmann@example.com today.\n"


def sarif(results, **options) -> dict:
    return json.loads(
        render("sarif", results, ReportOptions(rules=LINTER.rules, other_rules=META_RULES, **options))
    )


@pytest.fixture()
def result():
    return LINTER.check(DRAFT, format="text", lang="en", path="posts/a b.txt")


def test_sarif_is_valid_against_the_official_schema(result) -> None:
    log = sarif([result])
    jsonschema.validate(log, SCHEMA)
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "info"  # not a SARIF level: the schema must say so
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)
    suppressed = LINTER.check(
        "<!-- postguard-disable-next-line t.codename -- public -->\nKestrel\n", format="markdown", lang="en"
    )
    jsonschema.validate(sarif([result, suppressed]), SCHEMA)


def test_sarif_rules_carry_guidance_as_help(result) -> None:
    driver = sarif([result])["runs"][0]["tool"]["driver"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert rules["t.codename"]["help"]["text"] == 'Say "our new engine" until … is announced.'
    assert rules["t.codename"]["shortDescription"]["text"] == "Internal project codenames."
    assert rules["t.codename"]["defaultConfiguration"]["level"] == "error"
    assert rules["t.email"]["defaultConfiguration"]["level"] == "warning"
    assert rules["t.email"]["properties"]["tags"] == ["pii"]


def test_sarif_regions_are_exact(result) -> None:
    log = sarif([result])
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["t.codename", "t.email"]
    codename = results[0]
    location = codename["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "posts/a%20b.txt"
    region = location["region"]
    start = DRAFT.index("Kestrel")
    assert region == {
        "startLine": 2,
        "startColumn": 6,
        "endLine": 2,
        "endColumn": 13,
        "charOffset": start,
        "charLength": 7,
        "snippet": {"text": "Kestrel"},
    }
    assert DRAFT[region["charOffset"] : region["charOffset"] + region["charLength"]] == "Kestrel"
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[codename["ruleIndex"]]["id"] == "t.codename"


def test_sarif_masks_private_data_unless_asked(result) -> None:
    text = json.dumps(sarif([result]))
    assert "kari.nordmann@example.com" not in text
    assert "k***.********@*******.***" in text
    shown = json.dumps(sarif([result], show_matches=True))
    assert "kari.nordmann@example.com" in shown


def test_sarif_reports_suppressed_findings_with_their_reason() -> None:
    result = LINTER.check(
        "<!-- postguard-disable-next-line t.codename -- announced 1 March -->\nKestrel\n",
        format="markdown",
        lang="en",
    )
    [entry] = sarif([result])["runs"][0]["results"]
    assert entry["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "announced 1 March"}
    ]


def test_github_annotations(result) -> None:
    out = render("github", [result], ReportOptions()).splitlines()
    assert out[0] == (
        "::error file=posts/a b.txt,line=2,endLine=2,col=6,endColumn=13,title=postguard t.codename::"
        '"Kestrel" is a codename.%0ASay "our new engine" until Kestrel is announced.'
    )
    assert out[1].startswith("::warning file=posts/a b.txt,line=2,endLine=2,col=20,endColumn=45,")
    assert "kari.nordmann" not in "\n".join(out)


def test_github_escaping_and_multiline_findings() -> None:
    assert escape_property("a:b,c%d\r\ne") == "a%3Ab%2Cc%25d%0D%0Ae"
    [finding] = LINTER.check("x\n\nKestrel", format="text", lang="en").findings
    multi = type(finding)(**{**{s: getattr(finding, s) for s in finding.__slots__}, "end_line": 4})
    line = annotation("dir,x/p:1.md", multi)
    assert line.startswith("::error file=dir%2Cx/p%3A1.md,line=3,endLine=4,title=postguard t.codename::")
    assert "col=" not in line


def test_info_is_a_notice() -> None:
    linter = linter_from(POLICY.replace("severity: error", "severity: info"))
    out = render("github", [linter.check("Kestrel", format="text", lang="en")], ReportOptions())
    assert out.startswith("::notice ")
    assert Severity.INFO.label == "info"


def test_cli_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("postguard.yml").write_text(POLICY)
    Path("post.md").write_text("# Hi\n\nKestrel mail kari.nordmann@example.com\n")
    runner = CliRunner()
    done = runner.invoke(main, ["check", "--format", "sarif", "post.md"])
    assert done.exit_code == 1
    log = json.loads(done.output)
    jsonschema.validate(log, SCHEMA)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"t.codename", "t.email"}
    assert "kari.nordmann@" not in done.output
    done = runner.invoke(main, ["check", "--format", "github", "post.md"])
    assert done.exit_code == 1
    assert done.output.startswith("::error file=post.md,line=3,endLine=3,col=1,endColumn=8,")
    assert "kari.nordmann@" not in done.output
