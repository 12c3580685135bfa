"""A Linter shared by threads: cold (checks take turns while spaCy and Presidio load) and warm."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from postguard.engine import WARM_UP_DRAFTS
from postguard.model import LANGUAGES

SHARED_COLD_LINTER = textwrap.dedent(
    """
    import sys, threading
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: races show up
    from postguard import Linter

    linter = Linter.default()
    if sys.argv[1] == "warm":
        linter.warm()
    drafts = [
        ("Ola Nordmann er sykmeldt, ring 412 34 567 eller skriv til ola@firma.no.", "nb"),
        ("Mail kari@example.com or use card 4111 1111 1111 1111, you idiot.", "en"),
    ]
    expected = [sorted(f.rule for f in Linter.default().check(t, lang=l).findings) for t, l in drafts]
    errors, wrong = [], []

    def work(i):
        text, lang = drafts[i % 2]
        try:
            got = sorted(f.rule for f in linter.check(text, lang=lang).findings)
        except Exception as exc:  # the failure this test is about: report it, don't hide it
            errors.append(repr(exc))
            return
        if got != expected[i % 2]:
            wrong.append(got)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(len(errors), len(wrong), errors[:1], wrong[:1])
    """
)


def _run(mode: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", SHARED_COLD_LINTER, mode], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_threads_sharing_a_cold_linter_all_get_the_sequential_findings():
    assert _run("cold") == "0 0 [] []"


def test_threads_sharing_a_warm_linter_all_get_the_sequential_findings():
    assert _run("warm") == "0 0 [] []"


def test_warm_loads_what_a_check_would_and_changes_no_result(default_linter):
    text = "Kari Nordmann is on sick leave, call her at +47 412 34 567."
    before = default_linter.check(text, lang="en").findings
    assert default_linter.warm() is default_linter
    assert default_linter.check(text, lang="en").findings == before


def test_there_is_a_warm_up_draft_for_every_language_and_it_runs_presidio_and_names(default_linter):
    assert set(WARM_UP_DRAFTS) == set(LANGUAGES)
    for language, draft in WARM_UP_DRAFTS.items():
        rules = {f.rule for f in default_linter.check(draft, lang=language).findings}
        assert {"pii.email", "pii.phone", "pii.person-private"} <= rules, language
