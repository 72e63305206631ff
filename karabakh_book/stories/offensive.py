"""Charts and key figures of the offensive of 19 September 2023 and the end of the republic.

Every builder takes validated frames (``data.load`` + ``data.with_sources``) and returns a
furnished figure; headlines are computed from the data, never typed. Casualty figures are
each side's own, shown as published with their date; the two sides' counts are never added.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..data import local_timestamps
from ..style import PALETTE, SIDE_COLOURS, SIDE_LABELS, furnish, label_rows
from ..words import N_, Said, both_names, clock, day, figure_label, mid_sentence, outlets, say, say_plotly, short_day

CASUALTIES = "offensive_2023_casualties"
EVENTS = "timeline_events"
OFFENSIVE = "offensive_2023_09_19"
FUEL_DEPOT = "fuel_depot_2023_09_25"
WINDOW_DAYS = 30  # events this many days after the offensive are drawn; later ones are listed
# The keys (side affected, metric) drive the panels, their order and the bars in both editions;
# only the labels are said in the reader's language.
AFFECTED = Said({"azerbaijani": N_("Azerbaijani losses"), "karabakh_armenian": N_("Karabakh Armenian losses")})
CATEGORIES = Said({  # metric -> label, in the order the chart lists them
    "killed_total": N_("Killed, all"),
    "military_killed": N_("Killed, military"),
    "civilians_killed": N_("Killed, civilians"),
    "wounded_total": N_("Wounded, all"),
    "military_wounded": N_("Wounded, military"),
    "missing_total": N_("Missing, all"),
})


def _dated(value) -> pd.Timestamp | str:
    """The date a figure refers to, or the words for a figure published without one."""
    return say("date not given") if pd.isna(value) else pd.Timestamp(value)


def _as_of(value) -> str:
    return say("date not given") if pd.isna(value) else day(pd.Timestamp(value))


def _short_as_of(value) -> str:
    return say("no date") if pd.isna(value) else short_day(pd.Timestamp(value))


def _after(days: int) -> str:
    """'the same day', 'the next day' or '3 days later'."""
    if days == 0:
        return say("the same day")
    if days == 1:
        return say("the next day")
    return say("{days} days later", days=days)


def casualty_table(casualties: pd.DataFrame) -> pd.DataFrame:
    """The offensive's figures, each with its wording, and whether the chart draws it as a bar.

    Counts only grow as bodies are found and identified, so for each side, category and
    source side the chart draws the highest figure published; the lower, earlier ones stay
    in the table.
    """
    frame = casualties[casualties["event"] == OFFENSIVE].copy()
    frame["label"] = [figure_label(v, a, n) for v, a, n in zip(frame["value"], frame["approximate"], frame["note"])]
    frame["as of"] = frame["as_of"].map(_as_of)
    frame["whose figure"] = frame["figure_side"].map(SIDE_LABELS)
    frame["category"] = frame["metric"].map(CATEGORIES)
    eligible = frame[frame["category"].notna()]
    highest = eligible.sort_values("value").groupby(["side_affected", "metric", "figure_side"]).tail(1).index
    frame["drawn"] = frame.index.isin(highest)
    return frame


def offensive_key_figures(casualties: pd.DataFrame, events: pd.DataFrame) -> dict:
    """The numbers and dates the chapter's prose quotes, all read off the data."""
    dates = events.set_index("event_id")
    start, ceasefire = dates.loc["offensive_begins"], dates.loc["ceasefire_2023"]
    decree, end = dates.loc["dissolution_decree"], dates.loc["republic_ceases"]
    table = casualty_table(casualties)

    def pick(side_affected: str, metric: str, figure_side: str, as_of=None, highest=True) -> pd.Series:
        rows = table[(table["side_affected"] == side_affected) & (table["metric"] == metric) & (table["figure_side"] == figure_side)]
        if as_of is not None:
            rows = rows[rows["as_of"] == as_of]
        return rows.sort_values("value").iloc[-1 if highest else 0]

    first_night = start["date"].strftime("%Y-%m-%d")
    az_first = pick("azerbaijani", "military_killed", "azerbaijani", highest=False)
    az_last = pick("azerbaijani", "military_killed", "azerbaijani")
    nk_first = pick("karabakh_armenian", "killed_total", "nk_de_facto", as_of=first_night)
    nk_next = pick("karabakh_armenian", "killed_total", "nk_de_facto")
    am_total = pick("karabakh_armenian", "killed_total", "armenian")
    am_military = pick("karabakh_armenian", "military_killed", "armenian")
    am_civilians = pick("karabakh_armenian", "civilians_killed", "armenian")
    depot = casualties[(casualties["event"] == FUEL_DEPOT) & (casualties["metric"] == "killed_total")].sort_values("value").iloc[-1]
    return {
        "offensive_date": start["date"],
        "ceasefire_date": ceasefire["date"],
        "ceasefire_time": clock(ceasefire["time"]),
        "ceasefire_publisher": str(ceasefire["publisher"]),
        "days_offensive_to_ceasefire": int((ceasefire["date"] - start["date"]).days),
        "ceasefire_after": _after(int((ceasefire["date"] - start["date"]).days)),
        "yevlakh_date": dates.loc["yevlakh_talks", "date"],
        "weapons_date": dates.loc["weapons_handover_begins", "date"],
        "decree_date": decree["date"],
        "end_date": end["date"],
        "days_offensive_to_decree": int((decree["date"] - start["date"]).days),
        "days_decree_to_end": int((end["date"] - decree["date"]).days),
        "leaders_detained_date": dates.loc["ex_leaders_detained", "date"],
        "flag_date": dates.loc["flag_raised_stepanakert", "date"],
        "az_killed_first": int(az_first["value"]),
        "az_killed_first_date": _dated(az_first["as_of"]),
        "az_killed_last": az_last["label"],
        "az_killed_last_date": _dated(az_last["as_of"]),
        "az_wounded": pick("azerbaijani", "military_wounded", "azerbaijani")["label"],
        "az_civilians_killed": pick("azerbaijani", "civilians_killed", "azerbaijani")["label"],
        "nk_first_killed": nk_first["label"],
        "nk_first_civilians": pick("karabakh_armenian", "civilians_killed", "nk_de_facto", as_of=first_night)["label"],
        "nk_next_killed": nk_next["label"],
        "nk_next_date": _dated(nk_next["as_of"]),
        "nk_next_wounded": pick("karabakh_armenian", "wounded_total", "nk_de_facto")["label"],
        "am_total_killed": am_total["label"],
        "am_military_killed": am_military["label"],
        "am_civilians_killed": am_civilians["label"],
        "am_parts_add_up": say("add up to") if int(am_military["value"]) + int(am_civilians["value"]) == int(am_total["value"]) else say("do not add up to"),
        "am_missing": pick("karabakh_armenian", "missing_total", "armenian")["label"],
        "am_wounded": pick("karabakh_armenian", "wounded_total", "armenian")["label"],
        "n_undated": int(table["as_of"].isna().sum()),
        "n_figures": len(table),
        "depot_killed": figure_label(depot["value"], depot["approximate"], depot["note"]),
        "depot_date": pd.Timestamp(depot["as_of"]),
        "days_ceasefire_to_depot": int((dates.loc["fuel_depot_explosion", "date"] - ceasefire["date"]).days),
    }


