"""The language server: drafts checked on open and as they change (debounced, paragraph by
paragraph, off the event loop), findings as diagnostics, hover and code actions on them."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from postguard.errors import PostguardError
from postguard.io import DEFAULT_MAX_BYTES
from postguard.lsp import actions
from postguard.lsp.incremental import DocumentCheck, ParagraphChecker
from postguard.lsp.policies import PolicyProblem, PolicyStore
from postguard.lsp.positions import PositionIndex
from postguard.model import POLICY_FILENAMES, Finding
from postguard.parsers import format_for_path
from postguard.version import __version__

#: Quiet time after a keystroke before the draft is checked.
DEBOUNCE_SECONDS = 0.2
#: Draft formats by the editor's language id; other ids go by the file name.
FORMATS = {"markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"}
POLICY_GLOBS = tuple(f"**/{name}" for name in POLICY_FILENAMES)


@dataclass(frozen=True, slots=True)
class Checked:
    """The last findings published for a draft, with the text and version they are about."""

    version: int | None
    positions: PositionIndex
    format: str
    language: str
    checker: ParagraphChecker
    findings: tuple[Finding, ...]

    def at(self, start: int, end: int) -> list[Finding]:
        """The findings that touch the offsets from ``start`` to ``end``."""
        return [f for f in self.findings if f.start <= end and start <= f.end]


class PostguardServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("postguard", __version__)
        self.policies = PolicyStore()
        self.checked: dict[str, Checked] = {}
        self.languages: dict[tuple[str, int], str] = {}  # (uri, id of checker) -> detected language
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.published_problems: set[str] = set()  # policy files with a diagnostic shown

    def log(self, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Log, message=message))

    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds, unless it changes again before then."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check_later(uri, delay))

    def recheck_all(self) -> None:
        self.policies.forget()
        self.languages.clear()
        for document in list(self.workspace.text_documents):
            self.schedule(document, 0)

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        format = FORMATS.get(document.language_id or "", "") or format_for_path(to_fs_path(uri))
        try:
            outcome = await asyncio.to_thread(self._check, uri, text, format)
        except PostguardError as exc:  # a limit passed: its message is written to be shown
            outcome = f"postguard could not check this draft: {exc}"
        except Exception as exc:  # a bug must show in the editor, not end the server or hang it;
            # its message might quote the draft, so only its type is shown and logged
            self.log(f"could not check {uri}: {type(exc).__name__}")
            outcome = f"postguard could not check this draft ({type(exc).__name__}); please report it"
        if self.workspace.get_text_document(uri).version != version:
            return  # changed while it was checked: the next check publishes
        self.pending.pop(uri, None)
        self._publish_problems()
        if isinstance(outcome, str):
            self._publish(uri, version, [self._note(outcome)])
            return
        if outcome is None:
            self.checked.pop(uri, None)
            self._publish(uri, version, [])
            return
        checker, language, check = outcome
        positions = PositionIndex(text)
        checked = Checked(version, positions, format, language, checker, check.findings)
        self.checked[uri] = checked
        policy = checker.linter.policy
        related = self._takes_related_information()
        diagnostics = [
            actions.diagnostic(f, positions, policy, uri, language, related) for f in check.findings
        ]
        for offset, message in check.errors:
            start = positions.position(offset)
            diagnostics.append(self._note(message, types.Range(start=start, end=start)))
        self._publish(uri, version, diagnostics)
        self.log(
            f"checked {uri} in {check.seconds * 1000:.1f} ms: {len(check.findings)} findings, "
            f"{check.checked} of {check.paragraphs} paragraphs checked"
        )

    def _check(
        self, uri: str, text: str, format: str
    ) -> tuple[ParagraphChecker, str, DocumentCheck] | str | None:
        """In a worker thread: the findings, a one-line reason there are none, or None when the
        document is not a draft or its policy is broken (reported on the policy file)."""
        path = to_fs_path(uri)
        if path and Path(path).name in POLICY_FILENAMES:
            return None
        if len(text) * 4 > DEFAULT_MAX_BYTES and len(text.encode("utf-8")) > DEFAULT_MAX_BYTES:
            return f"postguard does not check drafts over {DEFAULT_MAX_BYTES // 1_000_000} MB."
        state = self.policies.for_folder(self._folder(path))
        if state.checker is None:
            return None
        checker = state.checker
        began = time.perf_counter()
        key = (uri, id(checker))
        language = self.languages.get(key)
        if language is None:
            language = self.languages[key] = checker.language(text, format)
        check = checker.check(text, format, language)
        if not checker.warming:
            checker.warm_in_background()
            self.log(f"first check in {(time.perf_counter() - began) * 1000:.1f} ms; warming up")
        return checker, language, check

    def _takes_related_information(self) -> bool:
        """Whether the editor said it shows a diagnostic's related information."""
        document = self.client_capabilities.text_document
        published = document.publish_diagnostics if document else None
        return bool(published and published.related_information)

    def _folder(self, path: str | None) -> Path:
        """Where to look for the policy: beside the draft, else in the first workspace folder."""
        if path:
            return Path(path).parent
        root = self.workspace.root_path
        return Path(root) if root else Path.cwd()

    def _publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    def _publish_problems(self) -> None:
        """One diagnostic on each policy file that does not load; cleared once it loads."""
        shown: dict[str, PolicyProblem] = {}
        for problem in self.policies.problems():
            if problem.path is not None:
                shown[from_fs_path(str(problem.path)) or str(problem.path)] = problem
        for uri, problem in shown.items():
            line = max((problem.line or 1) - 1, 0)
            where = types.Range(
                start=types.Position(line=line, character=0), end=types.Position(line=line + 1, character=0)
            )
            diagnostic = types.Diagnostic(
                range=where,
                message=problem.message,
                severity=types.DiagnosticSeverity.Error,
                code="policy",
                source=actions.SOURCE,
            )
            self._publish(uri, None, [diagnostic])
        for uri in self.published_problems - shown.keys():
            self._publish(uri, None, [])
        self.published_problems = set(shown)

    @staticmethod
    def _note(message: str, where: types.Range | None = None) -> types.Diagnostic:
        start = types.Position(line=0, character=0)
        return types.Diagnostic(
            range=where or types.Range(start=start, end=start),
            message=message,
            severity=types.DiagnosticSeverity.Warning,
            source=actions.SOURCE,
        )


