"""Charts and key figures of the years from 1994 to the 2020 war and its ceasefire.

Every builder takes validated frames (``data.load`` + ``data.with_sources``) and returns a
furnished figure; headlines are computed from the data, never typed. Tolls and shares are
shown as published, with whose figure each one is; nothing is summed, interpolated or dated
by guesswork.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from ..facts import war_duration_days
from ..style import INK, MUTED, PALETTE, SIDE_COLOURS, SIDE_LABELS, event_marker, furnish, label_rows
from ..words import both_names, clock, day, figure_label, outlets, short_day

WAR = "war_2020_figures"
EVENTS = "timeline_events"
MANDATE = "peacekeeping_mandate_2020"
DISTRICTS = ("Aghdam", "Kalbajar", "Lachin")  # in the order of the statement's deadlines
SHARES = (
    ("territory_share_taken_in_fighting", "Taken in fighting"),
    ("territory_share_handed_over", "Handed over"),
    ("territory_share_remaining", "Remained"),
)
def analyst_name(cites: str) -> str:
    """'Analyst Grant Mikaelyan (Caucasus Institute)' -> 'Grant Mikaelyan (Caucasus Institute)'."""
    return re.sub(r"^(?:[Aa]nalyst)\s+", "", str(cites))


def _row(war: pd.DataFrame, figure_id: str) -> pd.Series:
    return war.set_index("figure_id").loc[figure_id]


def _event_dates(events: pd.DataFrame) -> pd.Series:
    return events.set_index("event_id")["date"]


def handovers(war: pd.DataFrame) -> pd.DataFrame:
    """One row per district: first deadline, final deadline, actual handover, days of delay."""
    rows = []
    for district in DISTRICTS:
        of = war[war["subject"].str.startswith(district)]
        deadlines = of[of["metric"] == "handover_deadline"].sort_values("date")
        done = of[of["metric"] == "district_handed_over"].iloc[0]
        rows.append(
            {
                "district": district,
                "subject": done["subject"],
                "first_deadline": deadlines["date"].iloc[0],
                "final_deadline": deadlines["date"].iloc[-1],
                "handed_over": done["date"],
                "postponed_days": int((deadlines["date"].iloc[-1] - deadlines["date"].iloc[0]).days),
                "days_after_final_deadline": int((done["date"] - deadlines["date"].iloc[-1]).days),
            }
        )
    return pd.DataFrame(rows)


def _tolls(war: pd.DataFrame) -> pd.DataFrame:
    """Official military death tolls, each labelled with its definition and whose figure it is."""
    tolls = war[war["metric"].isin(["military_killed", "military_and_civilians_killed"])].copy()
    base = {"azerbaijani": "Azerbaijani servicemen", "armenian": "Armenian servicemen"}
    tolls["comparable"] = (tolls["metric"] == "military_killed") & (tolls["subject"] == tolls["figure_side"].map(base))
    tolls["label"] = [figure_label(v, a, n) for v, a, n in zip(tolls["value"], tolls["approximate"], tolls["note"])]
    tolls["when"] = tolls["date"].map(lambda d: "date not given" if pd.isna(d) else day(d))
    return tolls.sort_values(["figure_side", "date"], na_position="last")


def _rise(tolls: pd.DataFrame, side: str) -> tuple[pd.Series, pd.Series]:
    """First and last dated, like-for-like toll of one side."""
    series = tolls[(tolls["figure_side"] == side) & tolls["comparable"] & tolls["date"].notna()].sort_values("date")
    return series.iloc[0], series.iloc[-1]


def war_key_figures(war: pd.DataFrame, events: pd.DataFrame, mandate: pd.DataFrame) -> dict:
    """The numbers and dates the chapter's prose quotes, all read off the data."""
    dates = _event_dates(events)
    start, ceasefire = _row(war, "war_start"), _row(war, "ceasefire_in_force")
    duration = war_duration_days(war)
    claimed = war[war["metric"] == "war_duration"].set_index("figure_side")["value"]
    table = handovers(war).set_index("district")
    tolls = _tolls(war)
    az_first, az_last = _rise(tolls, "azerbaijani")
    am_first, am_last = _rise(tolls, "armenian")
    undated = tolls[tolls["date"].isna() & (tolls["metric"] == "military_killed")].set_index("figure_side")
    share = war[war["metric"].str.startswith("territory_share")].set_index("metric")
    civilians = war[war["metric"] == "civilians_killed"].set_index("figure_id")
    terms = mandate.drop_duplicates("term_id").set_index("term_id")
    personnel = mandate[mandate["term_id"] == "personnel"]
    analyst = share.iloc[0]
    return {
        "request_1988_date": day(dates["nkao_asks_to_join_armenia"]),
        "proclaimed_1991_date": day(dates["nkr_proclaimed_1991"]),
        "ceasefire_1994_date": day(dates["ceasefire_1994"]),
        "years_1994_to_war": int((start["date"] - dates["ceasefire_1994"]).days // 365.25),
        "april_war_days": int((dates["april_war_2016_ceasefire"] - dates["april_war_2016_begins"]).days) + 1,
        "war_start_date": day(start["date"]),
        "ceasefire_date": day(ceasefire["date"]),
        "ceasefire_time": clock(ceasefire["time"]),
        "shusha_date": day(dates["shusha_taken_2020"]),
        "days_shusha_to_ceasefire": int((ceasefire["date"] - dates["shusha_taken_2020"]).days),
        "war_days_computed": duration,
        "war_weeks_computed": round(duration / 7, 1),
        "war_days_armenian": int(claimed["armenian"]),
        "war_days_azerbaijani": int(claimed["azerbaijani"]),
        "war_days_agree": "agree" if int(claimed["armenian"]) == int(claimed["azerbaijani"]) == duration else "do not agree",
        "personnel": int(terms.loc["personnel", "quantity"]),
        "personnel_sides": int(personnel["figure_side"].nunique()),
        "personnel_agree": "the same" if personnel["quantity"].nunique() == 1 else "different",
        "apcs": int(terms.loc["armoured_personnel_carriers", "quantity"]),
        "vehicles": int(terms.loc["vehicles_special_equipment", "quantity"]),
        "term_years": int(terms.loc["term_years", "quantity"]),
        "corridor_km": int(terms.loc["lachin_corridor_width", "quantity"]),
        "aghdam_date": day(table.loc["Aghdam", "handed_over"]),
        "kalbajar_first_deadline": day(table.loc["Kalbajar", "first_deadline"]),
        "kalbajar_date": day(table.loc["Kalbajar", "handed_over"]),
        "kalbajar_postponed_days": int(table.loc["Kalbajar", "postponed_days"]),
        "lachin_date": day(table.loc["Lachin", "handed_over"]),
        "days_ceasefire_to_last_handover": int((table["handed_over"].max() - ceasefire["date"]).days),
        "all_on_final_deadline": "on" if (table["days_after_final_deadline"] == 0).all() else "not all on",
        "share_taken": float(share.loc["territory_share_taken_in_fighting", "value"]),
        "share_handed_over": float(share.loc["territory_share_handed_over", "value"]),
        "share_remaining": float(share.loc["territory_share_remaining", "value"]),
        "share_sum": round(float(share["value"].sum()), 2),
        "share_analyst": analyst_name(analyst["cites"]),
        "share_publisher": str(analyst["publisher"]),
        "share_date": day(analyst["date"]),
        "share_days_after_ceasefire": int((analyst["date"] - ceasefire["date"]).days),
        "az_first_toll": int(az_first["value"]),
        "az_first_toll_date": day(az_first["date"]),
        "az_last_dated_toll": int(az_last["value"]),
        "az_last_dated_toll_date": day(az_last["date"]),
        "az_latest_undated": int(undated.loc["azerbaijani", "value"]),
        "am_first_toll": int(am_first["value"]),
        "am_first_toll_date": day(am_first["date"]),
        "am_last_dated_toll": int(am_last["value"]),
        "am_last_dated_toll_date": day(am_last["date"]),
        "am_latest_undated": int(undated.loc["armenian", "value"]),
        "am_about_toll": figure_label(*_row(war, "am_killed_202104")[["value", "approximate", "note"]]),
        "am_with_civilians": int(_row(war, "am_killed_mil_civ_20210927")["value"]),
        "az_civilians_killed": int(civilians.loc["az_civ_killed_20201031", "value"]),
        "az_civilians_date": day(civilians.loc["az_civ_killed_20201031", "date"]),
        "az_civilians_days_before_ceasefire": int((ceasefire["date"] - civilians.loc["az_civ_killed_20201031", "date"]).days),
        "nk_civilians_killed": int(civilians.loc["nk_civ_killed_20210927", "value"]),
        "nk_civilians_date": day(civilians.loc["nk_civ_killed_20210927", "date"]),
        "civilians_both_min": figure_label(*_row(war, "civ_killed_both_min")[["value", "approximate", "note"]]),
        "amnesty_civilians": int(civilians.loc["amnesty_az_civ_killed", "value"]),
    }


def road_to_war(events: pd.DataFrame, war: pd.DataFrame) -> go.Figure:
    """The background events from 1988 to the first day of the 2020 war, one row each."""
    start = _row(war, "war_start")["date"]
    shown = events[(events["stage"] == "war_and_ceasefire") & (events["date"] <= start)].sort_values("date")
    shown = shown.assign(when=shown["date"].map(day))
    truce = shown.set_index("event_id").loc["ceasefire_1994"]
    years = int((start - truce["date"]).days // 365.25)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[truce["date"], start], y=[truce["label"], truce["label"]], mode="lines", name="Years of the 1994 ceasefire",
            line=dict(color=PALETTE[0], width=6), hoverinfo="skip", showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=shown["date"], y=shown["label"], mode="markers", name="Event", showlegend=False,
            marker=dict(size=10, color=PALETTE[0], symbol="circle"),
            customdata=shown[["when", "description", "publisher"]].astype(str).to_numpy(),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Source: %{customdata[2]}<extra></extra>",
        )
    )
    fig.update_layout(
        height=460, margin=dict(l=8, r=16),
        xaxis=dict(title="Year", type="date", dtick="M60", tickformat="%Y", range=[shown["date"].min() - pd.Timedelta(days=400), start + pd.Timedelta(days=400)]),
        yaxis=dict(title=None, categoryorder="array", categoryarray=list(shown["label"]), autorange="reversed", showgrid=False),
    )
    label_rows(fig, shown["label"])
    return furnish(
        fig,
        title=f"{years} years passed between the ceasefire of {truce['date']:%Y} and the war of {start:%Y}",
        subtitle="Background events from the Karabakh soviet's request of 1988 to the first day of the 2020 war",
        source=f"Event dates as reported by {outlets(shown)}.",
        description="A timeline with one row per event: "
        + "; ".join(f"{r['when']}, {r['label']}" for _, r in shown.iterrows())
        + f". A thick line runs from the {day(truce['date'])} ceasefire to {day(start)}.",
        notes=(
            "The line marks the time between the two dates; it does not claim that the front line stood still (the Four-Day War of 2016 is shown).",
            "Dates are as reported by the sources listed in the table; the 1991 dates are the Karabakh Armenian and Soviet Azerbaijani acts, not recognised by each other.",
        ),
        data=shown[["when", "label", "description", "publisher", "url"]].rename(
            columns={"when": "date", "label": "event", "url": "source URL"}
        ),
        datasets=(EVENTS, WAR),
    )


