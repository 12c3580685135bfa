"""The page of ``postguard serve`` in a real browser: Debian's chromium driven by Playwright (no
browser is downloaded). The app runs under uvicorn on a free port of 127.0.0.1 in a thread of this
process; every request the browser makes is intercepted, and all must go to that address."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ACME_POLICY, ROOT

from postguard import Linter
from postguard.model import mask
from postguard.web import create_app
from postguard.web.serve import address_of, listen

pytestmark = pytest.mark.slow  # a real browser and a real server

sys.path.insert(0, str(ROOT / "bench"))  # bench/local_web.py: the browser as every script launches it
from local_web import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium; .ci/run does)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, Route, expect, sync_playwright  # noqa: E402

PHONE = "+47 912 34 567"
MASKED_PHONE = mask(PHONE)
DRAFT = (
    "Sneak peek: Project Kestrel goes to beta in March!\n"
    f"Questions? Call me on {PHONE} any time.\n"
    "Honestly, the people at Nordic Cloud Co. are idiots."
)
NEUTRAL = "Our team spent the week tidying the build scripts and writing down what we learned. "
#: The page should show a 5 KB draft's findings this soon after typing stops (logged, not asserted).
TARGET_MS = 300


@dataclass
class Server:
    address: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)  # a CSP violation is one

    def assert_local_and_quiet(self) -> None:
        assert self.requests and all(url.startswith(self.address) for url in self.requests), self.requests
        assert not self.console_errors, self.console_errors


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    import uvicorn

    sock = listen("127.0.0.1", 0)
    app = create_app(Linter.from_file(ACME_POLICY).warm())
    runner = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=runner.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not runner.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield Server(address_of(sock))
    runner.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open(browser: Browser, server: Server, locale: str = "en-GB") -> Page:
    context = browser.new_context(locale=locale, permissions=["clipboard-read", "clipboard-write"])

    def local_only(route: Route) -> None:
        server.requests.append(route.request.url)
        if route.request.url.startswith(server.address):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", local_only)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and server.console_errors.append(message.text))
    page.on("pageerror", lambda error: server.console_errors.append(str(error)))
    page.goto(server.address)
    return page


def _type_draft(page: Page, text: str) -> int:
    """Paste all but the last character, type that one, and wait for its findings; returns the
    milliseconds the page measured from that last keystroke to the findings shown."""
    page.fill("#draft", text[:-1])
    page.press("#draft", "End")
    page.keyboard.type(text[-1])
    page.wait_for_selector(f"body[data-state=done][data-checked-length='{len(text)}']")
    return int(page.get_attribute("body", "data-check-ms") or -1)


def test_a_draft_is_marked_explained_masked_and_redacted(browser: Browser, server: Server) -> None:
    page = _open(browser, server)
    _type_draft(page, DRAFT)

    marked = page.locator("#highlighted")
    expect(marked.locator("mark.sev-error", has_text="Project Kestrel")).to_have_count(1)
    expect(marked.locator("mark.sev-warning", has_text="idiots")).to_have_count(1)
    expect(marked.locator("mark.sev-error.masked", has_text=MASKED_PHONE)).to_have_count(1)
    expect(page.locator("#summary")).to_contain_text("4 must be fixed")
    expect(page.locator("#findings li")).to_have_count(4)

    # a mark selects its finding in the list and shows its guidance
    marked.locator("mark", has_text="Project Kestrel").click()
    expect(page.locator("#findings button.selected")).to_contain_text("internal project codename")
    expect(page.locator("#detail-guidance")).to_contain_text("Codenames stay inside Acme Aurora")
    # the list selects the mark, and works from the keyboard
    page.locator("#findings button", has_text="phone number").focus()
    page.keyboard.press("Enter")
    expect(marked.locator("mark.selected")).to_have_class("sev-error masked selected")
    expect(page.locator("#detail-title")).to_contain_text(MASKED_PHONE)

    # private data is masked everywhere but in the user's own text area...
    for region in ("#highlighted", "#findings", "#detail"):
        assert PHONE not in page.inner_text(region)
    # ...unless they ask to see it
    page.check("#reveal")
    expect(page.locator("#detail-title")).to_contain_text(PHONE)
    expect(marked).to_contain_text(PHONE)
    page.uncheck("#reveal")
    expect(marked).not_to_contain_text(PHONE)
    expect(page.locator("#detail-title")).not_to_contain_text(PHONE)

    page.click("#copy-redacted")
    expect(page.locator("#redacted-status")).to_contain_text("Copied")
    redacted = page.input_value("#redacted")
    assert "<PHONE>" in redacted and PHONE not in redacted and "Project Kestrel" in redacted
    assert page.evaluate("navigator.clipboard.readText()") == redacted
    server.assert_local_and_quiet()


def test_the_words_a_model_weighed_most_stand_out_in_its_mark(browser: Browser, server: Server) -> None:
    page = _open(browser, server)
    _type_draft(page, "Great launch today. I will find you and hurt you.")
    marked = page.locator("#highlighted")
    expect(marked.locator("mark.sev-warning .cue", has_text="hurt")).to_have_count(1)
    expect(marked.locator(".cue", has_text="launch")).to_have_count(0)
    expect(page.locator("#findings li")).to_contain_text("the words that weigh most")
    expect(page.locator("#findings li")).to_contain_text('hurt"')
    server.assert_local_and_quiet()


def test_a_5kb_draft_shows_its_findings_soon_after_typing_stops(
    browser: Browser, server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _open(browser, server)
    draft = NEUTRAL * (5000 // len(NEUTRAL)) + DRAFT
    timings = [_type_draft(page, draft + suffix) for suffix in (" ", "  ", "   ")]
    expect(page.locator("#findings li")).to_have_count(4)
    with capsys.disabled():
        print(
            f"\n[web] {len(draft.encode())} byte draft: findings shown {timings} ms after the last "
            f"keystroke (debounce included; target {TARGET_MS} ms)"
        )
    server.assert_local_and_quiet()


def test_the_interface_speaks_norwegian(browser: Browser, server: Server) -> None:
    page = _open(browser, server, locale="nb-NO")
    expect(page.locator("#draft-heading")).to_have_text("Utkastet ditt")
    _type_draft(page, DRAFT)
    expect(page.locator("#summary")).to_contain_text("4 må rettes")
    page.select_option("#ui-lang", "en")
    expect(page.locator("#draft-heading")).to_have_text("Your draft")
    expect(page.locator("#summary")).to_contain_text("4 must be fixed")
    server.assert_local_and_quiet()


def test_a_file_is_opened_with_the_format_of_its_name(
    browser: Browser, server: Server, tmp_path: Path
) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Launch\n\n`Project Kestrel` ships today.\n", encoding="utf-8")
    page = _open(browser, server)
    page.set_input_files("#file", str(post))
    page.wait_for_selector("body[data-state=done]")
    expect(page.locator("#format")).to_have_value("markdown")
    expect(page.locator("#summary")).to_contain_text("Markdown")
    expect(page.locator("#highlighted mark.sev-error")).to_have_text("Project Kestrel")
    server.assert_local_and_quiet()
