"""Local Sphinx extension: plotly.js from the site itself, published data, an honest cache.

- Copies the vendored plotly.js *basic* bundle (same version as the installed plotly package's
  plotly.js, a quarter of its size) into ``_static`` and adds it only to
  pages that hold a chart, once per page. Nothing is fetched from another host.
- Publishes ``data/`` (``datapackage.json`` and the CSVs it describes) as ``<site>/data/``,
  points each chart's "full dataset" link at it, and provides the ``{data-appendix}`` directive.
- jupyter-cache keys a notebook on its code cells only, so a changed CSV or a changed package
  would be served from the cache. Each chapter gets a hidden final cell holding a fingerprint of
  what it depends on (the package's code, the data package descriptor and the CSVs it loads),
  and a chapter whose fingerprint changed is re-read, hence re-executed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from html import escape
from pathlib import Path

from sphinx.application import Sphinx

from .. import data as book_data
from ..links import DATA_URL_PREFIX, DOC_URL_PREFIX
from ..words import say
from . import chart_images, datelines, edition_pages, valid_html
from .appendix import ENGLISH, DataAppendix, data_download_names
from .chart_html import CHART_FILES, EMBED_URL_PREFIX, NO_SCRIPT_STYLE
from .corrections import CorrectionsLog
from .embeds import EMBED_DIR, embed_page
from .environment import BuildEnvironment
from .reproduce import RECORD_DIR, built_record, record_json

BUILD_DIR = Path(__file__).resolve().parent
PACKAGE_DIR = BUILD_DIR.parent
PLOTLY_JS = BUILD_DIR / "vendor" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
SERVED_PLOTLY_JS = "plotly-basic.min.js"
# plotly.js's words for a language other than English (month names, mode bar), beside the bundle.
PLOTLY_LOCALES = {"de": BUILD_DIR / "vendor" / "plotly.js-locale-de" / "plotly-locale-de.js"}
STATIC_DIR = BUILD_DIR / "static"
TEMPLATES_DIR = BUILD_DIR / "templates"
# Inside a chart's JSON plotly escapes "/" (as "\u002f"): accept the escaped forms as folder separators.
SEPARATOR = r"(?:/|\\/|\\u002f)"
DOC_URL = re.compile(re.escape(DOC_URL_PREFIX) + rf"([a-z0-9\-]+(?:{SEPARATOR}[a-z0-9\-]+)*)")
LOAD_CALL = re.compile(r"""\bload\(\s*["']([A-Za-z0-9_\-]+)["']""")
FINGERPRINT_CELL = """

```{{code-cell}} ipython3
:tags: [remove-cell]

# Build fingerprint of the code and data this chapter depends on: a change re-executes it.
"{fingerprint}"
```
"""


def package_fingerprint(language: str = "en") -> str:
    """Hash of the package's code (chart builders, renderer, directives) and of the words it says
    in ``language``: a German-only edit re-executes only German chapters."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")) + sorted((PACKAGE_DIR / "words" / language).glob("*.po")):
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def dependency_fingerprint(source: str, data_dir: Path = book_data.DATA_DIR, language: str = "en") -> str:
    """Hash of the package's code and words, the data descriptor and every CSV the chapter loads."""
    digest = hashlib.sha256(package_fingerprint(language).encode())
    digest.update(book_data.descriptor_path(data_dir).read_bytes())
    for name in sorted(set(LOAD_CALL.findall(source))):
        try:
            resource = book_data.resource_descriptor(name, data_dir)
        except book_data.UnknownDatasetError:
            continue  # the chapter itself will fail with the clear message
        digest.update(name.encode() + (Path(data_dir) / resource["path"]).read_bytes())
        for key in resource.get("schema", {}).get("foreignKeys", []):
            referenced = book_data.resource_descriptor(key["reference"]["resource"], data_dir)
            digest.update((Path(data_dir) / referenced["path"]).read_bytes())
    return digest.hexdigest()[:16]


def _is_notebook(source: str) -> bool:
    return "```{code-cell}" in source


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not _is_notebook(source[0]):
        return
    fingerprint = dependency_fingerprint(source[0], language=app.config.language)
    app.env.kb_fingerprints[docname] = fingerprint
    app.env.kb_charts[docname] = []  # filled by the plotly renderer as the page is rendered
    app.env.kb_chart_files[docname] = {}
    source[0] += FINGERPRINT_CELL.format(fingerprint=fingerprint)


def static_fingerprint() -> str:
    """Hash of the site's own CSS and JS."""
    return hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in sorted(STATIC_DIR.iterdir()))).hexdigest()[:16]


