"""Charts and key figures of the Lachin corridor blockade, December 2022 – September 2023.

Almost every figure here is the de-facto Karabakh authorities' own; the builders keep each
figure's side (``figure_side``) visible in colour, hover and table, so that a reader always
sees whose number it is. Headlines are computed from the data, never typed.

The levels of access (``OPEN`` ... ``CLOSED``) are language-neutral keys (their English): the
periods, the logic and the order of the chart work on the keys, and each is said in the reader's
language only where it is shown (the line's y values, the category order, the level names, the
table), the same way for all of them, so that both editions draw the same chart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..facts import goods_against_expected, latest_figure
from ..style import INK, MUTED, SIDE_COLOURS, SIDE_LABELS, event_marker, furnish
from ..words import N_, Said, clock, day, figure_label, outlets, qualifier, say, say_n, say_plotly

STEPS = "blockade_closure_steps"
STATEMENTS = "statements"
SUPPLIES = "blockade_supplies"
EVENTS = "timeline_events"
START_STEP = "road_blocked"  # 12 December 2022: day 1 of the blockade in every de-facto bulletin

# Who could pass, top (most open) to bottom. Our reading of the steps, stated in the chart's notes.
OPEN, EXIT_ONLY, ICRC_RPK, PATIENTS, CLOSED = (
    N_("Open to all"), N_("Exit only"), N_("ICRC + peacekeepers"), N_("ICRC patients only"), N_("Closed to all"),
)
ACCESS_LEVELS = (OPEN, EXIT_ONLY, ICRC_RPK, PATIENTS, CLOSED)
ACCESS_MEANING = Said({
    OPEN: N_("open to all traffic"),
    EXIT_ONLY: N_("open for people leaving Nagorno-Karabakh; no civilian traffic in"),
    ICRC_RPK: N_("closed to civilian traffic; ICRC and Russian peacekeeper vehicles pass"),
    PATIENTS: N_("no aid cargo; the ICRC takes patients out"),
    CLOSED: N_("all passage stopped, the ICRC and the peacekeepers included"),
})
# The steps that changed who could pass, and the level each one opened.
ACCESS_CHANGES = {
    "road_blocked": ICRC_RPK,
    "full_closure": CLOSED,
    "icrc_access_resumed": PATIENTS,
    "passage_suspended": CLOSED,
    "medevac_resumed_2": PATIENTS,
    "icrc_both_roads": ICRC_RPK,
    "one_way_exit": EXIT_ONLY,
}
# Steps shown on the line without changing it: they matter for the story, not for who passed.
CONTEXT_STEPS = ("earlier_road_block", "checkpoint", "protest_suspended", "patient_arrested")
# Statements about the road (from the statements table) shown on the line the same way.
CONTEXT_STATEMENTS = ("baku_mining_claim", "baku_weapons_claim")

PATIENT_MARKERS = ("medevac_suspended_1", "medevac_resumed_1", "full_closure", "medevac_resumed_2")


def said_levels(levels) -> list[str]:
    """Access levels (keys) as the reader reads them: the one place a level is put into words."""
    return [say(level) for level in levels]


def blockade_day(when: pd.Timestamp, start: pd.Timestamp) -> int:
    """Day number as the de-facto bulletins count it: the first day of the blockade is day 1."""
    return int((when - start).days) + 1


def _date_axis_title(first: pd.Timestamp, last: pd.Timestamp) -> str:
    return say("Date ({first:month} – {last:month})", first=first, last=last)


def _start(steps: pd.DataFrame) -> pd.Timestamp:
    return steps.set_index("step_id").loc[START_STEP, "date"]


def _one(supplies: pd.DataFrame, metric: str) -> pd.Series:
    rows = supplies[supplies["metric"] == metric]
    if len(rows) != 1:
        raise ValueError(f"expected exactly one {metric} figure, found {len(rows)}")
    return rows.iloc[0]


def _series_figures(series: str, figures: list[str]) -> str:
    """'Gas cut or reduced: 41 days by 27 March 2023, 44 days by ...': one series in a chart's description."""
    return say("{series}: {figures}.", series=series, figures=", ".join(figures))


# --- (a) who could pass, when ---------------------------------------------------------------

def access_periods(steps: pd.DataFrame) -> pd.DataFrame:
    """One row per period of unchanged access: start, end, level (a key), and the step that opened it.

    The period before the first change is 'open to all' from the first day of the month of the
    earliest step; the last period runs to the end of its month. Every period's end is the next
    period's start, so the periods tile the axis without gaps or overlaps.
    """
    known = set(steps["step_id"])
    missing = [step for step in ACCESS_CHANGES if step not in known]
    if missing:
        raise KeyError(f"access steps missing from {STEPS}: {', '.join(missing)}")
    changes = steps[steps["step_id"].isin(ACCESS_CHANGES)].sort_values("date")
    first_day = steps["date"].min().to_period("M").start_time
    last_day = changes["date"].max().to_period("M").end_time.normalize()
    rows = [{"start": first_day, "level": OPEN, "step_id": None}]
    rows += [{"start": r["date"], "level": ACCESS_CHANGES[r["step_id"]], "step_id": r["step_id"]} for _, r in changes.iterrows()]
    periods = pd.DataFrame(rows)
    periods["end"] = periods["start"].shift(-1).fillna(last_day)
    periods["days"] = (periods["end"] - periods["start"]).dt.days
    return periods


