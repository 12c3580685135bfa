"""``postguard.io``: the user cache that name lists and word look-ups share."""

from __future__ import annotations

import os
import stat

from postguard.io import cached_json, user_cache, write_atomic


def test_cached_json_builds_once_then_reads(tmp_path) -> None:
    calls = []

    def build() -> dict:
        calls.append(1)
        return {"a": [1, 2]}

    path = tmp_path / "sub" / "x.json"
    assert cached_json(path, build) == {"a": [1, 2]}
    assert cached_json(path, build) == {"a": [1, 2]}
    assert len(calls) == 1 and not list(path.parent.glob("*.tmp"))


def test_an_unreadable_or_unwritable_cache_only_costs_the_build(tmp_path) -> None:
    broken = tmp_path / "x.json"
    broken.write_text("{half")
    assert cached_json(broken, lambda: [1]) == [1]  # unreadable: built (and replaced)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert cached_json(blocked / "x.json", lambda: [2]) == [2]  # cannot be written: still built
    assert cached_json(None, lambda: [3]) == [3]


def test_user_cache_follows_xdg_cache_home(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache("n.json") == tmp_path / "postguard" / "n.json"


def test_write_atomic_gives_a_new_file_the_mode_open_would_and_keeps_an_old_files(tmp_path) -> None:
    with open(tmp_path / "plain.txt", "w", encoding="utf-8") as out:
        out.write("made by open()")
    write_atomic(tmp_path / "report.html", "<p>shared with the team</p>")
    mode = stat.S_IMODE((tmp_path / "report.html").stat().st_mode)
    assert mode == stat.S_IMODE((tmp_path / "plain.txt").stat().st_mode)  # not mkstemp's 0600
    os.chmod(tmp_path / "report.html", 0o640)
    write_atomic(tmp_path / "report.html", "<p>again</p>", backup=False)
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o640