def war_calendar(war: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """The 44 days of fighting, then each district's handover deadlines against the actual date."""
    start, ceasefire = _row(war, "war_start"), _row(war, "ceasefire_in_force")
    ceasefire_at = ceasefire["date"] + ceasefire["time"]
    duration = war_duration_days(war)
    table = handovers(war)
    shusha = events.set_index("event_id").loc["shusha_taken_2020"]
    fighting = "The war"
    rows = [
        {"row": fighting, "date": start["date"], "what": "Fighting begins", "kind": "war", "side": start["figure_side"],
         "publisher": start["publisher"], "url": start["url"], "note": start["note"]},
        # The event is Azerbaijan's president announcing the capture: an Azerbaijani claim.
        {"row": fighting, "date": shusha["date"], "what": both_names(shusha["label"]), "kind": "war", "side": "azerbaijani",
         "publisher": shusha["publisher"], "url": shusha["url"], "note": shusha["description"]},
        {"row": fighting, "date": ceasefire_at, "what": f"Ceasefire in force, {ceasefire_at:%H:%M} local time", "kind": "war",
         "side": ceasefire["figure_side"], "publisher": ceasefire["publisher"], "url": ceasefire["url"], "note": ceasefire["note"]},
    ]
    for _, figure in war[war["metric"].isin(["handover_deadline", "district_handed_over"])].iterrows():
        district = next(d for d in DISTRICTS if figure["subject"].startswith(d))
        deadline = figure["metric"] == "handover_deadline"
        first = deadline and figure["date"] == table.set_index("district").loc[district, "first_deadline"]
        rows.append(
            {
                "row": district, "date": figure["date"],
                "what": ("Deadline in the statement" if first else "Postponed deadline") if deadline else "Handed over",
                "kind": "deadline" if deadline else "handover", "side": figure["figure_side"],
                "publisher": figure["publisher"], "url": figure["url"], "note": figure["note"],
            }
        )
    frame = pd.DataFrame(rows)
    frame["when"] = frame["date"].map(day)
    frame["whose figure"] = frame["side"].map(SIDE_LABELS)
    order = [fighting, *DISTRICTS]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[start["date"], ceasefire_at], y=[fighting, fighting], mode="lines", name=f"{duration} days of fighting",
            line=dict(color=PALETTE[1], width=10), hoverinfo="skip",
        )
    )
    postponed = table[table["postponed_days"] > 0]
    for _, district in postponed.iterrows():
        fig.add_trace(
            go.Scatter(
                x=[district["first_deadline"], district["final_deadline"]], y=[district["district"]] * 2, mode="lines",
                line=dict(color=MUTED, width=2, dash="dot"), hoverinfo="skip", showlegend=False,
            )
        )
    styles = {
        "war": ("Start, Shusha (Shushi), ceasefire", dict(symbol="circle", size=11, color="white", line=dict(width=2.5, color=INK))),
        "deadline": ("Deadline", dict(symbol="diamond-open", size=13, color=MUTED, line=dict(width=2, color=MUTED))),
        "handover": ("Azerbaijani army enters", dict(symbol="circle", size=10, color=PALETTE[2])),
    }
    for kind, (name, marker) in styles.items():
        points = frame[frame["kind"] == kind]
        fig.add_trace(
            go.Scatter(
                x=points["date"], y=points["row"], mode="markers", name=name, marker=marker,
                customdata=points[["what", "when", "publisher", "whose figure"]].astype(str).to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Source: %{customdata[2]}"
                " (%{customdata[3]})<extra></extra>",
            )
        )
    # A plain line: a label here would cover the Shusha marker two days earlier.
    fig.add_vline(x=ceasefire_at, line=dict(color=MUTED, width=1, dash="dot"))
    last = table["handed_over"].max()
    fig.update_layout(
        height=400,
        xaxis=dict(title="Date (2020)", tickformat="%-d %b", tickangle=0, tickfont=dict(size=12), tick0=start["date"],
                   dtick=14 * 24 * 3600 * 1000, range=[start["date"] - pd.Timedelta(days=4), last + pd.Timedelta(days=5)]),
        yaxis=dict(title=None, categoryorder="array", categoryarray=order, autorange="reversed"),
    )
    slow = postponed.iloc[0] if len(postponed) else None
    tail = (
        f", {slow['district']} {int(slow['postponed_days'])} days after its first deadline" if slow is not None else ""
    )
    return furnish(
        fig,
        title=f"{duration} days of war, then three districts handed over within {int((last - ceasefire['date']).days)} days{tail}",
        subtitle="The 2020 war and the handover of the Aghdam, Kalbajar and Lachin districts under the ceasefire statement",
        source=f"War dates and deadlines: the trilateral statement and reports by {outlets(frame)}.",
        description=(
            f"A bar runs from {day(start['date'])} to the ceasefire at {ceasefire_at:%H:%M} on {day(ceasefire['date'])}. "
            + " ".join(
                f"{d['district']}: deadline {day(d['first_deadline'])}"
                + (f", postponed to {day(d['final_deadline'])}" if d["postponed_days"] else "")
                + f"; handed over {day(d['handed_over'])}."
                for _, d in table.iterrows()
            )
        ),
        notes=(
            f"Duration computed by us from the two dates: {duration} days; both governments speak of a '44-day war'.",
            f"The ceasefire took effect at midnight Moscow time, {ceasefire_at:%H:%M} in Baku, Yerevan and Stepanakert (Khankendi).",
            "The Kalbajar postponement was agreed at Armenia's request, as announced by Azerbaijan's presidential aide; the Lachin corridor itself stayed under the peacekeepers.",
        ),
        data=frame[["row", "what", "when", "whose figure", "publisher", "url", "note"]].rename(
            columns={"row": "row", "when": "date", "url": "source URL"}
        ),
        datasets=(WAR, EVENTS),
    )


