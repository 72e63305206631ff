"""Charts and key figures of the September–October 2023 exodus.

Every builder takes validated frames (``data.load`` + ``data.with_sources``) and returns a
furnished figure; headlines are computed from the data, never typed.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..data import local_timestamps
from ..style import PALETTE, SIDE_COLOURS, SIDE_LABELS, event_marker, furnish
from ..words import N_, mid_sentence, number, outlets, say, say_plotly, short_day

ARRIVALS = "displacement_arrivals_2023"
REGISTERED = "displacement_registered_2023"
POPULATION = "population_estimates_nk"
EVENTS = "timeline_events"
PRE_EXODUS_ESTIMATE = "pre_exodus_armenian_estimate"
REMAINING_AFTER = "remaining_after_exodus"
CURVE_EVENTS = ("offensive_begins", "ceasefire_2023", "first_arrivals", "fuel_depot_explosion", "dissolution_decree")


def _when(frame: pd.DataFrame) -> pd.Series:
    """How each figure is dated in hover labels and tables."""
    stamps = local_timestamps(frame)
    return pd.Series(
        [
            say("{date:day}, {time:time} Yerevan", date=d, time=t) if pd.notna(t) else say("{date:day}, time not reported", date=d)
            for d, t in zip(frame["date"], stamps)
        ],
        index=frame.index,
    )


def exodus_key_figures(
    arrivals: pd.DataFrame, registered: pd.DataFrame, population: pd.DataFrame, events: pd.DataFrame
) -> dict:
    """The numbers and dates the chapter's prose quotes, all read off the data."""
    final = arrivals.sort_values(["date", "cumulative_arrivals"]).iloc[-1]
    timed = arrivals.assign(at=local_timestamps(arrivals)).dropna(subset=["at"]).sort_values("at")
    first = timed.iloc[0]
    past_100k = arrivals[arrivals["cumulative_arrivals"] >= 100_000].sort_values("date").iloc[0]
    estimates = population.set_index("estimate_id")
    estimate = estimates.loc[PRE_EXODUS_ESTIMATE]
    remaining = estimates.loc[REMAINING_AFTER]
    reg_final = registered.sort_values(["date", "registered"]).iloc[-1]
    event_dates = events.set_index("event_id")["date"]
    return {
        "offensive_date": event_dates["offensive_begins"],
        "fuel_depot_date": event_dates["fuel_depot_explosion"],
        "decree_date": event_dates["dissolution_decree"],
        "days_offensive_to_arrivals": int((first["date"] - event_dates["offensive_begins"]).days),
        "days_ceasefire_to_arrivals": int((first["date"] - event_dates["ceasefire_2023"]).days),
        "remaining_low": int(remaining["value_low"]),
        "remaining_high": int(remaining["value_high"]),
        "remaining_date": pd.Timestamp(remaining["as_of"]),
        "first_count": int(first["cumulative_arrivals"]),
        "first_count_when": say("{time:time} on {date:day}", time=first["at"], date=first["date"]),
        "final_arrivals": int(final["cumulative_arrivals"]),
        "final_arrivals_date": final["date"],
        "passed_100k_date": past_100k["date"],
        "days_to_100k": int((past_100k["date"] - first["date"]).days),
        "pre_exodus_estimate": int(estimate["value"]),
        # Derived by us, not published: the border count over the Armenian population estimate.
        "share_of_estimate_pct": round(100 * int(final["cumulative_arrivals"]) / int(estimate["value"])),
        "registered_final": int(reg_final["registered"]),
        "registered_final_date": reg_final["date"],
        "n_arrival_figures": len(arrivals),
        "n_untimed": int(arrivals["time"].isna().sum()),
        "n_outlets": int(arrivals["publisher"].nunique()),
    }


def hourly_figures(arrivals: pd.DataFrame) -> pd.DataFrame:
    """The highest figure published in each hour (the latest known, for a running total), with
    how many figures that hour had; figures without a time, the highest of each day.

    What the chart draws and its table shows grows with the hours of the exodus, not with the
    number of published figures: the full table stays downloadable as the dataset.
    """
    frame = arrivals.assign(at=local_timestamps(arrivals), when=_when(arrivals))
    frame = frame.assign(period=frame["at"].dt.floor("h").astype(object).where(frame["at"].notna(), frame["date"]))
    frame = frame.sort_values(["date", "cumulative_arrivals", "at"], na_position="first", kind="stable")
    counts = frame.groupby("period", sort=False)["cumulative_arrivals"].transform("size")
    chosen = frame.assign(figures=counts).groupby("period", sort=False).tail(1)
    return chosen.drop(columns="period").sort_values(["date", "cumulative_arrivals"], kind="stable")


