"""Writing files safely: never a half-written file, never an overwritten one without a backup."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import PostguardError

BACKUP_SUFFIX = ".bak"


def write_atomic(path: str | os.PathLike[str], text: str, backup: bool = True) -> Path | None:
    """Write ``text`` to ``path`` through a synced temporary file beside it and a rename.

    An existing file keeps its permissions and, when ``backup`` is on, is first copied to
    ``<name>.bak``; returns that backup's path (None when there was nothing to keep). On any
    failure the original is untouched, the temporary file is removed, and PostguardError says
    what went wrong.
    """
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.resolve().parent
        )
    except OSError as exc:
        raise PostguardError(f"{path}: cannot write: {exc.strerror or exc}") from None
    tmp = Path(temporary)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        kept = None
        if target.exists():
            shutil.copymode(target, tmp)
            if backup:
                kept = target.with_name(target.name + BACKUP_SUFFIX)
                shutil.copy2(target, kept)
        os.replace(tmp, target)
        return kept
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PostguardError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