def _access_at(periods: pd.DataFrame, when: pd.Timestamp) -> str:
    return periods[periods["start"] <= when].iloc[-1]["level"]


def _statements_as_steps(statements: pd.DataFrame) -> pd.DataFrame:
    """Statements in the shape of steps, so that a step line can mark them among the steps."""
    return statements.rename(columns={"statement_id": "step_id", "said": "description"}).assign(
        time=pd.NaT, kind="statement"
    )


def _step_when(date: pd.Timestamp, time) -> str:
    """How a step is dated in its hover label: the day, and its time when one was reported."""
    if pd.notna(time):
        return say("{date:day}, {time:clock}", date=date, time=time)
    return day(date)


def _access_description(periods: pd.DataFrame, closed_days: int) -> str:
    """The step line in words, period by period."""
    spans = [
        say_n("From {start:day} to {end:day} ({n} day): {meaning}.", "From {start:day} to {end:day} ({n} days): {meaning}.",
              int(r["days"]), start=r["start"], end=r["end"], meaning=ACCESS_MEANING[r["level"]])
        for _, r in periods.iloc[:-1].iterrows()
    ]
    last = periods.iloc[-1]
    return " ".join([
        say("A stepped line moves between five levels of access."),
        *spans,
        say("From {start:day}: {meaning}.", start=last["start"], meaning=ACCESS_MEANING[last["level"]]),
        say("In all, the road was closed to everything on {days} days by these accounts.", days=closed_days),
    ])


