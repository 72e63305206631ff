"""Every page in a real headless Chromium: charts draw, hover answers, nothing leaks, nothing errs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from test_editions import BASE

from karabakh_book.build.serve import start

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
# As root (CI) Chromium needs --no-sandbox; the rest keeps it from phoning home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-features=MediaRouter,OptimizationHints",
]


@pytest.fixture(scope="module")
def server(site):
    """The site as make serve (and a real host) serves it: precompressed, with cache headers."""
    httpd, url = start(site.resolve())
    yield url
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's chromium is missing at {CHROMIUM}: run 'make test', which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def site_pages(site: Path) -> list[str]:
    """The book's pages (each chart's embed page is tried inside another site's frame, below)."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if not {"_static", "embed"} & set(p.parts))


def visit(browser, url: str, width: int = 1280, block_plotly: bool = False):
    page = browser.new_page(viewport={"width": width, "height": 900})
    if block_plotly:
        page.route("**/plotly-basic*.js*", lambda route: route.abort())
    seen = {"console": [], "requests": [], "failed": []}
    page.on("console", lambda m: seen["console"].append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: seen["console"].append(f"pageerror: {e}"))
    page.on("request", lambda r: seen["requests"].append(r.url))
    # A request cut short because the page navigated on (the root redirect) is not a failure.
    page.on("requestfailed", lambda r: seen["failed"].append(f"{r.failure} {r.url}") if r.failure != "net::ERR_ABORTED" else None)
    page.on("response", lambda r: seen["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    return page, seen


def chart_pages(site: Path) -> list[str]:
    return [name for name in site_pages(site) if 'class="kb-chart"' in (site / name).read_text(encoding="utf-8")]


def draw(page, figure, state: str = "drawn") -> None:
    """Bring a chart to the viewport, as a reader scrolling does, and wait for the loader."""
    figure.scroll_into_view_if_needed()
    figure.evaluate("(f, state) => new Promise((resolve, reject) => {"
                    " const t = setTimeout(() => reject(new Error('chart state ' + f.dataset.kbState)), 15000);"
                    " const check = () => f.dataset.kbState === state ? (clearTimeout(t), resolve()) : requestAnimationFrame(check);"
                    " check(); })", state)


def test_every_page_is_quiet_and_private(site, server, browser):
    host = urlparse(server).netloc
    problems = {}
    for name in site_pages(site):
        page, seen = visit(browser, f"{server}/{name}")
        foreign = [u for u in seen["requests"] if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != host]
        # The theme's icon font (1.6 MB with its script) is replaced by karabakh.css: nothing may fetch it.
        heavy = [u for u in seen["requests"] if "fontawesome" in u or "/plotly.min.js" in u]
        if seen["console"] or foreign or seen["failed"] or heavy:
            problems[name] = {"console": seen["console"], "foreign requests": foreign, "failed": seen["failed"], "heavy": heavy}
        page.close()
    assert not problems, problems


@pytest.mark.parametrize("width", [1280, 375])
def test_every_chart_draws_its_data_and_answers_hover(site, server, browser, width):
    charted = chart_pages(site)
    assert charted, "no page with a chart"
    for name in charted:
        page, seen = visit(browser, f"{server}/{name}", width)
        figures = page.locator("figure.kb-chart")
        assert figures.count() > 0
        for index in range(figures.count()):
            draw(page, figures.nth(index))
            chart = figures.nth(index).locator(".kb-chart-plot")
            chart.scroll_into_view_if_needed()  # a tall figure may have put its plot below the fold
            marks = chart.locator(".scatterlayer .trace .points path, .barlayer .trace .point path")
            assert marks.count() > 0, f"{name}: chart {index} drew no data points"
            box = next(b for b in (marks.nth(i).bounding_box() for i in range(marks.count())) if b and b["width"] > 0)
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            label = chart.locator(".hoverlayer .hovertext")
            label.first.wait_for(state="visible", timeout=3000)
            assert label.first.text_content().strip(), f"{name}: chart {index} hover label is empty"
            page.mouse.move(0, 0)
            assert chart.bounding_box()["width"] <= width, f"{name}: chart {index} overflows a {width}px screen"
        assert not seen["console"] and not seen["failed"], (name, seen)
        page.close()


def test_a_reader_who_stops_after_the_lede_downloads_no_chart_library(site, server, browser):
    for name in chart_pages(site):
        page, seen = visit(browser, f"{server}/{name}", width=375)
        first = page.locator("figure.kb-chart").first
        if first.bounding_box()["y"] < 900 + 200:
            page.close()
            continue  # the first chart is already near the reader: drawing it is right
        assert not [u for u in seen["requests"] if "plotly" in u], f"{name} fetched plotly.js before any chart was near"
        assert page.locator("main p").first.is_visible()
        page.close()


def test_a_chart_keeps_its_place_while_it_is_drawn(site, server, browser):
    page, _ = visit(browser, f"{server}/chapters/blockade.html", width=375)
    figure = page.locator("figure.kb-chart").first
    before = figure.locator(".kb-chart-plot").bounding_box()["height"]
    draw(page, figure)
    assert figure.locator(".kb-chart-plot").bounding_box()["height"] == before
    page.close()


def test_with_plotly_blocked_every_page_keeps_its_text_headlines_and_tables(site, server, browser):
    for name in chart_pages(site):
        page, seen = visit(browser, f"{server}/{name}", width=375, block_plotly=True)
        figures = page.locator("figure.kb-chart")
        for index in range(figures.count()):
            figure = figures.nth(index)
            draw(page, figure, state="unavailable")
            assert figure.locator(".kb-chart-title").is_visible() and figure.locator(".kb-chart-desc").is_visible()
            assert figure.locator(".kb-chart-unavailable").is_visible()
            assert figure.locator(".kb-chart-table table tbody tr").count() > 0
        # The one thing logged is the blocked request itself.
        others = [m for m in seen["console"] if "Failed to load resource" not in m]
        assert not others and all("plotly-basic" in f for f in seen["failed"]), (name, seen)
        page.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_page_has_a_serious_accessibility_violation(site, server, browser, mode):
    """axe-core (injected from the test package, not fetched) on every page, in both colour modes."""
    axe = Axe()
    found = {}
    for name in site_pages(site):
        if 'http-equiv="Refresh"' in (site / name).read_text(encoding="utf-8"):
            continue  # the root redirect: scanned mid-navigation it would report its target half-styled; the target is scanned itself
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=mode)
        page.goto(f"{server}/{name}", wait_until="load")
        page.wait_for_timeout(300)
        violations = axe.run(page).response["violations"]
        serious = [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in violations if v["impact"] in ("serious", "critical")]
        if serious:
            found[name] = serious
        page.close()
    assert not found, found


@pytest.mark.parametrize("edition", ["", "de/"])
def test_a_timeline_point_opens_its_chapter(site, server, browser, edition):
    page, seen = visit(browser, f"{server}/{edition}chapters/index.html")
    draw(page, page.locator("figure.kb-chart").first)
    chart = page.locator("figure.kb-chart .kb-chart-plot").first
    # The withdrawal row's points: the last trace (stages are drawn in story order).
    point = chart.locator(".scatterlayer .trace").last.locator(".points path").first
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(f"{server}/{edition}chapters/withdrawal.html", timeout=5000)
    assert not seen["console"], seen["console"]
    page.close()


@pytest.mark.parametrize("edition, word", [("", "peacekeepers"), ("de/", "Friedenstruppen")])
def test_search_finds_chapters_from_any_page(server, browser, edition, word):
    """The search index loads only on the search page; the dialog on every page must still lead there.
    Each edition's search finds its own language's words."""
    page, seen = visit(browser, f"{server}/{edition}chapters/blockade.html")
    page.keyboard.press("Control+k")
    page.keyboard.type(word)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/{edition}search.html?q={word}*")
    page.locator("#search-results li").first.wait_for(timeout=5000)
    assert page.locator("#search-results li").count() > 0
    assert not seen["console"], seen["console"]
    page.close()


@pytest.mark.parametrize("edition", ["", "de/"])
def test_a_link_to_a_chart_scrolls_to_it_and_draws_it(site, server, browser, edition):
    page, seen = visit(browser, f"{server}/{edition}chapters/blockade.html#blockade-utility-days", width=375)
    figure = page.locator("figure#blockade-utility-days")
    box = figure.bounding_box()  # where the link put it, before anything else scrolls
    draw(page, figure)
    assert 0 <= box["y"] < 900, f"the linked chart is not on screen (y={box['y']})"
    assert figure.locator(".scatterlayer .trace").count() > 0 and not seen["console"], seen
    page.close()


def test_every_chart_draws_on_another_site_inside_its_self_sizing_frame(site, server, browser):
    """Each embed page, pasted as its iframe code into a page of another origin (a second port):
    it draws, sizes its frame to its content, and nothing is fetched from a third host."""
    import html
    import re
    import tempfile

    host = urlparse(server).netloc
    embeds = sorted(site.rglob("embed/*.html"))
    assert len(embeds) >= 20
    with tempfile.TemporaryDirectory() as folder:
        codes = [html.unescape(m.group(1)) for page in site.rglob("chapters/*.html")
                 for m in re.finditer(r'<pre tabindex="0"><code>(.*?)</code></pre>', page.read_text(encoding="utf-8"), re.S)]
        for number, embed in enumerate(embeds):
            published = f"{BASE}{embed.relative_to(site)}"  # the address the code gives readers
            code = next(c for c in codes if f'src="{published}"' in c)
            local = f"{server}/{embed.relative_to(site)}"
            (Path(folder) / f"host{number}.html").write_text(
                f'<!DOCTYPE html><html lang=en><title>host</title><link rel="icon" href="data:,"><p>Another site.</p>{code.replace(published, local)}',
                encoding="utf-8")
        other, other_url = start(Path(folder))
        try:
            for number, embed in enumerate(embeds):
                page, seen = visit(browser, f"{other_url}/host{number}.html", width=375)
                frame = page.frame_locator("iframe[data-kb-embed]")
                figure = frame.locator("figure.kb-chart")
                draw(page, figure)
                assert frame.locator(".kb-chart-plot .main-svg").count() > 0, embed.name
                page.wait_for_timeout(300)  # the frame's last height message
                iframe = page.locator("iframe[data-kb-embed]").bounding_box()
                inner = figure.evaluate("f => Math.ceil(document.documentElement.getBoundingClientRect().height)")
                assert abs(iframe["height"] - inner) <= 2, (embed.name, iframe["height"], inner)
                hosts = {urlparse(u).netloc for u in seen["requests"] if urlparse(u).scheme in ("http", "https")}
                assert hosts <= {host, urlparse(other_url).netloc}, (embed.name, hosts)
                assert not seen["console"] and not seen["failed"], (embed.name, seen)
                page.close()
        finally:
            other.shutdown()


@pytest.mark.parametrize("name", ["chapters/blockade.html", "de/chapters/exodus.html", "embed/war-road-to-war.html"])
def test_without_javascript_every_chart_shows_its_image_in_its_place(server, browser, name):
    context = browser.new_context(viewport={"width": 375, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{name}", wait_until="load")
    images = page.locator("figure.kb-chart img.kb-chart-print")
    assert images.count() == page.locator("figure.kb-chart").count() > 0
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        image.evaluate("i => i.complete ? null : new Promise(r => i.addEventListener('load', r, {once: true}))")
        assert image.is_visible() and image.evaluate("i => i.naturalWidth") == 2000, (name, index)
        assert not page.locator("figure.kb-chart .kb-chart-plot").nth(index).is_visible()
    context.close()


VIOLATIONS = "window.kbViolations = []; document.addEventListener('securitypolicyviolation', e => window.kbViolations.push(e.violatedDirective + ' ' + e.blockedURI));"


@pytest.mark.parametrize("name", ["chapters/blockade.html", "de/chapters/index.html", "de/embed/exodus-curve.html", "search.html"])
def test_the_policy_lets_the_page_and_its_charts_run_and_reports_no_violation(server, browser, name):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(VIOLATIONS)
    page.goto(f"{server}/{name}", wait_until="load")
    for index in range(page.locator("figure.kb-chart").count()):
        draw(page, page.locator("figure.kb-chart").nth(index))
    assert page.evaluate("window.kbViolations") == []
    page.close()


def test_a_third_party_script_pasted_into_a_page_is_blocked(server, browser):
    page = browser.new_page()
    page.add_init_script(VIOLATIONS)
    # Were it allowed to run, the tracker would say so; the route answers for the foreign host offline.
    page.route("https://tracker.example/**", lambda route: route.fulfill(body="window.kbTracked = true;", content_type="text/javascript"))

    def with_tracker(route):
        html = route.fetch().text()
        route.fulfill(body=html.replace("</body>", '<script src="https://tracker.example/t.js"></script></body>'),
                      content_type="text/html")

    page.route(f"{server}/chapters/exodus.html", with_tracker)
    page.goto(f"{server}/chapters/exodus.html", wait_until="load")
    page.wait_for_timeout(300)
    assert page.evaluate("window.kbTracked") is None
    assert any(v.startswith("script-src") and "tracker.example" in v for v in page.evaluate("window.kbViolations"))
    page.close()
