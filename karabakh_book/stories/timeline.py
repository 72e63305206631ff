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
from ..words import N_, day, mid_sentence, outlets, say, say_plotly

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
        "exodus_final_date": final["date"],
        "withdrawal_confirmed_date": on["withdrawal_confirmed_kremlin"],
        "withdrawal_completed_date": on["withdrawal_completed"],
        "first_event_year": int(on.min().year),
        "n_events": len(events),
    }


def _when(dates: pd.Series, times: pd.Series) -> list[str]:
    """'10 November 2020, 01:00' where a source gives a time (local, UTC+4), else the day alone."""
    return [say("{date:day}, {time:clock}", date=d, time=t) if pd.notna(t) else day(d) for d, t in zip(dates, times)]


def story_timeline(events: pd.DataFrame) -> go.Figure:
    """Every dated event of the story, one row per stage; a click opens the stage's chapter."""
    # The rows are the stages' names in the reader's language (the y categories and the row labels
    # alike); which stage a point belongs to, its colour and its link follow the neutral ``stage``.
    names = {stage: say(name) for stage, (_, name) in STAGES.items()}
    frame = events.sort_values(["date", "event_id"]).assign(
        stage_name=lambda f: f["stage"].map(names),
        link=lambda f: f["stage"].map(stage_link),
        when=lambda f: _when(f["date"], f["time"]),
    )
    background = frame[frame["date"] < BACKGROUND_END]
    recent = frame[frame["date"] >= BACKGROUND_END]
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.16, 0.84], horizontal_spacing=0.03)
    hover = say_plotly(
        "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Source: %{customdata[2]}"
        "<br><i>Click to open the chapter</i><extra></extra>"
    )
    for colour, stage in zip(PALETTE, STAGES):
        for col, part in ((1, background), (2, recent)):
            rows = part[part["stage"] == stage]
            if rows.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=rows["date"], y=rows["stage_name"], mode="markers", name=names[stage], legendgroup=stage,
                    showlegend=False, marker=dict(size=11, color=colour, line=dict(width=1, color="white")),
                    customdata=rows[["label", "when", "publisher", "link"]].to_numpy(),
                    meta={"link": 3},  # which customdata column holds the chapter link (karabakh.js)
                    hovertemplate=hover,
                ),
                row=1, col=col,
            )
    rows = list(names.values())
    fig.update_yaxes(categoryorder="array", categoryarray=rows[::-1], title=None, showgrid=True)
    label_rows(fig, rows, xref="x2 domain")  # row names above the dots of the wide panel
    fig.update_xaxes(showgrid=True, gridcolor="#EEEEEE", tickangle=0)
    # One tick naming the whole compressed span: year ticks do not fit in the narrow panel on a phone.
    first, last = background["date"].min(), background["date"].max()
    span = first + (last - first) / 2
    fig.update_xaxes(
        row=1, col=1, tickvals=[span], ticktext=[say("{start}–<br>{end}", start=first.year, end=last.year)], ticklabeloverflow="allow",
        range=[first - pd.Timedelta(days=400), last + pd.Timedelta(days=400)],
    )
    fig.update_xaxes(
        row=1, col=2, tickformat="%Y", dtick="M12",
        range=[recent["date"].min() - pd.Timedelta(days=60), recent["date"].max() + pd.Timedelta(days=60)],
        title=dict(text=say("Date of the event"), standoff=6),
    )
    fig.update_layout(height=420, hovermode="closest", margin=dict(l=8, r=12, t=16, b=8))
    # Counted by the neutral stage key, so both editions name the same row (the keys sort as the English names do).
    busiest = mid_sentence(names[frame.groupby("stage").size().idxmax()])
    return furnish(
        fig,
        title=say("{events} dated events from {start} to {end}, most of them in the four years after the 2020 war",
                  events=len(frame), start=frame["date"].min().year, end=frame["date"].max().year),
        subtitle=say("Every event the book dates, by stage of the story; the left panel compresses the decades before 2020"),
        source=say("Event dates as reported by {outlets}; each event's source is in its hover label and the table.", outlets=outlets(frame)),
        description=say(
            "A dot chart with one row per stage of the story, from the war and ceasefire at the top to the withdrawal at the bottom. "
            "The left panel holds {background} events between {background_start} and {background_end}; the right panel {recent} "
            "events between {recent_start:day} and {recent_end:day}. The {busiest} row holds the most events. "
            "Each dot opens its chapter when clicked; the chapter list below the chart gives the same links.",
            background=len(background), background_start=first.year, background_end=last.year, recent=len(recent),
            recent_start=recent["date"].min(), recent_end=recent["date"].max(), busiest=busiest,
        ),
        notes=(
            say("The two panels have different time scales: a year in the left panel is far narrower than in the right."),
            say("Events are dated to the day; times, where a source gives one, are local (UTC+4)."),
        ),
        data=frame.assign(date=frame["date"].dt.strftime("%Y-%m-%d"))[["date", "when", "stage_name", "label", "description", "publisher", "url"]].rename(
            columns={"when": N_("when"), "stage_name": N_("stage"), "label": N_("label"), "description": N_("description"), "url": N_("source URL")}
        ),
        datasets=("timeline_events",),
    )