def corridor_access(steps: pd.DataFrame, statements: pd.DataFrame) -> go.Figure:
    """The closure as a step line: who could use the road on each day, with whose account each step follows."""
    periods = access_periods(steps)
    indexed = steps.set_index("step_id")
    start = indexed.loc[START_STEP, "date"]
    reopened = indexed.loc["one_way_exit", "date"]
    closed_to_civilians = int((reopened - start).days)
    first_full_closure = periods.loc[periods["level"] == CLOSED, "start"].min()
    closed_days = int(periods.loc[periods["level"] == CLOSED, "days"].sum())

    fig = go.Figure()
    line_x = list(periods["start"]) + [periods["end"].iloc[-1]]
    line_y = said_levels(list(periods["level"]) + [periods["level"].iloc[-1]])
    fig.add_trace(
        go.Scatter(x=line_x, y=line_y, mode="lines", line=dict(shape="hv", color="#444444", width=2.5),
                   hoverinfo="skip", showlegend=False, name=say("Access"))
    )
    said = _statements_as_steps(statements[statements["statement_id"].isin(CONTEXT_STATEMENTS)])
    shown = pd.concat([steps[steps["step_id"].isin(ACCESS_CHANGES) | steps["step_id"].isin(CONTEXT_STEPS)], said])
    shown = shown.sort_values("date", kind="stable").reset_index(drop=True)
    shown["level"] = [ACCESS_CHANGES.get(s) or _access_at(periods, d) for s, d in zip(shown["step_id"], shown["date"])]
    shown["changes access"] = shown["step_id"].isin(ACCESS_CHANGES)
    shown["whose account"] = shown["figure_side"].map(SIDE_LABELS)
    shown["when"] = [_step_when(d, t) for d, t in zip(shown["date"], shown["time"])]
    for side, group in shown.groupby("figure_side", sort=False):
        for changes, symbol, size in ((True, "circle", 11), (False, "diamond-open", 10)):
            points = group[group["changes access"] == changes]
            if points.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=points["date"], y=said_levels(points["level"]), mode="markers", name=SIDE_LABELS[side], legendgroup=side,
                    showlegend=bool(changes or not group["changes access"].any()),
                    marker=dict(symbol=symbol, size=size, color=SIDE_COLOURS[side], line=dict(width=2, color=SIDE_COLOURS[side])),
                    customdata=points[["when", "label", "description", "whose account", "publisher"]].to_numpy(),
                    hovertemplate=say_plotly(
                        "<b>%{customdata[1]}</b> (%{customdata[0]})<br>%{customdata[2]}"
                        "<br>Whose account: %{customdata[3]}<br>Published by %{customdata[4]}<extra></extra>"
                    ),
                )
            )
    checkpoint = indexed.loc["checkpoint", "date"]
    event_marker(fig, checkpoint, say("{date:short}: checkpoint", date=checkpoint))
    # Level names sit above their gridlines inside the plot, where no step changes the line (January–March):
    # tick labels would take half a phone's width.
    for level in said_levels(ACCESS_LEVELS):
        fig.add_annotation(x=0.1, xref="paper", xanchor="left", y=level, yref="y", yshift=13, showarrow=False,
                           text=level, font=dict(size=12, color=MUTED), bgcolor="rgba(255,255,255,0.8)")
    fig.update_layout(
        height=460,
        xaxis=dict(title=_date_axis_title(periods["start"].iloc[0], periods["end"].iloc[-1]), tickformat="%b<br>%Y",
                   dtick="M2", tickangle=0, range=[periods["start"].iloc[0], periods["end"].iloc[-1]]),
        yaxis=dict(title=say("Who could pass"), categoryorder="array", categoryarray=said_levels(reversed(ACCESS_LEVELS)),
                   showgrid=True, showticklabels=False, range=[-0.4, len(ACCESS_LEVELS) - 0.4]),
        legend=dict(title=dict(text=say("Whose account:"), side="top")),
        hovermode="closest",
    )
    def step_field(step, field: str, before: str = "") -> str:
        return before if pd.isna(step) else str(indexed.loc[step, field])

    before_blockade = say("(before the blockade)")
    table = periods.assign(
        meaning=periods["level"].map(ACCESS_MEANING),
        level=said_levels(periods["level"]),
        opened=[step_field(s, "label", before_blockade) for s in periods["step_id"]],
        side=[SIDE_LABELS[step_field(s, "figure_side")] if pd.notna(s) else "" for s in periods["step_id"]],
        publisher=[step_field(s, "publisher") for s in periods["step_id"]],
        url=[step_field(s, "url") for s in periods["step_id"]],
    ).rename(columns={"opened": N_("opened by"), "side": N_("whose account")})
    # The last period has no end in the data: the axis stops, the period does not.
    table["start"] = table["start"].dt.strftime("%Y-%m-%d")
    table["end"] = table["end"].dt.strftime("%Y-%m-%d").where(table.index < table.index[-1], "")
    table["days"] = table["days"].astype("Int64").where(table.index < table.index[-1], pd.NA)
    return furnish(
        fig,
        title=say("The corridor was closed to civilian traffic for {days} days; from {date:short} even aid was stopped",
                  days=closed_to_civilians, date=first_full_closure),
        subtitle=say("Who could use the Lachin corridor road, day by day. Dots: steps that changed access; "
                     "open diamonds: other steps. Colour: whose account the step follows"),
        source=say("Steps as reported by {outlets}.", outlets=outlets(shown)),
        description=_access_description(periods, closed_days),
        notes=(
            say("The levels are our reading of the dated steps; each step's own wording is in its hover label and in the dataset."),
            say("'Open to all' before 12 December is the pre-blockade state; a brief road block on 3 December (open diamond) "
                "is known only from the Armenian and Karabakh ombudsmen."),
            say("From 26 June Azerbaijan's border service said traffic had resumed; other reports say only ICRC patient transfers did. "
                "ICRC food had stopped on 14 June, medical supplies on 7 July (UN OCHA)."),
            say("The ICRC's own patient count rose in late July and a patient was arrested on an ICRC transfer on 29 July, "
                "so some transfers took place during the second closure; we found no date on which they resumed, "
                "and the line stays at the closure until the next dated step (8 August)."),
            say("The Azerbaijani checkpoint (23 April) is not drawn as a change: civilians stayed blocked and peacekeeper vehicles "
                "still passed. For the ICRC the accounts differ: the Karabakh ombudsman says it carried no cargo after 23 April, "
                "UN OCHA dates its last food delivery to 14 June; its patient transfers paused from 29 April to 26 May."),
        ),
        data=table[["start", "end", "days", "level", "meaning", "opened by", "whose account", "publisher", "url"]].rename(
            columns={"start": N_("from"), "end": N_("until"), "days": N_("days"), "level": N_("who could pass"),
                     "meaning": N_("meaning"), "url": N_("source URL")}
        ),
        datasets=(STEPS, STATEMENTS),
    )


# --- (b) supplies against the pre-blockade baseline -------------------------------------------

# The two panels (keys in both editions), with their names and the unit their bars are in.
PANEL_NAMES = Said({"goods": N_("goods"), "vehicles": N_("vehicles")})
PANEL_TITLES = (N_("Goods brought in"), N_("Vehicles, both directions"))
PANEL_AXIS_TITLES = Said({"goods": N_("Tonnes per day"), "vehicles": N_("Vehicles per day")})
# Whose running total a bar shows, in the bar's name.
BAR_SIDES = Said({"nk_de_facto": N_("Karabakh"), "azerbaijani": N_("Baku")})


