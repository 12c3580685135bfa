"""Plain text (tweets, LinkedIn updates, notes): no markup, blank lines separate blocks."""

from __future__ import annotations

from postguard.parsers.builder import ViewBuilder
from postguard.parsers.document import Document


def parse(text: str, path: str | None = None) -> Document:
    builder = ViewBuilder(text, "text", path)
    builder.mark_blank_line_breaks()
    builder.mark_urls(0, len(text))
    return builder.build()
