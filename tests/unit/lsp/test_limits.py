"""The language server enforces the size limit ``check`` has, per document."""

from __future__ import annotations

from postguard.io import DEFAULT_MAX_BYTES
from postguard.lsp.server import PostguardServer


def test_a_draft_over_the_size_limit_gets_one_note_and_no_check(tmp_path) -> None:
    server = PostguardServer()
    uri = (tmp_path / "huge.md").as_uri()
    outcome = server._check(uri, "ø" * (DEFAULT_MAX_BYTES // 2 + 1), "markdown")  # 2 bytes each in UTF-8
    assert outcome == f"postguard does not check drafts over {DEFAULT_MAX_BYTES // 1_000_000} MB."


def test_a_draft_just_under_the_limit_is_checked(tmp_path) -> None:
    server = PostguardServer()
    (tmp_path / "postguard.yml").write_text("extends: [default]\n", encoding="utf-8")
    uri = (tmp_path / "post.md").as_uri()
    outcome = server._check(uri, "Kestrel. " * 1000, "markdown")
    assert not isinstance(outcome, str) and outcome is not None
