"""The built site: every chart that a chapter produced is on its page, served privately."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import plotly
import pytest
from conftest import ROOT, build, edit_csv
from jupyter_cache import get_cache

from karabakh_book.build.editions import EDITIONS, documents
from karabakh_book.build.sphinx_ext import PLOTLY_JS, SERVED_PLOTLY_JS
from karabakh_book.links import DATA_URL_PREFIX, DOC_URL_PREFIX, STAGES
from karabakh_book.notebook import PLOTLY_MIME

pytestmark = pytest.mark.build


def toc_pages() -> list[str]:
    """Every page of both editions, as its path in the site and in the repository ('de/chapters/index')."""
    return [f"{edition.site}{name}" for edition in EDITIONS for name in documents(edition, ROOT)]


def notebook_pages() -> list[str]:
    return [page for page in toc_pages() if "```{code-cell}" in (ROOT / f"{page}.md").read_text()]


class Assets(HTMLParser):
    """What a page loads (scripts, styles, images, frames), as opposed to what it links to."""

    LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src", "embed": "src"}

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.LOADING and attrs.get(self.LOADING[tag]):
            self.loads.append(attrs[self.LOADING[tag]])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "next", "prev", "index", "search", "alternate"):
            self.loads.append(attrs["href"])


def assets(page: Path) -> list[str]:
    parser = Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.loads


def executed_plotly_outputs(page: str) -> int:
    """Plotly outputs in the chapter's most recent executed notebook in the jupyter-cache."""
    cache = get_cache(ROOT / "_build" / ".jupyter_cache")
    records = [r for r in cache.list_cache_records() if Path(r.uri).resolve() == (ROOT / f"{page}.md").resolve()]
    assert records, f"{page} was never executed into the cache"
    notebook = cache.get_cache_bundle(max(records, key=lambda r: r.created).pk).nb
    return sum(PLOTLY_MIME in output.get("data", {}) for cell in notebook.cells for output in cell.get("outputs", []))


@pytest.mark.parametrize("page", notebook_pages())
def test_every_chart_a_chapter_produced_is_on_its_page(site, page):
    html = (site / f"{page}.html").read_text(encoding="utf-8")
    produced = executed_plotly_outputs(page)
    assert produced > 0
    assert html.count('<figure class="kb-chart"') == produced
    assert html.count('<script type="application/json" class="kb-chart-spec">') == produced
    assert html.count('class="kb-chart-plot"') == produced


@pytest.mark.parametrize("page", toc_pages())
def test_chart_pages_load_the_books_loader_deferred_and_no_page_loads_plotly_js_itself(site, page):
    html_path = site / f"{page}.html"
    loaded = assets(html_path)
    assert not [src for src in loaded if re.search(r"(^|/)_static/plotly[\w.-]*\.js(\?|$)", src)], "plotly.js is the loader's to fetch"
    html = html_path.read_text(encoding="utf-8")
    loaders = re.findall(r"<script[^>]*\ssrc=\"[^\"]*_static/karabakh\.js[^\"]*\"[^>]*>", html)
    if 'class="kb-chart"' in html:
        assert len(loaders) == 1 and "defer" in loaders[0]
        plotly = re.search(r'data-plotly="([^"?]+)\?v=[0-9a-f]+"', loaders[0]).group(1)
        assert (site / "_static" / plotly).is_file()
    else:
        assert not loaders


class Scripts(HTMLParser):
    """Every script element of a page: its attributes, its text, and whether the page's content had begun."""

    def __init__(self):
        super().__init__()
        self.scripts: list[dict] = []
        self.content_begun = False
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = {"attrs": dict(attrs), "text": "", "before_content": not self.content_begun}
        elif tag == "main":
            self.content_begun = True

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.scripts.append(self._open)
            self._open = None


def scripts(page: Path) -> list[dict]:
    parser = Scripts()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.scripts


