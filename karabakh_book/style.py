"""The house chart style: one plotly template and the furniture every chart carries.

Furniture (headline, subtitle, source line, notes, text description, the data behind the chart)
is stored in ``layout.meta`` so that the figure stays one object; the book renderer turns it
into real HTML text around the chart, where readers, screen readers and search can use it.
"""

from __future__ import annotations

import json
import sys

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from .words import N_, Said, language, say

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
INK = "#222222"
MUTED = "#595959"  # 7:1 contrast on white: annotations stay readable
GRID = "#E3E3E3"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# One colour per side, the same in every chart, with the words to say it.
SIDE_LABELS = Said({
    "armenian": N_("Armenian government"),
    "azerbaijani": N_("Azerbaijani government"),
    "russian": N_("Russian government"),
    "nk_de_facto": N_("De-facto Karabakh authorities"),
    "icrc_un": N_("ICRC / UN"),
    "independent": N_("Independent media"),
})
SIDE_COLOURS = {
    "armenian": "#0072B2",
    "azerbaijani": "#D55E00",
    "russian": "#CC79A7",
    "nk_de_facto": "#56B4E9",
    "icrc_un": "#009E73",
    "independent": MUTED,
}

# Trimmed mode bar: zoom, pan, reset and download stay; selection tools add nothing here.
PLOTLY_CONFIG = {
    "responsive": True,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

TEMPLATE_NAME = "karabakh"
SEPARATORS = {"en": ".,", "de": ",."}
# Columns of a chart's data table that carry the data's own English (sources' names, our notes):
# on a German page their cells are marked as English, so that a screen reader switches voice.
ENGLISH_COLUMNS = frozenset({"publisher", "note", "cites", "publisher cites"})
# Field names of the data that charts show as they are, as table headers (said in the reader's language).
DATA_HEADERS = (N_("publisher"), N_("note"), N_("cites"), N_("confidence"), N_("approximate"), N_("url"), N_("date"), N_("value"))


def house_template() -> go.layout.Template:
    axis = dict(
        linecolor=MUTED, ticks="outside", tickcolor=MUTED, gridcolor=GRID, zeroline=False,
        title=dict(font=dict(size=13, color=MUTED)), automargin=True,
    )
    return go.layout.Template(
        layout=dict(
            font=dict(family=FONT, size=14, color=INK),
            colorway=PALETTE,
            paper_bgcolor="white",
            plot_bgcolor="white",
            margin=dict(l=8, r=16, t=16, b=8),
            hovermode="closest",
            hoverlabel=dict(font=dict(family=FONT, size=13), align="left"),
            legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, title=None),
            xaxis=dict(axis, showgrid=False),
            yaxis=dict(axis, showgrid=True, separatethousands=True),
            separators=".,",
        )
    )


pio.templates[TEMPLATE_NAME] = house_template()


def furnish(
    fig: go.Figure,
    *,
    title: str,
    subtitle: str,
    source: str,
    description: str,
    data: pd.DataFrame,
    notes: tuple[str, ...] = (),
    datasets: tuple[str, ...] = (),
) -> go.Figure:
    """Give ``fig`` the house style and its furniture; return it.

    ``title`` states the finding; ``description`` is the text alternative for readers who
    cannot see the chart; ``data`` is exactly what the chart draws, offered as a table and a
    CSV; ``datasets`` names the data-package resources it comes from.
    """
    # The chart's name, from the story builder that made it (not its place on the page): it
    # becomes the chart's anchor, file names and embed address, which readers link to.
    caller = sys._getframe(1)
    builder = f"{caller.f_globals['__name__'].rsplit('.', 1)[-1]}.{caller.f_code.co_name}"
    for text, what in ((title, "title"), (subtitle, "subtitle"), (source, "source"), (description, "description")):
        if not text.strip():
            raise ValueError(f"a chart needs a {what}")
    fig.update_layout(
        template=TEMPLATE_NAME,
        separators=SEPARATORS[language()],  # decimal mark, then thousands: 30.6 / 30,6
        # Outside the book (JupyterLab) the title sits in the chart; the book renderer moves it out.
        title=dict(text=f"{title}<br><sup>{subtitle}</sup>", x=0, xanchor="left"),
        meta={
            "furniture": {
                "title": title,
                "subtitle": subtitle,
                "source": source,
                "notes": list(notes),
                "description": description,
                "datasets": list(datasets),
                "language": language(),
                "builder": builder,
                "data": _table_payload(data),
            }
        },
    )
    return fig


def furniture_of(fig_dict: dict) -> dict:
    """The furniture ``furnish`` stored in a figure (as plain JSON); a figure without it is refused."""
    furniture = (fig_dict.get("layout", {}).get("meta") or {}).get("furniture")
    if furniture is None:
        raise ValueError("chart has no furniture (headline, source, description...): build it with karabakh_book.style.furnish()")
    return furniture


def plain_json(fig: go.Figure | dict) -> dict:
    """The figure as plain JSON types (numpy arrays and timestamps encoded the plotly way)."""
    return json.loads(pio.to_json(fig, validate=False, pretty=False))


def _number_kind(series: pd.Series) -> str:
    """'count' for whole numbers, 'decimal' for other numbers, '' for anything else."""
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        return ""
    return "count" if pd.api.types.is_integer_dtype(series) else "decimal"


def _table_payload(data: pd.DataFrame) -> dict:
    """The chart's data as plain JSON text cells: dates as ISO 8601, numbers unformatted; headers
    in the reader's language, and which columns hold the data's own English text."""
    cells = data.copy()
    for column in cells.columns:
        series = cells[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            cells[column] = series.map(lambda t: "" if pd.isna(t) else t.isoformat())
        if pd.api.types.is_bool_dtype(series):  # a flag reads as a word, in the reader's language
            cells[column] = series.map(lambda flag: "" if pd.isna(flag) else say("yes") if flag else say("no"))
        cells[column] = cells[column].astype("string").fillna("")
    return {
        "columns": [say(str(c)) for c in cells.columns],
        "english": [str(c) in ENGLISH_COLUMNS for c in cells.columns],
        # Numbers are shown in the reader's way (2,906 / 2.906; 6.29 / 6,29); the CSV keeps them plain.
        "numbers": [_number_kind(data[c]) for c in data.columns],
        "rows": cells.values.tolist(),
    }


def event_marker(fig: go.Figure, when, label: str) -> None:
    """A dotted vertical line at ``when``, labelled along the line: vertical text needs no
    horizontal room, so labels of close events do not collide on a phone."""
    fig.add_vline(x=when, line=dict(color=MUTED, width=1, dash="dot"))
    fig.add_annotation(
        x=when, xref="x", y=1, yref="paper", text=label, showarrow=False, textangle=-90,
        xanchor="right", yanchor="top", xshift=-1, font=dict(size=11, color=MUTED),
        bgcolor="rgba(255,255,255,0.85)",
    )


def label_rows(fig: go.Figure, rows, *, yref: str = "y", xref: str = "x domain", shift: int = 8) -> None:
    """Write each row's name above its row, from the left edge, instead of as a tick label.

    Tick labels on the left eat half a phone's width; a label above the row uses the full width.
    """
    for row in rows:
        fig.add_annotation(
            x=0, y=row, xref=xref, yref=yref, text=row, showarrow=False, xanchor="left", yanchor="bottom",
            yshift=shift, font=dict(size=11, color=INK),
        )
    fig.update_yaxes(showticklabels=False, ticks="")
