"""Places and organisations that news names often, so that "Burkina Faso", "Jan Mayen",
"Equinor" and "Olav Thon Gruppen" are not read as persons for their capitals alone.

The lists are data beside this module (``places.txt``, ``organisations.txt``), written for
postguard from general knowledge; their headers say so. Many places are also surnames ("Strand",
"Lund") and some firms first names ("Tine"): :func:`known` only says that the lists hold a
text, and the verdict decides how much that weighs against the cues for a person.
"""

from __future__ import annotations

import functools
from importlib import resources

DATA_FILES = ("places.txt", "organisations.txt")
#: The Norwegian genitive ending: "Norges", "Equinors".
GENITIVE = "s"


@functools.cache
def names() -> frozenset[str]:
    """Every place and organisation in the lists, as written."""
    found: set[str] = set()
    for data_file in DATA_FILES:
        text = (resources.files(__package__) / data_file).read_text(encoding="utf-8")
        found.update(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return frozenset(found)


def known(text: str, language: str) -> bool:
    """Whether ``text`` names a listed place or organisation (in Norwegian also in the genitive)."""
    listed = names()
    if text in listed:
        return True
    return language == "nb" and text.endswith(GENITIVE) and text[: -len(GENITIVE)] in listed