def offensive_timeline(events: pd.DataFrame) -> go.Figure:
    """Day by day from the offensive to the decree and its aftermath, one row per event."""
    stage = events[events["stage"] == "offensive"].copy()
    stage["at"] = local_timestamps(stage)
    stage["placed"] = stage["at"].fillna(stage["date"].dt.tz_localize("+04:00"))
    stage = stage.sort_values("placed")
    start = stage.set_index("event_id").loc["offensive_begins"]
    horizon = start["date"] + pd.Timedelta(days=WINDOW_DAYS)
    stage["when"] = [
        say("{date:day}, {time:clock} local time", date=d, time=t) if pd.notna(t) else say("{date:day}, time not reported", date=d)
        for d, t in zip(stage["date"], stage["time"])
    ]
    stage["drawn"] = stage["date"] <= horizon
    stage["row"] = stage["label"].map(both_names)
    shown, later = stage[stage["drawn"]], stage[~stage["drawn"]]
    fig = go.Figure()
    for timed, marker, name in ((True, dict(symbol="diamond", size=12, color=PALETTE[1]), N_("Time of day published")),
                                (False, dict(symbol="circle", size=10, color=PALETTE[0]), N_("Date only"))):
        points = shown[shown["time"].notna() == timed]
        if points.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=points["placed"], y=points["row"], mode="markers", name=say(name), marker=marker,
                customdata=points[["when", "description", "publisher"]].astype(str).to_numpy(),
                hovertemplate=say_plotly("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Source: %{customdata[2]}<extra></extra>"),
            )
        )
    decree = stage.set_index("event_id").loc["dissolution_decree"]
    axis_end = shown["placed"].max() + pd.Timedelta(days=3)
    for _, event in later[later["event_id"] == "republic_ceases"].iterrows():
        # The decree's effect lies beyond the axis: an arrow along the decree's row points to it.
        fig.add_annotation(
            x=axis_end, y=decree["row"], ax=decree["placed"], ay=decree["row"], xref="x", yref="y", axref="x", ayref="y",
            showarrow=True, arrowhead=2, arrowwidth=1.5, arrowcolor=PALETTE[0], text="",
        )
        fig.add_annotation(
            x=axis_end, y=decree["row"], xref="x", yref="y", text=say("in force {date:short} {date:year} →", date=event["date"]),
            showarrow=False, xanchor="right", yanchor="top", yshift=-4, font=dict(size=11, color=PALETTE[0]),
        )
    days_to_decree = int((decree["date"] - start["date"]).days)
    ceasefire = stage.set_index("event_id").loc["ceasefire_2023"]
    fig.update_layout(
        height=420,
        xaxis=dict(title=say("Date (2023), local time"), tickformat=say_plotly("%-d %b"), range=[start["placed"] - pd.Timedelta(days=1), axis_end],
                   tick0=start["date"], dtick=7 * 24 * 3600 * 1000),
        yaxis=dict(title=None, categoryorder="array", categoryarray=list(shown["row"]), autorange="reversed", showgrid=False),
    )
    label_rows(fig, shown["row"])
    gap = int((ceasefire["date"] - start["date"]).days)
    if gap == 0:
        after = say("the day it began")
    elif gap == 1:
        after = say("the day after it began")
    else:
        after = say("{days} days after it began", days=gap)
    if pd.notna(ceasefire["time"]):
        title = say("The fighting stopped at {time:clock} {after}; {days} days later the republic's dissolution was decreed",
                    time=ceasefire["time"], after=after, days=days_to_decree)
    else:
        title = say("The fighting stopped {after}; {days} days later the republic's dissolution was decreed", after=after, days=days_to_decree)
    events_said = "; ".join(say("{date}: {event}", date=r["when"], event=r["description"].rstrip(".")) for _, r in stage.iterrows())
    return furnish(
        fig,
        title=title,
        subtitle=say("From the offensive of 19 September 2023 to the end of the unrecognised Republic of Nagorno-Karabakh (Artsakh), one row per event"),
        source=say("Event dates and times as reported by {outlets}.", outlets=outlets(stage)),
        description=say("A timeline, one row per event: {events}.", events=events_said),
        notes=(
            say("Only the ceasefire was reported with a time of day (local time, UTC+4); the other events are placed at the start of their day."),
            *(
                say("{event} ({date:day}) lies beyond the axis; the arrow on the decree's row points to it.", event=r["label"], date=r["date"])
                if r["event_id"] == "republic_ceases"
                else say("{event} ({date:day}) lies beyond the axis.", event=r["label"], date=r["date"])
                for _, r in later.iterrows()
            ),
            say("'Anti-terrorist measures' is the Azerbaijani government's term for the operation, quoted here, not adopted."),
        ),
        data=stage[["when", "row", "description", "drawn", "publisher", "url"]].rename(
            columns={"when": N_("date"), "row": N_("event"), "description": N_("description"), "drawn": N_("on the axis"), "url": N_("source URL")}
        ),
        datasets=(EVENTS,),
    )