def supply_rates(supplies: pd.DataFrame, steps: pd.DataFrame) -> pd.DataFrame:
    """Per-day rates before and during the blockade, one row per bar, each with whose figure it is.

    Rates during the blockade are our calculation: a running total divided by the number of
    blockade days it covers (12 December 2022 = day 1). The baselines are published rates.
    ``panel``, ``side`` and ``derived`` are keys; ``bar``, ``label``, ``unit`` and ``basis`` are
    said in the reader's language.
    """
    start = _start(steps)
    rows = []
    for panel, baseline_metric, unit in (
        ("goods", "imports_daily_pre_blockade", N_("tonnes per day")),
        ("vehicles", "vehicles_daily_pre_blockade", N_("vehicles per day")),
    ):
        base = _one(supplies, baseline_metric)
        rows.append({
            "panel": panel, "bar": say("Before {date:short}", date=start), "rate": float(base["value"]), "unit": say(unit),
            "label": figure_label(base["value"], base["approximate"], base["note"]), "side": base["figure_side"],
            "derived": False, "basis": say("Average per day before the blockade, as published"),
            "publisher": base["publisher"], "url": base["url"],
        })
    running = (
        ("goods", "goods_delivered_cum", "nk_de_facto", N_("tonnes per day"), N_("Goods brought in by the ICRC and the peacekeepers")),
        ("vehicles", "vehicle_movements_cum", "nk_de_facto", N_("vehicles per day"), N_("ICRC and peacekeeper vehicles only")),
        ("vehicles", "vehicle_movements_cum", "azerbaijani", N_("vehicles per day"), N_("ICRC, peacekeeper and residents' vehicles")),
    )
    for panel, metric, side, unit, what in running:
        sel = supplies[(supplies["metric"] == metric) & (supplies["figure_side"] == side)]
        if sel.empty:
            continue
        last = sel.sort_values(["date", "value"]).iloc[-1]
        days = blockade_day(last["date"], start)
        rate = int(last["value"]) / days
        who = BAR_SIDES[side] if side in BAR_SIDES else SIDE_LABELS[side]
        total = figure_label(last["value"], last["approximate"], last["note"])
        covered = say(what)
        rows.append({
            "panel": panel, "bar": say("{who}, to {date:short}", who=who, date=last["date"]), "rate": round(rate, 1),
            "unit": say(unit),
            "label": figure_label(rate, last["approximate"], last["note"], decimals=1), "side": side, "derived": True,
            "basis": say("{what}: {total} in {days} days ({start:short} – {end:short}); per-day average is our calculation",
                         what=covered, total=total, days=days, start=start, end=last["date"]),
            "publisher": last["publisher"], "url": last["url"],
        })
    return pd.DataFrame(rows)


def supplies_against_baseline(supplies: pd.DataFrame, steps: pd.DataFrame) -> go.Figure:
    """Goods and vehicles per day before and during the blockade: one unit per panel."""
    rates = supply_rates(supplies, steps)
    goods = rates[rates["panel"] == "goods"]
    share = goods.loc[goods["derived"], "rate"].iloc[0] / goods.loc[~goods["derived"], "rate"].iloc[0]
    vehicles = rates[rates["panel"] == "vehicles"]
    fig = make_subplots(rows=2, cols=1, subplot_titles=[say(title) for title in PANEL_TITLES], vertical_spacing=0.26)
    legend_seen = set()
    for row, frame in ((1, goods), (2, vehicles)):
        top = frame["rate"].max()
        for _, bar in frame.iloc[::-1].iterrows():
            side = bar["side"]
            inside = bar["rate"] > top / 2
            fig.add_trace(
                go.Bar(
                    y=[bar["bar"]], x=[bar["rate"]], orientation="h", name=SIDE_LABELS[side], legendgroup=side,
                    showlegend=side not in legend_seen, marker=dict(color=SIDE_COLOURS[side]),
                    text=[bar["label"]], textposition="inside" if inside else "outside", insidetextanchor="end",
                    insidetextfont=dict(color=INK), cliponaxis=False,
                    customdata=[[bar["label"], bar["unit"], SIDE_LABELS[side], bar["publisher"], bar["basis"]]],
                    hovertemplate=say_plotly(
                        "<b>%{customdata[0]} %{customdata[1]}</b><br>%{customdata[4]}"
                        "<br>Whose figure: %{customdata[2]}<br>Published by %{customdata[3]}<extra></extra>"
                    ),
                ),
                row=row, col=1,
            )
            legend_seen.add(side)
        fig.update_xaxes(title_text=PANEL_AXIS_TITLES[frame["panel"].iloc[0]], rangemode="tozero", range=[0, top * 1.12],
                         row=row, col=1)
        fig.update_yaxes(tickfont=dict(size=12), automargin=True, row=row, col=1)
    fig.update_annotations(font=dict(size=13, color=MUTED), x=0, xanchor="left")
    fig.update_layout(height=480, bargap=0.3, legend=dict(title=dict(text=say("Whose figure:"), side="top"), y=1.08))
    bars = [
        say("{bar}: {label} {unit} ({whose}; {basis}).", bar=r["bar"], label=r["label"], unit=r["unit"],
            whose=SIDE_LABELS[r["side"]], basis=r["basis"])
        for _, r in rates.iterrows()
    ]
    return furnish(
        fig,
        title=say("Goods arrived at {share:.0%} of the pre-blockade rate, by the Karabakh authorities' own count", share=share),
        subtitle=say("Average per day before the blockade and during it, until the last running totals published"),
        source=say("Figures from the de-facto Karabakh authorities and the Azerbaijani government, as published by {outlets}.",
                   outlets=outlets(rates)),
        description=" ".join([say("Two panels of horizontal bars."), *bars]),
        notes=(
            say("Rates during the blockade are our calculation: the latest running total divided by the days it covers, "
                "counting 12 December 2022 as day 1, as the bulletins do."),
            say("The pre-blockade baselines are the Karabakh authorities' figures; nobody has checked them independently, "
                "and UN OCHA said in August 2023 it could not verify movements of people and goods."),
            say("Baku's vehicle count includes residents' vehicles and ends in February; the Karabakh count includes only ICRC "
                "and peacekeeper vehicles and runs to June, so the two measure different things."),
            say("No running total of goods was found after 11 June; ICRC food deliveries stopped on 14 June (UN OCHA)."),
        ),
        data=rates[["panel", "bar", "label", "rate", "unit", "basis", "side", "publisher", "url"]].assign(
            panel=rates["panel"].map(PANEL_NAMES), side=rates["side"].map(SIDE_LABELS)
        ).rename(columns={"panel": N_("panel"), "bar": N_("bar"), "label": N_("figure as shown"), "rate": N_("bar length"),
                          "unit": N_("unit"), "basis": N_("basis"), "side": N_("whose figure"), "url": N_("source URL")}),
        datasets=(SUPPLIES, STEPS),
    )


