"""``make bench``: build speed, page weight, and Lighthouse on every page, measured on this machine.

Each timing is the median of several runs (``BENCH_RUNS``, default 3) in a scratch copy of the
book, so the working tree and its build are never touched. Prints one table and writes it as
JSON to ``_build/bench/bench.json``. Measures, never asserts: targets are judged by people.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import lighthouse, serve
from .editions import EDITIONS, config_for
from .tree import BOOK_ROOT as ROOT
from .tree import copy_book_tree
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
TOUCHED_CHAPTER = "chapters/exodus.md"



def run(book: Path, *command: str) -> tuple[float, str]:
    env = dict(os.environ, PYTHONPATH=str(book))
    start = time.perf_counter()
    result = subprocess.run(command, cwd=book, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed, result.stdout + result.stderr


def build(book: Path) -> tuple[float, str]:
    return run(book, sys.executable, "-m", "karabakh_book.build.publish", "build", str(book))


def executed_count(log: str) -> int:
    """Notebooks executed in a build, from myst-nb's log."""
    return log.count("Executing notebook using")


def floor_build(book: Path) -> float:
    """Both editions with execution switched off: what Sphinx itself costs (warnings allowed,
    since unexecuted glue references warn)."""
    elapsed = 0.0
    for edition in EDITIONS:
        output = book / "_build" / f"floor-{edition.language}"
        shutil.rmtree(output, ignore_errors=True)
        config = config_for(edition, book, output)
        config.write_text(config.read_text(encoding="utf-8").replace("execute_notebooks: cache", "execute_notebooks: 'off'"), encoding="utf-8")
        seconds, _ = run(
            book, str(Path(sys.executable).parent / "jupyter-book"), "build", str(edition.root(book)), "--config", str(config),
            "--toc", str(edition.toc(book)), "--path-output", str(output),
        )
        elapsed += seconds
    return elapsed


def build_timings(runs: int) -> dict:
    cold, no_change, one_chapter, floor, executed = [], [], [], [], []
    for number in range(runs):
        with tempfile.TemporaryDirectory() as scratch:
            book = copy_book_tree(Path(scratch) / "book")
            elapsed, log = build(book)
            cold.append(elapsed)
            no_change.append(build(book)[0])
            chapter = book / TOUCHED_CHAPTER
            chapter.write_text(chapter.read_text(encoding="utf-8").replace("setup()\n", f"setup()  # bench edit {number}\n", 1), encoding="utf-8")
            elapsed, log = build(book)
            one_chapter.append(elapsed)
            executed.append(executed_count(log))
            floor.append(floor_build(book))
    median = statistics.median
    return {
        "cold_build_s": median(cold), "no_change_rebuild_s": median(no_change), "one_chapter_rebuild_s": median(one_chapter),
        "one_chapter_rebuild_executed_chapters": max(executed), "execution_free_build_s": median(floor),
        "cold_over_floor": median(cold) / median(floor), "no_change_over_floor": median(no_change) / median(floor),
        "one_chapter_over_floor": median(one_chapter) / median(floor), "runs": runs,
    }


def kind_of(url: str) -> str:
    if "/_static/plotly" in url:
        return "plotly_js"
    if ("/_static/" in url and "/_static/karabakh" not in url) or url.endswith("/searchindex.js"):
        return "theme"
    return "content"