def offensive_casualties(casualties: pd.DataFrame) -> go.Figure:
    """Each side's dead, wounded and missing, each bar one side's highest published figure."""
    table = casualty_table(casualties)
    bars = table[table["drawn"]].copy()
    order = list(CATEGORIES)
    bars["rank"] = bars["metric"].map(order.index)
    bars = bars.sort_values(["rank", "figure_side"])
    bars["row"] = "<b>" + bars["category"] + "</b> · " + bars["whose figure"]
    bars["text"] = bars["label"] + " · " + bars["as_of"].map(_short_as_of)
    counts = bars.groupby("side_affected").size()
    panels = [side for side in AFFECTED if side in counts.index]
    fig = make_subplots(
        rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=0.14,
        row_heights=[int(counts[side]) for side in panels], subplot_titles=[AFFECTED[side] for side in panels],
    )
    widest = float(bars["value"].max())
    legend_seen = set()
    for number, side_affected in enumerate(panels, start=1):
        rows = bars[bars["side_affected"] == side_affected]
        for figure_side, group in rows.groupby("figure_side", sort=False):
            fig.add_trace(
                go.Bar(
                    x=group["value"].astype(int), y=group["row"], orientation="h", name=SIDE_LABELS[figure_side],
                    legendgroup=figure_side, showlegend=figure_side not in legend_seen,
                    marker=dict(color=SIDE_COLOURS[figure_side],
                                pattern=dict(shape=["/" if a else "" for a in group["approximate"]], fgcolor="white", fillmode="overlay", solidity=0.25)),
                    text=group["text"], textposition=["inside" if v > widest * 0.6 and not a else "outside" for v, a in zip(group["value"], group["approximate"])],
                    insidetextanchor="end", insidetextfont=dict(color="white"), cliponaxis=False,
                    customdata=group[["label", "category", "whose figure", "as of", "publisher"]].astype(str).to_numpy(),
                    hovertemplate=say_plotly("<b>%{customdata[0]}</b> (%{customdata[1]})<br>Whose figure: %{customdata[2]}"
                                             "<br>As of: %{customdata[3]}<br>Published by %{customdata[4]}<extra></extra>"),
                ),
                row=number, col=1,
            )
            legend_seen.add(figure_side)
        fig.update_yaxes(categoryorder="array", categoryarray=list(rows["row"]), autorange="reversed", row=number, col=1)
    fig.update_xaxes(range=[0, widest * 1.75], rangemode="tozero", showgrid=True)
    fig.update_xaxes(title_text=say("Persons"), row=len(panels), col=1)
    fig.update_annotations(font=dict(size=14), x=0, xanchor="left", yshift=24)  # the panel titles, clear of the first row label
    for number, side_affected in enumerate(panels, start=1):
        suffix = "" if number == 1 else str(number)
        label_rows(fig, bars.loc[bars["side_affected"] == side_affected, "row"], yref=f"y{suffix}", xref=f"x{suffix} domain", shift=9)
    fig.update_layout(height=560, bargap=0.5, showlegend=False)
    az = bars[(bars["side_affected"] == "azerbaijani") & (bars["metric"] == "military_killed")].iloc[0]
    ka = bars[(bars["side_affected"] == "karabakh_armenian") & (bars["metric"] == "killed_total")].sort_values("value").iloc[-1]
    hidden = table[~table["drawn"]]
    panel_texts = []
    for s in panels:
        figures = "; ".join(
            say("{category} {figure} ({whose}, {as_of})", category=mid_sentence(r["category"]), figure=r["label"], whose=r["whose figure"], as_of=r["as of"])
            for _, r in bars[bars["side_affected"] == s].iterrows()
        )
        panel_texts.append(say("{panel}: {figures}.", panel=AFFECTED[s], figures=figures))
    return furnish(
        fig,
        title=say("Azerbaijan reported {az} servicemen killed; the {whose}'s count of Karabakh Armenian dead reached {ka}",
                  az=az["label"], whose=ka["whose figure"], ka=ka["label"]),
        subtitle=say("Killed, wounded and missing in the offensive of 19–20 September 2023, each side's own figures, with the date each refers to"),
        source=say("Figures of the Azerbaijani government, the de-facto Karabakh authorities and the Armenian government, as published by {outlets}.",
                   outlets=outlets(table)),
        description=say("Horizontal bars in two panels. {panels}", panels=" ".join(panel_texts)),
        notes=(
            say("Each side counts its own dead; the two panels are not comparable and are never added."),
            say("For each side, category and source the bar shows the highest figure published. The table holds all "
                "{figures} figures, including the {hidden} not drawn: earlier, lower counts such as the first night's, and breakdowns.",
                figures=len(table), hidden=len(hidden)),
            say("Hatched bars are qualified figures ('at least', 'more than', 'about'); the label gives the source's word."),
            say("{undated} figures were published without the date they refer to ('no date'); none has been given one.",
                undated=int(table["as_of"].isna().sum())),
            say("The explosion at a fuel depot on 25 September 2023 is a separate event and is not included."),
        ),
        data=table[["side_affected", "category", "metric", "label", "whose figure", "as of", "drawn", "publisher", "url", "confidence", "note"]].rename(
            columns={"side_affected": N_("losses of"), "category": N_("category"), "metric": N_("metric"), "label": N_("figure"),
                     "whose figure": N_("whose figure"), "as of": N_("as of"), "drawn": N_("shown as bar"), "url": N_("source URL")}
        ),
        datasets=(CASUALTIES,),
    )
