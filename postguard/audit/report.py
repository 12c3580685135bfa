"""report.html: one self-contained page (charts inlined as SVG, styles inline, no script, nothing
fetched from elsewhere) that sums an audit up for the people who asked for it.

It is built from the output folder's files alone, read a line at a time, so it costs the same
for a resumed audit as for one run in one go, and it can only show what findings.jsonl holds:
excerpts and messages with private data already masked. Every text is escaped.
"""

from __future__ import annotations

import csv
import heapq
import io
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from postguard.audit.output import FINDINGS, POSTS, PROBLEMS, REPORT
from postguard.errors import PostguardError
from postguard.io import write_atomic
from postguard.model import Severity
from postguard.policy import Policy
from postguard.version import __version__

#: How many rules the top-rules chart shows, and how many posts the worst-posts table lists.
TOP_RULES, TOP_POSTS = 15, 10
#: Findings shown per post in the worst-posts table.
FINDINGS_PER_POST = 5
#: More months than this on the time axis: the chart counts by year instead.
MAX_MONTHS = 36
UNDATED = "undated"
_MONTH = re.compile(r"^\d{4}-\d{2}")
CHART_SIZE = (9.0, 3.6)


@dataclass
class _Totals:
    posts: int = 0
    posts_with_findings: int = 0
    findings: int = 0
    problems: int = 0
    severities: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    by_month: Counter[tuple[str, str]] = field(default_factory=Counter)
    worst: list[tuple[tuple[int, int, int], int, dict[str, Any]]] = field(default_factory=list)


def require_matplotlib() -> None:
    """Fail before the audit, not after hours of it, when the report could not be drawn."""
    try:
        import matplotlib
    except ImportError:
        raise PostguardError('the audit report needs matplotlib: pip install "postguard[audit]"') from None
    matplotlib.use("Agg")


def write_report(outdir: str, policy: Policy, categories: Sequence[str]) -> str:
    """Write ``outdir``/report.html from the audit's files; returns its path."""
    require_matplotlib()
    folder = Path(outdir)
    totals = _read(folder)
    page = _page(totals, policy, categories)
    target = folder / REPORT
    write_atomic(target, page, backup=False)
    return str(target)


