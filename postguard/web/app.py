"""The Starlette application: the page, the JSON API, and the guard around both.

Starlette rather than FastAPI: the API has four small endpoints whose validation is plain code
(``api.py``), so FastAPI's pydantic layer would add a dependency and a second way to describe
errors without adding anything here. Starlette is what FastAPI is built on, well kept, typed, and
served by uvicorn.

The guard exists because a server on 127.0.0.1 is still reachable from any web page the user
opens: such a page may send requests to it, or rename itself to 127.0.0.1 through DNS
("rebinding"). So only requests naming a local host are answered, a POST must come from the page
itself (its ``Origin``, when a browser sends one, matches the host) and must be JSON, and every
response forbids loading anything from elsewhere (Content-Security-Policy).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from postguard.engine import Linter
from postguard.errors import PostguardError
from postguard.io import DEFAULT_MAX_BYTES
from postguard.web.api import (
    CHECK_KEYS,
    REDACT_KEYS,
    ApiError,
    DraftRequest,
    body_limit,
    check_response,
    draft_request,
    health_response,
    parse_json,
    redact_response,
    rules_response,
)

STATIC = Path(__file__).parent / "static"

#: Host names that mean this machine; a request naming another host is refused (DNS rebinding).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")

#: Addresses that listen on every interface: any host name may then reach the server.
WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

log = logging.getLogger("postguard.web")


def allowed_hosts(bind: str) -> tuple[str, ...]:
    """The host names the server answers to when it listens on ``bind``: this machine's names, and
    ``bind`` itself; every name when it listens on all interfaces."""
    if bind in WILDCARD_ADDRESSES:
        return ("*",)
    named = f"[{bind}]" if ":" in bind and not bind.startswith("[") else bind
    return tuple(dict.fromkeys((*LOOPBACK_HOSTS, named.lower())))


def create_app(
    linter: Linter, *, max_bytes: int = DEFAULT_MAX_BYTES, hosts: Sequence[str] = LOOPBACK_HOSTS
) -> Starlette:
    """The web app around ``linter`` (warm it first: checks run in a thread pool side by side)."""

    async def check(request: Request) -> Response:
        draft = await _draft(request, CHECK_KEYS, max_bytes)
        return _json(await _run(check_response, linter, draft))

    async def redact(request: Request) -> Response:
        draft = await _draft(request, REDACT_KEYS, max_bytes)
        return _json(await _run(redact_response, linter, draft))

    async def rules(request: Request) -> Response:
        return _json(rules_response(linter))

    async def healthz(request: Request) -> Response:
        return _json(health_response(linter))

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/redact", redact, methods=["POST"]),
        Route("/api/rules", rules, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        ApiError: _api_error,
        HTTPException: _http_error,
        Exception: _server_error,
    }
    return Starlette(
        routes=routes, exception_handlers=handlers, middleware=[Middleware(LocalGuard, hosts=tuple(hosts))]
    )


async def _draft(request: Request, keys: frozenset[str], max_bytes: int) -> DraftRequest:
    content_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if content_type != "application/json":
        raise ApiError(415, "send the draft as JSON with Content-Type: application/json")
    limit = body_limit(max_bytes)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the request body is {int(declared):,} bytes; the limit is {limit:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, f"the request body is over the limit of {limit:,} bytes")
    return draft_request(parse_json(bytes(body)), keys, max_bytes)


async def _run(
    handler: Callable[[Linter, DraftRequest], dict[str, Any]], linter: Linter, draft: DraftRequest
) -> dict[str, Any]:
    """Run a check in the thread pool; postguard's own errors (a rule's time limit...) are 422."""
    try:
        return await run_in_threadpool(handler, linter, draft)
    except PostguardError as exc:
        raise ApiError(422, str(exc)) from None


def _json(content: object, status: int = 200) -> Response:
    return JSONResponse(
        content, status_code=status, headers={**SECURITY_HEADERS, "Cache-Control": "no-store"}
    )


def _one_line(message: str) -> str:
    return " ".join(message.split())


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _json({"error": _one_line(exc.message)}, exc.status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = f"nothing here: {request.url.path}"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    else:
        message = str(exc.detail)
    return _json({"error": _one_line(message)}, exc.status_code)


async def _server_error(request: Request, exc: Exception) -> Response:
    """A bug: logged on the server's own terminal, one line to the client, never a traceback."""
    log.error("postguard: internal error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return _json({"error": f"internal error ({type(exc).__name__}); the server keeps running"}, 500)


class LocalGuard:
    """Answers only requests for this machine's host names, refuses cross-origin POSTs, and adds
    the security headers to every response (refusals included)."""

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = frozenset(host.lower() for host in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        refusal = self._refusal(scope["method"], Headers(scope=scope))
        if refusal is not None:
            await _json({"error": refusal[1]}, refusal[0])(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, method: str, headers: Headers) -> tuple[int, str] | None:
        host = headers.get("host", "")
        if "*" not in self.hosts and _host_name(host) not in self.hosts:
            return (
                400,
                f"this server answers only to {', '.join(sorted(self.hosts))}, not {host or 'no host'}",
            )
        if method in SAFE_METHODS:
            return None
        origin = headers.get("origin")
        if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != host.lower()):
            return 403, f"cross-origin requests are refused: {origin} is not this page ({host})"
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return 403, "cross-site requests are refused: only this page may send drafts"
        return None


def _host_name(host: str) -> str:
    """``127.0.0.1:8765`` -> ``127.0.0.1``; ``[::1]:8765`` -> ``[::1]``."""
    host = host.lower()
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.rpartition(":")[0] if ":" in host else host