def territory_shares(war: pd.DataFrame) -> go.Figure:
    """The area held before the war, split as one analyst estimated it; the three shares as published."""
    share = war[war["metric"].str.startswith("territory_share")].set_index("metric")
    analyst = share.iloc[0].copy()
    analyst["cites"] = analyst_name(analyst["cites"])
    fig = go.Figure()
    rows = []
    # Text colour per part: white on the dark fills, ink on the light orange (contrast).
    for (metric, name), colour, ink in zip(SHARES, (PALETTE[1], PALETTE[4], PALETTE[0]), ("white", INK, "white")):
        figure = share.loc[metric]
        label = figure_label(figure["value"], figure["approximate"], "about" if figure["approximate"] else None)
        rows.append({"part": name, "share (%)": float(figure["value"]), "as published": f"{label}%", "approximate": bool(figure["approximate"]),
                     "whose figure": SIDE_LABELS[figure["figure_side"]], "analyst": analyst["cites"], "publisher": figure["publisher"],
                     "source URL": figure["url"], "note": figure["note"]})
        fig.add_trace(
            go.Bar(
                x=[float(figure["value"])], y=["Area held<br>26 Sep 2020"], orientation="h", name=name,
                marker=dict(color=colour, pattern=dict(shape="/" if figure["approximate"] else "", fgcolor="white", fillmode="overlay", solidity=0.25)),
                text=[f"{name}<br>{label}%"], textposition="inside", insidetextanchor="middle", textfont=dict(color=ink, size=13),
                customdata=[[f"{label}%", analyst["cites"], figure["publisher"], figure["subject"]]],
                hovertemplate="<b>%{customdata[0]}</b> " + name.lower() + "<br>of the %{customdata[3]}"
                "<br>Estimate by %{customdata[1]}<br>Published by %{customdata[2]}<extra></extra>",
            )
        )
    table = pd.DataFrame(rows)
    remaining = table.iloc[-1]
    total = round(table["share (%)"].sum(), 2)
    fig.update_layout(
        height=280, barmode="stack", bargap=0.25,
        xaxis=dict(title="Share of the area held on 26 September 2020 (%)", range=[0, max(100.0, total)], ticksuffix="%"),
        yaxis=dict(title=None, showticklabels=False),
        showlegend=False,
    )
    return furnish(
        fig,
        title=f"By one analyst's estimate, {remaining['as published']} of the area held before the war stayed with the Karabakh Armenians",
        subtitle="What became of the area the Karabakh Armenian authorities held on 26 September 2020, in shares of that area",
        source=f"Estimate by {analyst['cites']}, published by {analyst['publisher']} on {day(analyst['date'])}.",
        description="One bar of 100 per cent, split into three parts: "
        + "; ".join(f"{r['part'].lower()}: {r['as published']}" for _, r in table.iterrows())
        + f". The estimate is by {analyst['cites']}, an independent analyst.",
        notes=(
            f"The three shares add up to {total:g}%, not 100%: they are shown as the analyst published them, and the first is approximate (hatched).",
            "The shares are of the whole area the Karabakh Armenian side held before the war (most of the former autonomous oblast and districts around it), not of the former oblast alone.",
            "Neither government published a comparable split; this is an independent estimate.",
        ),
        data=table,
        datasets=(WAR,),
    )


