"""``make bench``: build speed, page weight and chart render time, measured on this machine.

Each timing is the median of several runs (``BENCH_RUNS``, default 3) in a scratch copy of the
book, so the working tree and its build are never touched. Prints one table and writes it as
JSON to ``_build/bench/bench.json``. Measures, never asserts: targets are judged by people.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .tree import BOOK_ROOT as ROOT
from .tree import copy_book_tree
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
TOUCHED_CHAPTER = "chapters/exodus.md"
FLOOR_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><script src="_static/{js}"></script></head>
<body><div id="c" style="width:600px;height:400px"></div>
<script>Plotly.newPlot("c", [{{type: "scatter", x: [1, 2, 3], y: [2, 1, 3]}}]);</script></body></html>"""



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
    """The same book with execution switched off: what Sphinx itself costs (warnings allowed,
    since unexecuted glue references warn)."""
    config = book / "_config.floor.yml"
    config.write_text((book / "_config.yml").read_text(encoding="utf-8").replace("execute_notebooks: cache", "execute_notebooks: \"off\""), encoding="utf-8")
    shutil.rmtree(book / "_build" / "floor", ignore_errors=True)
    elapsed, _ = run(
        book, str(Path(sys.executable).parent / "jupyter-book"), "build", str(book), "--config", str(config),
        "--path-output", str(book / "_build" / "floor"),
    )
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


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a page closed mid-transfer is not the benchmark's business


