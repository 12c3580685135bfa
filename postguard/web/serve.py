"""Running the app: the listening socket is opened first, so a busy port or a bad address is one
clear error before the slow warm-up, then uvicorn serves on it until Ctrl-C."""

from __future__ import annotations

import socket

from postguard.engine import Linter
from postguard.errors import PostguardError
from postguard.web.app import allowed_hosts, create_app


def listen(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host``:``port``; a PostguardError says why when it cannot be."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise PostguardError(f"cannot listen on {host!r}: not an address of this machine ({exc})") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise PostguardError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def address_of(sock: socket.socket) -> str:
    """The page's address, for people: ``http://127.0.0.1:8765/``."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve_forever(linter: Linter, sock: socket.socket, host: str) -> None:
    """Serve the app on ``sock`` until interrupted (uvicorn handles Ctrl-C and shuts down cleanly)."""
    import uvicorn

    app = create_app(linter, hosts=allowed_hosts(host))
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
