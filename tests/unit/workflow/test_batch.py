"""Checking many files in several processes gives the same results, in the same order."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import ACME_POLICY

from postguard.cli import main
from postguard.workflow.batch import check_files


def make_posts(folder: Path, count: int = 12) -> list[str]:
    paths = []
    for i in range(count):
        path = folder / f"post{i:02}.md"
        body = "Project Kestrel ships soon." if i % 3 == 0 else "A calm post about gardening."
        path.write_text(f"# Post {i}\n\n{body}\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_parallel_outcomes_match_serial_in_order(acme, tmp_path) -> None:
    paths = make_posts(tmp_path)
    paths.insert(5, str(tmp_path / "missing.md"))
    serial = list(check_files(acme, paths, jobs=1))
    parallel = list(check_files(acme, paths, jobs=2))
    assert [o.path for o in parallel] == paths
    assert parallel == serial
    assert parallel[5].result is None and "no such file" in parallel[5].error
    assert sum(1 for o in parallel if o.result and o.result.findings) == 4


def test_cli_jobs_output_is_identical(tmp_path) -> None:
    paths = make_posts(tmp_path)
    runner = CliRunner()
    one = runner.invoke(main, ["check", "--format", "json", "--policy", str(ACME_POLICY), "-j", "1", *paths])
    two = runner.invoke(
        main, ["check", "--format", "json", "--policy", str(ACME_POLICY), "--jobs", "2", *paths]
    )
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output
    assert runner.invoke(main, ["check", "--jobs", "-1", *paths]).exit_code == 2
