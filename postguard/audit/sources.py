"""Reading an archive of posts: one streaming reader per format, each yielding the posts in the
order they are stored (:class:`Post`) and, in their place, what could not be read
(:class:`BadRecord`), so one bad record never stops an audit and nothing after it is lost.

Only well-kept parsers read the files: the standard library's csv and json, and defusedxml for
WordPress exports (no entity expansion, no external resources). Nothing holds more than one
record (or, for a tweets.js file, one read-ahead chunk) in memory.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from postguard.errors import InputError
from postguard.io import DEFAULT_MAX_BYTES, read_draft

#: Suffixes of the posts a folder holds; everything else in it is left alone.
POST_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".txt")
#: The kinds of source, as ``--source-format`` names them.
SOURCE_FORMATS = ("folder", "jsonl", "csv", "wxr", "twitter", "linkedin")
#: Default column / key names for JSONL and CSV sources.
DEFAULT_TEXT_FIELD, DEFAULT_ID_FIELD, DEFAULT_DATE_FIELD = "text", "id", "date"
#: Read-ahead of the tweets.js reader.
CHUNK_CHARS = 1 << 20

#: A LinkedIn export's posts, and the columns it names them by.
LINKEDIN_SHARES = "Shares.csv"
LINKEDIN_FIELDS = ("ShareCommentary", "ShareLink", "Date")
#: The date format of X/Twitter archives: "Wed Oct 10 20:19:24 +0000 2018".
TWITTER_DATE = "%a %b %d %H:%M:%S %z %Y"
#: WordPress export: which items are posts, and which of them were published.
WXR_POST_TYPES = frozenset({"post", "page"})
WXR_PUBLISHED = "publish"

_FRONT_MATTER_DATE = re.compile(
    r"^(?:date|published|pubDate)\s*[:=]\s*[\"']?(\d{4}-\d{2}-\d{2}[^\"'\n]*)", re.MULTILINE
)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TWEETS_FILE = re.compile(r"^tweets?(-part\d+)?\.js$")


@dataclass(frozen=True, slots=True)
class Post:
    """One post to check, and where it came from (``position`` says where in ``source``)."""

    id: str
    source: str
    position: str
    date: str
    text: str
    format: str


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that could not be read, in the place of the post it would have been."""

    source: str
    position: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.position}: {self.problem}"


Record = Post | BadRecord


@dataclass(frozen=True, slots=True)
class Fields:
    """Which keys (JSONL) or columns (CSV) hold a post's text, id and date."""

    text: str = DEFAULT_TEXT_FIELD
    id: str = DEFAULT_ID_FIELD
    date: str = DEFAULT_DATE_FIELD


@dataclass(frozen=True, slots=True)
class Source:
    """An input of the audit: a path and the kind of archive it is."""

    path: str
    kind: str
    fields: Fields = Fields()

    def records(self) -> Iterator[Record]:
        """Every post of the source in order, bad records in their place."""
        return _READERS[self.kind](self)

    def count(self) -> int:
        """How many records :meth:`records` yields, for the progress bar. A folder's files and a
        JSON Lines file's lines are counted without being read or parsed, so a large archive is
        not read twice over; the other formats need their parser to tell where a record ends."""
        counter = _COUNTERS.get(self.kind)
        return counter(self) if counter else sum(1 for _ in self.records())


def open_source(path: str, kind: str | None = None, fields: Fields = Fields()) -> Source:
    """``path`` as a source; its kind is told from its name and contents unless ``kind`` is given."""
    target = Path(path)
    if not target.exists():
        raise InputError(path, "no such file or folder")
    return Source(path, kind or _detect(target), fields)


def _detect(target: Path) -> str:
    if target.is_dir():
        if any(_tweet_files(target)):
            return "twitter"
        if (target / LINKEDIN_SHARES).is_file():
            return "linkedin"
        return "folder"
    name, suffix = target.name, target.suffix.lower()
    if _TWEETS_FILE.match(name):
        return "twitter"
    if name == LINKEDIN_SHARES:
        return "linkedin"
    kinds = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".xml": "wxr"}
    if suffix in kinds:
        return kinds[suffix]
    if suffix in POST_SUFFIXES:
        return "folder"
    raise InputError(
        str(target),
        "cannot tell what kind of archive this is; expected a folder of posts, .jsonl, .csv, a WordPress "
        "export (.xml), an X/Twitter archive (data/tweets.js) or a LinkedIn export (Shares.csv)",
    )


def iso_date(value: object) -> str:
    """A date as ISO 8601 when it can be read as one (so reports can sort and group it), else
    as given."""
    if value is None:
        return ""
    text = str(value).strip()
    if not text or _ISO_DAY.match(text):
        return text
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.strptime(text, TWITTER_DATE).isoformat()
    except ValueError:
        return text


