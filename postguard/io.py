"""Files in and out: drafts read as text with a clear error for anything that is not a UTF-8 text
file, and files written atomically (never half-written, never overwritten without a backup)."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, cast

from postguard.errors import InputError, PostguardError
from postguard.model import STDIN

T = TypeVar("T")

BACKUP_SUFFIX = ".bak"

#: The largest draft read by default (``--max-file-size``).
DEFAULT_MAX_SIZE = "5MB"


def parse_size(value: str) -> int:
    """``5MB``, ``512k``, ``1000000`` -> bytes."""
    text = value.strip().lower().removesuffix("b").removesuffix("i")
    factor = 1
    for suffix, multiplier in (("k", 1024), ("m", 1024**2), ("g", 1024**3)):
        if text.endswith(suffix):
            text, factor = text[:-1], multiplier
            break
    number = float(text)
    if number <= 0:
        raise ValueError("size must be positive")
    return int(number * factor)


DEFAULT_MAX_BYTES = parse_size(DEFAULT_MAX_SIZE)


def read_draft(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The decoded text of ``path`` (``-`` reads standard input); a UTF-8 BOM is dropped.

    Raises :class:`InputError` for missing, unreadable, binary, oversized or non-UTF-8 input.
    """
    shown = "<stdin>" if path == STDIN else path
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        target = Path(path)
        if target.is_dir():
            raise InputError(shown, "is a directory; pass the files to check (for example posts/*.md)")
        try:
            size = target.stat().st_size
        except FileNotFoundError:
            raise InputError(shown, "no such file") from None
        except OSError as exc:
            raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
        if size > max_bytes:
            raise InputError(
                shown,
                f"is {_size(size)}, larger than the {_size(max_bytes)} limit; "
                "split it, or raise the limit with --max-file-size",
            )
        try:
            with open(target, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(shown, f"is larger than the {_size(max_bytes)} limit; raise it with --max-file-size")
    return decode(data, shown)


def decode(data: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM) to text; binary and other encodings are refused clearly."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(shown, "is UTF-16 text; save it as UTF-8 and try again")
    encoding = _utf16_without_bom(data)
    if encoding:
        raise InputError(
            shown,
            f"looks like {ICONV_NAMES[encoding]} text without a byte-order mark; save it as UTF-8 "
            f"(for example: iconv -f {ICONV_NAMES[encoding]} -t UTF-8 FILE > FILE.txt) and try again",
        )
    if b"\x00" in data:
        raise InputError(
            shown,
            "looks like a binary file (it contains NUL bytes); postguard checks text, Markdown and HTML",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise InputError(
            shown,
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, column {column}); "
            "save the file as UTF-8 and try again",
        ) from None


#: Share of a sample's even or odd bytes that must be NUL for it to read as UTF-16 text.
UTF16_NUL_SHARE = 0.7
#: Bytes looked at to tell UTF-16 text from a binary file.
UTF16_SAMPLE = 4096
#: The encodings' names as iconv and editors spell them.
ICONV_NAMES = {"utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE"}


def _utf16_without_bom(data: bytes) -> str:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` reads as such text without a byte-order mark:
    most bytes at odd (or even) positions are NUL, as Latin-script text has, and it decodes to
    printable characters. Else ""."""
    sample = data[: UTF16_SAMPLE - UTF16_SAMPLE % 2]
    if len(sample) < 4 or b"\x00" not in sample:
        return ""
    halves = {"utf-16-le": sample[1::2], "utf-16-be": sample[0::2]}
    for encoding, high_bytes in halves.items():
        if high_bytes.count(0) >= UTF16_NUL_SHARE * len(high_bytes):
            try:
                text = sample.decode(encoding)
            except UnicodeDecodeError:
                return ""
            if all(ch.isprintable() or ch in "\r\n\t" for ch in text):
                return encoding
    return ""


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: The mode a new file gets from open() under this process's umask (read once, at import: the
#: umask can only be read by setting it, which must not happen while other threads make files).
NEW_FILE_MODE = 0o666 & ~_umask()


def write_atomic(path: str | os.PathLike[str], text: str, backup: bool = True) -> Path | None:
    """Write ``text`` to ``path`` through a synced temporary file beside it and a rename.

    A new file gets the permissions open() would give it; an existing file keeps its own and, when ``backup`` is on, is first copied to
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
        if not target.exists():
            os.chmod(tmp, NEW_FILE_MODE)  # as open() would make it, not mkstemp's owner-only 0600
        else:
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


def user_cache(name: str) -> Path:
    """Where postguard keeps ``name`` in the user's cache folder (``$XDG_CACHE_HOME`` or ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "postguard" / name


def cached_json(path: Path | None, build: Callable[[], T]) -> T:
    """``build()``'s result, kept as JSON at ``path``: read from there when it is there, else
    built and written atomically (a temporary file renamed into place, so two processes never
    read half a file). A cache that cannot be read or written only costs the build."""
    if path is not None:
        try:
            return cast(T, json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            pass
    data = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass
    return data