# --- (c) patients taken out by the ICRC ---------------------------------------------------------

PATIENT_SERIES = (
    ("nk_de_facto", N_("Karabakh authorities' count")),
    ("icrc_un", N_("ICRC's own count")),
    ("azerbaijani", N_("Azerbaijani president's figure")),
)


def patient_transfers(supplies: pd.DataFrame, steps: pd.DataFrame) -> go.Figure:
    """Cumulative patients taken to Armenia with ICRC help, one line per side's count."""
    rows = supplies[supplies["metric"] == "patients_transferred_cum"].sort_values(["date", "value"]).copy()
    rows["shown as"] = [figure_label(r["value"], r["approximate"], r["note"]) for _, r in rows.iterrows()]
    rows["whose figure"] = rows["figure_side"].map(SIDE_LABELS)
    rows["when"] = rows["date"].map(day)
    fig = go.Figure()
    for side, name in PATIENT_SERIES:
        series = rows[rows["figure_side"] == side]
        if series.empty:
            continue
        colour = SIDE_COLOURS[side]
        fig.add_trace(
            go.Scatter(
                x=series["date"], y=series["value"].astype(int), mode="lines+markers", name=say(name),
                line=dict(color=colour, width=2, shape="hv", dash="solid" if side == "nk_de_facto" else "dot"),
                marker=dict(size=8, color=["white" if a else colour for a in series["approximate"]],
                            symbol="circle", line=dict(width=2, color=colour)),
                customdata=series[["when", "shown as", "whose figure", "publisher", "confidence"]].to_numpy(),
                hovertemplate=say_plotly(
                    "%{customdata[0]}<br><b>%{customdata[1]} patients</b> taken to Armenia since December 2022"
                    "<br>Whose figure: %{customdata[2]}<br>Published by %{customdata[3]} (confidence: %{customdata[4]})<extra></extra>"
                ),
            )
        )
    indexed = steps.set_index("step_id")
    for step in PATIENT_MARKERS:
        if step in indexed.index:
            event_marker(fig, indexed.loc[step, "date"], say("{date:short}: {event}", date=indexed.loc[step, "date"],
                                                             event=indexed.loc[step, "label"]))
    nk = rows[rows["figure_side"] == "nk_de_facto"].iloc[-1]
    icrc = rows[rows["figure_side"] == "icrc_un"]
    fig.update_layout(
        height=440,
        xaxis=dict(title=_date_axis_title(_start(steps), rows["date"].max()), tickformat="%b<br>%Y", dtick="M2", tickangle=0,
                   range=[_start(steps), rows["date"].max() + pd.Timedelta(days=7)]),
        yaxis=dict(title=say("Patients taken to Armenia (cumulative)"), rangemode="tozero"),
        legend=dict(title=dict(text=say("Count:"), side="top")),
    )
    last_icrc = icrc.iloc[-1] if not icrc.empty else None
    if last_icrc is not None:
        headline = say("The Karabakh authorities counted {patients:,} patients taken out with ICRC help by {date:short}; "
                       "the ICRC, {icrc} people by {icrc_date:short}",
                       patients=int(nk["value"]), date=nk["date"], icrc=last_icrc["shown as"], icrc_date=last_icrc["date"])
    else:
        headline = say("The Karabakh authorities counted {patients:,} patients taken out with ICRC help by {date:short}",
                       patients=int(nk["value"]), date=nk["date"])
    counts = []
    for side, name in PATIENT_SERIES:
        series = rows[rows["figure_side"] == side]
        if series.empty:
            continue
        figures = [say("{figure} on {date:day}", figure=r["shown as"], date=r["date"]) for _, r in series.iterrows()]
        counts.append(_series_figures(say(name), figures))
    return furnish(
        fig,
        title=headline,
        subtitle=say("Patients taken from Nagorno-Karabakh to hospitals in Armenia during the blockade, as counted by each side; "
                     "open circles: approximate figures"),
        source=say("Counts as published by {outlets}.", outlets=outlets(rows)),
        description=" ".join([
            say("Rising stepped lines."), *counts, say("Dotted vertical lines mark when ICRC evacuations stopped and resumed."),
        ]),
        notes=(
            say("The Karabakh count covers transfers with ICRC mediation; patients escorted by the Russian peacekeepers while the "
                "ICRC had stopped (May 2023) are counted separately and not drawn."),
            say("The ICRC's figure of 18 September comes from its Baku office and may include patients' companions, "
                "so it is not strictly the same count."),
            say("Each line steps between published figures; transfers between two figures are not known and are not estimated."),
            say("Some Karabakh figures lag: the bulletin of 16 April repeats the total of 8 April although transfers took place in between."),
        ),
        data=rows[["when", "shown as", "value", "whose figure", "publisher", "url", "confidence", "note"]].rename(
            columns={"when": N_("figure as of"), "shown as": N_("shown as"), "value": N_("patients (cumulative)"),
                     "whose figure": N_("whose figure"), "url": N_("source URL")}
        ),
        datasets=(SUPPLIES, STEPS),
    )