def exodus_curve(arrivals: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """Cumulative arrivals hour by hour, with the week's events marked.

    ``arrivals`` carries its sources (``with_sources``). Untimed figures cannot be placed on
    an hourly axis without inventing a time, so they are listed in the table but not drawn.
    """
    frame = hourly_figures(arrivals)
    timed = frame.dropna(subset=["at"])
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=timed["at"], y=timed["cumulative_arrivals"], mode="lines", line=dict(shape="hv", color=PALETTE[0], width=2),
            name=say("Cumulative arrivals"), hoverinfo="skip", showlegend=False,
        )
    )
    for approximate, marker, name in ((False, "circle", N_("Published figure")), (True, "circle-open", N_("Approximate figure ('about')"))):
        points = timed[timed["approximate"] == approximate]
        fig.add_trace(
            go.Scatter(
                x=points["at"], y=points["cumulative_arrivals"], mode="markers", name=say(name),
                marker=dict(symbol=marker, size=8, color=PALETTE[0], line=dict(width=2, color=PALETTE[0])),
                customdata=points[["when", "publisher", "confidence", "figures"]].astype(str).to_numpy(),
                hovertemplate=say_plotly(
                    "%{customdata[0]}<br><b>%{y:,} people</b> had arrived"
                    "<br>Published by %{customdata[1]} (confidence: %{customdata[2]})"
                    "<br>Highest of %{customdata[3]} figure(s) published that hour<extra></extra>"
                ),
            )
        )
    # The key moments only: more vertical lines would bury the curve on a phone.
    window = events[events["event_id"].isin(CURVE_EVENTS)].sort_values("date")
    for _, event in window.iterrows():
        at = (event["date"] + (event["time"] if pd.notna(event["time"]) else pd.Timedelta(0))).tz_localize("+04:00")
        event_marker(fig, at, say("{date}: {event}", date=short_day(event["date"]), event=event["label"]))
    first, last = timed.iloc[0], frame.iloc[-1]
    days = (last["date"] - first["date"]).days
    fig.update_layout(
        height=440,
        xaxis=dict(
            title=say("Date and time in Yerevan (UTC+4)"),
            range=[window["date"].min() - pd.Timedelta(hours=12), frame["date"].max() + pd.Timedelta(days=1)],
        ),
        yaxis=dict(title=say("People arrived in Armenia (cumulative)"), rangemode="tozero"),
    )
    untimed = frame[frame["at"].isna()]
    marked = "; ".join(say("{date:day}, {event}", date=e["date"], event=mid_sentence(e["label"])) for _, e in window.iterrows())
    return furnish(
        fig,
        title=say("In {days} days, {people:,} people crossed from Nagorno-Karabakh into Armenia",
                  days=days, people=int(last["cumulative_arrivals"])),
        subtitle=say("Cumulative arrivals in Armenia as counted by the Armenian government, each step the highest figure published in an hour"),
        source=say("Armenian government counts, as published by {outlets}; event dates: {event_outlets}.",
                   outlets=outlets(arrivals), event_outlets=outlets(window)),
        description=(
            say("A stepped line rises from {first:,} people at {time:time} on {first_day:day} to {last:,} on {last_day:day}, "
                "passing 100,000 on {passed:day} and rising only slightly after that. ",
                first=int(first["cumulative_arrivals"]), time=first["at"], first_day=first["date"],
                last=int(last["cumulative_arrivals"]), last_day=last["date"],
                passed=frame.loc[frame["cumulative_arrivals"] >= 100_000, "date"].min())
            + say("Dotted lines mark: {events}.", events=marked)
        ),
        notes=(
            say("Each step is a figure the government published; arrivals between two figures are not known, and the line does not estimate them."),
            say("The chart and the table show the highest figure published in each of {hours} hours (for figures without a time, in each of "
                "{days} days); all {figures} published figures, each with its source, are in the full dataset.",
                hours=len(timed), days=len(untimed), figures=len(arrivals)),
            say("{untimed} of the {shown} figures shown were published without a time; they are in the table but not on the hourly axis.",
                untimed=len(untimed), shown=len(frame)),
            say("Moscow times in Russian wire reports were converted to Yerevan time (one hour later)."),
        ),
        data=frame[["when", "cumulative_arrivals", "figures", "approximate", "publisher", "url", "confidence", "note"]].rename(
            columns={"when": N_("figure as of"), "cumulative_arrivals": N_("people arrived (cumulative)"),
                     "figures": N_("figures published in the hour (or day)"), "url": N_("source URL")}
        ),
        datasets=(ARRIVALS, EVENTS),
    )