def _on_env_get_outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    stale = []
    # Sphinx copies static files only when it writes pages; with no page out of date a changed
    # stylesheet would never reach the site. Re-reading the root page (no code) makes it write.
    if getattr(env, "kb_static", None) != (fingerprint := static_fingerprint()):
        env.kb_static = fingerprint
        stale.append(app.config.root_doc)
    # Pages without code use the package too (the appendix and build-environment directives):
    # changed package code re-reads every page; notebooks re-execute only if their own key changed.
    if getattr(env, "kb_package", None) != (fingerprint := package_fingerprint(app.config.language)):
        env.kb_package = fingerprint
        stale.extend(sorted(env.found_docs))
    for docname, fingerprint in env.kb_fingerprints.items():
        if docname in removed or docname in changed:
            continue
        source = Path(env.doc2path(docname)).read_text(encoding="utf-8")
        if dependency_fingerprint(source, language=app.config.language) != fingerprint:
            stale.append(docname)
    return stale


def _on_env_purge_doc(app: Sphinx, env, docname: str) -> None:
    env.kb_fingerprints.pop(docname, None)
    env.kb_charts.pop(docname, None)
    env.kb_chart_files.pop(docname, None)
    env.kb_chart_specs.pop(docname, None)


def _on_builder_inited(app: Sphinx) -> None:
    if not hasattr(app.env, "kb_fingerprints"):
        app.env.kb_fingerprints = {}
    if not hasattr(app.env, "kb_charts"):
        app.env.kb_charts = {}
    if not hasattr(app.env, "kb_chart_files"):
        app.env.kb_chart_files = {}
    if not hasattr(app.env, "kb_chart_specs"):
        app.env.kb_chart_specs = {}
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PLOTLY_JS, static / SERVED_PLOTLY_JS)
    if (locale := PLOTLY_LOCALES.get(app.config.language)) is not None:
        (static / locale.name).write_text(served_locale(locale), encoding="utf-8")


PREVIEW_DESCRIPTION = re.compile(r'(<meta (?:name="description"|property="og:description") content=")([^"]*)(")')


def _whole_words(description: str) -> str:
    """A share preview's description cut where a sentence or at least a word ends: sphinxext-opengraph
    cuts at a fixed length, inside a word ('Schuscha (Sc...')."""
    if not description.endswith("..."):
        return description
    text = description[:-3]
    sentence = text.rfind(". ")
    if sentence >= len(text) // 2:
        return text[: sentence + 1]
    return text[: text.rfind(" ")].rstrip(" ,;:(–-") + " …"


