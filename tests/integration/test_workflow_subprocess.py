"""The workflow commands as a real process: ``python -m postguard`` with real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import DATA

pytestmark = pytest.mark.slow  # a real process: skip with -m "not slow"

SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())


def postguard(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "postguard", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_init_test_policy_suppress_baseline_and_sarif(tmp_path: Path) -> None:
    done = postguard("init", "--yes", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    policy = (tmp_path / "postguard.yml").read_text()
    policy = policy.replace("# lists:", "lists:").replace("#   codenames:", "  codenames:")
    policy = policy.replace('#     - "Project Example"', '    - "Kestrel"')
    policy = policy.replace("# rules:", "rules:")
    start = policy.index("#   - id: org.codename")
    end = policy.index("#   - id: org.customer")
    block = "\n".join(line[2:] for line in policy[start:end].splitlines())
    policy = policy[:start] + block.replace('"Sneak peek: Project Example', '"Sneak peek: Kestrel') + "\n"
    (tmp_path / "postguard.yml").write_text(policy)
    done = postguard("test-policy", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    post = tmp_path / "post.md"
    post.write_text(
        "# News\n\n<!-- postguard-disable-next-line org.codename -- announced on 1 March -->\n"
        "Kestrel is out.\n\nKestrel again, and this is internal only.\n"
    )
    done = postguard("check", "--format", "sarif", "post.md", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    log = json.loads(done.stdout)
    jsonschema.validate(log, SCHEMA)
    results = log["runs"][0]["results"]
    active = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in results
        if "suppressions" not in r
    ]
    assert active == [("org.codename", 6), ("confidential.marker", 6)]
    assert [r["suppressions"][0]["justification"] for r in results if "suppressions" in r] == [
        "announced on 1 March"
    ]
    done = postguard("baseline", "create", "post.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = postguard("check", "--baseline", ".postguard-baseline.json", "post.md", cwd=tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, "No problems found in 1 file.")
    done = postguard("explain", "org.codenam", cwd=tmp_path)
    assert done.returncode == 2
    assert "did you mean 'org.codename'?" in done.stderr and "Traceback" not in done.stderr
