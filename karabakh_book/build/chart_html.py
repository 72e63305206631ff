"""A chart as the page shows it: plotly output turned into a ``<figure>`` at build time.

myst-nb has no renderer of its own for plotly's mime type and hands it to
``PlotlyMimeRenderPlugin``: it turns the figure into a ``<figure>`` whose chart div loads no
plotly.js (the page loads the site's own copy, see ``sphinx_ext``) and whose headline,
subtitle, notes, source, text description, data table and CSV download are real, escaped
HTML text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
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


class PlotlyMimeRenderPlugin:
    """myst-nb plugin (entry point ``myst_nb.mime_renderers``): plotly output becomes HTML."""

    mime_priority_overrides = [("*", PLOTLY_MIME, 1)]

    @staticmethod
    def handle_mime(renderer, data, inline: bool):
        if data.mime_type != PLOTLY_MIME or inline:
            return None
        from docutils import nodes

        chart = render_chart(data.content)
        env = getattr(getattr(renderer, "renderer", None), "sphinx_env", None)  # None outside Sphinx
        if env is not None:
            # What the page draws, for the reviewers' record (see reproduce), and the files it
            # offers for download, written by the Sphinx extension when the build has finished.
            env.kb_charts.setdefault(env.docname, []).append(figure_record(data.content))
            env.kb_chart_files.setdefault(env.docname, {}).update(chart.files)
        return [nodes.raw("", chart.html, format="html")]


@dataclass(frozen=True)
class Chart:
    """A chart as published: its ``<figure>`` and the files it links to (under ``data/charts/``)."""

    chart_id: str
    html: str
    files: dict[str, str]


def figure_html(fig: go.Figure | dict) -> str:
    """The chart and its furniture as one ``<figure>`` element."""
    return render_chart(fig).html


def render_chart(fig: go.Figure | dict) -> Chart:
    """The chart's ``<figure>``, and the CSV of exactly what it draws."""
    fig_dict = plain_json(fig)
    furniture = furniture_of(fig_dict)
    fig_dict.pop("config", None)
    layout = fig_dict["layout"]
    layout.pop("meta")
    layout.pop("title", None)  # the headline is HTML text above the chart
    # The id derives from the content, so two builds of the same data give identical pages.
    chart_id = "chart-" + hashlib.sha256(json.dumps(fig_dict, sort_keys=True).encode()).hexdigest()[:12]
    # The chart travels as data, not code: the book's loader (karabakh.js) draws it when it nears
    # the viewport. plotly's JSON escapes '<', '>' and '/', so no text in it can end the element.
    if furniture["language"] != language():
        raise ValueError(f"a chart built in '{furniture['language']}' on a page in '{language()}': {furniture['title'][:60]}...")
    # The mode bar's tooltips and the date axes speak the page's language (plotly.js's locale).
    config = PLOTLY_CONFIG if language() == "en" else {**PLOTLY_CONFIG, "locale": language()}
    said = furniture_words()
    spec = pio.to_json({"data": fig_dict["data"], "layout": layout, "config": config}, validate=False, pretty=False)
    height = int(layout.get("height", DEFAULT_HEIGHT))
    chart = (
        f'<div class="kb-chart-plot" id="{chart_id}" style="height:{height}px"></div>\n'
        f'<script type="application/json" class="kb-chart-spec">{spec}</script>\n'
        f'<p class="kb-chart-unavailable">{escape(said["unavailable"])}</p>'
    )
    notes = "".join(f"<li>{escape(note)}</li>" for note in furniture["notes"])
    dataset_links = "".join(
        f' · <a href="{DATA_URL_PREFIX}{escape(name)}.csv">{escape(said["dataset"])} <code>{escape(name)}</code></a>'
        for name in furniture["datasets"]
    )
    csv_name = f"{CHART_FILES}/{chart_id}.csv"
    html = f"""<figure class="kb-chart" id="{chart_id}-figure" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">
<figcaption><span class="kb-chart-title" id="{chart_id}-title">{escape(furniture['title'])}</span>
<span class="kb-chart-subtitle">{escape(furniture['subtitle'])}</span></figcaption>
{chart}
<p class="kb-chart-desc" id="{chart_id}-desc"><strong>{escape(said["in_words"])}</strong> {escape(furniture['description'])}</p>
{f'<ul class="kb-chart-notes">{notes}</ul>' if notes else ''}
<p class="kb-chart-source"><strong>{escape(said["source"])}</strong> {escape(furniture['source'])}</p>
<p class="kb-chart-data"><strong>{escape(said["get_data"])}</strong> <a download href="{DATA_URL_PREFIX}{csv_name}">{escape(said["csv"])}</a>{dataset_links}</p>
<details class="kb-chart-table"><summary>{escape(said["table"])}</summary>
<div class="kb-table-scroll" tabindex="0" role="region" aria-label="{escape(said["table_label"])}">{_table(furniture['data'])}</div></details>
</figure>"""
    return Chart(chart_id, html, {csv_name: _csv(furniture["data"])})


def furniture_words() -> dict[str, str]:
    """The words around every chart, in the page's language."""
    return {
        "in_words": say("In words:"), "source": say("Source:"), "get_data": say("Get the data:"),
        "csv": say("this chart's data (CSV)"), "dataset": say("full dataset"),
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