def every_page(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_no_script_blocks_the_first_paint(site):
    blocking = {}
    for page in every_page(site):
        found = [s["attrs"]["src"] for s in scripts(page) if s["attrs"].get("src") and s["before_content"]
                 and not ({"defer", "async"} & set(s["attrs"]) or s["attrs"].get("type") == "module")]
        if found:
            blocking[str(page.relative_to(site))] = found
    assert not blocking, blocking


def test_no_inline_script_draws_a_chart(site):
    for page in every_page(site):
        for script in scripts(page):
            if script["attrs"].get("src") or script["attrs"].get("type") == "application/json":
                continue
            code = script["text"].strip()
            # What may stay: the theme's colour mode and one-line settings, each under a few hundred characters.
            assert "Plotly" not in code and len(code) < 400, f"{page.relative_to(site)}: {code[:120]}"


def test_every_text_file_has_precompressed_siblings_with_the_same_content(site):
    import gzip

    import brotli

    from karabakh_book.build.compress import TEXT

    texts = [p for p in site.rglob("*") if p.is_file() and p.suffix in TEXT]
    assert len(texts) > 20
    for path in texts:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path


def plotly_js_version(script: bytes) -> str:
    return re.search(rb"plotly\.js(?: \([a-z -]+\))? v(\d+\.\d+\.\d+)", script[:300]).group(1).decode()


def test_the_served_plotly_js_is_the_basic_bundle_of_the_installed_plotly_version(site):
    served = (site / "_static" / SERVED_PLOTLY_JS).read_bytes()
    assert served == PLOTLY_JS.read_bytes()
    installed = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()
    assert plotly_js_version(served) == plotly_js_version(installed)
    assert b"(basic - minified)" in served[:200]


def test_every_chart_uses_only_trace_types_the_basic_bundle_has(site):
    used = {trace.get("type", "scatter") for record in (site / "reproducibility").glob("*.json")
            for figure in json.loads(record.read_text(encoding="utf-8"))["figures"] for trace in figure["traces"]}
    assert used and used <= {"scatter", "bar", "pie"}, used


def test_no_page_loads_anything_from_another_host(site):
    offenders = {}
    for page in site.rglob("*.html"):
        foreign = [src for src in assets(page) if re.match(r"^(https?:)?//", src)]
        if foreign:
            offenders[str(page.relative_to(site))] = foreign
    assert not offenders, offenders


def test_chart_data_links_point_at_published_files(site):
    for page in notebook_pages():
        html = (site / f"{page}.html").read_text(encoding="utf-8")
        lines = re.findall(r'<p class="kb-chart-data">.*?</p>', html, re.S)  # each chart's get-the-data line
        links = [href for line in lines for href in re.findall(r'<a href="([^"#:]+\.csv)">', line)]
        own = [href for line in lines for href in re.findall(r'<a download href="([^"#:]+\.csv)">', line)]
        assert links and len(own) == html.count('<figure class="kb-chart"'), page
        for link in links + own:
            assert (site / page).parent.joinpath(link).resolve().is_file(), link


def test_editing_a_data_value_re_executes_the_chapter_and_changes_its_chart(book_copy):
    first = build(book_copy)
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-4000:]
    page = book_copy / "_build" / "html" / "chapters" / "exodus.html"
    assert "100,632" in page.read_text(encoding="utf-8")
    edit_csv(book_copy / "data" / "displacement_arrivals_2023.csv", "2023-10-04,,100632,", "2023-10-04,,100700,")
    second = build(book_copy)
    assert second.returncode == 0, second.stdout[-4000:] + second.stderr[-4000:]
    html = page.read_text(encoding="utf-8")
    assert "100,700 people crossed" in html and "100,632" not in html


def test_a_csv_that_breaks_its_schema_fails_the_build_naming_the_place(book_copy):
    edit_csv(book_copy / "data" / "displacement_arrivals_2023.csv", "2023-09-24,18:00,377,", "2023-09-24,18:00,-377,")
    result = build(book_copy)
    assert result.returncode != 0
    assert "displacement_arrivals_2023.csv, line 2, column 'cumulative_arrivals': rule 'constraint-error'" in result.stdout + result.stderr


def test_a_cell_that_raises_fails_the_build(book_copy):
    chapter = book_copy / "chapters" / "exodus.md"
    chapter.write_text(chapter.read_text() + "\n```{code-cell} ipython3\n1 / 0\n```\n", encoding="utf-8")
    result = build(book_copy)
    assert result.returncode != 0 and "ZeroDivisionError" in result.stdout + result.stderr


def test_every_dataset_is_published_byte_for_byte_with_its_descriptor(site):
    from karabakh_book.build.appendix import data_download_names

    for name in data_download_names():
        assert (site / "data" / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name
    appendix = (site / "chapters" / "data.html").read_text(encoding="utf-8")
    for name in data_download_names()[1:]:
        assert f'href="../data/{name}"' in appendix, f"the data appendix offers no download of {name}"


def test_no_page_keeps_an_unresolved_link_prefix(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert DATA_URL_PREFIX not in html and DOC_URL_PREFIX not in html, page


def test_timeline_points_link_to_existing_chapters(site):
    for edition in EDITIONS:  # each edition's timeline opens its own chapters
        html = (site / edition.site / "chapters" / "index.html").read_text(encoding="utf-8")
        # The link is the last customdata column of each point: '..., "Source", "blockade.html"]'.
        targets = set(re.findall(r'"([^"]+)"\](?=,\[|\])', html))
        assert targets == {f"{chapter}.html" for chapter, _ in STAGES.values()}
        assert all((site / edition.site / "chapters" / target).is_file() for target in targets)


def test_a_changed_stylesheet_reaches_the_site_without_any_page_change(book_copy):
    first = build(book_copy)
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-4000:]
    stylesheet = book_copy / "karabakh_book" / "build" / "static" / "karabakh.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    second = build(book_copy)
    assert second.returncode == 0, second.stdout[-4000:] + second.stderr[-4000:]
    assert (book_copy / "_build" / "html" / "_static" / "karabakh.css").read_text(encoding="utf-8").endswith("/* changed */\n")


def test_the_methods_page_records_every_pinned_version(site):
    from karabakh_book.build.environment import pins

    html = (site / "chapters" / "methods.html").read_text(encoding="utf-8")
    html = re.search(r'<ul class="kb-build-environment.*?</ul>', html, re.S).group(0)
    recorded = dict(re.findall(r'<span class="pre">([A-Za-z0-9_.\-]+)</span> <span class="pre">([^<]+)</span>', html))
    assert recorded == pins()


def test_a_tampered_vendored_file_fails_the_build_naming_it(book_copy):
    bundle = book_copy / "karabakh_book" / "build" / "vendor" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
    bundle.write_text(bundle.read_text(encoding="utf-8") + "\nfetch('https://tracker.example/');\n", encoding="utf-8")
    result = build(book_copy)
    assert result.returncode != 0
    assert f"vendored file {bundle} does not match its checksum" in result.stderr, result.stderr[-2000:]
    assert not (book_copy / "_build" / "html").exists(), "nothing published"
