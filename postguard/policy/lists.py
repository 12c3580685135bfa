"""Named term lists: inline terms, terms files beside the policy, and hashed lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from postguard.errors import PolicyError
from postguard.matching import Term
from postguard.policy.hashing import (
    DEFAULT_KEY_ENV,
    ENV_NAME_RE,
    HashedList,
    HashKeyError,
    bind,
    is_hashed_file,
    parse_hashed_file,
    parse_hashed_mapping,
)
from postguard.policy.schema import (
    CASE_VALUES,
    COMPOUND_VALUES,
    ID_RE,
    LIST_KEYS,
    TERM_KEYS,
    boolean,
    check_keys,
    choice,
)
from postguard.policy.yamlsource import line_of


def list_terms(
    name: str,
    spec: Any,
    display: str,
    line: int | None,
    folder: Path | None = None,
    *,
    allow_outside: bool = False,
) -> tuple[Term, ...]:
    """Validate a term list (a list, or a mapping with ``terms``/``file``) into Terms."""
    if not isinstance(name, str) or not ID_RE.match(name):
        raise PolicyError(display, line, f"invalid list name {name!r}: use letters, digits, '-', '_' or '.'")
    if spec is None:
        return ()
    if isinstance(spec, list):
        spec = {"terms": spec}
    if not isinstance(spec, dict):
        raise PolicyError(
            display, line, f"list {name!r} must be a list of terms or a mapping with 'terms'/'file'"
        )
    check_keys(spec, LIST_KEYS, display, f"list {name!r}")
    defaults = _term_options(spec, display, name)
    raw: list[tuple[Any, int | None]] = []
    terms_value = spec.get("terms")
    if terms_value is not None:
        if not isinstance(terms_value, list):
            raise PolicyError(display, line_of(spec, "terms"), f"'terms' of list {name!r} must be a list")
        raw.extend((item, line_of(terms_value, i)) for i, item in enumerate(terms_value))
    hashed: list[tuple[HashedList, int | None]] = []
    if "hashed" in spec:
        hashed.append((_hashed_mapping(spec, name, display, folder), line_of(spec, "hashed")))
    if "file" in spec:
        if folder is None:
            raise PolicyError(display, line_of(spec, "file"), "'file' is only allowed in named lists")
        content = _terms_file(spec["file"], display, line_of(spec, "file"), folder, allow_outside)
        if is_hashed_file(content):
            try:
                hashed.append((parse_hashed_file(content), line_of(spec, "file")))
            except ValueError as exc:
                raise PolicyError(
                    display, line_of(spec, "file"), f"hashed list {spec['file']}: {exc}"
                ) from None
        else:
            raw.extend(_file_lines(content, line_of(spec, "file")))
    terms = _hashed_terms(name, spec, hashed, defaults, display)
    for item, item_line in raw:
        if isinstance(item, str | int | float) and not isinstance(item, bool) and str(item).strip():
            terms.append(Term(str(item).strip(), source=name, **defaults))
        elif isinstance(item, dict):
            check_keys(item, TERM_KEYS, display, f"a term of list {name!r}")
            text = item.get("term")
            if not isinstance(text, str) or not text.strip():
                raise PolicyError(display, item_line, f"a term in list {name!r} needs 'term: <text>'")
            options = {**defaults, **_term_options(item, display, name)}
            terms.append(Term(text.strip(), source=name, **options))
        else:
            raise PolicyError(
                display,
                item_line,
                f"list {name!r}: a term must be text or a mapping with 'term', got {item!r}",
            )
    return tuple(terms)


def _term_options(spec: dict, display: str, name: str) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if "case" in spec:
        options["case_exact"] = (
            choice(spec["case"], CASE_VALUES, "case", display, line_of(spec, "case")) == "exact"
        )
    if "inflect" in spec:
        options["inflect"] = boolean(spec["inflect"], "inflect", display, line_of(spec, "inflect"))
    if "compound" in spec:
        options["compound"] = choice(
            spec["compound"], COMPOUND_VALUES, "compound", display, line_of(spec, "compound")
        )
    if "variants" in spec:
        options["variants"] = boolean(spec["variants"], "variants", display, line_of(spec, "variants"))
    return options


def _hashed_mapping(spec: dict, name: str, display: str, folder: Path | None) -> HashedList:
    if folder is None:
        raise PolicyError(display, line_of(spec, "hashed"), "'hashed' is only allowed in named lists")
    value = spec["hashed"]
    if not isinstance(value, dict):
        raise PolicyError(
            display,
            line_of(spec, "hashed"),
            f"'hashed' of list {name!r} must be the mapping `postguard hash-terms --yaml` prints",
        )
    try:
        return parse_hashed_mapping(value)
    except ValueError as exc:
        raise PolicyError(display, line_of(spec, "hashed"), f"list {name!r}: {exc}") from None


def _hashed_terms(
    name: str, spec: dict, hashed: list[tuple[HashedList, int | None]], defaults: dict, display: str
) -> list[Term]:
    """Terms known only by their hash, bound to the key in the list's ``key-env`` variable."""
    env = spec.get("key-env", DEFAULT_KEY_ENV)
    if not isinstance(env, str) or not ENV_NAME_RE.match(env):
        raise PolicyError(display, line_of(spec, "key-env"), "'key-env' must name an environment variable")
    if not hashed:
        if "key-env" in spec:
            raise PolicyError(
                display, line_of(spec, "key-env"), f"'key-env' of list {name!r} needs a hashed list"
            )
        return []
    for option, problem in (
        ("case", "cannot be checked"),
        ("compound", "is not supported"),
        ("variants", "is not supported"),
    ):
        if option in spec:
            raise PolicyError(
                display,
                line_of(spec, option),
                f"list {name!r} is hashed: '{option}' {problem} for hashed terms (the hash hides the letters)",
            )
    terms: list[Term] = []
    for hashed_list, line in hashed:
        try:
            bound = bind(hashed_list, env, name)
        except HashKeyError as exc:
            raise PolicyError(display, line, f"list {name!r}: {exc}") from None
        terms.extend(Term("<hashed>", source=name, hashed=h, **defaults) for h in bound)
    return terms


def inside(folder: Path, entry: str) -> bool:
    """Does ``entry`` (relative to ``folder``, symlinks followed) stay inside ``folder``?"""
    return (folder / entry).resolve().is_relative_to(folder.resolve())


def _terms_file(value: Any, display: str, line: int | None, folder: Path, allow_outside: bool) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(display, line, "'file' must be a path relative to the policy")
    target = (folder / value).resolve()
    if not allow_outside and not inside(folder, value):
        raise PolicyError(
            display,
            line,
            f"'file: {value}' points outside the policy's folder; keep term lists beside the policy "
            "(or allow it with --allow-outside-policy-folder)",
        )
    try:
        return target.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PolicyError(display, line, f"term list file not found: {value}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(display, line, f"cannot read term list file {value}: {exc}") from None


def _file_lines(content: str, line: int | None) -> list[tuple[str, int | None]]:
    out = []
    for text in content.splitlines():
        text = text.split(" #", 1)[0].strip()
        if text and not text.startswith("#"):
            out.append((text, line))
    return out
