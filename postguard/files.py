"""Writing files safely: never a half-written file, never an overwritten one without a backup."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import PostguardError


def write_atomic(path: str | os.PathLike[str], text: str, backup: bool = True) -> Path | None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    An existing file is first copied to ``<name>.bak`` when ``backup`` is on; returns that
    backup's path (None when there was nothing to keep). Raises PostguardError on failure.
    """
    target = Path(path)
    kept = None
    try:
        if backup and target.is_file():
            kept = target.with_name(target.name + ".bak")
            shutil.copy2(target, kept)
        handle, temporary = tempfile.mkstemp(
            dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise PostguardError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return kept
