"""The language server's latency, as an editor sees it (``postguard lsp`` as a subprocess).

Run: .venv/bin/python bench/lsp.py [--edits N] [--starts N]

- keystrokes: a ~100 KB Markdown document built from ../shared/corpora/blog_en is opened, then
  N single-character edits (typed at random places, each followed by the debounce) are sent one
  at a time. Per edit, the server's own check time (from its log line, the debounce excluded)
  and the time from didChange to publishDiagnostics minus the debounce; p50/p95 of both. A full
  ``Linter.check`` of the same document (warm) is timed for comparison.
- first diagnostics: from starting the server process to the diagnostics of a 600-word post
  (cve-2022-21658.md), a fresh process each time; the median.
Uses the default policy (no postguard.yml above the temporary folder, no organisation policy).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from postguard.lsp.positions import PositionIndex  # noqa: E402
from postguard.lsp.server import DEBOUNCE_SECONDS  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "blog_en"
POST_600_WORDS = "cve-2022-21658.md"
DOCUMENT_BYTES = 100_000
CHECKED_RE = re.compile(r"^checked (\S+) in ([\d.]+) ms")


def _document() -> str:
    parts, size = [], 0
    for path in sorted(CORPUS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        parts.append(text)
        size += len(text.encode("utf-8"))
        if size >= DOCUMENT_BYTES:
            break
    return "\n\n".join(parts)


async def _start(folder: Path) -> LanguageClient:
    env = {k: v for k, v in os.environ.items() if k != "POSTGUARD_POLICY"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env["XDG_CONFIG_HOME"] = str(folder / "config")
    config = ClientServerConfig(server_command=[sys.executable, "-m", "postguard", "lsp"], server_env=env)
    client = await config.start()
    await client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=folder.as_uri())
    )
    return client


async def _stop(client: LanguageClient) -> None:
    await client.shutdown_session()
    await client.stop()


def _open(client: LanguageClient, uri: str, text: str) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )


async def _next_check(client: LanguageClient, uri: str, seen: int) -> tuple[float, int]:
    """The check time (ms) the server logs next for ``uri``, and how many log lines there are."""
    while True:
        for index in range(seen, len(client.log_messages)):
            m = CHECKED_RE.match(client.log_messages[index].message)
            if m and m.group(1) == uri:
                return float(m.group(2)), index + 1
        seen = len(client.log_messages)
        await asyncio.sleep(0.002)


async def keystrokes(folder: Path, edits: int) -> tuple[list[float], list[float], float, int]:
    text = _document()
    uri = (folder / "long-post.md").as_uri()
    client = await _start(folder)
    try:
        _open(client, uri, text)
        _, seen = await _next_check(client, uri, 0)
        await asyncio.sleep(3)  # the Linter warms up in the background after the first check
        rng = random.Random(17)
        check_ms, wall_ms = [], []
        for version in range(2, edits + 2):
            offset = rng.randrange(len(text))
            at = PositionIndex(text).position(offset)
            text = text[:offset] + "x" + text[offset:]
            began = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[
                        types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at), text="x")
                    ],
                )
            )
            ms, seen = await _next_check(client, uri, seen)
            check_ms.append(ms)
            wall_ms.append((time.perf_counter() - began - DEBOUNCE_SECONDS) * 1000)
    finally:
        await _stop(client)
    full_ms = _full_check_ms(text)
    return check_ms, wall_ms, full_ms, len(text.encode("utf-8"))


def _full_check_ms(text: str) -> float:
    from postguard import Linter

    linter = Linter.default().warm()
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        linter.check(text, format="markdown")
        best = min(best, time.perf_counter() - began)
    return best * 1000


async def first_diagnostics(folder: Path) -> float:
    post = next(CORPUS.rglob(POST_600_WORDS))
    uri = (folder / POST_600_WORDS).as_uri()
    began = time.perf_counter()
    client = await _start(folder)
    try:
        _open(client, uri, post.read_text(encoding="utf-8"))
        while uri not in client.diagnostics:
            await asyncio.sleep(0.002)
        return time.perf_counter() - began
    finally:
        await _stop(client)


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        starts = [await first_diagnostics(folder) for _ in range(args.starts)]
        check_ms, wall_ms, full_ms, size = await keystrokes(folder, args.edits)
    print(f"load average at start {load:.2f}; {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    print(
        f"first diagnostics of a 600-word post from server start, median of {args.starts}: "
        f"{statistics.median(starts):.2f} s (min {min(starts):.2f}, max {max(starts):.2f})"
    )
    print(f"keystrokes in a {size / 1000:.0f} KB Markdown document, {len(check_ms)} edits:")
    print(
        f"  check work (server log): p50 {_p(check_ms, 50):.1f} ms, p95 {_p(check_ms, 95):.1f} ms, "
        f"max {max(check_ms):.1f} ms"
    )
    print(
        f"  didChange to diagnostics minus the {DEBOUNCE_SECONDS * 1000:.0f} ms debounce: "
        f"p50 {_p(wall_ms, 50):.1f} ms, p95 {_p(wall_ms, 95):.1f} ms"
    )
    print(f"  a full Linter.check of the same document (warm, best of 3): {full_ms:.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())