# --- (d) days without gas or power from Armenia ---------------------------------------------------

UTILITY_SERIES = (
    ("gas_disrupted_days_cum", N_("Gas cut or reduced"), "#E69F00"),
    ("electricity_cut_days_cum", N_("No power from Armenia"), "#0072B2"),
)


def _utility_title(gas: pd.Series, power: pd.Series, start: pd.Timestamp, line_failed: pd.Timestamp) -> str:
    """The headline: the latest counts of days without gas and without power, said as one sentence."""
    gas_days, power_days = int(gas["value"]), int(power["value"])
    every_day = power_days >= blockade_day(power["date"], line_failed)
    if gas["date"] == power["date"]:
        values = dict(date=gas["date"], day=blockade_day(gas["date"], start), gas=gas_days, power=power_days)
        if every_day:
            return say("By {date:short}, day {day} of the blockade, gas had been cut or reduced on {gas} days, "
                       "and there had been no power from Armenia on any of the {power} days since the line failed", **values)
        return say("By {date:short}, day {day} of the blockade, gas had been cut or reduced on {gas} days, "
                   "and power from Armenia had been missing on {power} days", **values)
    values = dict(gas_date=gas["date"], power_date=power["date"], gas=gas_days, power=power_days)
    if every_day:
        return say("Gas was cut or reduced on {gas} days by {gas_date:short}; by {power_date:short} there had been "
                   "no power from Armenia on any of the {power} days since the line failed", **values)
    return say("Gas was cut or reduced on {gas} days by {gas_date:short}; by {power_date:short} power from Armenia "
               "had been missing on {power} days", **values)


def utility_days(supplies: pd.DataFrame, steps: pd.DataFrame) -> go.Figure:
    """Running counts of days without gas or electricity from Armenia, against the days elapsed."""
    start = _start(steps)
    rows = supplies[supplies["metric"].isin([m for m, _, _ in UTILITY_SERIES])].sort_values(["date", "value"]).copy()
    names = {m: n for m, n, _ in UTILITY_SERIES}
    rows["series"] = rows["metric"].map(lambda metric: say(names[metric]))
    rows["blockade day"] = rows["date"].map(lambda d: blockade_day(d, start))
    rows["whose figure"] = rows["figure_side"].map(SIDE_LABELS)
    rows["when"] = rows["date"].map(day)
    end = rows["date"].max()
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[start, end], y=[1, blockade_day(end, start)], mode="lines", name=say("Every day since {date:short}", date=start),
            line=dict(color=MUTED, width=1.5, dash="dash"),
            hovertemplate=say_plotly("Day %{y} of the blockade (%{x|%-d %b %Y})<extra></extra>"),
        )
    )
    line_failed = steps.set_index("step_id").loc["power_line_cut", "date"]
    fig.add_trace(
        go.Scatter(
            x=[line_failed, end], y=[1, blockade_day(end, line_failed)], mode="lines",
            name=say("Every day since the line failed ({date:short})", date=line_failed), line=dict(color=MUTED, width=1.5, dash="dot"),
            # say(), not say_plotly(): the date is ours; plotly's own placeholders are written with doubled braces
            hovertemplate=say("Day %{{y}} since the power line failed on {date:day} (%{{x|%-d %b %Y}})<extra></extra>", date=line_failed),
        )
    )
    for metric, name, colour in UTILITY_SERIES:
        series = rows[rows["metric"] == metric]
        said_name = say(name)
        fig.add_trace(
            go.Scatter(
                x=series["date"], y=series["value"].astype(int), mode="lines+markers", name=said_name,
                line=dict(color=colour, width=2), marker=dict(size=8, color=colour),
                customdata=series[["when", "blockade day", "whose figure", "publisher", "confidence"]].to_numpy(),
                hovertemplate=say(
                    "<b>{series}</b><br>%{{customdata[0]}} (blockade day %{{customdata[1]}})<br><b>%{{y}} days</b> in total"
                    "<br>Whose figure: %{{customdata[2]}}<br>Published by %{{customdata[3]}} (confidence: %{{customdata[4]}})<extra></extra>",
                    series=said_name,
                ),
            )
        )
    latest = {metric: rows[rows["metric"] == metric].iloc[-1] for metric, _, _ in UTILITY_SERIES}
    gas, power = latest["gas_disrupted_days_cum"], latest["electricity_cut_days_cum"]
    fig.update_layout(
        height=420,
        xaxis=dict(title=_date_axis_title(start, end), tickformat="%b", dtick="M1", tickangle=0,
                   range=[start - pd.Timedelta(days=3), end + pd.Timedelta(days=7)]),
        yaxis=dict(title=say("Days (running total)"), rangemode="tozero"),
        legend=dict(title=None),
    )
    counts = []
    for metric, name, _ in UTILITY_SERIES:
        figures = [say("{days} days by {date:day}", days=int(r["value"]), date=r["date"]) for _, r in rows[rows["metric"] == metric].iterrows()]
        counts.append(_series_figures(say(name), figures))
    return furnish(
        fig,
        title=_utility_title(gas, power, start, line_failed),
        subtitle=say("Running totals of days without gas or electricity from Armenia, as counted by the Karabakh authorities, "
                     "against the days elapsed"),
        source=say("De-facto Karabakh authorities (ombudsman reports and government bulletins), as published by {outlets}.",
                   outlets=outlets(rows)),
        description=" ".join([
            say("Two rising lines, a dashed line for every day since {start:day} and a dotted one for every day since "
                "the power line failed on {failed:day}.", start=start, failed=line_failed),
            *counts,
        ]),
        notes=(
            say("'Gas cut or reduced' counts days with a complete or partial cut, as the Karabakh ombudsman lists them; "
                "'no power from Armenia' counts days since the only high-voltage line failed on 9 January 2023, "
                "while local plants kept up a rationed supply."),
            say("These are the Karabakh authorities' figures; Azerbaijan denied cutting gas or power, and no independent count was found."),
            say("No dated count was found after {date:day}; the lines stop there and are not extended.", date=end),
        ),
        data=rows[["when", "series", "value", "blockade day", "whose figure", "publisher", "url", "confidence", "note"]].rename(
            columns={"when": N_("figure as of"), "series": N_("series"), "value": N_("days (running total)"),
                     "blockade day": N_("blockade day"), "whose figure": N_("whose figure"), "url": N_("source URL")}
        ),
        datasets=(SUPPLIES, STEPS),
    )