def _too_large(text: str) -> str | None:
    size = len(text.encode("utf-8", errors="surrogatepass"))
    return (
        f"is {size} bytes, larger than the {DEFAULT_MAX_BYTES} byte limit"
        if size > DEFAULT_MAX_BYTES
        else None
    )


def _post_or_bad(source: str, position: str, id: str, date: object, text: object, format: str) -> Record:
    if not isinstance(text, str):
        return BadRecord(source, position, f"no text (got {type(text).__name__})")
    problem = _too_large(text)
    if problem:
        return BadRecord(source, position, f"the post {problem}")
    return Post(id, source, position, iso_date(date), text, format)


# -- a folder of posts ----------------------------------------------------------------------


def _read_folder(source: Source) -> Iterator[Record]:
    from postguard.parsers import format_for_path

    root = Path(source.path)
    files = [root] if root.is_file() else _post_files(root)
    for path in files:
        relative = path.name if root.is_file() else path.relative_to(root).as_posix()
        try:
            text = read_draft(str(path))
        except InputError as exc:
            yield BadRecord(source.path, relative, exc.problem)
            continue
        match = _FRONT_MATTER_DATE.search(text[:4096])
        yield Post(
            relative,
            source.path,
            relative,
            iso_date(match[1] if match else ""),
            text,
            format_for_path(relative),
        )


def _post_files(root: Path) -> Iterator[Path]:
    """The posts under ``root`` in a stable order (sorted per folder, hidden folders skipped)."""
    for folder, folders, names in os.walk(root):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            if name.lower().endswith(POST_SUFFIXES) and not name.startswith("."):
                yield Path(folder) / name


def _count_folder(source: Source) -> int:
    root = Path(source.path)
    return 1 if root.is_file() else sum(1 for _ in _post_files(root))


# -- JSON Lines -----------------------------------------------------------------------------


def _read_jsonl(source: Source) -> Iterator[Record]:
    fields = source.fields
    with _open_binary(source) as handle:
        for number, raw in enumerate(handle, start=1):
            position = f"line {number}"
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield BadRecord(source.path, position, "is not valid UTF-8")
                continue
            except json.JSONDecodeError as exc:
                yield BadRecord(source.path, position, f"is not valid JSON ({exc.msg}, column {exc.colno})")
                continue
            if not isinstance(record, dict):
                yield BadRecord(source.path, position, f"is not a JSON object (got {type(record).__name__})")
                continue
            if fields.text not in record:
                yield BadRecord(source.path, position, f"has no {fields.text!r} key (see --text-field)")
                continue
            post_id = record.get(fields.id)
            yield _post_or_bad(
                source.path,
                position,
                str(post_id) if post_id is not None else str(number),
                record.get(fields.date),
                record[fields.text],
                "text",
            )


def _count_jsonl(source: Source) -> int:
    with _open_binary(source) as handle:
        return sum(1 for raw in handle if raw.strip())


def _open_binary(source: Source) -> IO[bytes]:
    try:
        return open(source.path, "rb")
    except OSError as exc:
        raise InputError(source.path, f"cannot read: {exc.strerror or exc}") from None


def _open_text(path: str) -> IO[str]:
    """UTF-8 text (a byte-order mark dropped), newlines as stored: the csv module wants them so."""
    try:
        return open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


# -- CSV (and a LinkedIn export's Shares.csv) ------------------------------------------------


def _read_csv(source: Source) -> Iterator[Record]:
    yield from _csv_records(source, source.path, source.fields)


def _read_linkedin(source: Source) -> Iterator[Record]:
    path = Path(source.path)
    shares = path / LINKEDIN_SHARES if path.is_dir() else path
    yield from _csv_records(source, str(shares), Fields(*LINKEDIN_FIELDS))


def _csv_records(source: Source, path: str, fields: Fields) -> Iterator[Record]:
    with _open_text(path) as handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            yield BadRecord(source.path, "line 1", f"cannot read the header: {exc}")
            return
        if header is None:
            return
        if fields.text not in header:
            yield BadRecord(
                source.path, "line 1", f"has no {fields.text!r} column (columns: {', '.join(header)})"
            )
            return
        columns = {
            name: header.index(name) for name in (fields.text, fields.id, fields.date) if name in header
        }
        number = 0
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                yield BadRecord(
                    source.path, f"line {start}", f"is not valid UTF-8 ({exc.reason}); stopped here"
                )
                return
            except csv.Error as exc:
                yield BadRecord(source.path, f"line {start}", f"is not valid CSV ({exc})")
                continue
            if not row:
                continue
            number += 1
            position = f"line {start}"
            if len(row) != len(header):
                yield BadRecord(source.path, position, f"has {len(row)} fields, the header has {len(header)}")
                continue
            post_id = row[columns[fields.id]] if fields.id in columns else str(number)
            date = row[columns[fields.date]] if fields.date in columns else ""
            yield _post_or_bad(source.path, position, post_id, date, row[columns[fields.text]], "text")


