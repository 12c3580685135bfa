"""``postguard serve``: a local web page where anyone pastes a draft and sees what to fix, and the
JSON API behind it (for CMS plugins and chat bots). Imported only by that command: the web
framework is not loaded by any other."""

from __future__ import annotations

from postguard.web.app import allowed_hosts, create_app

__all__ = ["allowed_hosts", "create_app"]