def population_comparison(population: pd.DataFrame, arrivals: pd.DataFrame, registered: pd.DataFrame) -> go.Figure:
    """The final counts against the competing population figures, each with whose figure it is."""
    final_arrivals = arrivals.sort_values(["date", "cumulative_arrivals"]).iloc[-1]
    final_registered = registered.sort_values(["date", "registered"]).iloc[-1]
    rows = [
        {
            "figure": say("Arrived by {date} (border)", date=short_day(final_arrivals["date"])),
            "shown": int(final_arrivals["cumulative_arrivals"]), "label": number(int(final_arrivals["cumulative_arrivals"])),
            "what": say("People counted crossing into Armenia from Nagorno-Karabakh since 24 September 2023"),
            "side": final_arrivals["figure_side"], "publisher": final_arrivals["publisher"], "kind": "count",
        },
        {
            "figure": say("Registered by {date}", date=short_day(final_registered["date"])),
            "shown": int(final_registered["registered"]), "label": number(int(final_registered["registered"])),
            "what": say("Displaced people from Nagorno-Karabakh registered in Armenia"),
            "side": final_registered["figure_side"], "publisher": final_registered["publisher"], "kind": "count",
        },
    ]
    for _, estimate in population.iterrows():
        if pd.notna(estimate["value"]):
            value = int(estimate["value"])
            shown, label = value, say("about {value:,}", value=value) if estimate["approximate"] else number(value)
        elif pd.notna(estimate["value_low"]):
            shown, label = int(estimate["value_high"]), say("{low:,}–{high:,}", low=int(estimate["value_low"]), high=int(estimate["value_high"]))
        else:
            shown, label = int(estimate["value_high"]), say("at most {value:,}", value=int(estimate["value_high"]))
        rows.append(
            {
                "figure": estimate["label"], "what": f"{estimate['description']} ({estimate['as_of']})", "shown": shown, "label": label,
                "side": estimate["figure_side"], "publisher": estimate["publisher"], "kind": "estimate",
            }
        )
    table = pd.DataFrame(rows).sort_values("shown")
    table["whose figure"] = table["side"].map(SIDE_LABELS)
    # Long bars carry their label inside, short ones outside: both fit on a phone.
    table["inside"] = table["shown"] > table["shown"].max() / 2
    fig = go.Figure()
    for side, group in table.groupby("side", sort=False):
        fig.add_trace(
            go.Bar(
                y=group["figure"], x=group["shown"], orientation="h", name=SIDE_LABELS[side],
                marker=dict(color=SIDE_COLOURS[side]), text=group["label"], cliponaxis=False,
                textposition=["inside" if inside else "outside" for inside in group["inside"]],
                insidetextanchor="end", insidetextfont=dict(color="white"),
                customdata=group[["label", "whose figure", "publisher", "what"]].to_numpy(),
                hovertemplate=say_plotly("%{customdata[3]}<br><b>%{customdata[0]} people</b><br>Whose figure: %{customdata[1]}"
                                         "<br>Published by %{customdata[2]}<extra></extra>"),
            )
        )
    estimate = population.set_index("estimate_id").loc[PRE_EXODUS_ESTIMATE]
    share = int(final_arrivals["cumulative_arrivals"]) / int(estimate["value"])
    fig.update_layout(
        height=460, barmode="overlay", bargap=0.35,
        xaxis=dict(title=say("People"), rangemode="tozero", range=[0, table["shown"].max() * 1.05]),
        yaxis=dict(title=None, categoryorder="array", categoryarray=list(table["figure"]), automargin=True),
        legend=dict(title=dict(text=say("Whose figure:"))),
    )
    fig.update_yaxes(tickfont=dict(size=12))
    bars = "; ".join(say("{what}: {label} ({whose})", what=r["what"], label=r["label"], whose=r["whose figure"]) for _, r in table.iterrows())
    return furnish(
        fig,
        title=say("The border count equals {share:.0%} of the Armenian estimate of Karabakh's population", share=share),
        subtitle=say("People who arrived in Armenia and registered there, against the competing figures for how many lived in Nagorno-Karabakh"),
        source=say("Counts: Armenian government, via {arrivals} and {registered}; population figures: {population}.",
                   arrivals=final_arrivals["publisher"], registered=final_registered["publisher"],
                   population=", ".join(population["publisher"].unique())),
        description=say("Horizontal bars, shortest first: {bars}.", bars=bars),
        notes=(
            say("The share ({share:.1%}) is our calculation: final border count divided by the Armenian estimate; no source publishes it.", share=share),
            say("The estimates use different definitions and dates; the 2015 census predates the 2020 war, after which part of the population was displaced."),
            say("For ranges and upper bounds the bar reaches the upper end; the label gives the whole range."),
        ),
        data=table[["figure", "what", "label", "shown", "whose figure", "publisher"]].rename(
            columns={"label": N_("figure as published"), "shown": N_("bar length (people)"), "figure": N_("figure"), "what": N_("what"),
                     "whose figure": N_("whose figure")}
        ),
        datasets=(ARRIVALS, REGISTERED, POPULATION),
    )