# -- WordPress export (WXR) -----------------------------------------------------------------


def _read_wxr(source: Source) -> Iterator[Record]:
    from xml.etree.ElementTree import Element, ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    number = 0
    parents: list[Element] = []
    with _open_binary(source) as handle:
        try:
            for event, element in iterparse(handle, events=("start", "end")):
                if event == "start":
                    parents.append(element)
                    continue
                parents.pop()
                if _local(element.tag) != "item":
                    continue
                number += 1
                fields = {_local(child.tag): child.text or "" for child in element}
                if parents:  # the channel keeps no item it has read: memory stays flat
                    parents[-1].remove(element)
                if fields.get("post_type", "post") not in WXR_POST_TYPES:
                    continue
                if fields.get("status", WXR_PUBLISHED) != WXR_PUBLISHED:
                    continue
                body = "\n\n".join(
                    part for part in (fields.get("title", ""), fields.get("encoded", "")) if part
                )
                date = fields.get("post_date") or fields.get("pubDate", "")
                yield _post_or_bad(
                    source.path, f"item {number}", fields.get("post_id") or str(number), date, body, "html"
                )
        except ParseError as exc:
            line, column = exc.position
            yield BadRecord(
                source.path, f"line {line}, column {column}", f"is not well-formed XML; stopped here ({exc})"
            )
        except DefusedXmlException as exc:
            yield BadRecord(source.path, f"item {number + 1}", f"refused for safety: {exc}")


def _local(tag: str) -> str:
    """An XML tag without its namespace: ``{http://wordpress.org/export/1.2/}post_id`` -> ``post_id``."""
    return tag.rpartition("}")[2]


# -- X/Twitter archive ----------------------------------------------------------------------


def _tweet_files(folder: Path) -> list[Path]:
    data = folder / "data"
    if not data.is_dir():
        return []
    return sorted((p for p in data.iterdir() if _TWEETS_FILE.match(p.name)), key=_part_number)


def _part_number(path: Path) -> tuple[int, str]:
    match = _TWEETS_FILE.match(path.name)
    part = match[1] if match and match[1] else ""
    return (int(part.removeprefix("-part")) if part else 0, path.name)


def _read_twitter(source: Source) -> Iterator[Record]:
    path = Path(source.path)
    number = 0
    for tweets in _tweet_files(path) if path.is_dir() else [path]:
        with _open_text(str(tweets)) as handle:
            for item in _js_array_items(handle):
                number += 1
                position = f"tweet {number}" + (f" ({tweets.name})" if path.is_dir() else "")
                if isinstance(item, str):
                    yield BadRecord(source.path, position, item)
                    continue
                tweet = item.get("tweet", item) if isinstance(item, dict) else None
                if not isinstance(tweet, dict):
                    yield BadRecord(source.path, position, "is not a tweet object")
                    continue
                yield _post_or_bad(
                    source.path,
                    position,
                    str(tweet.get("id_str") or tweet.get("id") or number),
                    tweet.get("created_at"),
                    tweet.get("full_text", tweet.get("text")),
                    "text",
                )


def _js_array_items(handle: IO[str]) -> Iterator[object]:
    """The items of the JSON array in ``window.YTD.tweets.part0 = [...]``, one at a time, read
    ahead a chunk at a time. A malformed item is yielded as the message that says why (a str),
    and ends the file: JSON has no way to find where the next item starts."""
    decoder = json.JSONDecoder()
    buffer, at, ended = "", 0, False

    def more() -> bool:
        nonlocal buffer, at, ended
        chunk = handle.read(CHUNK_CHARS)
        ended = not chunk
        buffer, at = buffer[at:] + chunk, 0
        return bool(chunk)

    while "[" not in buffer:
        if not more():
            yield "has no JSON array (expected 'window.YTD.tweets.part0 = [ ... ]')"
            return
    at = buffer.index("[") + 1
    while True:
        while at < len(buffer) and buffer[at] in " \t\r\n,":
            at += 1
        if at >= len(buffer):
            if not more():
                yield "ends before the closing ']' of the array"
                return
            continue
        if buffer[at] == "]":
            return
        try:
            item, end = decoder.raw_decode(buffer, at)
        except json.JSONDecodeError as exc:
            if not ended and more():
                continue
            yield f"is not valid JSON ({exc.msg}); the rest of the file is skipped"
            return
        if end >= len(buffer) and not ended and more():  # a number or literal may go on
            continue
        yield item
        at = end


_READERS = {
    "folder": _read_folder,
    "jsonl": _read_jsonl,
    "csv": _read_csv,
    "wxr": _read_wxr,
    "twitter": _read_twitter,
    "linkedin": _read_linkedin,
}
#: Formats whose records can be counted without their parser (see :meth:`Source.count`).
_COUNTERS = {"folder": _count_folder, "jsonl": _count_jsonl}
