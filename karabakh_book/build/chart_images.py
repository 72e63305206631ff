"""Static images of the book's charts, rendered at build time from the very figure the page draws.

plotly's static export (kaleido) drives Debian's chromium with the vendored plotly.js bundle and,
for the German edition, plotly.js's German locale: an image says what the interactive chart says,
in the same language. Nothing is fetched from another host (kaleido's MathJax, a CDN script, is
switched off). Images are cached by the content of what they are made from, so an unchanged
chart is never rendered twice, and a build that finds them all cached starts no browser.

Each chart gets a PNG and an SVG for readers to download (and for print and no-JavaScript
readers), and the page's lead chart a 1200 × 630 share preview; a page without a chart shares the
book's card.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import re
import shutil
import textwrap
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..style import FONT, INK, MUTED
from ..words import say

CHROMIUM = Path("/usr/bin/chromium")
CACHE_VARIABLE = "KARABAKH_IMAGE_CACHE"  # another folder for the cache (default: _build/.chart-images)
PLOTLY_BUNDLE = Path(__file__).resolve().parent / "vendor" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
LOCALES = {"de": Path(__file__).resolve().parent / "vendor" / "plotly.js-locale-de" / "plotly-locale-de.js"}
DOWNLOAD_WIDTH = 1000  # px: wide enough for a slide or an article column
DOWNLOAD_SCALE = 2  # PNG pixels per CSS pixel: sharp on high-density screens and in print
PREVIEW = (1200, 630)  # what link previews (Open Graph, Twitter cards) expect
HEADLINE, SUBTITLE, SOURCE = 24, 16, 13  # font sizes in px
LINE = 1.3  # line height, in font sizes
AXIS_SPACE = 78  # px under the plot for tick labels and the axis title, above the source line
PAD = 18


@dataclass(frozen=True)
class ImageJob:
    """One image to make: a figure (plain plotly JSON) rendered to ``name`` at a size."""

    name: str  # path under the site's output folder
    figure: dict
    width: int
    height: int
    scale: int = 1

    @property
    def format(self) -> str:
        return Path(self.name).suffix[1:]


def _lines(text: str, size: int, width: int, bold: bool = False) -> list[str]:
    """``text`` broken into lines that fit ``width`` px (plotly never wraps text by itself),
    from an average glyph width of the house sans-serif."""
    glyph = size * (0.62 if bold else 0.56)
    return textwrap.wrap(text, max(20, int(width / glyph))) or [""]


def _text(lines: list[str], bold: bool = False) -> str:
    joined = "<br>".join(lines)
    return f"<b>{joined}</b>" if bold else joined


def _legend_space(figure: dict, width: int) -> int:
    """Room above the plot for the horizontal legend (its title on a row of its own, then as many
    rows of entries as the names need), or none when the chart shows no legend."""
    layout = figure["layout"]
    names = [trace["name"] for trace in figure["data"] if trace.get("name") and trace.get("showlegend", True)]
    if not names or not layout.get("showlegend", True):
        return 0
    size = layout.get("legend", {}).get("font", {}).get("size", 14)
    entries = sum(len(name) * size * 0.56 + 44 for name in names)
    rows = int(entries // width) + 1
    title = 24 if layout.get("legend", {}).get("title", {}).get("text") else 0
    return title + rows * 24 + 8


def image_figure(spec: dict, furniture: dict, width: int, height: int | None = None) -> dict:
    """The chart as a picture that travels alone: its headline and subtitle above it, its source
    under it, at ``width`` px (and ``height``, or the page's plot height plus that furniture)."""
    figure = copy.deepcopy({"data": spec["data"], "layout": spec["layout"]})
    layout = figure["layout"]
    for number, trace in enumerate(figure["data"]):
        trace.setdefault("uid", f"trace{number}")  # else plotly.js picks a random one, named in the SVG
    inner = width - 2 * PAD
    headline = _lines(furniture["title"], HEADLINE, inner, bold=True)
    subtitle = _lines(furniture["subtitle"], SUBTITLE, inner)
    source = _lines(f'{say("Source:")} {furniture["source"]}', SOURCE, inner)
    legend = _legend_space(figure, inner)
    subtitle_height = len(subtitle) * SUBTITLE * LINE
    top = PAD + len(headline) * HEADLINE * LINE + 6 + subtitle_height + 8 + legend
    bottom = AXIS_SPACE + len(source) * SOURCE * LINE + PAD
    plot_height = int(layout.get("height", 450))
    layout.update(
        width=width, height=height or int(plot_height + top + bottom), autosize=False,
        paper_bgcolor="white", plot_bgcolor="white",
        margin={**layout.get("margin", {}), "t": int(top), "b": int(bottom), "l": PAD, "r": PAD},
    )
    common = dict(xref="paper", yref="paper", x=0, xanchor="left", showarrow=False, align="left")
    layout["annotations"] = list(layout.get("annotations", [])) + [
        dict(common, y=1, yanchor="bottom", yshift=legend + 8 + subtitle_height + 6, text=_text(headline, bold=True),
             font=dict(family=FONT, size=HEADLINE, color=INK)),
        dict(common, y=1, yanchor="bottom", yshift=legend + 8, text=_text(subtitle),
             font=dict(family=FONT, size=SUBTITLE, color=MUTED)),
        dict(common, y=0, yanchor="top", yshift=-AXIS_SPACE, text=_text(source),
             font=dict(family=FONT, size=SOURCE, color=MUTED)),
    ]
    return figure


def card_figure(title: str, subtitle: str, width: int, height: int) -> dict:
    """The book's share card, for pages without a chart: the book's and the page's title."""
    inner = width - 4 * PAD
    headline = _lines(title, HEADLINE * 2, inner, bold=True)
    common = dict(xref="paper", yref="paper", x=0, xanchor="left", showarrow=False, align="left")
    axis = dict(visible=False, range=[0, 1], fixedrange=True)
    return {"data": [], "layout": {
        "width": width, "height": height, "paper_bgcolor": "white", "plot_bgcolor": "white",
        "margin": {"l": 2 * PAD, "r": 2 * PAD, "t": 2 * PAD, "b": 2 * PAD}, "xaxis": axis, "yaxis": axis,
        "shapes": [dict(type="rect", xref="paper", yref="paper", x0=0, x1=0.02, y0=0.08, y1=0.92,
                        fillcolor="#0072B2", line=dict(width=0))],
        "annotations": [
            dict(common, x=0.05, y=0.62, yanchor="bottom", text=_text(headline, bold=True),
                 font=dict(family=FONT, size=HEADLINE * 2, color=INK)),
            dict(common, x=0.05, y=0.52, yanchor="top", text=_text(_lines(subtitle, SUBTITLE * 2, inner)),
                 font=dict(family=FONT, size=SUBTITLE * 2, color=MUTED)),
        ],
    }}


def chart_jobs(chart_id: str, spec: dict, furniture: dict, folder: str) -> list[ImageJob]:
    """A chart's downloads: PNG (at twice its pixel size) and SVG, under ``folder``."""
    figure = image_figure(spec, furniture, DOWNLOAD_WIDTH)
    size = dict(width=figure["layout"]["width"], height=figure["layout"]["height"])
    return [ImageJob(f"{folder}/{chart_id}.png", figure, scale=DOWNLOAD_SCALE, **size),
            ImageJob(f"{folder}/{chart_id}.svg", figure, **size)]


def preview_job(name: str, spec: dict, furniture: dict) -> ImageJob:
    width, height = PREVIEW
    return ImageJob(name, image_figure(spec, furniture, width, height), width, height)


def card_job(name: str, title: str, subtitle: str) -> ImageJob:
    width, height = PREVIEW
    return ImageJob(name, card_figure(title, subtitle, width, height), width, height)


def _scripts(language: str, folder: Path) -> list[Path]:
    """The scripts kaleido's page loads after plotly.js: the locale, and a line that makes it the
    default (kaleido passes only a figure's data and layout to plotly.js, never its config)."""
    if language not in LOCALES:
        return []
    chooser = folder / f"use-locale-{language}.js"
    chooser.write_text(f'Plotly.setPlotConfig({{locale: "{language}"}});\n', encoding="utf-8")
    return [LOCALES[language], chooser]


def _renderer_key(language: str) -> str:
    """What else decides an image's bytes: the renderer's versions, plotly.js, the locale."""
    digest = hashlib.sha256()
    for name in ("kaleido", "choreographer", "plotly"):
        digest.update(f"{name}={metadata.version(name)};".encode())
    for path in [PLOTLY_BUNDLE, *([LOCALES[language]] if language in LOCALES else [])]:
        digest.update(path.read_bytes())
    digest.update(language.encode())
    return digest.hexdigest()


def _job_key(job: ImageJob, renderer: str) -> str:
    content = json.dumps([job.figure, job.format, job.width, job.height, job.scale, renderer], sort_keys=True)
    return hashlib.sha256(content.encode()).hexdigest()


def render(jobs: list[ImageJob], outdir: Path, cache: Path, language: str) -> int:
    """Write every job's image under ``outdir``, rendering only those not in ``cache``; the number rendered."""
    cache.mkdir(parents=True, exist_ok=True)
    renderer = _renderer_key(language)
    keyed = [(job, cache / f"{_job_key(job, renderer)}.{job.format}") for job in jobs]
    missing = {cached: job for job, cached in keyed if not cached.is_file()}
    if missing:
        _render_with_kaleido(missing, cache, language)
    for job, cached in keyed:
        target = outdir / job.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    return len(missing)


def _render_with_kaleido(jobs: dict[Path, ImageJob], cache: Path, language: str) -> None:
    import kaleido  # only a build with new images needs the browser

    for name in ("choreographer", "kaleido", "logistro"):  # their progress notes are not the build's news
        logging.getLogger(name).setLevel(logging.WARNING)
    if not CHROMIUM.is_file():
        raise FileNotFoundError(f"chart images need Debian's chromium at {CHROMIUM}: run 'make chromium' (as root) or 'sudo apt-get install chromium'")
    page = kaleido.PageGenerator(plotly=str(PLOTLY_BUNDLE), mathjax=False, others=[str(p) for p in _scripts(language, cache)])
    partial = {cached: cached.with_suffix(".partial" + cached.suffix) for cached in jobs}
    kaleido.write_fig_from_object_sync(
        [{"fig": job.figure, "path": str(partial[cached]),
          "opts": {"format": job.format, "width": job.width, "height": job.height, "scale": job.scale}}
         for cached, job in jobs.items()],
        kopts={"page_generator": page, "path": str(CHROMIUM)},
    )
    for cached, written in partial.items():  # a cached image is always a whole one
        if not written.is_file():
            raise RuntimeError(f"kaleido wrote no image for {jobs[cached].name}")
        if jobs[cached].format == "svg":
            written.write_text(_stable_svg(written.read_text(encoding="utf-8")), encoding="utf-8")
        written.replace(cached)


PLOT_UID = re.compile(r'id="defs-([0-9a-f]+)"')


def _stable_svg(svg: str) -> str:
    """plotly.js names the SVG's clip paths after a random id of the plot; a fixed one keeps
    builds reproducible byte for byte (the PNG has no such ids)."""
    found = PLOT_UID.search(svg)
    if found is None:
        return svg
    return re.sub(rf"(?<=[a-z-]){found.group(1)}", "kb", svg)