def serve(directory: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = QuietServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def kind_of(url: str) -> str:
    if "/_static/plotly" in url:
        return "plotly_js"
    if ("/_static/" in url and "/_static/karabakh" not in url) or url.endswith("/searchindex.js"):
        return "theme"
    return "content"


def page_weights_and_render_times(site: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    (site / "_bench_floor.html").write_text(FLOOR_PAGE.format(js="plotly-basic.min.js"), encoding="utf-8")
    httpd, base = serve(site)
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "_static" not in p.parts and p.name != "_bench_floor.html")
    weights, renders = {}, {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

            def drawn_after(url: str) -> float:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url, wait_until="commit")
                page.wait_for_function(
                    # every chart div has been drawn by plotly (it adds the class and the SVG when done)
                    "() => { const c = document.querySelectorAll('.plotly-graph-div, #c');"
                    " return c.length > 0 && [...c].every(d => d.classList.contains('js-plotly-plot') && d.querySelector('.main-svg'));}",
                    timeout=30000, polling="raf",
                )
                elapsed = page.evaluate("() => performance.now()")
                page.close()
                return elapsed

            for name in pages:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                finished = []
                page.on("requestfinished", lambda request: finished.append(request))
                page.goto(f"{base}/{name}", wait_until="load")
                page.wait_for_timeout(300)
                split = {"plotly_js": 0, "theme": 0, "content": 0}
                for request in {r.url: r for r in finished if not r.url.startswith("data:")}.values():
                    split[kind_of(request.url)] += request.sizes()["responseBodySize"]
                weights[name] = {"total": sum(split.values()), **split}
                has_chart = page.locator(".plotly-graph-div").count() > 0
                page.close()
                if has_chart:
                    renders[name] = statistics.median(drawn_after(f"{base}/{name}") for _ in range(runs))
            floor = statistics.median(drawn_after(f"{base}/_bench_floor.html") for _ in range(runs))
            browser.close()
    finally:
        httpd.shutdown()
        (site / "_bench_floor.html").unlink()
    totals = sorted(w["total"] for w in weights.values())
    largest = max(weights, key=lambda n: weights[n]["total"])
    return {
        "pages": weights,
        "largest_page": largest, "largest_page_bytes": weights[largest]["total"], "largest_page_split": weights[largest],
        "median_page_bytes": statistics.median(totals),
        "render_ms": renders, "render_floor_ms": floor,
        "render_worst_over_floor": max(renders.values()) / floor if renders else None,
    }


SCALED = "displacement_arrivals_2023"
SCALED_PAGE = "chapters/exodus.html"


def scale_test(real_page_bytes: int, factor: int = 100) -> dict:
    """How the exodus page's weight follows the size of its raw data.

    The hour-by-hour chart is rebuilt from a synthetic arrivals table ``factor`` times larger
    (every real row repeated, noted as synthetic, held in memory only: never validated into the
    data, never published) and its HTML compared with the real chart's; the page's growth is
    that difference over the real page's total weight.
    """
    import pandas as pd

    from .. import load, with_sources
    from ..stories.exodus import exodus_curve
    from .chart_html import figure_html

    arrivals, events = with_sources(load(SCALED)), with_sources(load("timeline_events"))
    synthetic = pd.concat([arrivals] * factor, ignore_index=True).assign(note="SYNTHETIC scale-test row: not a real figure")
    real_chart = len(figure_html(exodus_curve(arrivals, events)).encode())
    scaled_chart = len(figure_html(exodus_curve(synthetic, events)).encode())
    scaled_page = real_page_bytes - real_chart + scaled_chart
    return {
        "dataset": SCALED, "factor": factor, "page": SCALED_PAGE, "real_bytes": real_page_bytes,
        "scaled_bytes": scaled_page, "growth": scaled_page / real_page_bytes - 1,
    }


def table(result: dict) -> str:
    b, w = result["build"], result["pages"]
    mb = lambda n: f"{n / 1e6:.2f} MB"  # noqa: E731
    rows = [
        ("cold build", f"{b['cold_build_s']:.1f} s", f"{b['cold_over_floor']:.1f}x floor (target <= 3x)"),
        ("no-change rebuild", f"{b['no_change_rebuild_s']:.1f} s", f"{b['no_change_over_floor']:.1f}x floor"),
        ("one-chapter rebuild", f"{b['one_chapter_rebuild_s']:.1f} s",
         f"{b['one_chapter_over_floor']:.1f}x floor (target <= 2x); {b['one_chapter_rebuild_executed_chapters']} chapter(s) re-executed (target 1)"),
        ("execution-free build (floor)", f"{b['execution_free_build_s']:.1f} s", ""),
        ("largest page", mb(w["largest_page_bytes"]),
         f"{w['largest_page']}: plotly.js {mb(w['largest_page_split']['plotly_js'])}, theme {mb(w['largest_page_split']['theme'])}, "
         f"content {mb(w['largest_page_split']['content'])} (target <= 2.00 MB)"),
        ("median page", mb(w["median_page_bytes"]), ""),
        ("chart render, worst page", f"{max(w['render_ms'].values()):.0f} ms",
         f"{w['render_worst_over_floor']:.2f}x the bare one-chart page ({w['render_floor_ms']:.0f} ms; target <= 1.5x)"),
        (f"page with {result['scale']['factor']}x data", mb(result["scale"]["scaled_bytes"]),
         f"{result['scale']['page']} from a synthetic {result['scale']['dataset']}: {result['scale']['growth']:+.0%} "
         f"against {mb(result['scale']['real_bytes'])} (target within 10%)"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'measure'.ljust(width)}  {'median':>9}  compared", "-" * (width + 60)]
    lines += [f"{name.ljust(width)}  {value:>9}  {note}" for name, value, note in rows]
    lines += ["", "chart render per page (ms): " + ", ".join(f"{p} {t:.0f}" for p, t in sorted(w["render_ms"].items()))]
    return "\n".join(lines)


def main() -> int:
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    site = ROOT / "_build" / "html"
    if not (site / "index.html").is_file():
        print("no built site: run 'make book' first", file=sys.stderr)
        return 1
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "build": build_timings(runs),
        "pages": page_weights_and_render_times(site.resolve(), runs),
    }
    result["scale"] = scale_test(result["pages"]["pages"][SCALED_PAGE]["total"])
    out = ROOT / "_build" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(table(result))
    print(f"\nwritten to {out / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