def build_server() -> PostguardServer:
    server = PostguardServer()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: PostguardServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace
        if (
            watched
            and watched.did_change_watched_files
            and watched.did_change_watched_files.dynamic_registration
        ):
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in POLICY_GLOBS]
            )
            registration = types.Registration(
                id="postguard-policies",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=options,
            )
            try:
                await ls.client_register_capability_async(
                    types.RegistrationParams(registrations=[registration])
                )
            except Exception as exc:  # the editor refused: policies still reload when saved or edited
                ls.log(f"could not watch policy files: {exc}")

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PostguardServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PostguardServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PostguardServer, params: types.DidSaveTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri)
        if path and Path(path).name in POLICY_FILENAMES:
            ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PostguardServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.checked.pop(uri, None)
        ls._publish(uri, None, [])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: PostguardServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: PostguardServer, params: types.HoverParams) -> types.Hover | None:
        checked = _current(ls, params.text_document.uri)
        if checked is None:
            return None
        offset = checked.positions.offset(params.position)
        found = [f for f in checked.findings if f.start <= offset < f.end]
        if not found:
            return None
        contents = types.MarkupContent(
            kind=types.MarkupKind.Markdown, value=actions.hover_text(found, checked.checker.linter.policy)
        )
        first = found[0]
        return types.Hover(contents=contents, range=checked.positions.range(first.start, first.end))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: PostguardServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        checked = _current(ls, uri)
        if checked is None:
            return []
        positions = checked.positions
        start, end = positions.offset(params.range.start), positions.offset(params.range.end)
        capabilities = ls.client_capabilities
        edits = capabilities.workspace.workspace_edit if capabilities.workspace else None
        window = capabilities.window
        snippets = bool(edits and edits.snippet_edit_support)
        select = bool(window and window.show_document and window.show_document.support)
        found: list[types.CodeAction] = []
        for finding in checked.at(start, end):
            if finding.rule.startswith("suppression."):
                continue
            found.append(
                actions.suppress_action(
                    uri,
                    checked.version,
                    finding,
                    positions,
                    checked.format,
                    snippets=snippets,
                    select_command=select,
                )
            )
            if finding.sensitive:
                found.append(actions.redact_action(uri, finding, positions, checked.format, checked.language))
        return found

    @server.command(actions.SELECT_COMMAND)
    async def select_reason(ls: PostguardServer, uri: str, where: types.Range) -> None:
        await ls.window_show_document_async(
            types.ShowDocumentParams(uri=uri, take_focus=True, selection=where)
        )

    return server


def _current(ls: PostguardServer, uri: str) -> Checked | None:
    """The last check of ``uri`` if it is of the text the editor has now (else offsets are stale)."""
    checked = ls.checked.get(uri)
    if checked is None or ls.workspace.get_text_document(uri).version != checked.version:
        return None
    return checked


def serve() -> None:
    """Serve one editor over standard input and output until it says exit."""
    build_server().start_io()
