"""The whole story on one timeline, and the landing page's key figures.

Each point of the timeline links to the chapter of its stage: the link is written
page-independently (``DOC_URL_PREFIX``), resolved by the Sphinx extension for each page, and
followed on click by the site's small ``karabakh.js``.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..facts import war_duration_days
from ..links import STAGES, stage_link
from ..style import PALETTE, furnish, label_rows
from ..words import clock, day, outlets

# The background years are drawn in their own narrow panel so that 2020-2024 gets the room.
BACKGROUND_END = pd.Timestamp("2019-01-01")


def landing_key_figures(events: pd.DataFrame, mandate: pd.DataFrame, arrivals: pd.DataFrame, war: pd.DataFrame) -> dict:
    """The handful of numbers the landing page leads with, all read off the data."""
    on = events.set_index("event_id")["date"]
    personnel = mandate.query("term_id == 'personnel'")["quantity"]
    final = arrivals.sort_values(["date", "cumulative_arrivals"]).iloc[-1]
    return {
        "war_days": war_duration_days(war),
        "peacekeepers_mandate": int(personnel.max()),
        "blockade_days": int((on["offensive_begins"] - on["blockade_begins"]).days),
        "exodus_arrivals": int(final["cumulative_arrivals"]),
        "exodus_final_date": day(final["date"]),
        "withdrawal_confirmed_date": day(on["withdrawal_confirmed_kremlin"]),
        "withdrawal_completed_date": day(on["withdrawal_completed"]),
        "first_event_year": int(on.min().year),
        "n_events": len(events),
    }


def story_timeline(events: pd.DataFrame) -> go.Figure:
    """Every dated event of the story, one row per stage; a click opens the stage's chapter."""
    frame = events.sort_values(["date", "event_id"]).assign(
        stage_name=lambda f: f["stage"].map(lambda s: STAGES[s][1]),
        link=lambda f: f["stage"].map(stage_link),
        when=lambda f: [day(d) + (f", {clock(t)}" if pd.notna(t) else "") for d, t in zip(f["date"], f["time"])],
    )
    background = frame[frame["date"] < BACKGROUND_END]
    recent = frame[frame["date"] >= BACKGROUND_END]
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.16, 0.84], horizontal_spacing=0.03)
    for colour, (stage, (_, name)) in zip(PALETTE, STAGES.items()):
        for col, part in ((1, background), (2, recent)):
            rows = part[part["stage"] == stage]
            if rows.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=rows["date"], y=rows["stage_name"], mode="markers", name=name, legendgroup=stage,
                    showlegend=False, marker=dict(size=11, color=colour, line=dict(width=1, color="white")),
                    customdata=rows[["label", "when", "publisher", "link"]].to_numpy(),
                    meta={"link": 3},  # which customdata column holds the chapter link (karabakh.js)
                    hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Source: %{customdata[2]}"
                    "<br><i>Click to open the chapter</i><extra></extra>",
                ),
                row=1, col=col,
            )
    names = [name for _, name in STAGES.values()]
    fig.update_yaxes(categoryorder="array", categoryarray=names[::-1], title=None, showgrid=True)
    label_rows(fig, names, xref="x2 domain")  # row names above the dots of the wide panel
    fig.update_xaxes(showgrid=True, gridcolor="#EEEEEE", tickangle=0)
    # One tick naming the whole compressed span: year ticks do not fit in the narrow panel on a phone.
    span = background["date"].min() + (background["date"].max() - background["date"].min()) / 2
    fig.update_xaxes(row=1, col=1, tickvals=[span], ticktext=[f"{background['date'].min().year}–<br>{background['date'].max().year}"], ticklabeloverflow="allow", range=[background["date"].min() - pd.Timedelta(days=400), background["date"].max() + pd.Timedelta(days=400)])
    fig.update_xaxes(
        row=1, col=2, tickformat="%Y", dtick="M12",
        range=[recent["date"].min() - pd.Timedelta(days=60), recent["date"].max() + pd.Timedelta(days=60)],
        title=dict(text="Date of the event", standoff=6),
    )
    fig.update_layout(height=420, hovermode="closest", margin=dict(l=8, r=12, t=16, b=8))
    busiest = frame.groupby("stage_name").size().idxmax()
    return furnish(
        fig,
        title=f"{len(frame)} dated events from {frame['date'].min().year} to {frame['date'].max().year}, most of them in the four years after the 2020 war",
        subtitle="Every event the book dates, by stage of the story; the left panel compresses the decades before 2020",
        source=f"Event dates as reported by {outlets(frame)}; each event's source is in its hover label and the table.",
        description=(
            f"A dot chart with one row per stage of the story, from the war and ceasefire at the top to the withdrawal at the bottom. The left panel holds {len(background)} events between "
            f"{background['date'].min().year} and {background['date'].max().year}; the right panel {len(recent)} events between "
            f"{day(recent['date'].min())} and {day(recent['date'].max())}. The {busiest.lower()} row holds the most events. "
            "Each dot opens its chapter when clicked; the chapter list below the chart gives the same links."
        ),
        notes=(
            "The two panels have different time scales: a year in the left panel is far narrower than in the right.",
            "Events are dated to the day; times, where a source gives one, are local (UTC+4).",
        ),
        data=frame.assign(date=frame["date"].dt.strftime("%Y-%m-%d"))[["date", "when", "stage_name", "label", "description", "publisher", "url"]].rename(
            columns={"stage_name": "stage", "url": "source URL"}
        ),
        datasets=("timeline_events",),
    )
