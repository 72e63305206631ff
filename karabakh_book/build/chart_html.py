"""A chart as the page shows it: plotly output turned into a ``<figure>`` at build time.

myst-nb has no renderer of its own for plotly's mime type and hands it to
``PlotlyMimeRenderPlugin``: it turns the figure into a ``<figure>`` whose chart div loads no
plotly.js (the page loads the site's own copy, see ``sphinx_ext``) and whose headline,
subtitle, notes, source, text description, data table and CSV download are real, escaped
HTML text.
"""

from __future__ import annotations

import csv
import io
from html import escape
from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

from ..links import DATA_URL_PREFIX
from ..notebook import PLOTLY_MIME
from ..style import PLOTLY_CONFIG, furniture_of, plain_json
from ..words import language, number, say
from .reproduce import figure_record

CHART_FILES = "charts"  # inside the published data folder
DEFAULT_HEIGHT = 450  # plotly's own, for a figure that sets none: the space reserved for it
# Without JavaScript no chart is drawn: its image takes the empty place (in a <noscript> of each page's head).
NO_SCRIPT_STYLE = ".kb-chart-plot { display: none; } .kb-chart-print { display: block; width: 100%; height: auto; }"
EMBED_URL_PREFIX = "kb-embed:"  # resolved per edition to the absolute address of its embed pages
EMBED_FURNITURE = 330  # px an embedded chart needs besides its plot (headline, notes, source…): the iframe's first height


class PlotlyMimeRenderPlugin:
    """myst-nb plugin (entry point ``myst_nb.mime_renderers``): plotly output becomes HTML."""

    mime_priority_overrides = [("*", PLOTLY_MIME, 1)]

    @staticmethod
    def handle_mime(renderer, data, inline: bool):
        if data.mime_type != PLOTLY_MIME or inline:
            return None
        from docutils import nodes

        env = getattr(getattr(renderer, "renderer", None), "sphinx_env", None)  # None outside Sphinx
        taken = [c.chart_id for c in env.kb_chart_specs.get(env.docname, [])] if env is not None else []
        chart = render_chart(data.content, taken)
        if env is not None:
            # What the page draws, for the reviewers' record (see reproduce), and the files it
            # offers for download (its data, its images, its embed page), written by the Sphinx
            # extension when the build has finished.
            env.kb_charts.setdefault(env.docname, []).append(figure_record(data.content))
            env.kb_chart_files.setdefault(env.docname, {}).update(chart.files)
            env.kb_chart_specs.setdefault(env.docname, []).append(chart)
        return [nodes.raw("", chart.html, format="html")]


@dataclass(frozen=True)
class Chart:
    """A chart as published: its ``<figure>`` (on its page, and alone on its embed page), the
    figure it draws with its furniture (for its images), and the files it links to."""

    chart_id: str
    html: str
    embed_html: str
    spec: dict
    furniture: dict
    files: dict[str, str]


def figure_html(fig: go.Figure | dict) -> str:
    """The chart and its furniture as one ``<figure>`` element."""
    return render_chart(fig).html


def chart_name(builder: str, taken=()) -> str:
    """A chart's stable name, from the story builder that made it ('blockade.corridor_access' →
    'blockade-corridor-access'; 'exodus.exodus_curve' → 'exodus-curve'), never from its position:
    links to it survive a new chart above it. A second chart of one builder on a page is '-2'."""
    story, function = builder.split(".")
    name = (function if function.startswith(story) else f"{story}_{function}").replace("_", "-")
    count = 1
    while (numbered := name if count == 1 else f"{name}-{count}") in taken:
        count += 1
    return numbered


