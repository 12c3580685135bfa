"""A policy may come from a pull request: it is data, and it cannot read the machine's files."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from postguard import load_policy_text
from postguard.cli import main
from postguard.errors import PolicyError
from postguard.policy import load_policy

RULE = "rules:\n  - {id: r, kind: terms, lists: [words], category: confidential, message: m}\n"


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/object:builtins.dict {{}}",
    ],
)
def test_python_tags_are_refused_and_never_run(tmp_path, tag):
    marker = tmp_path / "ran"
    policy = f"name: evil\nlists:\n  words: {tag.format(marker=marker)}\n"
    with pytest.raises(
        PolicyError, match=r"YAML tag '!!python/.*' is not allowed: a policy is plain data"
    ) as err:
        load_policy_text(policy)
    assert err.value.line == 3
    assert not marker.exists()


def test_cli_refuses_python_tag_in_one_line(tmp_path):
    marker = tmp_path / "ran"
    (tmp_path / "postguard.yml").write_text(
        f"lists:\n  w: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    result = CliRunner().invoke(main, ["check", "--policy", str(tmp_path / "postguard.yml"), "-"], input="hi")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "is not allowed" in result.stderr
    assert not marker.exists()


def test_alias_bombs_are_refused_quickly():
    levels = ["  - &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    policy = "description:\n" + "\n".join(levels) + "\nlists:\n  words:\n    terms: *a8\n"
    start = time.perf_counter()
    with pytest.raises(PolicyError, match=r"aliases \(\*name\) are not allowed") as err:
        load_policy_text(policy)
    assert time.perf_counter() - start < 1
    assert err.value.line == 3 and len(str(err.value)) < 200


@pytest.fixture
def layout(tmp_path):
    """repo/ holds the policy; outside/ holds files a hostile policy might try to read."""
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    repo.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("root-password-hunter2\n")
    (outside / "base.yml").write_text("lists:\n  words: [Kestrel]\n")
    return repo, outside


@pytest.mark.parametrize(
    "entry", ["../outside/secret.txt", "{outside}/secret.txt", "link/secret.txt", "alias.txt"]
)
def test_file_lists_cannot_escape_the_policy_folder(layout, entry):
    repo, outside = layout
    (repo / "link").symlink_to(outside, target_is_directory=True)
    (repo / "alias.txt").symlink_to(outside / "secret.txt")
    entry = entry.format(outside=outside)
    (repo / "postguard.yml").write_text(f"lists:\n  words:\n    file: {entry}\n{RULE}")
    with pytest.raises(PolicyError, match="points outside the policy's folder") as err:
        load_policy(repo / "postguard.yml")
    assert "hunter2" not in str(err.value)
    allowed = load_policy(repo / "postguard.yml", allow_outside=True)
    assert [t.text for t in allowed.lists["words"].terms] == ["root-password-hunter2"]


def test_file_lists_inside_the_folder_and_symlinks_within_it_are_fine(layout):
    repo, _ = layout
    (repo / "lists").mkdir()
    (repo / "lists" / "words.txt").write_text("Kestrel\n")
    (repo / "words-link.txt").symlink_to(repo / "lists" / "words.txt")
    (repo / "postguard.yml").write_text(f"lists:\n  words:\n    file: words-link.txt\n{RULE}")
    assert [t.text for t in load_policy(repo / "postguard.yml").lists["words"].terms] == ["Kestrel"]


@pytest.mark.parametrize("entry", ["../outside/base.yml", "{outside}/base.yml", "link/base.yml", "alias.yml"])
def test_extends_cannot_escape_the_policy_folder(layout, entry):
    repo, outside = layout
    (repo / "link").symlink_to(outside, target_is_directory=True)
    (repo / "alias.yml").symlink_to(outside / "base.yml")
    (repo / "postguard.yml").write_text(f"extends: [{entry.format(outside=outside)}]\n{RULE}")
    with pytest.raises(PolicyError, match=r"'extends: .*' points outside the policy's folder") as err:
        load_policy(repo / "postguard.yml")
    assert err.value.line == 1
    assert load_policy(repo / "postguard.yml", allow_outside=True).lists["words"].terms[0].text == "Kestrel"


def test_extends_within_the_folder_is_fine(layout):
    repo, _ = layout
    (repo / "policies").mkdir()
    (repo / "policies" / "base.yml").write_text("lists:\n  words: [Kestrel]\n")
    (repo / "postguard.yml").write_text(f"extends: [policies/base.yml]\n{RULE}")
    assert load_policy(repo / "postguard.yml").lists["words"].terms[0].text == "Kestrel"


def test_extends_of_a_secret_file_never_prints_its_content(layout):
    repo, outside = layout
    (outside / "creds").write_text("aws_secret_access_key: AKIAEXAMPLESECRET\n")
    (repo / "postguard.yml").write_text(f"extends: [{outside}/creds]\n")
    result = CliRunner().invoke(main, ["check", "--policy", str(repo / "postguard.yml"), "-"], input="hi")
    assert result.exit_code == 2
    assert "AKIA" not in result.output and "points outside" in result.output


def test_cli_flag_allows_outside_paths(layout):
    repo, _ = layout
    (repo / "postguard.yml").write_text(f"extends: [../outside/base.yml]\n{RULE}")
    args = ["check", "--policy", str(repo / "postguard.yml"), "-q", "-"]
    assert CliRunner().invoke(main, args, input="Kestrel").exit_code == 2
    allowed = CliRunner().invoke(
        main, [*args[:3], "--allow-outside-policy-folder", *args[3:]], input="Kestrel"
    )
    assert allowed.exit_code == 1 and "[r]" in allowed.output
