"""What the README and docs show must work as shown."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from postguard import load_policy_text

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_policy_example_loads_beside_the_example_policy() -> None:
    """Every file it names (``customers.txt``) ships with the example it shows."""
    intro = README.index("The example company's policy is")
    block = README[README.index("```yaml\n", intro) + len("```yaml\n") :]
    block = block[: block.index("```")]
    policy = load_policy_text(block, base=ROOT / "examples" / "acme")
    assert "Polar Freight AS" in {t.text for t in policy.lists["customers"].terms}


def test_no_pre_commit_snippet_names_a_tag_that_does_not_exist() -> None:
    tags = set(subprocess.run(["git", "tag"], cwd=ROOT, capture_output=True, text=True).stdout.split())
    for doc in (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))):
        for rev in re.findall(r"^\s*rev:\s*(\S+)", doc.read_text(encoding="utf-8"), flags=re.MULTILINE):
            assert rev == "COMMIT" or rev in tags, (
                f"{doc.name}: rev {rev!r} is neither the placeholder nor a tag"
            )
