"""Post formats: each parser turns a draft's text into a :class:`~postguard.parsers.document.Document`."""

from __future__ import annotations

from pathlib import PurePath

from postguard.model import INPUT_FORMATS
from postguard.parsers import html, markdown, text
from postguard.parsers.document import Document

PARSERS = {"text": text.parse, "markdown": markdown.parse, "html": html.parse}
FORMATS = INPUT_FORMATS
assert tuple(PARSERS) == INPUT_FORMATS, "every input format has one parser"

_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}


def format_for_path(path: str | None) -> str:
    """Guess a draft's format from its file name (plain text when unknown)."""
    if not path:
        return "text"
    return _SUFFIXES.get(PurePath(path).suffix.lower(), "text")


def parse(text: str, fmt: str = "text", path: str | None = None) -> Document:
    """Parse ``text`` as ``fmt`` (``text``, ``markdown`` or ``html``)."""
    try:
        parser = PARSERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}") from None
    return parser(text, path)
