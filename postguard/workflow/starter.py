"""``postguard init``: a commented starter policy built from a few answers.

Every rule it writes has examples made from the answers, so ``postguard test-policy`` passes
on a fresh file. Unanswered sections stay in the file as commented-out templates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

DOMAIN_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
QUESTIONS = (
    ("codenames", "Internal codenames (project names not yet public), comma-separated"),
    ("customers", "Customers that must not be named without approval, comma-separated"),
    ("competitors", "Competitors (to catch disparaging remarks), comma-separated"),
    ("domains", "Internal domains (e.g. corp.example.com), comma-separated"),
    (
        "public_contacts",
        "The organisation's public contact details posts may give (switchboard number, press e-mail), "
        "comma-separated",
    ),
)


@dataclass(slots=True)
class Answers:
    codenames: list[str] = field(default_factory=list)
    customers: list[str] = field(default_factory=list)
    competitors: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    public_contacts: list[str] = field(default_factory=list)


def split_answer(text: str) -> list[str]:
    """``"Kestrel, Silver Tide,,"`` -> ``["Kestrel", "Silver Tide"]`` (duplicates dropped)."""
    seen: dict[str, None] = {}
    for part in text.split(","):
        value = " ".join(part.split())
        if value and value.casefold() not in {s.casefold() for s in seen}:
            seen[value] = None
    return list(seen)


def clean_domains(values: Iterable[str]) -> tuple[list[str], list[str]]:
    """Domains as bare host names (scheme, ``*.`` and paths removed); returns (good, rejected)."""
    good, rejected = [], []
    for value in values:
        host = re.sub(r"^[a-z]+://", "", value.strip().lower()).split("/")[0].removeprefix("*.").strip(".")
        if DOMAIN_RE.match(host):
            good.append(host)
        else:
            rejected.append(value)
    return good, rejected


def _q(text: str) -> str:
    """A YAML scalar that is exactly ``text`` (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _block(lines: list[str], active: bool) -> list[str]:
    return lines if active else [f"# {line}" if line else "#" for line in lines]


def starter_policy(answers: Answers) -> str:
    """The text of a starter ``postguard.yml``."""
    codenames = answers.codenames or ["Project Example"]
    customers = answers.customers or ["Example Shipping AS"]
    competitors = answers.competitors or ["Example Cloud Inc."]
    domains = answers.domains or ["corp.example.com"]
    lists = ["lists:"]
    rules = ["rules:"]
    parts: tuple[tuple[list[str], list[str], list[str]], ...] = (
        (answers.codenames, _codename_list(codenames), _codename_rule(codenames[0])),
        (answers.customers, _customer_list(customers), _customer_rule(customers[0])),
        (answers.competitors, _competitor_list(competitors), []),
        (answers.domains, [], _domain_rule(domains)),
    )
    for given, list_lines, rule_lines in parts:
        lists += _block(list_lines, bool(given))
        rules += _block(rule_lines, bool(given))
    if not any(given for given, _, _ in parts):
        lists = ["# lists:", *lists[1:]]
        rules = ["# rules:", *rules[1:]]
    elif not any(given for given, list_lines, _ in parts if list_lines):
        lists = ["# lists:", *lists[1:]]
    return "\n".join([*HEADER, *_allow(answers.public_contacts), "", *lists, "", *rules, *FOOTER]) + "\n"


def _allow(contacts: list[str]) -> list[str]:
    """The organisation's public contact details, which the PII rules must not report: the
    guidance tells writers to give the switchboard instead of a person's number."""
    lines = [
        "# Public addresses and numbers of the organisation, and phrases that may appear in any post.",
        "# A number matches however it is written (+47 22 00 00 00, 22000000).",
    ]
    if not contacts:
        return [*lines, "# allow:", '#   - "press@example.com"', '#   - "+47 22 00 00 00"']
    return [*lines, "allow:", *(f"  - {_q(contact)}" for contact in contacts)]


HEADER = [
    "# postguard policy: what our public posts must not say.",
    "#",
    "# postguard checks each draft against the built-in rules (extends: default) and the",
    "# lists and rules below. After editing, run:",
    "#   postguard test-policy        every rule's examples must behave as written",
    "#   postguard rules              the active rules",
    "#   postguard explain RULE       what one rule looks for and what to do about it",
    "# Commented-out blocks are templates: remove the '# ' and fill in your own words.",
    "",
    "name: Our social-media policy",
    "languages: [en, nb]          # English and Norwegian Bokmål drafts",
    "extends: [default]           # the built-in packs",
    "fail-on: warning             # findings at this severity or above fail the check",
    "",
]
FOOTER = [
    "# Turn off a built-in rule, or change its severity:",
    "# disable: [some.rule-id]",
    "# severity:",
    "#   some.rule-id: info",
]


def _codename_list(names: list[str]) -> list[str]:
    return [
        "  # Internal project names that stay inside until launch. Any case matches; add",
        "  # 'case: exact' to a term that is also an ordinary word (Kestrel, the bird).",
        "  codenames:",
        *(f"    - {_q(name)}" for name in names),
    ]


def _customer_list(names: list[str]) -> list[str]:
    return ["  # Customers we may not name without their written approval.", "  customers:"] + [
        f"    - {_q(name)}" for name in names
    ]


def _competitor_list(names: list[str]) -> list[str]:
    return [
        "  # Competitors: fine to mention, never to run down. The built-in rule",
        "  # disparaging.competitor reads this list.",
        "  competitors:",
    ] + [f"    - {_q(name)}" for name in names]


def _rule(rule_id: str, body: list[str], flag: list[str], passing: list[str]) -> list[str]:
    return [
        f"  - id: {rule_id}",
        *(f"    {line}" for line in body),
        "    examples:",
        "      flag:",
        *(f"        - {_q(text)}" for text in flag),
        "      pass:",
        *(f"        - {_q(text)}" for text in passing),
        "",
    ]


def _codename_rule(name: str) -> list[str]:
    return _rule(
        "org.codename",
        [
            "kind: terms",
            "lists: [codenames]",
            "category: confidential",
            "severity: error",
            "message: '\"{match}\" is an internal project codename.'",
            "guidance: >-",
            "  Codenames stay inside the company until the product is announced under its public",
            '  name. Describe the work instead ("a new storage feature"), or wait for the launch.',
        ],
        [f"Sneak peek: {name} ships next month."],
        ["We shipped a new storage feature today."],
    )


def _customer_rule(name: str) -> list[str]:
    return _rule(
        "org.customer",
        [
            "kind: terms",
            "lists: [customers]",
            "category: customer",
            "severity: error",
            "message: '\"{match}\" is a customer.'",
            "guidance: >-",
            "  Name a customer only with their written approval (ask the communications team);",
            '  otherwise describe them ("a shipping company") or leave them out.',
        ],
        [f"Just signed a five-year deal with {name}!"],
        ["Customer feedback shaped this release."],
    )


def _domain_rule(domains: list[str]) -> list[str]:
    hosts = "|".join(re.escape(d) for d in domains)
    pattern = rf"\b(?:[a-z0-9-]+\.)*(?:{hosts})\b"
    return _rule(
        "org.internal-host",
        [
            "kind: pattern",
            f"pattern: {_q(pattern)}",
            "ignore-case: true",
            "category: confidential",
            "severity: error",
            "message: '\"{match}\" is an internal address.'",
            "guidance: >-",
            "  Internal hosts reveal how our systems are built and lead nowhere for readers.",
            "  Remove the link, or point to public documentation instead.",
        ],
        [f"The plan is on https://wiki.{domains[0]}/plan if you are curious."],
        ["Read more on our public website."],
    )
