"""The listening socket of ``postguard serve``."""

from __future__ import annotations

import socket

import pytest

from postguard.errors import PostguardError
from postguard.web.serve import address_of, listen


def test_the_socket_is_tcp_so_replies_are_not_held_back() -> None:
    """asyncio sets TCP_NODELAY only on sockets whose proto is TCP: with proto 0, every reply on a
    kept-alive connection waited 40 ms for a delayed ACK (10 checks/s instead of 100)."""
    with listen("127.0.0.1", 0) as sock:
        assert sock.proto == socket.IPPROTO_TCP
        assert address_of(sock).startswith("http://127.0.0.1:")


def test_a_port_in_use_is_a_clear_error() -> None:
    with listen("127.0.0.1", 0) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(
            PostguardError, match=f"cannot listen on 127.0.0.1:{port}: Address already in use"
        ):
            listen("127.0.0.1", port)
