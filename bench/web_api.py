"""Benchmark ``postguard serve``'s API: POST /api/check of a 600-word post, one client after
another and two at once, against the real command on a free port of 127.0.0.1 (loopback only).

    python bench/web_api.py [--requests 200] [--max-seconds 60]

Prints checks per second and latency p50/p95 for each run; the numbers in BENCHMARKS.md come
from here. Each run stops at --requests or --max-seconds, whichever comes first.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import threading
import time
from pathlib import Path

import httpx
from local_web import start_server  # bench/local_web.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
POST = ROOT.parent / "shared" / "corpora" / "blog_en" / "rust-blog" / "cve-2022-21658.md"
POLICY = ROOT / "examples" / "acme" / "postguard.yml"
WARM_UP_REQUESTS = 10


def client_run(
    address: str, body: dict[str, str], count: int, deadline: float, latencies: list[float]
) -> None:
    """One client: ``count`` checks one after another on a kept-alive connection."""
    with httpx.Client(base_url=address, timeout=30) as client:
        for _ in range(count):
            if time.perf_counter() > deadline:
                return
            start = time.perf_counter()
            response = client.post("/api/check", json=body)
            latencies.append(time.perf_counter() - start)
            response.raise_for_status()


def measure(address: str, body: dict[str, str], clients: int, requests: int, max_seconds: float) -> str:
    latencies: list[float] = []
    start = time.perf_counter()
    deadline = start + max_seconds
    threads = [
        threading.Thread(target=client_run, args=(address, body, requests // clients, deadline, latencies))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    ms = sorted(1000 * latency for latency in latencies)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"| {clients} | {len(ms)} | {len(ms) / elapsed:.1f} | {statistics.median(ms):.1f} | {p95:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="checks per run (default 200)")
    parser.add_argument("--max-seconds", type=float, default=60, help="time limit per run (default 60)")
    args = parser.parse_args()
    text = POST.read_text(encoding="utf-8")
    body = {"text": text, "format": "markdown"}
    server, address = start_server(POLICY)
    try:
        with httpx.Client(base_url=address, timeout=30) as client:
            for _ in range(WARM_UP_REQUESTS):
                findings = client.post("/api/check", json=body).json()["summary"]["findings"]
        print(
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            f"load average at start {os.getloadavg()[0]:.2f}"
        )
        print(
            f"Post: {POST.name}, {len(text.split())} words, {len(text.encode()):,} bytes, {findings} findings"
        )
        print("| clients | checks | checks/s | p50 ms | p95 ms |")
        print("|---:|---:|---:|---:|---:|")
        for clients in (1, 2):
            print(measure(address, body, clients, args.requests, args.max_seconds), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
