"""Every archive format the audit reads, from small fixtures: posts in order with their id, date
and format, and a bad record reported in its place with where it is, the rest still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postguard.audit.sources import BadRecord, Fields, Post, open_source
from postguard.errors import InputError


def _read(path: Path, kind: str | None = None, fields: Fields | None = None) -> list[Post | BadRecord]:
    """The source's records, after checking that the progress bar's count of them agrees."""
    source = open_source(str(path), kind, fields or Fields())
    records = list(source.records())
    assert source.count() == len(records)
    return records


def test_a_folder_of_posts_in_a_stable_order_with_front_matter_dates(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.html").write_text("<p>Two</p>", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: One\ndate: 2020-05-01\n---\nOne\n", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"caf\xe9")  # Latin-1, not UTF-8
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    records = _read(tmp_path)
    assert [(r.id, r.date, r.format) for r in records if isinstance(r, Post)] == [
        ("a.md", "2020-05-01", "markdown"),
        ("b/two.html", "", "html"),
    ]
    bad = records[1]  # a folder's own files come before its subfolders'
    assert isinstance(bad, BadRecord) and bad.position == "c.txt" and "UTF-8" in bad.problem


def test_jsonl_with_chosen_fields_and_bad_lines_in_place(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    lines = [
        json.dumps({"key": 7, "body": "First", "when": "2021-02-03T10:00:00"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"key": 8}),
        "",
        json.dumps({"body": "No id"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = _read(path, fields=Fields("body", "key", "when"))
    assert [type(r).__name__ for r in records] == ["Post", "BadRecord", "BadRecord", "BadRecord", "Post"]
    first, last = records[0], records[-1]
    assert isinstance(first, Post) and (first.id, first.date, first.text) == (
        "7",
        "2021-02-03T10:00:00",
        "First",
    )
    assert isinstance(last, Post) and last.id == "6" and last.position == "line 6"
    assert [r.position for r in records if isinstance(r, BadRecord)] == ["line 2", "line 3", "line 4"]
    assert "'body'" in str(records[3])


def test_csv_rows_with_quoted_newlines_and_a_short_row(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text(
        'id,date,text\n1,2022-01-01,"Line one\nline two"\n2,2022-01-02\n3,,Third\n', encoding="utf-8"
    )
    records = _read(path)
    assert isinstance(records[0], Post) and records[0].text == "Line one\nline two"
    assert isinstance(records[1], BadRecord) and records[1].position == "line 4"
    assert isinstance(records[2], Post) and (records[2].id, records[2].position) == ("3", "line 5")


def test_csv_without_the_text_column_is_one_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("id,body\n1,Hello\n", encoding="utf-8")
    [bad] = _read(path)
    assert isinstance(bad, BadRecord) and "'text' column" in bad.problem and "id, body" in bad.problem


WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Blog</title>
<item><title>Hello</title><content:encoded><![CDATA[<p>Our <b>first</b> post</p>]]></content:encoded>
  <wp:post_id>11</wp:post_id><wp:post_date>2019-04-05 09:30:00</wp:post_date>
  <wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
<item><title>logo.png</title><wp:post_id>12</wp:post_id><wp:post_type>attachment</wp:post_type></item>
<item><title>Draft</title><wp:post_id>13</wp:post_id><wp:post_type>post</wp:post_type>
  <wp:status>draft</wp:status></item>
<item><title>About</title><content:encoded>About us</content:encoded><wp:post_id>14</wp:post_id>
  <wp:post_type>page</wp:post_type><wp:status>publish</wp:status></item>
</channel></rss>
"""


def test_wordpress_export_published_posts_and_pages_as_html(tmp_path: Path) -> None:
    path = tmp_path / "blog.xml"
    path.write_text(WXR, encoding="utf-8")
    records = _read(path)
    assert [(r.id, r.position, r.format) for r in records if isinstance(r, Post)] == [
        ("11", "item 1", "html"),
        ("14", "item 4", "html"),
    ]
    first = records[0]
    assert isinstance(first, Post) and first.text.startswith("Hello\n\n<p>Our")
    assert first.date == "2019-04-05T09:30:00"


def test_wordpress_export_cut_short_keeps_the_items_before_and_says_where(tmp_path: Path) -> None:
    path = tmp_path / "blog.xml"
    path.write_text(WXR[: WXR.index("<item><title>About")] + "<item><title>Bro", encoding="utf-8")
    records = _read(path)
    assert isinstance(records[0], Post)
    assert isinstance(records[-1], BadRecord) and "not well-formed XML" in records[-1].problem
    assert records[-1].position.startswith("line ")


def test_wordpress_export_with_entities_is_refused_not_expanded(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        "<rss><channel><item><title>&b;</title></item></channel></rss>",
        encoding="utf-8",
    )
    [bad] = _read(path)
    assert isinstance(bad, BadRecord) and "refused" in bad.problem


def _tweet(number: int, text: str) -> dict[str, object]:
    return {
        "tweet": {"id_str": str(number), "full_text": text, "created_at": "Wed Oct 10 20:19:24 +0000 2018"}
    }


def test_twitter_archive_folder_reads_every_tweets_part(tmp_path: Path) -> None:
    data = tmp_path / "archive" / "data"
    data.mkdir(parents=True)
    (data / "tweets.js").write_text(
        "window.YTD.tweets.part0 = " + json.dumps([_tweet(1, "One"), _tweet(2, "Two")], indent=2),
        encoding="utf-8",
    )
    (data / "tweets-part1.js").write_text(
        "window.YTD.tweets.part1 = " + json.dumps([_tweet(3, "Three")]), encoding="utf-8"
    )
    records = _read(tmp_path / "archive")
    assert [(r.id, r.text) for r in records if isinstance(r, Post)] == [
        ("1", "One"),
        ("2", "Two"),
        ("3", "Three"),
    ]
    assert isinstance(records[0], Post) and records[0].date == "2018-10-10T20:19:24+00:00"


def test_twitter_file_read_in_chunks_and_a_malformed_tweet_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("postguard.audit.sources.CHUNK_CHARS", 7)  # items straddle every chunk
    path = tmp_path / "tweets.js"
    good = ",".join(json.dumps(_tweet(n, f"Tweet number {n}")) for n in range(1, 4))
    path.write_text(f"window.YTD.tweets.part0 = [{good}, {{broken", encoding="utf-8")
    records = _read(path)
    assert [r.id for r in records if isinstance(r, Post)] == ["1", "2", "3"]
    assert isinstance(records[-1], BadRecord) and records[-1].position == "tweet 4"


def test_linkedin_export_shares(tmp_path: Path) -> None:
    (tmp_path / "Shares.csv").write_text(
        "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
        '2023-01-05 10:11:12,https://www.linkedin.com/feed/update/1,"We are ""hiring""!",,,MEMBER_NETWORK\n',
        encoding="utf-8",
    )
    [post] = _read(tmp_path)
    assert isinstance(post, Post)
    assert (post.id, post.date, post.text) == (
        "https://www.linkedin.com/feed/update/1",
        "2023-01-05T10:11:12",
        'We are "hiring"!',
    )


def test_an_unknown_kind_of_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "archive.zip"
    path.write_bytes(b"PK")
    with pytest.raises(InputError, match="cannot tell what kind of archive"):
        open_source(str(path))
