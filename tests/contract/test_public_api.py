"""The public API, as a snapshot: ``postguard.__all__``, the signature of every public function
and class, and the public methods and properties of the classes (public_api.txt).

A change to any of them fails here. If the change is intended, regenerate the snapshot with

    POSTGUARD_UPDATE_SNAPSHOTS=1 python -m pytest tests/contract/test_public_api.py

and commit public_api.txt with the change (and a note in the README if users must act on it).
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import inspect
import os
from pathlib import Path

import postguard

SNAPSHOT = Path(__file__).resolve().parent / "public_api.txt"
UPDATE_ENV = "POSTGUARD_UPDATE_SNAPSHOTS"
HEADER = (
    "# postguard's public API: postguard.__all__ and the signatures of what it names.\n"
    f"# Checked by tests/contract/test_public_api.py; regenerate with {UPDATE_ENV}=1.\n"
)


def _signature(obj: object) -> str:
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):  # e.g. an exception class without an __init__ of its own
        return "(...)"


def _bases(cls: type) -> str:
    bases = [b.__name__ for b in cls.__bases__ if b is not object]
    return f"({', '.join(bases)})" if bases else ""


def _members(cls: type) -> list[str]:
    """Public methods and properties defined in postguard (fields are in the class signature)."""
    own = [k for k in cls.__mro__ if k.__module__.startswith("postguard")]
    names = sorted({name for k in own for name in vars(k) if not name.startswith("_")})
    lines = []
    for name in names:
        raw = next(vars(k)[name] for k in own if name in vars(k))
        if isinstance(cls, enum.EnumType) and isinstance(getattr(cls, name, None), cls):
            continue  # a member, listed with its value
        if inspect.ismemberdescriptor(raw) or (
            dataclasses.is_dataclass(cls) and name in {f.name for f in dataclasses.fields(cls)}
        ):
            continue
        if isinstance(raw, property):
            returns = inspect.signature(raw.fget).return_annotation
            shown = "" if returns is inspect.Signature.empty else f" -> {returns!r}"
            lines.append(f"    {cls.__name__}.{name}: property{shown}")
        elif isinstance(raw, classmethod | staticmethod):
            decorator = type(raw).__name__
            lines.append(f"    @{decorator} {cls.__name__}.{name}{_signature(getattr(cls, name))}")
        elif callable(raw):
            lines.append(f"    {cls.__name__}.{name}{_signature(raw)}")
        else:
            lines.append(f"    {cls.__name__}.{name}: {type(raw).__name__}")
    return lines


def describe_api() -> str:
    lines = [f"__all__ = {sorted(postguard.__all__)}"]
    for name in sorted(postguard.__all__):
        obj = getattr(postguard, name)
        if name == "__version__":
            lines.append(f"__version__: {type(obj).__name__}")
        elif inspect.isclass(obj) and issubclass(obj, enum.Enum):
            lines.append(f"class {name}{_bases(obj)}")
            lines.extend(f"    {name}.{member.name} = {member.value!r}" for member in obj)
            lines.extend(_members(obj))
        elif inspect.isclass(obj):
            lines.append(f"class {name}{_bases(obj)}{_signature(obj)}")
            lines.extend(_members(obj))
        else:
            lines.append(f"def {name}{_signature(obj)}")
    return HEADER + "\n".join(lines) + "\n"


def test_public_api_matches_the_snapshot() -> None:
    current = describe_api()
    if os.environ.get(UPDATE_ENV) == "1":
        SNAPSHOT.write_text(current, encoding="utf-8")
    expected = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.is_file() else ""
    if current != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                current.splitlines(keepends=True),
                fromfile=f"{SNAPSHOT.name} (committed)",
                tofile="postguard now",
            )
        )
        raise AssertionError(
            "postguard's public API differs from the committed snapshot:\n"
            f"{diff}\n"
            "If this change is intended, regenerate the snapshot and commit it:\n"
            f"    {UPDATE_ENV}=1 python -m pytest tests/contract/test_public_api.py"
        )


def test_every_public_name_resolves_and_is_listed_by_dir() -> None:
    for name in postguard.__all__:
        assert getattr(postguard, name) is not None, name
    assert set(postguard.__all__) <= set(dir(postguard))


def test_the_snapshot_notices_a_changed_signature(monkeypatch) -> None:
    """The snapshot is not blind: a keyword renamed on a public method shows up in it."""
    before = describe_api()

    def check(self, text, *, fmt="text", lang=None, path=None, only=None):  # 'format' renamed
        raise NotImplementedError

    monkeypatch.setattr(postguard.Linter, "check", check)
    after = describe_api()
    assert before != after
    assert "fmt='text'" in after and "fmt='text'" not in before