def _trim_previews(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if "metatags" in context:
        context["metatags"] = PREVIEW_DESCRIPTION.sub(lambda m: m.group(1) + _whole_words(m.group(2)) + m.group(3), context["metatags"])


PREVIEW_DIR = "previews"  # inside an edition's site: each page's share image
TWITTER_CARD = '<meta name="twitter:card" content="summary"'


def _describe_generated_pages(pagename: str, context: dict, book: str) -> None:
    """Sphinx's own pages (search, index) have no lede to describe them: a sentence of ours."""
    descriptions = {"search": say("Search the chapters, charts and notes of {book}.", book=book),
                    "genindex": say("The index of {book}.", book=book)}
    if pagename in descriptions and 'name="description"' not in context.get("metatags", ""):
        context["metatags"] = context.get("metatags", "") + f'<meta name="description" content="{escape(descriptions[pagename])}" />\n'


def _share_previews(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A link to the page previews its lead chart (or the book's card): og:image and a large card."""
    _describe_generated_pages(pagename, context, app.config.project)
    if "metatags" not in context or pagename not in app.env.found_docs:  # previews exist for the book's pages
        return
    charts = app.env.kb_chart_specs.get(pagename)
    alt = charts[0].furniture["title"] if charts else context.get("title", "")
    width, height = chart_images.PREVIEW
    tags = [
        f'<meta property="og:image" content="{escape(app.config.html_baseurl + PREVIEW_DIR + "/" + pagename + ".png")}" />',
        f'<meta property="og:image:width" content="{width}" />', f'<meta property="og:image:height" content="{height}" />',
        f'<meta property="og:image:alt" content="{escape(alt)}" />',
    ]
    metatags = context["metatags"].replace(TWITTER_CARD, '<meta name="twitter:card" content="summary_large_image"')
    context["metatags"] = metatags + "\n" + "\n".join(tags) + "\n"


def loader_tag(app: Sphinx, static: str) -> str:
    """The chart loader's script element, for a page outside Sphinx's templates (embed pages)."""
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in _loader_attributes(app).items())
    return f'<script defer src="{static}karabakh.js"{attributes}></script>'


def _loader_attributes(app: Sphinx) -> dict[str, str]:
    # The library's name carries its checksum, so it may be cached for good.
    scripts = {"data-plotly": f"{SERVED_PLOTLY_JS}?v={checksum(PLOTLY_JS)}"}
    if (locale := PLOTLY_LOCALES.get(app.config.language)) is not None:
        scripts["data-plotly-locale"] = f"{locale.name}?v={checksum(locale)}"
    return scripts


def _on_html_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["kb_no_script_style"] = NO_SCRIPT_STYLE  # see templates/layout.html
    body = context.get("body", "")
    # Links to published data (charts, appendix) are written page-independently; resolve them here.
    if DATA_URL_PREFIX in body:
        data = context["pathto"]("data/", 1)
        body = context["body"] = body.replace(f'href="{DATA_URL_PREFIX}', f'href="{data}').replace(f'src="{DATA_URL_PREFIX}', f'src="{data}')
    if EMBED_URL_PREFIX in body:  # a chart's embed page: linked from here, absolute in its iframe code
        body = body.replace(f'href="{EMBED_URL_PREFIX}', f'href="{context["pathto"](EMBED_DIR + "/", 1)}')
        body = context["body"] = body.replace(EMBED_URL_PREFIX, f"{app.config.html_baseurl}{EMBED_DIR}/")
    if ENGLISH in body:  # the data's own English text on a page in another language
        body = context["body"] = body.replace(f'class="{ENGLISH}"', f'class="{ENGLISH}" lang="en"')
    if DOC_URL_PREFIX in body:  # chapter links carried by chart points (timeline)
        body = context["body"] = DOC_URL.sub(lambda m: context["pathto"](re.sub(SEPARATOR, "/", m.group(1))), body)
    if 'class="kb-chart"' in body:
        # A chart page: the book's loader, deferred; it fetches plotly.js (ours) only when a chart
        # nears the viewport.
        app.add_js_file("karabakh.js", loading_method="defer", **_loader_attributes(app))


def served_locale(locale: Path) -> str:
    """The vendored locale inside a function of its own: it declares a global ``var locale``,
    which would collide with sphinx-copybutton's global ``let locale`` and never run."""
    return "(function () {\n" + locale.read_text(encoding="utf-8") + "\n})();\n"


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """No script blocks the first paint: every external script is deferred.

    Deferred scripts run in document order once the page is parsed. The theme's one-line inline
    settings that assign to ``DOCUMENTATION_OPTIONS`` (defined by a deferred file) become inline
    modules, which run in the same ordered queue; the others only set variables and stay as they are.
    Runs after every other extension has added its scripts to the page.
    """
    scripts = []
    for script in context.get("script_files", []):
        attributes = dict(script.attributes)
        if script.filename and not {"defer", "async"} & set(attributes) and attributes.get("type") != "module":
            attributes["defer"] = "defer"
        elif not script.filename and "DOCUMENTATION_OPTIONS." in attributes.get("body", ""):
            attributes["type"] = "module"
        scripts.append(type(script)(script.filename, priority=script.priority, **attributes))
    context["script_files"] = scripts


def _on_build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    # Never loaded (see templates/static/webpack-macros.html and the vendored plotly bundle): not published.
    static = Path(app.outdir) / "_static"
    for unused in (*static.glob("scripts/fontawesome.js*"), static / "plotly.min.js"):
        unused.unlink(missing_ok=True)
    shutil.rmtree(static / "vendor" / "fontawesome", ignore_errors=True)
    target = Path(app.outdir) / "data"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir()
    for name in data_download_names():
        shutil.copyfile(book_data.DATA_DIR / name, target / name)
    for files in app.env.kb_chart_files.values():  # each chart's own data, as the chart draws it
        for name, text in files.items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_text(text, encoding="utf-8")
    _publish_charts_alone(app)
    # What each chapter produced, for reviewers to re-execute against (karabakh_book.build.reproduce).
    records = Path(app.outdir) / RECORD_DIR
    records.mkdir(exist_ok=True)
    executed = Path(app.outdir).parent / "jupyter_execute"  # where myst-nb keeps glued values
    for docname in sorted(app.env.kb_fingerprints):
        record = built_record(executed / f"{docname}.glue.json", app.env.kb_charts.get(docname, []))
        (records / f"{Path(docname).name}.json").write_text(record_json(record), encoding="utf-8")


def _publish_charts_alone(app: Sphinx) -> None:
    """Each chart's images and embed page, and each page's share preview."""
    outdir, env = Path(app.outdir), app.env
    owner: dict[str, str] = {}
    jobs = []
    for docname in sorted(env.found_docs):
        charts = env.kb_chart_specs.get(docname, [])
        for chart in charts:
            if chart.chart_id in owner:  # its files and embed page would overwrite the other's
                raise ValueError(f"two pages draw a chart named '{chart.chart_id}': {owner[chart.chart_id]} and {docname}")
            owner[chart.chart_id] = docname
            jobs += chart_images.chart_jobs(chart.chart_id, chart.spec, chart.furniture, f"data/{CHART_FILES}")
            _write_embed_page(app, docname, chart)
        preview = f"{PREVIEW_DIR}/{docname}.png"
        title = env.titles[docname].astext() if docname in env.titles else app.config.project
        jobs.append(chart_images.preview_job(preview, charts[0].spec, charts[0].furniture) if charts
                    else chart_images.card_job(preview, app.config.project, title))
    # One cache for both editions and every build of this book (images are keyed by their content).
    cache = Path(os.environ.get(chart_images.CACHE_VARIABLE) or Path(app.outdir).parents[2] / ".chart-images")
    chart_images.render(jobs, outdir, cache, app.config.language)


def _write_embed_page(app: Sphinx, docname: str, chart) -> None:
    story_url = f"{app.config.html_baseurl}{docname}.html#{chart.chart_id}"
    title = app.env.titles[docname].astext() if docname in app.env.titles else docname
    page = embed_page(chart, story_url=story_url, story_title=title, book_title=app.config.project,
                      loader=loader_tag(app, "../_static/"))
    page = page.replace(f'class="{ENGLISH}"', f'class="{ENGLISH}" lang="en"')  # as on the chart's own page
    page = DOC_URL.sub(lambda m: f"../{re.sub(SEPARATOR, '/', m.group(1))}.html", page)  # the timeline's chapter links
    path = Path(app.outdir) / EMBED_DIR / f"{chart.chart_id}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")


def _on_config_inited(app: Sphinx, config) -> None:
    # Tables that passed validation are remembered for this build (kernels inherit the setting).
    os.environ.setdefault(book_data.VALIDATION_CACHE, str(Path(app.outdir).parent / ".validated"))
    edition_pages.configure(app, config)
    # A local icon, or browsers request /favicon.ico and log a 404; absolute, for either edition's root.
    config.html_favicon = str(STATIC_DIR / "favicon.svg")
    config.html_static_path.append(str(STATIC_DIR))
    config.templates_path.insert(0, str(TEMPLATES_DIR))  # see templates/static/webpack-macros.html


def setup(app: Sphinx) -> dict:
    valid_html.setup(app)
    app.connect("config-inited", _on_config_inited)
    app.add_css_file("karabakh.css")
    app.add_directive("data-appendix", DataAppendix)
    app.add_directive("build-environment", BuildEnvironment)
    app.add_directive("corrections-log", CorrectionsLog)
    app.connect("doctree-read", datelines.add_to_page, priority=400)  # before Sphinx collects the page's contents
    app.connect("builder-inited", _on_builder_inited)
    app.connect("source-read", _on_source_read)
    app.connect("env-get-outdated", _on_env_get_outdated)
    app.connect("env-purge-doc", _on_env_purge_doc)
    app.connect("html-page-context", _on_html_page_context)
    app.connect("html-page-context", edition_pages.page_context)
    app.connect("html-page-context", _defer_scripts, priority=990)
    app.connect("html-page-context", _trim_previews, priority=900)  # after sphinxext-opengraph's tags (500)
    app.connect("html-page-context", _share_previews, priority=910)
    app.connect("build-finished", _on_build_finished)
    app.connect("build-finished", edition_pages.write_root_page, priority=400)  # before sphinx-external-toc's
    app.connect("build-finished", edition_pages.write_robots)
    return {"version": "0.1", "parallel_read_safe": False, "parallel_write_safe": True, "env_version": 2}
