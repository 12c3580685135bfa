"""Make docs/web.png, the README's picture of ``postguard serve``: start the real command on a free
port of 127.0.0.1 with the example policy, open the page in Debian's chromium, paste a sample
draft, select the first finding, and save a screenshot. Offline: the browser may load nothing but
the local server (any other request is aborted).

    python docs/make_screenshot.py            # writes docs/web.png
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from local_web import CHROMIUM, CHROMIUM_ARGS, start_server  # noqa: E402

POLICY = ROOT / "examples" / "acme" / "postguard.yml"
OUTPUT = ROOT / "docs" / "web.png"
SAMPLE_DRAFT = """\
Big news from the storage team!

Sneak peek: Project Kestrel goes to beta in March, and early testers love it.
Questions? Call me on +47 912 34 567 any time, or ask in the comments.

Honestly, the people at Nordic Cloud Co. are idiots if they think they can keep up, damn.
Our platform is 100% safe, so go ahead and move everything over.
"""


def screenshot(address: str, output: Path, width: int, height: int) -> None:
    from playwright.sync_api import Route, sync_playwright

    def local_only(route: Route) -> None:
        if route.request.url.startswith(address):
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height}, locale="en-GB")
        page.route("**/*", local_only)
        page.goto(address)
        page.fill("#draft", SAMPLE_DRAFT)
        page.wait_for_selector("body[data-state=done]")
        page.click("#findings button >> nth=0")
        page.screenshot(path=str(output), full_page=True)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    server, address = start_server(POLICY)
    try:
        screenshot(address, args.output, args.width, args.height)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
