"""``postguard.io``: the user cache that name lists and word look-ups share."""

from __future__ import annotations

from postguard.io import cached_json, user_cache


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
