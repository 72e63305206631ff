"""Charts and key figures of the Russian contingent's withdrawal (April–June 2024).

Builders take validated frames (``data.load`` + ``data.with_sources``) and return furnished
figures; headlines and prose figures are computed from the data, never typed.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..facts import deployment_metric
from ..style import MUTED, PALETTE, SIDE_COLOURS, event_marker, furnish
from ..words import N_, Said, day, outlets, say, say_plotly

DEPLOYMENT = "peacekeeping_deployment"
EVENTS = "timeline_events"
MANDATE = "peacekeeping_mandate_2020"
FOOTPRINT_EVENTS = ("blockade_begins", "offensive_begins", "withdrawal_confirmed_kremlin", "withdrawal_completed")

# Who told each part of the story: the publisher's side (sources.publisher_side), not whose figure.
PUBLISHER_LABELS = Said({
    "azerbaijani": N_("Azerbaijani"),
    "armenian": N_("Armenian"),
    "russian": N_("Russian"),
    "independent": N_("Independent"),
    "other": N_("Reposts and aggregators"),
    "nk_de_facto": N_("De-facto Karabakh"),
    "icrc_un": N_("ICRC / UN"),
})
PUBLISHER_COLOURS = {**SIDE_COLOURS, "other": PALETTE[6]}


def _link(row: pd.Series) -> str:
    return f"[{row['publisher']}]({row['url']})"


def withdrawal_key_figures(deployment: pd.DataFrame, events: pd.DataFrame, mandate: pd.DataFrame) -> dict:
    """The numbers, dates and source links the withdrawal chapter's prose quotes: dates as
    timestamps (each edition writes them its own way when they are glued), counts as numbers."""
    ev = events.set_index("event_id")
    posts = deployment_metric(deployment, "observation_posts")
    peak = posts[posts["value"] == posts["value"].max()]
    last = posts.iloc[-1]
    before_peak = posts[(posts["date"] < peak["date"].min()) & (posts["value"] < posts["value"].max())].iloc[-1]
    permanent = deployment_metric(deployment, "posts_closed_permanent_cumulative").iloc[-1]
    temporary = deployment_metric(deployment, "posts_closed_temporary_cumulative").iloc[-1]
    checkpoints = deployment_metric(deployment, "road_checkpoints_removed_cumulative").iloc[-1]
    staff = deployment_metric(deployment, "monitoring_centre_personnel_per_side").iloc[-1]
    start, completed = ev.loc["withdrawal_confirmed_kremlin", "date"], ev.loc["withdrawal_completed", "date"]
    ceasefire = ev.loc["ceasefire_2020", "date"]
    term_years = int(mandate.loc[mandate["term_id"] == "term_years", "quantity"].iloc[0])
    term_end = ceasefire + pd.DateOffset(years=term_years)  # our calculation from the statement's clause 4
    early = (term_end.year - completed.year) * 12 + term_end.month - completed.month - (completed.day > term_end.day)
    return {
        "dadivank_date": ev.loc["dadivank_left", "date"],
        "dadivank_source": _link(ev.loc["dadivank_left"]),
        "turan_start_date": ev.loc["withdrawal_first_reported", "date"],
        "kremlin_date": start,
        "kremlin_source": _link(ev.loc["withdrawal_confirmed_kremlin"]),
        "hajiyev_source": _link(ev.loc["withdrawal_confirmed_baku"]),
        "centre_announced_date": ev.loc["monitoring_centre_closure_announced", "date"],
        "centre_closed_date": ev.loc["monitoring_centre_closes", "date"],
        "centre_opened_date": ev.loc["monitoring_centre_opens", "date"],
        "centre_staff_per_side": int(staff["value"]),
        "convoy_date": ev.loc["convoy_into_armenia", "date"],
        "khojaly_date": ev.loc["khojaly_base_ceremony", "date"],
        "completed_date": completed,
        "completed_source": _link(ev.loc["withdrawal_completed"]),
        "days_confirmed_to_completed": int((completed - start).days),
        "first_posts": int(posts.iloc[0]["value"]),
        "first_posts_date": posts.iloc[0]["date"],
        "peak_posts": int(peak["value"].iloc[0]),
        "peak_first_date": peak["date"].min(),
        "peak_last_date": peak["date"].max(),
        "posts_before_peak": int(before_peak["value"]),
        "posts_before_peak_date": before_peak["date"],
        "last_posts": int(last["value"]),
        "last_posts_date": last["date"],
        "closed_permanent": int(permanent["value"]),
        "closed_temporary": int(temporary["value"]),
        "closed_as_of": permanent["date"],
        "checkpoints_removed": int(checkpoints["value"]),
        "checkpoints_date": checkpoints["date"],
        "checkpoints_source": f"[{checkpoints['publisher']}]({checkpoints['url']})",
        "term_years": term_years,
        "term_end": term_end,
        "months_early": int(early),
    }


def posts_footprint(deployment: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """Observation posts manned, figure by figure, with the unknown stretches left visible.

    A count is known only on the days it was published: equal neighbours are joined by a solid
    line, a change between two figures by a dotted one (it happened some time in between), and
    after the last count the chart shows a shaded gap rather than a guess.
    """
    posts = deployment_metric(deployment, "observation_posts").reset_index(drop=True)
    posts = posts.assign(when=posts["date"].map(day))
    steady, changed = ([], []), ([], [])
    for (_, a), (_, b) in zip(posts.iloc[:-1].iterrows(), posts.iloc[1:].iterrows()):
        xs, ys = steady if a["value"] == b["value"] else changed
        xs += [a["date"], b["date"], None]
        ys += [int(a["value"]), int(b["value"]), None]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=posts["date"], y=posts["value"].astype(int), mode="markers", name=say("Published count"),
            marker=dict(size=8, color=PALETTE[3], line=dict(width=1, color="white")),
            customdata=posts[["when", "publisher", "confidence"]].astype(str).to_numpy(),
            hovertemplate=say_plotly(
                "%{customdata[0]}<br><b>%{y} observation posts</b>"
                "<br>Russian defence ministry figure, published by %{customdata[1]} (confidence: %{customdata[2]})<extra></extra>"
            ),
        )
    )
    fig.add_trace(go.Scatter(x=steady[0], y=steady[1], mode="lines", name=say("Same count reported again"),
                             line=dict(color=PALETTE[3], width=2), hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=changed[0], y=changed[1], mode="lines", name=say("Changed on an unknown date in between"),
                             line=dict(color=PALETTE[3], width=1.5, dash="dot"), hoverinfo="skip"))
    marked = events[events["event_id"].isin(FOOTPRINT_EVENTS)].sort_values("date")
    last = posts.iloc[-1]
    end = marked["date"].max()
    fig.add_vrect(x0=last["date"], x1=end, fillcolor=MUTED, opacity=0.12, line_width=0, layer="below")
    fig.add_annotation(x=last["date"] + (end - last["date"]) / 2, y=0.04, yref="paper", text=say("no count<br>found"),
                       showarrow=False, font=dict(size=11, color=MUTED))
    for _, event in marked.iterrows():
        event_marker(fig, event["date"], say("{date:short} {date:year}: {event}", date=event["date"], event=event["label"]))
    fig.update_layout(
        height=440,
        xaxis=dict(title=say("Date"), range=[posts["date"].min() - pd.Timedelta(days=30), end + pd.Timedelta(days=30)]),
        yaxis=dict(title=say("Observation posts manned"), rangemode="tozero", range=[0, posts["value"].max() * 1.15]),
    )
    peak = int(posts["value"].max())
    conflicts = posts[posts.duplicated("date", keep=False)]
    counts = "; ".join(say("{date}, {posts}", date=r["when"], posts=int(r["value"])) for _, r in posts.iterrows())
    lines = "; ".join(say("{date:day}, {event}", date=e["date"], event=e["label"]) for _, e in marked.iterrows())
    return furnish(
        fig,
        title=say(
            "The peacekeepers' posts grew from {first} to {peak}, then fell to {last} by {date:day}; after that, no count was found",
            first=int(posts.iloc[0]["value"]), peak=peak, last=int(last["value"]), date=last["date"],
        ),
        subtitle=say("Russian observation posts in Nagorno-Karabakh and the Lachin corridor, as the Russian defence ministry counted them"),
        source=say("Russian defence ministry bulletins and briefings, as published by {outlets}; event dates: {event_outlets}.",
                   outlets=outlets(posts), event_outlets=outlets(marked)),
        description=say(
            "Dots mark each published count of observation posts: {counts}. After {last:day} a shaded band runs to {end:day}, "
            "when Azerbaijan said the withdrawal was complete: no post count was found for that stretch. Dotted lines mark: {events}.",
            counts=counts, last=last["date"], end=end, events=lines,
        ),
        notes=(
            say("Between two published counts the number is not known; a dotted line means it changed at some date in between, not gradually."),
            *(
                say("On {date:day} two sources give different counts ({counts}); both are shown.",
                    date=d, counts=", ".join(str(int(v)) for v in g["value"]))
                for d, g in conflicts.groupby("date")
            ),
            *(
                say("Temporary posts (such as the {posts} set up in the Lachin corridor by {date:day}) "
                    "are counted separately by the ministry and are not in this line.", posts=int(t["value"]), date=t["date"])
                for _, t in deployment_metric(deployment, "temporary_posts_lachin_corridor").head(1).iterrows()
            ),
            say("No count was found after {date:day}, so the chart does not draw the last posts closing.", date=last["date"]),
        ),
        data=posts[["when", "value", "publisher", "url", "confidence", "note"]].rename(
            columns={"when": N_("date"), "value": N_("observation posts"), "url": N_("source URL")}
        ),
        datasets=(DEPLOYMENT, EVENTS),
    )


def withdrawal_timeline(events: pd.DataFrame) -> go.Figure:
    """The withdrawal's dated events, one row each, coloured by who reported them."""
    frame = events[events["stage"] == "withdrawal"].sort_values(["date", "event_id"]).reset_index(drop=True)
    frame = frame.assign(
        row=range(len(frame)), when=frame["date"].map(day),
        # Two short lines rather than one long one: every label fits beside its dot on a phone.
        text=[say("{date:short}<br>{event}", date=d, event=label) for d, label in zip(frame["date"], frame["label"])],
        reporter=frame["publisher_side"].map(PUBLISHER_LABELS),
        cited=frame["cites"].fillna("").map(lambda c: say(", citing {source}", source=c) if c else ""),
    )
    start, end = frame["date"].min() - pd.Timedelta(days=6), frame["date"].max() + pd.Timedelta(days=6)
    middle = start + (end - start) / 2
    fig = go.Figure()
    for side, group in frame.groupby("publisher_side", sort=False):
        fig.add_trace(
            go.Scatter(
                x=group["date"], y=group["row"], mode="markers+text", name=PUBLISHER_LABELS[side],
                marker=dict(size=11, color=PUBLISHER_COLOURS[side], line=dict(width=1, color="white")),
                text=group["text"], textfont=dict(size=12),
                textposition=["middle right" if d < middle else "middle left" for d in group["date"]],
                customdata=group[["when", "description", "publisher", "cited"]].astype(str).to_numpy(),
                hovertemplate=say_plotly(
                    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Reported by %{customdata[2]}%{customdata[3]}<extra></extra>"
                ),
                cliponaxis=False,
            )
        )
    fig.update_layout(
        height=470,
        xaxis=dict(title=say("Date (2024)"), range=[start, end], tickformat=say_plotly("%-d %b"), nticks=6, showgrid=True),
        yaxis=dict(title=None, autorange="reversed", showticklabels=False, showgrid=False, ticks=""),
        legend=dict(title=dict(text=say("Reported by outlets that are:"), side="top")),
    )
    confirmed = frame[frame["event_id"] == "withdrawal_confirmed_kremlin"].iloc[0]
    completed = frame[frame["event_id"] == "withdrawal_completed"].iloc[0]
    first = frame.iloc[0]
    reported = "; ".join(
        say("{date}: {event} (reported by {publisher})", date=r["when"], event=r["description"], publisher=r["publisher"])
        for _, r in frame.iterrows()
    )
    return furnish(
        fig,
        title=say(
            "{days} days from the Kremlin's confirmation to Azerbaijan's word that the last peacekeepers had gone",
            days=(completed["date"] - confirmed["date"]).days,
        ),
        subtitle=say("What was reported about the Russian withdrawal, {first:short} to {last:day}, and by whom",
                     first=first["date"], last=completed["date"]),
        source=f"{outlets(frame, shown=4)}.",
        description=say("Events in date order: {events}.", events=reported),
        notes=(
            say("The completion on {date:day} rests on a statement by {source}; no Russian statement of completion was found.",
                date=completed["date"], source=completed["cites"] or completed["publisher"]),
            say("Colour shows the outlet's side (who reported the event), not who took part in it."),
            say("Numbers of troops and vehicles withdrawn were never published; the chart shows only dated events."),
        ),
        data=frame[["when", "label", "description", "publisher", "cites", "url"]].rename(
            columns={"when": N_("date"), "label": N_("event"), "description": N_("description"), "url": N_("source URL"),
                     "cites": N_("publisher cites")}
        ),
        datasets=(EVENTS,),
    )