# The two daily series: their key (stable in both editions: it orders and colours them) and name.
ARRIVED, REGISTERED_SERIES = N_("Arrived (border count)"), N_("Registered")


def _daily_highest(frame: pd.DataFrame, field: str, series: str) -> pd.DataFrame:
    """The highest figure published each day: for a running total, the latest one known."""
    ordered = frame.assign(when=_when(frame)).sort_values(["date", field])
    daily = ordered.groupby("date", as_index=False).tail(1)
    return daily.assign(series=series, value=daily[field].astype(int))[["date", "series", "value", "when", "publisher", "confidence"]]


def _untimed_conflicts(frame: pd.DataFrame, field: str) -> list[tuple[pd.Timestamp, list[int]]]:
    """Days on which several different figures were published without a time."""
    untimed = frame[frame["time"].isna()].groupby("date")[field].unique()
    return [(date, sorted(int(v) for v in values)) for date, values in untimed.items() if len(values) > 1]


def registrations_vs_arrivals(arrivals: pd.DataFrame, registered: pd.DataFrame) -> go.Figure:
    """Registrations trailing the border count day by day, then overtaking its final figure."""
    daily = pd.concat(
        [
            _daily_highest(arrivals, "cumulative_arrivals", ARRIVED),
            _daily_highest(registered, "registered", REGISTERED_SERIES),
        ],
        ignore_index=True,
    )
    wide = daily.pivot(index="date", columns="series", values="value")
    both = wide.dropna()
    gap = both[ARRIVED] - both[REGISTERED_SERIES]
    final_arrivals = int(daily.loc[daily["series"] == ARRIVED, "value"].max())
    overtaken = daily[(daily["series"] == REGISTERED_SERIES) & (daily["value"] >= final_arrivals)]["date"].min()
    fig = go.Figure()
    for colour, (series, group) in zip(PALETTE, daily.groupby("series", sort=True)):
        fig.add_trace(
            go.Scatter(
                x=group["date"], y=group["value"], mode="lines+markers", name=say(series),
                line=dict(color=colour, width=2), marker=dict(size=7, color=colour),
                customdata=group[["when", "publisher", "confidence"]].astype(str).to_numpy(),
                hovertemplate=f"<b>{say(series)}</b><br>" + say_plotly(
                    "%{customdata[0]}<br><b>%{y:,} people</b><br>Published by %{customdata[1]} (confidence: %{customdata[2]})<extra></extra>"),
            )
        )
    fig.update_layout(
        height=420,
        xaxis=dict(title=say("Date (2023)"), tickformat=say_plotly("%-d %b"), tickangle=0, nticks=6),
        yaxis=dict(title=say("People (cumulative)"), rangemode="tozero"),
    )
    widest = gap.idxmax()
    return furnish(
        fig,
        title=say("Registration trailed the border count by up to {gap:,} people, then passed its final figure by {date:day}",
                  gap=int(gap.max()), date=overtaken),
        subtitle=say("Highest figure published each day for people arrived at the border and people registered in Armenia"),
        source=say("Armenian government and Migration and Citizenship Service figures, as published by {outlets}.", outlets=outlets(daily)),
        description=say(
            "Two rising lines. The registration line stays below the arrivals line while people are still crossing; "
            "the gap is widest on {widest:day} at {gap:,} people. Arrivals level off at {final:,} on {final_day:day}, "
            "and registrations reach {registered:,} by {overtaken:day}.",
            widest=widest, gap=int(gap.max()), final=final_arrivals,
            final_day=daily.loc[daily["value"] == final_arrivals, "date"].min(), registered=int(daily["value"].max()), overtaken=overtaken,
        ),
        notes=(
            say("Registration is a separate count, not a subset of the border count: by mid-October it also included Karabakh residents who were already in Armenia."),
            say("One point per series per day (the highest figure published that day), so figures published without a time can be shown."),
            *(
                say("On {date:day} outlets give different registration totals without a time ({totals}); the chart shows the highest, the dataset keeps all.",
                    date=date, totals=", ".join(number(v) for v in values))
                for date, values in _untimed_conflicts(registered, "registered")
            ),
        ),
        data=daily.assign(date=daily["date"].dt.strftime("%Y-%m-%d"), series=daily["series"].map(say)).rename(
            columns={"value": N_("people (cumulative)"), "when": N_("figure as of"), "date": N_("date"), "series": N_("series")}
        ),
        datasets=(ARRIVALS, REGISTERED),
    )