def military_tolls(war: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """Each government's own count of its servicemen killed, as it was revised after the war."""
    tolls = _tolls(war)
    ceasefire = _row(war, "ceasefire_in_force")
    fig = go.Figure()
    for side in ("armenian", "azerbaijani"):
        colour = SIDE_COLOURS[side]
        mine = tolls[(tolls["figure_side"] == side) & tolls["date"].notna()]
        same = mine[mine["comparable"]]
        other = mine[~mine["comparable"]]
        fig.add_trace(
            go.Scatter(
                x=same["date"], y=same["value"].astype(float), mode="lines+markers", name=f"{SIDE_LABELS[side]}: servicemen killed",
                line=dict(color=colour, width=2), marker=dict(size=9, color=colour),
                customdata=same[["when", "label", "subject", "publisher"]].astype(str).to_numpy(),
                hovertemplate="%{customdata[0]}<br><b>%{customdata[1]} killed</b> (%{customdata[2]})"
                f"<br>Whose figure: {SIDE_LABELS[side]}<br>Published by %{{customdata[3]}}<extra></extra>",
            )
        )
        if len(other):
            fig.add_trace(
                go.Scatter(
                    x=other["date"], y=other["value"].astype(float), mode="markers", name=f"{SIDE_LABELS[side]}: other definitions",
                    marker=dict(size=11, color=colour, symbol=["diamond-open" if a else "square-open" for a in other["approximate"]],
                                line=dict(width=2)),
                    customdata=other[["when", "label", "subject", "publisher"]].astype(str).to_numpy(),
                    hovertemplate="%{customdata[0]}<br><b>%{customdata[1]}</b><br>Counts: %{customdata[2]}"
                    f"<br>Whose figure: {SIDE_LABELS[side]}<br>Published by %{{customdata[3]}}<extra></extra>",
                )
            )
    event_marker(fig, ceasefire["date"], f"Ceasefire {short_day(ceasefire['date'])}")
    dated = tolls[tolls["date"].notna()]
    undated = tolls[tolls["date"].isna()]
    az_first, az_last = _rise(tolls, "azerbaijani")
    am_first, am_last = _rise(tolls, "armenian")
    fig.update_layout(
        height=440,
        xaxis=dict(title="Date the toll refers to", tickformat="%b<br>%Y", dtick="M3", tickangle=0, range=[ceasefire["date"] - pd.Timedelta(days=30), dated["date"].max() + pd.Timedelta(days=30)]),
        yaxis=dict(title="Killed (persons)", rangemode="tozero"),
        legend=dict(font=dict(size=12)),
    )
    return furnish(
        fig,
        title=(
            f"The official tolls kept rising after the ceasefire: Armenia's from {am_first['label']} to {am_last['label']}, "
            f"Azerbaijan's from {az_first['label']} to {az_last['label']}"
        ),
        subtitle="Servicemen killed in the 2020 war, each government's count of its own dead, as it was revised",
        source=f"Armenian and Azerbaijani government figures, as published by {outlets(tolls)}.",
        description=(
            f"Armenia's count of its servicemen killed rose from {am_first['label']} on {am_first['when']} to {am_last['label']} on {am_last['when']}; "
            f"Azerbaijan's rose from {az_first['label']} on {az_first['when']} to {az_last['label']} on {az_last['when']}. "
            + " ".join(f"Separately marked: {r['label']} on {r['when']}, counting {r['subject']}." for _, r in dated[~dated["comparable"]].iterrows())
            + " "
            + " ".join(f"Undated latest figure of the {SIDE_LABELS[r['figure_side']]}: {r['label']}, counting {r['subject']}." for _, r in undated.iterrows())
        ),
        notes=(
            "Each point is a count as published on that date, not an estimate of deaths on that date; lines join only counts with the same definition.",
            "Open markers are counts with another definition (hover says what each counts, for example with the missing or with civilians); a diamond marks a qualified figure ('about'). Compare like with like.",
            f"{len(undated)} later figures have no date ("
            + ", ".join(f"{r['label']}, {SIDE_LABELS[r['figure_side']]}" for _, r in undated.iterrows())
            + "); they are in the table, not on the time axis.",
            "Each side counts only its own dead; the two tolls use different definitions and are not added.",
        ),
        data=tolls[["figure_side", "when", "label", "subject", "comparable", "publisher", "url", "confidence", "note"]].assign(
            figure_side=tolls["figure_side"].map(SIDE_LABELS)
        ).rename(columns={"figure_side": "whose figure", "when": "count as of", "label": "killed", "comparable": "on the line", "url": "source URL"}),
        datasets=(WAR,),
    )