def _read(folder: Path) -> _Totals:
    totals = _Totals()
    with open(folder / POSTS, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            totals.posts += 1
            totals.posts_with_findings += row["findings"] != "0"
    with open(folder / PROBLEMS, encoding="utf-8") as handle:
        totals.problems = sum(1 for _ in handle)
    current: dict[str, Any] | None = None
    with open(folder / FINDINGS, encoding="utf-8") as handle:
        for line in handle:
            found = json.loads(line)
            totals.findings += 1
            totals.severities[found["severity"]] += 1
            totals.categories[found["category"]] += 1
            totals.rules[found["rule"]] += 1
            month = found["date"][:7] if _MONTH.match(found["date"]) else UNDATED
            totals.by_month[(month, found["category"])] += 1
            key = (found["source"], found["position"])
            if current is None or current["key"] != key:
                _rank(totals, current)
                current = {"key": key, "post_id": found["post_id"], "date": found["date"], "findings": []}
            current["findings"].append(found)
    _rank(totals, current)
    return totals


def _rank(totals: _Totals, post: dict[str, Any] | None) -> None:
    """Keep the TOP_POSTS posts with the most serious findings (then the most of them)."""
    if post is None:
        return
    levels = [Severity.parse(f["severity"]) for f in post["findings"]]
    worst = max(levels)
    score = (int(worst), levels.count(worst), len(levels))
    post["findings"].sort(key=lambda f: -Severity.parse(f["severity"]))
    del post["findings"][FINDINGS_PER_POST:]
    entry = (score, -totals.findings, post)  # earlier posts first on ties (the count only grows)
    if len(totals.worst) < TOP_POSTS:
        heapq.heappush(totals.worst, entry)
    elif entry[:2] > totals.worst[0][:2]:
        heapq.heapreplace(totals.worst, entry)


def _page(totals: _Totals, policy: Policy, categories: Sequence[str]) -> str:
    from postguard.engine.suppressions import META_RULES

    rules = {rule.id: rule for rule in (*policy.rules, *META_RULES.values())}
    severities = [s.label for s in sorted(Severity, reverse=True)]
    summary = [
        ("posts checked", totals.posts),
        ("posts with findings", totals.posts_with_findings),
        ("findings", totals.findings),
        *((f"{label}s", totals.severities[label]) for label in severities),
        ("records that could not be read or checked", totals.problems),
    ]
    parts = [
        "<h1>postguard audit</h1>",
        f"<p class=muted>Policy: {escape(policy.path or 'the built-in default')}; postguard {escape(__version__)}. "
        "Private data (personal data, secrets) is masked throughout.</p>",
        "<h2>Totals</h2>",
        _table(["", "count"], [[escape(name), f"{value:,}"] for name, value in summary], numeric=[1]),
        _table(
            ["category", "findings"],
            [[escape(name), f"{count:,}"] for name, count in totals.categories.most_common()],
            numeric=[1],
        ),
        "<h2>Findings by category over time</h2>",
        _time_chart(totals, categories) if totals.findings else "<p>No findings.</p>",
        "<h2>Top rules</h2>",
        _rules_chart(totals) if totals.findings else "<p>No findings.</p>",
        "<h2>Posts with the most serious findings</h2>",
        _worst_posts(totals),
        "<h2>What each rule means</h2>",
        _rule_meanings(totals, rules),
    ]
    return _HTML.format(body="\n".join(parts))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """A table of already escaped cells."""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=n' if i in numeric else ''}>{cell}</td>" for i, cell in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _svg(figure: Any, salt: str) -> str:
    """A matplotlib figure as inline SVG (text as paths: no font needed, same bytes every time)."""
    import matplotlib.pyplot as plt

    out = io.StringIO()
    with plt.rc_context({"svg.hashsalt": salt}):
        figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    svg = out.getvalue()
    return svg[svg.index("<svg") :]


def _time_chart(totals: _Totals, categories: Sequence[str]) -> str:
    import matplotlib.pyplot as plt

    months = sorted({month for month, _ in totals.by_month if month != UNDATED})
    by_period = totals.by_month
    if len(months) > MAX_MONTHS:  # group by year
        by_period = Counter()
        for (month, category), count in totals.by_month.items():
            by_period[(month[:4] if month != UNDATED else month, category)] += count
    periods = sorted({period for period, _ in by_period if period != UNDATED})
    if any(period == UNDATED for period, _ in by_period):
        periods.append(UNDATED)
    shown = [c for c in categories if any(by_period[(p, c)] for p in periods)]
    figure, axes = plt.subplots(figsize=CHART_SIZE)
    bottom = [0] * len(periods)
    colors = plt.get_cmap("tab10")
    for index, category in enumerate(shown):
        counts = [by_period[(period, category)] for period in periods]
        axes.bar(range(len(periods)), counts, bottom=bottom, label=category, color=colors(index % 10))
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    step = max(1, len(periods) // 24)
    axes.set_xticks(range(0, len(periods), step), periods[::step], rotation=45, ha="right", fontsize=8)
    axes.set_ylabel("findings")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(figure, "postguard-time")


def _rules_chart(totals: _Totals) -> str:
    import matplotlib.pyplot as plt

    top = totals.rules.most_common(TOP_RULES)[::-1]
    figure, axes = plt.subplots(figsize=(CHART_SIZE[0], 0.3 * len(top) + 0.8))
    axes.barh([rule for rule, _ in top], [count for _, count in top], color="#4c72b0")
    axes.set_xlabel("findings")
    axes.tick_params(axis="y", labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure, "postguard-rules")


def _worst_posts(totals: _Totals) -> str:
    if not totals.worst:
        return "<p>No post has a finding.</p>"
    rows = []
    for _, _, post in sorted(totals.worst, reverse=True):
        source, position = post["key"]
        items = "".join(
            f"<li><span class='sev {escape(f['severity'])}'>{escape(f['severity'])}</span> "
            f"<code>{escape(f['rule'])}</code> {escape(f['message'])} "
            f"<q>{escape(f['excerpt'])}</q></li>"
            for f in post["findings"]
        )
        rows.append(
            [
                f"{escape(post['post_id'])}<br><span class=muted>{escape(source)}: {escape(position)}</span>",
                escape(post["date"][:10]),
                f"<ul>{items}</ul>",
            ]
        )
    return _table(["post", "date", "most serious findings (masked)"], rows)


def _rule_meanings(totals: _Totals, rules: dict[str, Any]) -> str:
    if not totals.rules:
        return "<p>No rule found anything.</p>"
    rows = []
    for rule_id, count in totals.rules.most_common():
        rule = rules.get(rule_id)
        meaning = (rule.description or rule.guidance) if rule else ""
        rows.append(
            [
                f"<code>{escape(rule_id)}</code>",
                escape(rule.category if rule else ""),
                escape(rule.severity.label if rule else ""),
                f"{count:,}",
                escape(meaning),
            ]
        )
    return _table(["rule", "category", "severity", "findings", "what it means"], rows, numeric=[3])


_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>postguard audit</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }}
h1 {{ margin-bottom: 0.2em; }}
h2 {{ margin-top: 1.8em; border-bottom: 1px solid #ddd; }}
table {{ border-collapse: collapse; margin: 0.8em 1.5em 0.8em 0; display: inline-table; vertical-align: top; }}
th, td {{ text-align: left; padding: 0.3em 0.7em; border-bottom: 1px solid #eee; vertical-align: top; }}
td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
ul {{ margin: 0; padding-left: 1.1em; }}
q {{ font-family: ui-monospace, monospace; background: #f4f4f4; }}
.muted {{ color: #666; font-size: 0.9em; }}
.sev {{ font-weight: 600; font-size: 0.85em; }}
.sev.error {{ color: #b00020; }} .sev.warning {{ color: #8a5a00; }} .sev.info {{ color: #1f5fa0; }}
svg {{ max-width: 100%; height: auto; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""
