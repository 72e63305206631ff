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
from ..words import both_names, clock, day, figure_label, outlets, short_day

CASUALTIES = "offensive_2023_casualties"
EVENTS = "timeline_events"
OFFENSIVE = "offensive_2023_09_19"
FUEL_DEPOT = "fuel_depot_2023_09_25"
WINDOW_DAYS = 30  # events this many days after the offensive are drawn; later ones are listed
AFFECTED = {"azerbaijani": "Azerbaijani losses", "karabakh_armenian": "Karabakh Armenian losses"}
CATEGORIES = {  # metric -> label, in the order the chart lists them
    "killed_total": "Killed, all",
    "military_killed": "Killed, military",
    "civilians_killed": "Killed, civilians",
    "wounded_total": "Wounded, all",
    "military_wounded": "Wounded, military",
    "missing_total": "Missing, all",
}


def _as_of(value) -> str:
    return "date not given" if pd.isna(value) else day(pd.Timestamp(value))


def _short_as_of(value) -> str:
    return "no date" if pd.isna(value) else short_day(pd.Timestamp(value))


def _after(days: int) -> str:
    """'the same day', 'the next day' or '3 days later'."""
    return {0: "the same day", 1: "the next day"}.get(days, f"{days} days later")


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
        "offensive_date": day(start["date"]),
        "ceasefire_date": day(ceasefire["date"]),
        "ceasefire_time": clock(ceasefire["time"]),
        "ceasefire_publisher": str(ceasefire["publisher"]),
        "days_offensive_to_ceasefire": int((ceasefire["date"] - start["date"]).days),
        "ceasefire_after": _after(int((ceasefire["date"] - start["date"]).days)),
        "yevlakh_date": day(dates.loc["yevlakh_talks", "date"]),
        "weapons_date": day(dates.loc["weapons_handover_begins", "date"]),
        "decree_date": day(decree["date"]),
        "end_date": day(end["date"]),
        "days_offensive_to_decree": int((decree["date"] - start["date"]).days),
        "days_decree_to_end": int((end["date"] - decree["date"]).days),
        "leaders_detained_date": day(dates.loc["ex_leaders_detained", "date"]),
        "flag_date": day(dates.loc["flag_raised_stepanakert", "date"]),
        "az_killed_first": int(az_first["value"]),
        "az_killed_first_date": az_first["as of"],
        "az_killed_last": az_last["label"],
        "az_killed_last_date": az_last["as of"],
        "az_wounded": pick("azerbaijani", "military_wounded", "azerbaijani")["label"],
        "az_civilians_killed": pick("azerbaijani", "civilians_killed", "azerbaijani")["label"],
        "nk_first_killed": nk_first["label"],
        "nk_first_civilians": pick("karabakh_armenian", "civilians_killed", "nk_de_facto", as_of=first_night)["label"],
        "nk_next_killed": nk_next["label"],
        "nk_next_date": nk_next["as of"],
        "nk_next_wounded": pick("karabakh_armenian", "wounded_total", "nk_de_facto")["label"],
        "am_total_killed": am_total["label"],
        "am_military_killed": am_military["label"],
        "am_civilians_killed": am_civilians["label"],
        "am_parts_add_up": "add up to" if int(am_military["value"]) + int(am_civilians["value"]) == int(am_total["value"]) else "do not add up to",
        "am_missing": pick("karabakh_armenian", "missing_total", "armenian")["label"],
        "am_wounded": pick("karabakh_armenian", "wounded_total", "armenian")["label"],
        "n_undated": int(table["as_of"].isna().sum()),
        "n_figures": len(table),
        "depot_killed": figure_label(depot["value"], depot["approximate"], depot["note"]),
        "depot_date": day(pd.Timestamp(depot["as_of"])),
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
        f"{day(d)}, {clock(t)} local time" if pd.notna(t) else f"{day(d)}, time not reported"
        for d, t in zip(stage["date"], stage["time"])
    ]
    stage["drawn"] = stage["date"] <= horizon
    stage["row"] = stage["label"].map(both_names)
    shown, later = stage[stage["drawn"]], stage[~stage["drawn"]]
    fig = go.Figure()
    for timed, marker, name in ((True, dict(symbol="diamond", size=12, color=PALETTE[1]), "Time of day published"),
                                (False, dict(symbol="circle", size=10, color=PALETTE[0]), "Date only")):
        points = shown[shown["time"].notna() == timed]
        if points.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=points["placed"], y=points["row"], mode="markers", name=name, marker=marker,
                customdata=points[["when", "description", "publisher"]].astype(str).to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Source: %{customdata[2]}<extra></extra>",
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
            x=axis_end, y=decree["row"], xref="x", yref="y", text=f"in force {short_day(event['date'])} {event['date']:%Y} →",
            showarrow=False, xanchor="right", yanchor="top", yshift=-4, font=dict(size=11, color=PALETTE[0]),
        )
    days_to_decree = int((decree["date"] - start["date"]).days)
    ceasefire = stage.set_index("event_id").loc["ceasefire_2023"]
    fig.update_layout(
        height=420,
        xaxis=dict(title="Date (2023), local time", tickformat="%-d %b", range=[start["placed"] - pd.Timedelta(days=1), axis_end],
                   tick0=start["date"], dtick=7 * 24 * 3600 * 1000),
        yaxis=dict(title=None, categoryorder="array", categoryarray=list(shown["row"]), autorange="reversed", showgrid=False),
    )
    label_rows(fig, shown["row"])
    ceasefire_time = clock(ceasefire["time"])
    gap = int((ceasefire["date"] - start["date"]).days)
    after = {0: "the day it began", 1: "the day after it began"}.get(gap, f"{gap} days after it began")
    return furnish(
        fig,
        title=(
            f"The fighting stopped{f' at {ceasefire_time}' if ceasefire_time else ''} {after}; "
            f"{days_to_decree} days later the republic's dissolution was decreed"
        ),
        subtitle="From the offensive of 19 September 2023 to the end of the unrecognised Republic of Nagorno-Karabakh (Artsakh), one row per event",
        source=f"Event dates and times as reported by {outlets(stage)}.",
        description="A timeline, one row per event: "
        + "; ".join(f"{r['when']}: {r['description'].rstrip('.')}" for _, r in stage.iterrows())
        + ".",
        notes=(
            "Only the ceasefire was reported with a time of day (local time, UTC+4); the other events are placed at the start of their day.",
            *(
                f"{r['label']} ({day(r['date'])}) lies beyond the axis"
                + ("; the arrow on the decree's row points to it." if r["event_id"] == "republic_ceases" else ".")
                for _, r in later.iterrows()
            ),
            "'Anti-terrorist measures' is the Azerbaijani government's term for the operation, quoted here, not adopted.",
        ),
        data=stage[["when", "row", "description", "drawn", "publisher", "url"]].rename(
            columns={"when": "date", "row": "event", "drawn": "on the axis", "url": "source URL"}
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
                    hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})<br>Whose figure: %{customdata[2]}"
                    "<br>As of: %{customdata[3]}<br>Published by %{customdata[4]}<extra></extra>",
                ),
                row=number, col=1,
            )
            legend_seen.add(figure_side)
        fig.update_yaxes(categoryorder="array", categoryarray=list(rows["row"]), autorange="reversed", row=number, col=1)
    fig.update_xaxes(range=[0, widest * 1.75], rangemode="tozero", showgrid=True)
    fig.update_xaxes(title_text="Persons", row=len(panels), col=1)
    fig.update_annotations(font=dict(size=14), x=0, xanchor="left", yshift=24)  # the panel titles, clear of the first row label
    for number, side_affected in enumerate(panels, start=1):
        suffix = "" if number == 1 else str(number)
        label_rows(fig, bars.loc[bars["side_affected"] == side_affected, "row"], yref=f"y{suffix}", xref=f"x{suffix} domain", shift=9)
    fig.update_layout(height=560, bargap=0.5, showlegend=False)
    az = bars[(bars["side_affected"] == "azerbaijani") & (bars["metric"] == "military_killed")].iloc[0]
    ka = bars[(bars["side_affected"] == "karabakh_armenian") & (bars["metric"] == "killed_total")].sort_values("value").iloc[-1]
    hidden = table[~table["drawn"]]
    return furnish(
        fig,
        title=(
            f"Azerbaijan reported {az['label']} servicemen killed; the {ka['whose figure']}'s count of "
            f"Karabakh Armenian dead reached {ka['label']}"
        ),
        subtitle="Killed, wounded and missing in the offensive of 19–20 September 2023, each side's own figures, with the date each refers to",
        source=f"Figures of the Azerbaijani government, the de-facto Karabakh authorities and the Armenian government, as published by {outlets(table)}.",
        description="Horizontal bars in two panels. "
        + " ".join(
            f"{AFFECTED[s]}: "
            + "; ".join(f"{r['category'].lower()} {r['label']} ({r['whose figure']}, {r['as of']})" for _, r in bars[bars["side_affected"] == s].iterrows())
            + "."
            for s in panels
        ),
        notes=(
            "Each side counts its own dead; the two panels are not comparable and are never added.",
            "For each side, category and source the bar shows the highest figure published. The table holds all "
            f"{len(table)} figures, including the {len(hidden)} not drawn: earlier, lower counts such as the first night's, and breakdowns.",
            "Hatched bars are qualified figures ('at least', 'more than', 'about'); the label gives the source's word.",
            f"{int(table['as_of'].isna().sum())} figures were published without the date they refer to ('no date'); none has been given one.",
            "The explosion at a fuel depot on 25 September 2023 is a separate event and is not included.",
        ),
        data=table[["side_affected", "category", "metric", "label", "whose figure", "as of", "drawn", "publisher", "url", "confidence", "note"]].rename(
            columns={"side_affected": "losses of", "label": "figure", "drawn": "shown as bar", "url": "source URL"}
        ),
        datasets=(CASUALTIES,),
    )