def render_chart(fig: go.Figure | dict, taken=()) -> Chart:
    """The chart's ``<figure>``, and the CSV of exactly what it draws."""
    fig_dict = plain_json(fig)
    furniture = furniture_of(fig_dict)
    fig_dict.pop("config", None)
    layout = fig_dict["layout"]
    layout.pop("meta")
    layout.pop("title", None)  # the headline is HTML text above the chart
    chart_id = chart_name(furniture["builder"], taken)
    # The chart travels as data, not code: the book's loader (karabakh.js) draws it when it nears
    # the viewport. plotly's JSON escapes '<', '>' and '/', so no text in it can end the element.
    if furniture["language"] != language():
        raise ValueError(f"a chart built in '{furniture['language']}' on a page in '{language()}': {furniture['title'][:60]}...")
    # The mode bar's tooltips and the date axes speak the page's language (plotly.js's locale).
    config = PLOTLY_CONFIG if language() == "en" else {**PLOTLY_CONFIG, "locale": language()}
    said = furniture_words()
    spec = pio.to_json({"data": fig_dict["data"], "layout": layout, "config": config}, validate=False, pretty=False)
    height = int(layout.get("height", DEFAULT_HEIGHT))
    files = f"{DATA_URL_PREFIX}{CHART_FILES}/{chart_id}"
    image_alt = escape(say("Chart: {title}", title=furniture["title"]))
    # Print, and readers without JavaScript (NO_SCRIPT_STYLE), see the chart's image in its place.
    chart = (
        f'<div class="kb-chart-plot" id="{chart_id}-plot" style="height:{height}px"></div>\n'
        f'<img class="kb-chart-print" src="{files}.png" alt="{image_alt}" loading="lazy">\n'
        f'<script type="application/json" class="kb-chart-spec">{spec}</script>\n'
        f'<p class="kb-chart-unavailable">{escape(said["unavailable"])}</p>'
    )
    notes = "".join(f"<li>{escape(note)}</li>" for note in furniture["notes"])
    dataset_links = "".join(
        f' · <a href="{DATA_URL_PREFIX}{escape(name)}.csv">{escape(said["dataset"])} <code>{escape(name)}</code></a>'
        for name in furniture["datasets"]
    )
    csv_name = f"{CHART_FILES}/{chart_id}.csv"
    embed_url = f"{EMBED_URL_PREFIX}{chart_id}.html"
    embed_code = escape(embed_snippet(embed_url, furniture["title"], height + EMBED_FURNITURE))
    share = f"""<p class="kb-chart-share"><strong>{escape(said["share"])}</strong> <a href="#{chart_id}">{escape(said["link"])}</a> · <a href="{embed_url}">{escape(said["embed_page"])}</a></p>
<details class="kb-chart-embed"><summary>{escape(said["embed"])}</summary>
<div class="kb-embed-code"><span>{escape(said["embed_how"])}</span>
<pre tabindex="0"><code>{embed_code}</code></pre></div></details>"""
    html = f"""<figure class="kb-chart" id="{chart_id}" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">
<figcaption><span class="kb-chart-title" id="{chart_id}-title">{escape(furniture['title'])}</span>
<span class="kb-chart-subtitle">{escape(furniture['subtitle'])}</span></figcaption>
{chart}
<p class="kb-chart-desc" id="{chart_id}-desc"><strong>{escape(said["in_words"])}</strong> {escape(furniture['description'])}</p>
{f'<ul class="kb-chart-notes">{notes}</ul>' if notes else ''}
<p class="kb-chart-source"><strong>{escape(said["source"])}</strong> {escape(furniture['source'])}</p>
<p class="kb-chart-data"><strong>{escape(said["get_data"])}</strong> <a download href="{files}.csv">{escape(said["csv"])}</a> · <a download href="{files}.png">{escape(said["png"])}</a> · <a download href="{files}.svg">{escape(said["svg"])}</a>{dataset_links}</p>
<!--kb-share-->
<details class="kb-chart-table"><summary>{escape(said["table"])}</summary>
<div class="kb-table-scroll" tabindex="0" role="region" aria-label="{escape(said["table_label"])}">{_table(furniture['data'])}</div></details>
</figure>"""
    spec_of_images = {"data": fig_dict["data"], "layout": layout}
    return Chart(chart_id, html.replace("<!--kb-share-->", share), html.replace("<!--kb-share-->\n", ""),
                 spec_of_images, furniture, {csv_name: _csv(furniture["data"])})


def embed_snippet(url: str, title: str, height: int) -> str:
    """The code another site pastes to embed a chart: an iframe that starts at a likely height and
    takes the exact one the embed page posts (as Datawrapper's responsive embeds do)."""
    return (
        f'<iframe src="{url}" title="{escape(title)}" height="{height}" loading="lazy" '
        'style="width:100%;border:0" data-kb-embed></iframe>\n'
        '<script>window.addEventListener("message",function(e){var d=e.data;'
        'if(!d||d.type!=="kb-embed-height")return;'
        'document.querySelectorAll("iframe[data-kb-embed]").forEach(function(f){'
        'if(f.contentWindow===e.source)f.style.height=d.height+"px";});});</script>'
    )


def furniture_words() -> dict[str, str]:
    """The words around every chart, in the page's language."""
    return {
        "in_words": say("In words:"), "source": say("Source:"), "get_data": say("Get the data:"),
        "csv": say("this chart's data (CSV)"), "dataset": say("full dataset"),
        "png": say("image (PNG)"), "svg": say("vector image (SVG)"),
        "share": say("Share:"), "link": say("link to this chart"), "embed_page": say("this chart alone"),
        "embed": say("Embed this chart on your site"),
        "embed_how": say("Copy this code into your page: the frame sizes itself to the chart."),
        "table": say("The data behind this chart, as a table"), "table_label": say("Data table"),
        "unavailable": say("The interactive chart could not be loaded; its description, notes and data follow."),
    }


def _csv(payload: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(payload["columns"])
    writer.writerows(payload["rows"])
    return out.getvalue()


def _shown(value: str, kind: str) -> str:
    """A cell as the reader reads numbers: 100,632 / 100.632, 6.29 / 6,29 (up to six significant digits)."""
    if not value or not kind:
        return str(value)
    return number(int(value)) if kind == "count" else number(float(value), ",g")


def _table(payload: dict) -> str:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in payload["columns"])
    # On a page in another language, the cells that hold the data's own English say so.
    cell = ['<td lang="en">' if english and language() != "en" else "<td>" for english in payload["english"]]
    kinds = payload.get("numbers") or [""] * len(cell)
    body = "".join(
        "<tr>" + "".join(f"{opening}{escape(_shown(value, kind))}</td>" for opening, value, kind in zip(cell, row, kinds)) + "</tr>"
        for row in payload["rows"]
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