def measured_pages(site: Path) -> list[str]:
    """Every page a reader can open; the root redirect is measured as its target."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if "_static" not in p.parts and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8"))


def page_weights(site: Path, base: str, runs: int) -> dict:
    """Bytes transferred (compressed) on first load and once every chart has been scrolled to,
    and how long the charts take to draw as the reader reaches them, at a phone's width."""
    from playwright.sync_api import sync_playwright

    weights, drawing = {}, {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def visit(name: str) -> tuple[dict, dict, float | None]:
            page = browser.new_page(viewport={"width": 375, "height": 800})
            finished = []
            page.on("requestfinished", lambda request: finished.append(request))
            page.goto(f"{base}/{name}", wait_until="load")
            page.wait_for_timeout(300)

            def split() -> dict:
                parts = {"plotly_js": 0, "theme": 0, "content": 0}
                for request in {r.url: r for r in finished if not r.url.startswith("data:")}.values():
                    parts[kind_of(request.url)] += request.sizes()["responseBodySize"]
                return {"total": sum(parts.values()), **parts}

            first = split()
            figures = page.locator("figure.kb-chart")
            elapsed = None
            if figures.count():
                started = page.evaluate("() => performance.now()")
                for index in range(figures.count()):
                    figures.nth(index).scroll_into_view_if_needed()
                    figures.nth(index).locator(".kb-chart-plot .main-svg").first.wait_for(timeout=30000)
                elapsed = page.evaluate("() => performance.now()") - started
                page.wait_for_timeout(300)
            scrolled = split()
            page.close()
            return first, scrolled, elapsed

        for name in measured_pages(site):
            first, scrolled, _ = visit(name)
            weights[name] = {"first_load": first, "all_charts": scrolled}
            if scrolled["plotly_js"]:
                drawing[name] = statistics.median(visit(name)[2] for _ in range(runs))
        browser.close()
    largest = max(weights, key=lambda n: weights[n]["all_charts"]["total"])
    heaviest_first = max(weights, key=lambda n: weights[n]["first_load"]["total"])
    return {
        "pages": weights,
        "largest_page": largest, "largest_page_bytes": weights[largest]["all_charts"]["total"],
        "largest_page_split": weights[largest]["all_charts"],
        "heaviest_first_load": heaviest_first, "heaviest_first_load_bytes": weights[heaviest_first]["first_load"]["total"],
        "median_page_bytes": statistics.median(w["all_charts"]["total"] for w in weights.values()),
        "charts_drawn_ms": drawing,
    }


SCALED = "displacement_arrivals_2023"
SCALED_PAGE = "chapters/exodus.html"


def scale_test(real_page_bytes: int, factor: int = 100) -> dict:
    """How the exodus page's weight follows the size of its raw data.

    The hour-by-hour chart is rebuilt from a synthetic arrivals table ``factor`` times larger
    (every real row repeated, noted as synthetic, held in memory only: never validated into the
    data, never published) and its HTML compared, compressed, with the real chart's; the page's
    growth is that difference over the page's first-load weight.
    """
    import pandas as pd

    from .. import load, with_sources
    from ..stories.exodus import exodus_curve
    from .chart_html import figure_html
    from .compress import compressed

    arrivals, events = with_sources(load(SCALED)), with_sources(load("timeline_events"))
    synthetic = pd.concat([arrivals] * factor, ignore_index=True).assign(note="SYNTHETIC scale-test row: not a real figure")
    # Compared as a reader receives them: compressed, like the page weight they are set against.
    real_chart = len(compressed(figure_html(exodus_curve(arrivals, events)).encode(), "br"))
    scaled_chart = len(compressed(figure_html(exodus_curve(synthetic, events)).encode(), "br"))
    scaled_page = real_page_bytes - real_chart + scaled_chart
    return {
        "dataset": SCALED, "factor": factor, "page": SCALED_PAGE, "real_bytes": real_page_bytes,
        "scaled_bytes": scaled_page, "growth": scaled_page / real_page_bytes - 1,
    }


def table(result: dict) -> str:
    b, w = result["build"], result["pages"]
    kb = lambda n: f"{n / 1e3:.0f} KB"  # noqa: E731
    rows = [
        ("cold build", f"{b['cold_build_s']:.1f} s", f"{b['cold_over_floor']:.2f}x floor (target <= 3x)"),
        ("no-change rebuild", f"{b['no_change_rebuild_s']:.1f} s", f"{b['no_change_over_floor']:.2f}x floor"),
        ("one-chapter rebuild", f"{b['one_chapter_rebuild_s']:.1f} s",
         f"{b['one_chapter_over_floor']:.2f}x floor (target <= 2x); {b['one_chapter_rebuild_executed_chapters']} chapter(s) re-executed (target 1)"),
        ("execution-free build (floor)", f"{b['execution_free_build_s']:.1f} s", ""),
        ("heaviest first load", kb(w["heaviest_first_load_bytes"]),
         f"{w['heaviest_first_load']}, compressed, before any chart is near (target <= 250 KB)"),
        ("largest page, all charts drawn", kb(w["largest_page_bytes"]),
         f"{w['largest_page']}: plotly.js {kb(w['largest_page_split']['plotly_js'])}, theme {kb(w['largest_page_split']['theme'])}, "
         f"content {kb(w['largest_page_split']['content'])}"),
        ("median page, all charts drawn", kb(w["median_page_bytes"]), ""),
        ("charts drawn as scrolled to, worst page", f"{max(w['charts_drawn_ms'].values()):.0f} ms",
         f"{max(w['charts_drawn_ms'], key=w['charts_drawn_ms'].get)}: library fetched and every chart drawn, at 375 px"),
        (f"page with {result['scale']['factor']}x data", kb(result["scale"]["scaled_bytes"]),
         f"{result['scale']['page']} from a synthetic {result['scale']['dataset']}: {result['scale']['growth']:+.1%} "
         f"against {kb(result['scale']['real_bytes'])} (target within 10%)"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'measure'.ljust(width)}  {'median':>9}  compared", "-" * (width + 60)]
    lines += [f"{name.ljust(width)}  {value:>9}  {note}" for name, value, note in rows]
    lines += ["", "Lighthouse, mobile preset, served compressed (median of each page's runs):",
              lighthouse.table(result["lighthouse"], set(w["charts_drawn_ms"]))]
    return "\n".join(lines)


def main() -> int:
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    site = (ROOT / "_build" / "html").resolve()
    if not (site / "index.html").is_file():
        print("no built site: run 'make book' first", file=sys.stderr)
        return 1
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "build": build_timings(runs),
    }
    server, base = serve.start(site)
    try:
        result["pages"] = page_weights(site, base, runs)
        result["lighthouse"] = lighthouse.audit_pages(base, measured_pages(site), runs)
    finally:
        server.shutdown()
    result["scale"] = scale_test(result["pages"]["pages"][SCALED_PAGE]["first_load"]["total"])
    out = ROOT / "_build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(table(result))
    print(f"\nwritten to {out / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
