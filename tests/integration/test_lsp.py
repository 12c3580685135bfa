"""``postguard lsp`` end to end: the server runs as a subprocess (this worktree's code) and an
LSP client drives it as an editor would: open, edit, hover, code actions, a broken policy."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from postguard.lsp.positions import PositionIndex

pytestmark = pytest.mark.asyncio

ROOT = Path(__file__).resolve().parents[2]
POLICY = """\
name: Test
languages: [en]
extends: [default]
rules:
  - id: acme.codename
    kind: terms
    terms: [Kestrel]
    category: confidential
    severity: error
    description: Codenames stay inside the company until launch.
    message: '"{match}" is an internal project codename.'
    guidance: Describe what you worked on instead.
"""
# The emoji before the codename is one code point but two UTF-16 code units.
DRAFT = "# Launch 😀\n\nHi 😀 Project Kestrel ships.\n\nCall +47 412 34 567 for details.\n"
PHONE = "+47 412 34 567"
TIMEOUT = 60.0


def _capabilities(*, snippets: bool = False, related: bool = True) -> types.ClientCapabilities:
    return types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(
                document_changes=True, snippet_edit_support=snippets
            ),
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
        ),
        window=types.WindowClientCapabilities(
            show_document=types.ShowDocumentClientCapabilities(support=True)
        ),
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                version_support=True, related_information=related
            )
        ),
    )


async def _start(folder: Path, capabilities: types.ClientCapabilities) -> LanguageClient:
    env = {k: v for k, v in os.environ.items() if k != "POSTGUARD_POLICY"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env["XDG_CONFIG_HOME"] = str(folder / "config")  # no organisation-wide policy
    config = ClientServerConfig(server_command=[sys.executable, "-m", "postguard", "lsp"], server_env=env)
    client = await config.start()
    client.feature(types.CLIENT_REGISTER_CAPABILITY)(_accept_registration)
    converter = client.protocol._converter
    converter.register_structure_hook(
        types.Command | types.CodeAction, lambda obj, _: _command_or_action(converter, obj)
    )
    await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=folder.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="blog")],
        )
    )
    return client


def _command_or_action(converter: Any, obj: dict[str, Any]) -> types.Command | types.CodeAction:
    """lsprotocol reads every code action that has a ``command`` as a Command (its hook looks only
    at the key); a Command's ``command`` is a string, a CodeAction's is an object."""
    kind = types.Command if isinstance(obj.get("command"), str) else types.CodeAction
    return converter.structure(obj, kind)


def _accept_registration(client: LanguageClient, params: types.RegistrationParams) -> None:
    client.registrations = [r.method for r in params.registrations]  # type: ignore[attr-defined]


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    (tmp_path / "postguard.yml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "posts").mkdir()
    return tmp_path


@pytest_asyncio.fixture
async def client(blog: Path) -> AsyncIterator[LanguageClient]:
    client = await _start(blog, _capabilities())
    yield client
    await client.shutdown_session()
    await client.stop()


async def _until(
    client: LanguageClient, uri: str, ready: Callable[[Sequence[types.Diagnostic]], bool]
) -> list[types.Diagnostic]:
    """The diagnostics of ``uri`` once ``ready`` says they are what the test waits for."""

    async def poll() -> list[types.Diagnostic]:
        while True:
            if uri in client.diagnostics and ready(client.diagnostics[uri]):
                return list(client.diagnostics[uri])
            await asyncio.sleep(0.02)

    return await asyncio.wait_for(poll(), TIMEOUT)


def _codes(diagnostics: Sequence[types.Diagnostic]) -> list[str]:
    return [str(d.code) for d in diagnostics]


def _open(client: LanguageClient, path: Path, text: str, language_id: str = "markdown") -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language_id, version=1, text=text)
        )
    )
    return uri


def _apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    positions = PositionIndex(text)
    spans = sorted(
        ((positions.offset(e.range.start), positions.offset(e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def test_open_reports_findings_with_utf16_ranges_masked_messages_and_links(
    client: LanguageClient, blog: Path
) -> None:
    uri = _open(client, blog / "posts" / "launch.md", DRAFT)
    diagnostics = await _until(client, uri, lambda d: "acme.codename" in _codes(d))
    codename = next(d for d in diagnostics if d.code == "acme.codename")
    # "Hi 😀 Project " is 13 code points and 14 UTF-16 code units.
    assert codename.range == types.Range(
        start=types.Position(line=2, character=14), end=types.Position(line=2, character=21)
    )
    assert codename.severity == types.DiagnosticSeverity.Error
    assert codename.source == "postguard"
    assert codename.code_description is not None
    assert codename.code_description.href == (blog / "postguard.yml").as_uri() + "#L5"
    phone = next(d for d in diagnostics if d.code == "pii.phone")
    assert PHONE not in phone.message and "412" not in phone.message
    assert phone.code_description is None  # a built-in pack has no link
    logged = " ".join(m.message for m in client.log_messages)
    assert PHONE not in logged


THREAT = "# Note\n\nIf you do that again I will find you and hurt you.\n"


@pytest.mark.parametrize("related", [True, False])
async def test_a_model_finding_points_at_the_words_that_weighed_most_where_the_editor_takes_it(
    blog: Path, related: bool
) -> None:
    client = await _start(blog, _capabilities(related=related))
    try:
        uri = _open(client, blog / "posts" / "note.md", THREAT)
        diagnostics = await _until(client, uri, lambda d: "offensive.model.threat" in _codes(d))
    finally:
        await client.shutdown_session()
        await client.stop()
    threat = next(d for d in diagnostics if d.code == "offensive.model.threat")
    if not related:
        assert threat.related_information is None
        return
    assert threat.related_information
    positions = PositionIndex(THREAT)
    cues = [
        THREAT[positions.offset(info.location.range.start) : positions.offset(info.location.range.end)]
        for info in threat.related_information
    ]
    assert "hurt" in cues
    assert {info.location.uri for info in threat.related_information} == {uri}
    assert {info.message for info in threat.related_information} == {"weighs most in this verdict"}


async def test_an_edit_updates_the_diagnostics(client: LanguageClient, blog: Path) -> None:
    uri = _open(client, blog / "posts" / "launch.md", DRAFT)
    await _until(client, uri, lambda d: "acme.codename" in _codes(d))
    edited = DRAFT.replace("Project Kestrel ships", "The new service ships") + "\nInternal only: pricing.\n"
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=2, character=6), end=types.Position(line=2, character=22)
                    ),
                    text="The new service",
                ),
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=5, character=0), end=types.Position(line=5, character=0)
                    ),
                    text="\nInternal only: pricing.\n",
                ),
            ],
        )
    )
    diagnostics = await _until(
        client, uri, lambda d: "acme.codename" not in _codes(d) and "confidential.marker" in _codes(d)
    )
    marker = next(d for d in diagnostics if d.code == "confidential.marker")
    assert marker.range.start == types.Position(line=6, character=0)
    assert PositionIndex(edited).offset(marker.range.start) == edited.index("Internal only")


async def test_hover_explains_the_finding(client: LanguageClient, blog: Path) -> None:
    uri = _open(client, blog / "posts" / "launch.md", DRAFT)
    await _until(client, uri, lambda d: "acme.codename" in _codes(d))
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=2, character=17)
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    text = hover.contents.value
    assert '"Kestrel" is an internal project codename.' in text
    assert "Codenames stay inside the company until launch." in text
    assert "Describe what you worked on instead." in text
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=2)
        )
    )
    assert nothing is None


async def _actions(client: LanguageClient, uri: str, line: int, character: int) -> list[types.CodeAction]:
    at = types.Position(line=line, character=character)
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=at, end=at),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    return [a for a in found or [] if isinstance(a, types.CodeAction)]


async def test_suppress_here_inserts_a_directive_and_selects_the_reason(
    client: LanguageClient, blog: Path
) -> None:
    uri = _open(client, blog / "posts" / "launch.md", DRAFT)
    await _until(client, uri, lambda d: "acme.codename" in _codes(d))
    suppress = next(
        a for a in await _actions(client, uri, 2, 17) if a.title.startswith("Suppress acme.codename")
    )
    assert suppress.edit is not None and suppress.edit.changes is not None
    edited = _apply(DRAFT, suppress.edit.changes[uri])
    assert "<!-- postguard-disable-next-line acme.codename -- reason -->\nHi 😀 Project Kestrel" in edited
    assert suppress.command is not None
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=suppress.command.command, arguments=suppress.command.arguments)
    )
    shown = client.shown_documents[-1]
    assert shown.selection is not None
    line = edited.splitlines()[shown.selection.start.line]
    assert line[shown.selection.start.character : shown.selection.end.character] == "reason"
    _change(client, uri, 2, edited)
    diagnostics = await _until(client, uri, lambda d: "acme.codename" not in _codes(d))
    assert "suppression.no-reason" not in _codes(diagnostics)


async def test_redact_replaces_the_match_as_redact_does(client: LanguageClient, blog: Path) -> None:
    uri = _open(client, blog / "posts" / "launch.md", DRAFT)
    diagnostics = await _until(client, uri, lambda d: "pii.phone" in _codes(d))
    phone = next(d for d in diagnostics if d.code == "pii.phone")
    actions = await _actions(client, uri, phone.range.start.line, phone.range.start.character + 1)
    redact = next(a for a in actions if a.title.startswith("Redact this"))
    assert PHONE not in redact.title
    assert redact.edit is not None and redact.edit.changes is not None
    edited = _apply(DRAFT, redact.edit.changes[uri])
    assert "Call <PHONE> for details." in edited
    _change(client, uri, 2, edited)
    await _until(client, uri, lambda d: "pii.phone" not in _codes(d))


async def test_suppress_is_a_snippet_where_the_editor_takes_snippet_edits(blog: Path) -> None:
    client = await _start(blog, _capabilities(snippets=True))
    try:
        uri = _open(client, blog / "notes.txt", "Project Kestrel ships.\n", language_id="plaintext")
        await _until(client, uri, lambda d: "acme.codename" in _codes(d))
        suppress = next(a for a in await _actions(client, uri, 0, 10) if a.title.startswith("Suppress"))
        assert suppress.edit is not None and suppress.edit.document_changes is not None
        (change,) = suppress.edit.document_changes
        assert isinstance(change, types.TextDocumentEdit)
        (edit,) = change.edits
        assert isinstance(edit, types.SnippetTextEdit)
        assert edit.snippet.value == "postguard-disable-next-line acme.codename -- ${1:reason}\n"
        assert suppress.command is None
    finally:
        await client.shutdown_session()
        await client.stop()


async def test_a_broken_policy_is_one_diagnostic_on_the_policy_file(
    client: LanguageClient, blog: Path
) -> None:
    policy = blog / "postguard.yml"
    policy.write_text(POLICY.replace("severity: error", "severity: fatal"), encoding="utf-8")
    uri = _open(client, blog / "posts" / "launch.md", DRAFT)
    problems = await _until(client, policy.as_uri(), lambda d: len(d) == 1)
    assert problems[0].severity == types.DiagnosticSeverity.Error
    assert problems[0].range.start.line == 8  # "severity: fatal" is on line 9
    assert "fatal" in problems[0].message and str(blog) not in problems[0].message
    assert not await _until(client, uri, lambda d: True)

    policy.write_text(POLICY, encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=policy.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await _until(client, uri, lambda d: "acme.codename" in _codes(d))
    await _until(client, policy.as_uri(), lambda d: not d)


@pytest.mark.slow
async def test_a_1_mb_document_is_checked_and_edited(client: LanguageClient, blog: Path) -> None:
    paragraph = (
        "We moved the build to a new cluster this spring, and the queue times fell by half. "
        "The team wrote about what went well and what did not, so that others can learn from it.\n\n"
    )
    text = paragraph * (1_000_000 // len(paragraph)) + "Project Kestrel ships.\n"
    uri = _open(client, blog / "posts" / "big.md", text)
    diagnostics = await _until(client, uri, lambda d: "acme.codename" in _codes(d))
    assert diagnostics[-1].range.start.line == text.count("\n") - 1
    _change(client, uri, 2, "Internal only: " + text)
    await _until(client, uri, lambda d: "confidential.marker" in _codes(d))
