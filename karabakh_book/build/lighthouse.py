"""Lighthouse (npm, pinned in package.json) on every page, as a phone on slow 4G sees it.

Runs Lighthouse's mobile preset against the site served compressed (``serve``), driving
Debian's chromium through ``CHROME_PATH``. Lighthouse simulates the phone and the network from
a trace; its timings still move with the load on this 2-core machine, so each page's figures
are the median of several runs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from .tree import BOOK_ROOT

LIGHTHOUSE = BOOK_ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {  # audit -> the name the table gives it
    "first-contentful-paint": "fcp_ms", "largest-contentful-paint": "lcp_ms", "total-blocking-time": "tbt_ms",
    "cumulative-layout-shift": "cls", "total-byte-weight": "bytes",
}
# The page every chart page is compared with: text only, no chart.
TEXT_PAGE = "chapters/methods.html"


def audit(url: str) -> dict:
    """One Lighthouse run: the four category scores (0-100) and the metrics above."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        result = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(CATEGORIES)}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run"],
            env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(100 * data["categories"][name]["score"]) for name in CATEGORIES}
    # Lighthouse's own measure of this machine's speed (a mid-range phone's desktop host scores about 1,000+).
    machine = {"benchmark_index": data["environment"]["benchmarkIndex"]}
    return {**scores, **{key: data["audits"][name]["numericValue"] for name, key in METRICS.items()}, **machine}


def audit_pages(base: str, pages: list[str], runs: int) -> dict[str, dict]:
    """Per page, the median of ``runs`` Lighthouse runs of every score and metric."""
    results = {}
    audit(f"{base}/{pages[0]}")  # the first Chrome start of a series runs slow: not counted
    for page in pages:
        measured = [audit(f"{base}/{page}") for _ in range(runs)]
        results[page] = {key: statistics.median(run[key] for run in measured) for key in measured[0]}
    text = results.get(TEXT_PAGE)
    for page, figures in results.items():
        figures["fcp_over_text_page"] = figures["fcp_ms"] / text["fcp_ms"] if text else None
    return results


def table(results: dict[str, dict], chart_pages: set[str]) -> str:
    index = statistics.median(f["benchmark_index"] for f in results.values())
    head = f"{'page':<34} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'FCP':>7} {'LCP':>7} {'TBT':>6} {'CLS':>5} {'KB':>6}  FCP/text"
    lines = [f"(Lighthouse's benchmark index of this machine: {index:.0f})", head, "-" * len(head)]
    for page, f in sorted(results.items()):
        ratio = f"{f['fcp_over_text_page']:.2f}x" if f["fcp_over_text_page"] and page in chart_pages else ""
        lines.append(
            f"{page:<34} {f['performance']:>4.0f} {f['accessibility']:>4.0f} {f['best-practices']:>4.0f} {f['seo']:>4.0f} "
            f"{f['fcp_ms'] / 1000:>6.2f}s {f['lcp_ms'] / 1000:>6.2f}s {f['tbt_ms']:>4.0f}ms {f['cls']:>5.3f} {f['bytes'] / 1000:>6.0f}  {ratio}"
        )
    return "\n".join(lines)