# --- the numbers the prose quotes -------------------------------------------------------------------

def blockade_key_figures(steps: pd.DataFrame, statements: pd.DataFrame, supplies: pd.DataFrame, events: pd.DataFrame) -> dict:
    """Every number and date the chapter's prose quotes, read off the data: dates as timestamps
    (each edition writes them its way), times of day as 'HH:MM', qualifiers in the reader's words."""
    s = steps.set_index("step_id")
    start = s.loc[START_STEP, "date"]
    when = lambda step: s.loc[step, "date"]  # noqa: E731
    said_on = lambda statement: statements.set_index("statement_id").loc[statement, "date"]  # noqa: E731
    periods = access_periods(steps)
    rates = supply_rates(supplies, steps).set_index(["panel", "side", "derived"])
    delivered, expected = goods_against_expected(supplies)
    nk_vehicles = latest_figure(supplies, "vehicle_movements_cum")
    az_vehicles = latest_figure(supplies, "vehicle_movements_cum", "azerbaijani")
    nk_patients = latest_figure(supplies, "patients_transferred_cum")
    rpk_patients = latest_figure(supplies, "patients_transferred_rpk_cum")
    icrc = supplies[(supplies["metric"] == "patients_transferred_cum") & (supplies["figure_side"] == "icrc_un")].sort_values("date")
    icrc_july = icrc.iloc[0]
    icrc_last = icrc.iloc[-1]
    az_patients = supplies[(supplies["metric"] == "patients_transferred_cum") & (supplies["figure_side"] == "azerbaijani")].sort_values("date").iloc[0]
    nk_same_day = supplies[(supplies["metric"] == "patients_transferred_cum") & (supplies["figure_side"] == "nk_de_facto")
                           & (supplies["date"] == az_patients["date"])].iloc[0]
    gas = latest_figure(supplies, "gas_disrupted_days_cum")
    power = latest_figure(supplies, "electricity_cut_days_cum")
    convoy = supplies[supplies["metric"] == "aid_cargo_waiting"]
    convoy_trucks = supplies[supplies["metric"] == "trucks_waiting_kornidzor"].sort_values("date")
    stranded = supplies[supplies["metric"] == "people_unable_to_return_home"].sort_values("date")
    icrc_70 = supplies[(supplies["metric"] == "cargo_delivered") & (supplies["figure_side"] == "icrc_un")].iloc[0]
    food_zero = _one(supplies, "food_delivered_period")
    event_dates = events.set_index("event_id")["date"]
    return {
        "blockade_start": start,
        "blockade_start_time": clock(s.loc[START_STEP, "time"]),
        "earlier_block_date": when("earlier_road_block"),
        "mining_claim_date": said_on("baku_mining_claim"),
        "weapons_claim_date": said_on("baku_weapons_claim"),
        "mines_denial_date": said_on("yerevan_denies_mines"),
        "hajiyev_date": said_on("baku_blames_peacekeepers"),
        "fake_news_date": said_on("baku_fake_news"),
        "icj_order_date": when("icj_order_1"),
        "icj_reaffirm_date": when("icj_order_2"),
        "route_change_date": when("route_via_hakari"),
        "checkpoint_date": when("checkpoint"),
        "checkpoint_time": clock(s.loc["checkpoint", "time"]),
        "protest_end_date": when("protest_suspended"),
        "protest_days": blockade_day(s.loc["protest_suspended", "date"], start),
        "medevac_halt_date": when("medevac_suspended_1"),
        "medevac_resume_date": when("medevac_resumed_1"),
        "last_food_date": when("icrc_last_food"),
        "full_closure_date": when("full_closure"),
        "icrc_resumed_date": when("icrc_access_resumed"),
        "last_medical_date": when("icrc_last_medical"),
        "passage_suspended_date": when("passage_suspended"),
        "convoy_date": when("armenian_convoy"),
        "patient_arrest_date": when("patient_arrested"),
        "medevac_resume2_date": when("medevac_resumed_2"),
        "unsc_date": said_on("unsc_meeting"),
        "aghdam_flour_date": when("aghdam_flour"),
        "bread_date": when("bread_rationing"),
        "aghdam_aid_date": when("aid_via_aghdam"),
        "both_roads_date": when("icrc_both_roads"),
        "offensive_date": event_dates["offensive_begins"],
        "one_way_date": when("one_way_exit"),
        "days_closed_to_civilians": int((s.loc["one_way_exit", "date"] - start).days),
        "days_closed_to_all": int(periods.loc[periods["level"] == CLOSED, "days"].sum()),
        "days_without_food_aid": int((s.loc["aid_via_aghdam", "date"] - s.loc["icrc_last_food", "date"]).days),
        "power_cut_date": when("power_line_cut"),
        "coupons_date": when("coupons"),
        "food_limits_date": when("food_sales_limited"),
        "imports_pre": int(_one(supplies, "imports_daily_pre_blockade")["value"]),
        "vehicles_pre": int(_one(supplies, "vehicles_daily_pre_blockade")["value"]),
        "food_share_pre": int(_one(supplies, "food_share_imported_pre_blockade")["value"]),
        "food_share_date": _one(supplies, "food_share_imported_pre_blockade")["date"],
        "goods_delivered": int(delivered["value"]),
        "goods_expected": int(expected["value"]),
        "goods_date": delivered["date"],
        "goods_days": blockade_day(delivered["date"], start),
        "goods_share_pct": round(100 * int(delivered["value"]) / int(expected["value"])),
        "goods_rate": float(rates.loc[("goods", "nk_de_facto", True), "rate"]),
        "nk_vehicles": int(nk_vehicles["value"]),
        "nk_vehicles_date": nk_vehicles["date"],
        "nk_vehicle_rate": float(rates.loc[("vehicles", "nk_de_facto", True), "rate"]),
        "az_vehicles": int(az_vehicles["value"]),
        "az_vehicles_q": qualifier(az_vehicles["note"]) if az_vehicles["approximate"] else "",
        "az_vehicles_date": az_vehicles["date"],
        "az_vehicle_rate": float(rates.loc[("vehicles", "azerbaijani", True), "rate"]),
        "food_zero_date": food_zero["date"],
        "nk_patients": int(nk_patients["value"]),
        "nk_patients_date": nk_patients["date"],
        "rpk_patients": int(rpk_patients["value"]),
        "icrc_patients_july": int(icrc_july["value"]),
        "icrc_patients_july_date": icrc_july["date"],
        "icrc_patients_last": int(icrc_last["value"]),
        "icrc_patients_last_date": icrc_last["date"],
        "az_patients": int(az_patients["value"]),
        "az_patients_q": qualifier(az_patients["note"]) if az_patients["approximate"] else "",
        "az_patients_date": az_patients["date"],
        "nk_patients_same_day": int(nk_same_day["value"]),
        "gas_days": int(gas["value"]),
        "gas_date": gas["date"],
        "power_days": int(power["value"]),
        "power_since_failure_days": blockade_day(power["date"], s.loc["power_line_cut", "date"]),
        "power_date": power["date"],
        "gas_blockade_day": blockade_day(gas["date"], start),
        "convoy_trucks": int(convoy_trucks.iloc[0]["value"]),
        "convoy_trucks_later": int(convoy_trucks.iloc[-1]["value"]),
        "convoy_trucks_later_date": convoy_trucks.iloc[-1]["date"],
        "convoy_tonnes_low": int(convoy[convoy["figure_side"] == "armenian"]["value"].min()),
        "convoy_tonnes_high": int(convoy[convoy["figure_side"] == "armenian"]["value"].max()),
        "aghdam_flour_tonnes": int(convoy[convoy["figure_side"] == "azerbaijani"]["value"].iloc[0]),
        "icrc_convoy_tonnes": int(icrc_70["value"]),
        "icrc_convoy_date": icrc_70["date"],
        "stranded_first": int(stranded.iloc[0]["value"]),
        "stranded_first_date": stranded.iloc[0]["date"],
        "stranded_later": int(stranded["value"].max()),
        "stranded_later_date": stranded.loc[stranded["value"].idxmax(), "date"],
        "n_supply_figures": len(supplies),
        "n_nk_figures": int((supplies["figure_side"] == "nk_de_facto").sum()),
    }
