"""Running the app: the listening socket is opened first, so a busy port or a bad address is one
clear error before the slow warm-up, then uvicorn serves on it until Ctrl-C."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from postguard.engine import Linter
from postguard.errors import PostguardError
from postguard.web.app import allowed_hosts, create_app


def listen(host: str, port: int) -> socket.socket:
    """A TCP socket listening on ``host``:``port``; a PostguardError says why when it cannot."""
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
        address: tuple[Any, ...] = (host, port)
    except ValueError:  # a name such as localhost: ask the resolver
        try:
            family, _kind, _proto, _name, address = socket.getaddrinfo(
                host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
            )[0]
        except (socket.gaierror, UnicodeError) as exc:
            raise PostguardError(
                f"cannot listen on {host!r}: not an address of this machine ({exc})"
            ) from None
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and
    # without it every reply on a kept-alive connection waits 40 ms for a delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen()  # a browser opening the page during the warm-up waits instead of failing
    except OSError as exc:
        sock.close()
        raise PostguardError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def address_of(sock: socket.socket) -> str:
    """The page's address, for people: ``http://127.0.0.1:8765/``."""
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve_forever(linter: Linter, sock: socket.socket, host: str) -> None:
    """Serve the app on ``sock`` until Ctrl-C (uvicorn shuts down, then raises KeyboardInterrupt)."""
    import uvicorn

    app = create_app(linter, hosts=allowed_hosts(host))
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
