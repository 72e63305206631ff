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
from ..words import N_, Said, both_names, clock, day, figure_label, mid_sentence, outlets, say, say_n, say_plotly

WAR = "war_2020_figures"
EVENTS = "timeline_events"
MANDATE = "peacekeeping_mandate_2020"
DISTRICTS = ("Aghdam", "Kalbajar", "Lachin")  # in the order of the statement's deadlines; keys, read off figure ids
# The rows of the war calendar: their keys (stable in both editions) and the names shown.
WAR_ROW = "war"
ROW_NAMES = Said({WAR_ROW: N_("The war"), "Aghdam": N_("Aghdam"), "Kalbajar": N_("Kalbajar"), "Lachin": N_("Lachin")})
# Each part of the area held before the war: its metric, its name, and the first line of its hover label.
SHARES = (
    ("territory_share_taken_in_fighting", N_("Taken in fighting"), N_("<b>%{customdata[0]}</b> taken in fighting")),
    ("territory_share_handed_over", N_("Handed over"), N_("<b>%{customdata[0]}</b> handed over")),
    ("territory_share_remaining", N_("Remained"), N_("<b>%{customdata[0]}</b> remained")),
)


def analyst_name(cites: str) -> str:
    """'Analyst Grant Mikaelyan (Caucasus Institute)' -> 'Grant Mikaelyan (Caucasus Institute)'."""
    return re.sub(r"^(?:[Aa]nalyst)\s+", "", str(cites))


def _row(war: pd.DataFrame, figure_id: str) -> pd.Series:
    return war.set_index("figure_id").loc[figure_id]


def _event_dates(events: pd.DataFrame) -> pd.Series:
    return events.set_index("event_id")["date"]


def district_of(figure_id: str) -> str | None:
    """'deadline_kalbajar_postponed' -> 'Kalbajar': the district a deadline or handover is about, read
    off the row's stable id (its subject is in the reader's language)."""
    parts = str(figure_id).split("_")
    return next((district for district in DISTRICTS if district.lower() in parts), None)


def handovers(war: pd.DataFrame) -> pd.DataFrame:
    """One row per district: first deadline, final deadline, actual handover, days of delay."""
    rows = []
    for district in DISTRICTS:
        of = war[war["figure_id"].map(district_of) == district]
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
    tolls["comparable"] = (tolls["metric"] == "military_killed") & (tolls["subject"] == tolls["figure_side"].map(_plain_definition(tolls)))
    tolls["label"] = [figure_label(v, a, n) for v, a, n in zip(tolls["value"], tolls["approximate"], tolls["note"])]
    undated = say("date not given")
    tolls["when"] = tolls["date"].map(lambda d: undated if pd.isna(d) else day(d))
    return tolls.sort_values(["figure_side", "date"], na_position="last")


def _plain_definition(tolls: pd.DataFrame) -> pd.Series:
    """Each side's own plain count of its servicemen killed: the definition (subject) most of its dated
    counts share. Subjects are compared with each other, never with a typed English text, so the
    choice is the same in both editions (the subject is in the reader's language)."""
    killed = tolls[(tolls["metric"] == "military_killed") & tolls["date"].notna()].sort_values("date", kind="stable")
    return killed.groupby("figure_side")["subject"].agg(lambda subjects: subjects.value_counts(sort=True).index[0])


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
        "request_1988_date": dates["nkao_asks_to_join_armenia"],
        "proclaimed_1991_date": dates["nkr_proclaimed_1991"],
        "ceasefire_1994_date": dates["ceasefire_1994"],
        "years_1994_to_war": int((start["date"] - dates["ceasefire_1994"]).days // 365.25),
        "april_war_days": int((dates["april_war_2016_ceasefire"] - dates["april_war_2016_begins"]).days) + 1,
        "war_start_date": start["date"],
        "ceasefire_date": ceasefire["date"],
        "ceasefire_time": clock(ceasefire["time"]),
        "shusha_date": dates["shusha_taken_2020"],
        "days_shusha_to_ceasefire": int((ceasefire["date"] - dates["shusha_taken_2020"]).days),
        "war_days_computed": duration,
        "war_weeks_computed": round(duration / 7, 1),
        "war_days_armenian": int(claimed["armenian"]),
        "war_days_azerbaijani": int(claimed["azerbaijani"]),
        "war_days_agree": say("agree") if int(claimed["armenian"]) == int(claimed["azerbaijani"]) == duration else say("do not agree"),
        "personnel": int(terms.loc["personnel", "quantity"]),
        "personnel_sides": int(personnel["figure_side"].nunique()),
        "personnel_agree": say("the same") if personnel["quantity"].nunique() == 1 else say("different"),
        "apcs": int(terms.loc["armoured_personnel_carriers", "quantity"]),
        "vehicles": int(terms.loc["vehicles_special_equipment", "quantity"]),
        "term_years": int(terms.loc["term_years", "quantity"]),
        "corridor_km": int(terms.loc["lachin_corridor_width", "quantity"]),
        "aghdam_date": table.loc["Aghdam", "handed_over"],
        "kalbajar_first_deadline": table.loc["Kalbajar", "first_deadline"],
        "kalbajar_date": table.loc["Kalbajar", "handed_over"],
        "kalbajar_postponed_days": int(table.loc["Kalbajar", "postponed_days"]),
        "lachin_date": table.loc["Lachin", "handed_over"],
        "days_ceasefire_to_last_handover": int((table["handed_over"].max() - ceasefire["date"]).days),
        "all_on_final_deadline": say("on") if (table["days_after_final_deadline"] == 0).all() else say("not all on"),
        "share_taken": float(share.loc["territory_share_taken_in_fighting", "value"]),
        "share_handed_over": float(share.loc["territory_share_handed_over", "value"]),
        "share_remaining": float(share.loc["territory_share_remaining", "value"]),
        "share_sum": round(float(share["value"].sum()), 2),
        "share_analyst": analyst_name(analyst["cites"]),
        "share_publisher": str(analyst["publisher"]),
        "share_date": analyst["date"],
        "share_days_after_ceasefire": int((analyst["date"] - ceasefire["date"]).days),
        "az_first_toll": int(az_first["value"]),
        "az_first_toll_date": az_first["date"],
        "az_last_dated_toll": int(az_last["value"]),
        "az_last_dated_toll_date": az_last["date"],
        "az_latest_undated": int(undated.loc["azerbaijani", "value"]),
        "am_first_toll": int(am_first["value"]),
        "am_first_toll_date": am_first["date"],
        "am_last_dated_toll": int(am_last["value"]),
        "am_last_dated_toll_date": am_last["date"],
        "am_latest_undated": int(undated.loc["armenian", "value"]),
        "am_about_toll": figure_label(*_row(war, "am_killed_202104")[["value", "approximate", "note"]]),
        "am_with_civilians": int(_row(war, "am_killed_mil_civ_20210927")["value"]),
        "az_civilians_killed": int(civilians.loc["az_civ_killed_20201031", "value"]),
        "az_civilians_date": civilians.loc["az_civ_killed_20201031", "date"],
        "az_civilians_days_before_ceasefire": int((ceasefire["date"] - civilians.loc["az_civ_killed_20201031", "date"]).days),
        "nk_civilians_killed": int(civilians.loc["nk_civ_killed_20210927", "value"]),
        "nk_civilians_date": civilians.loc["nk_civ_killed_20210927", "date"],
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
            x=[truce["date"], start], y=[truce["label"], truce["label"]], mode="lines", name=say("Years of the 1994 ceasefire"),
            line=dict(color=PALETTE[0], width=6), hoverinfo="skip", showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=shown["date"], y=shown["label"], mode="markers", name=say("Event"), showlegend=False,
            marker=dict(size=10, color=PALETTE[0], symbol="circle"),
            customdata=shown[["when", "description", "publisher"]].astype(str).to_numpy(),
            hovertemplate=say_plotly("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Source: %{customdata[2]}<extra></extra>"),
        )
    )
    fig.update_layout(
        height=460, margin=dict(l=8, r=16),
        xaxis=dict(title=say("Year"), type="date", dtick="M60", tickformat="%Y", range=[shown["date"].min() - pd.Timedelta(days=400), start + pd.Timedelta(days=400)]),
        yaxis=dict(title=None, categoryorder="array", categoryarray=list(shown["label"]), autorange="reversed", showgrid=False),
    )
    label_rows(fig, shown["label"])
    listed = "; ".join(say("{date:day}, {event}", date=r["date"], event=r["label"]) for _, r in shown.iterrows())
    return furnish(
        fig,
        title=say("{years} years passed between the ceasefire of {truce:year} and the war of {start:year}",
                  years=years, truce=truce["date"], start=start),
        subtitle=say("Background events from the Karabakh soviet's request of 1988 to the first day of the 2020 war"),
        source=say("Event dates as reported by {outlets}.", outlets=outlets(shown)),
        description=say("A timeline with one row per event: {events}. A thick line runs from the {truce:day} ceasefire to {start:day}.",
                        events=listed, truce=truce["date"], start=start),
        notes=(
            say("The line marks the time between the two dates; it does not claim that the front line stood still (the Four-Day War of 2016 is shown)."),
            say("Dates are as reported by the sources listed in the table; the 1991 dates are the Karabakh Armenian and Soviet Azerbaijani acts, not recognised by each other."),
        ),
        data=shown[["when", "label", "description", "publisher", "url"]].rename(
            columns={"when": N_("date"), "label": N_("event"), "description": N_("description"), "url": N_("source URL")}
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
    fighting = ROW_NAMES[WAR_ROW]
    rows = [
        {"row": fighting, "date": start["date"], "what": say("Fighting begins"), "kind": "war", "side": start["figure_side"],
         "publisher": start["publisher"], "url": start["url"], "note": start["note"]},
        # The event is Azerbaijan's president announcing the capture: an Azerbaijani claim.
        {"row": fighting, "date": shusha["date"], "what": both_names(shusha["label"]), "kind": "war", "side": "azerbaijani",
         "publisher": shusha["publisher"], "url": shusha["url"], "note": shusha["description"]},
        {"row": fighting, "date": ceasefire_at, "what": say("Ceasefire in force, {time:time} local time", time=ceasefire_at), "kind": "war",
         "side": ceasefire["figure_side"], "publisher": ceasefire["publisher"], "url": ceasefire["url"], "note": ceasefire["note"]},
    ]
    for _, figure in war[war["metric"].isin(["handover_deadline", "district_handed_over"])].iterrows():
        district = district_of(figure["figure_id"])
        deadline = figure["metric"] == "handover_deadline"
        first = deadline and figure["date"] == table.set_index("district").loc[district, "first_deadline"]
        if deadline:
            what = say("Deadline in the statement") if first else say("Postponed deadline")
        else:
            what = say("Handed over")
        rows.append(
            {
                "row": ROW_NAMES[district], "date": figure["date"], "what": what,
                "kind": "deadline" if deadline else "handover", "side": figure["figure_side"],
                "publisher": figure["publisher"], "url": figure["url"], "note": figure["note"],
            }
        )
    frame = pd.DataFrame(rows)
    frame["when"] = frame["date"].map(day)
    frame["whose figure"] = frame["side"].map(SIDE_LABELS)
    order = [ROW_NAMES[key] for key in (WAR_ROW, *DISTRICTS)]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[start["date"], ceasefire_at], y=[fighting, fighting], mode="lines",
            name=say_n("{n} day of fighting", "{n} days of fighting", duration),
            line=dict(color=PALETTE[1], width=10), hoverinfo="skip",
        )
    )
    postponed = table[table["postponed_days"] > 0]
    for _, district in postponed.iterrows():
        fig.add_trace(
            go.Scatter(
                x=[district["first_deadline"], district["final_deadline"]], y=[ROW_NAMES[district["district"]]] * 2, mode="lines",
                line=dict(color=MUTED, width=2, dash="dot"), hoverinfo="skip", showlegend=False,
            )
        )
    styles = {
        "war": (N_("Start, Shusha (Shushi), ceasefire"), dict(symbol="circle", size=11, color="white", line=dict(width=2.5, color=INK))),
        "deadline": (N_("Deadline"), dict(symbol="diamond-open", size=13, color=MUTED, line=dict(width=2, color=MUTED))),
        "handover": (N_("Azerbaijani army enters"), dict(symbol="circle", size=10, color=PALETTE[2])),
    }
    for kind, (name, marker) in styles.items():
        points = frame[frame["kind"] == kind]
        fig.add_trace(
            go.Scatter(
                x=points["date"], y=points["row"], mode="markers", name=say(name), marker=marker,
                customdata=points[["what", "when", "publisher", "whose figure"]].astype(str).to_numpy(),
                hovertemplate=say_plotly("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Source: %{customdata[2]}"
                                         " (%{customdata[3]})<extra></extra>"),
            )
        )
    # A plain line: a label here would cover the Shusha marker two days earlier.
    fig.add_vline(x=ceasefire_at, line=dict(color=MUTED, width=1, dash="dot"))
    last = table["handed_over"].max()
    fig.update_layout(
        height=400,
        xaxis=dict(title=say("Date (2020)"), tickformat=say_plotly("%-d %b"), tickangle=0, tickfont=dict(size=12), tick0=start["date"],
                   dtick=14 * 24 * 3600 * 1000, range=[start["date"] - pd.Timedelta(days=4), last + pd.Timedelta(days=5)]),
        yaxis=dict(title=None, categoryorder="array", categoryarray=order, autorange="reversed"),
    )
    within = int((last - ceasefire["date"]).days)
    if len(postponed):
        slow = postponed.iloc[0]
        title = say("{days} days of war, then three districts handed over within {within} days, {district} {late} days after its first deadline",
                    days=duration, within=within, district=ROW_NAMES[slow["district"]], late=int(slow["postponed_days"]))
    else:
        title = say("{days} days of war, then three districts handed over within {within} days", days=duration, within=within)
    handed = " ".join(
        say("{district}: deadline {first:day}, postponed to {final:day}; handed over {handed:day}.",
            district=ROW_NAMES[d["district"]], first=d["first_deadline"], final=d["final_deadline"], handed=d["handed_over"])
        if d["postponed_days"] else
        say("{district}: deadline {first:day}; handed over {handed:day}.",
            district=ROW_NAMES[d["district"]], first=d["first_deadline"], handed=d["handed_over"])
        for _, d in table.iterrows()
    )
    return furnish(
        fig,
        title=title,
        subtitle=say("The 2020 war and the handover of the Aghdam, Kalbajar and Lachin districts under the ceasefire statement"),
        source=say("War dates and deadlines: the trilateral statement and reports by {outlets}.", outlets=outlets(frame)),
        description=say("A bar runs from {start:day} to the ceasefire at {time:time} on {ceasefire:day}. ",
                        start=start["date"], time=ceasefire_at, ceasefire=ceasefire["date"]) + handed,
        notes=(
            say("Duration computed by us from the two dates: {days} days; both governments speak of a '44-day war'.", days=duration),
            say("The ceasefire took effect at midnight Moscow time, {time:time} in Baku, Yerevan and Stepanakert (Khankendi).", time=ceasefire_at),
            say("The Kalbajar postponement was agreed at Armenia's request, as announced by Azerbaijan's presidential aide; the Lachin corridor itself stayed under the peacekeepers."),
        ),
        data=frame[["row", "what", "when", "whose figure", "publisher", "url", "note"]].rename(
            columns={"row": N_("row"), "what": N_("what"), "when": N_("date"), "whose figure": N_("whose figure"), "url": N_("source URL")}
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
    held = say("Area held<br>26 Sep 2020")
    held_of = say_plotly("<br>of the %{customdata[3]}<br>Estimate by %{customdata[1]}<br>Published by %{customdata[2]}<extra></extra>")
    # Text colour per part: white on the dark fills, ink on the light orange (contrast).
    for (metric, part, hover), colour, ink in zip(SHARES, (PALETTE[1], PALETTE[4], PALETTE[0]), ("white", INK, "white")):
        figure = share.loc[metric]
        name = say(part)
        label = figure_label(figure["value"], figure["approximate"], "about" if figure["approximate"] else None)
        published = say("{label}%", label=label)
        rows.append({"part": name, "share (%)": float(figure["value"]), "as published": published, "approximate": bool(figure["approximate"]),
                     "whose figure": SIDE_LABELS[figure["figure_side"]], "analyst": analyst["cites"], "publisher": figure["publisher"],
                     "source URL": figure["url"], "note": figure["note"]})
        fig.add_trace(
            go.Bar(
                x=[float(figure["value"])], y=[held], orientation="h", name=name,
                marker=dict(color=colour, pattern=dict(shape="/" if figure["approximate"] else "", fgcolor="white", fillmode="overlay", solidity=0.25)),
                text=[f"{name}<br>{published}"], textposition="inside", insidetextanchor="middle", textfont=dict(color=ink, size=13),
                customdata=[[published, analyst["cites"], figure["publisher"], figure["subject"]]],
                hovertemplate=say_plotly(hover) + held_of,
            )
        )
    table = pd.DataFrame(rows)
    remaining = table.iloc[-1]
    total = round(table["share (%)"].sum(), 2)
    fig.update_layout(
        height=280, barmode="stack", bargap=0.25,
        xaxis=dict(title=say("Share of the area held on 26 September 2020 (%)"), range=[0, max(100.0, total)], ticksuffix=say_plotly("%")),
        yaxis=dict(title=None, showticklabels=False),
        showlegend=False,
    )
    parts = "; ".join(f"{mid_sentence(r['part'])}: {r['as published']}" for _, r in table.iterrows())
    return furnish(
        fig,
        title=say("By one analyst's estimate, {share} of the area held before the war stayed with the Karabakh Armenians",
                  share=remaining["as published"]),
        subtitle=say("What became of the area the Karabakh Armenian authorities held on 26 September 2020, in shares of that area"),
        source=say("Estimate by {analyst}, published by {publisher} on {date:day}.",
                   analyst=analyst["cites"], publisher=analyst["publisher"], date=analyst["date"]),
        description=say("One bar of 100 per cent, split into three parts: {parts}. The estimate is by {analyst}, an independent analyst.",
                        parts=parts, analyst=analyst["cites"]),
        notes=(
            say("The three shares add up to {total:g}%, not 100%: they are shown as the analyst published them, and the first is approximate (hatched).",
                total=total),
            say("The shares are of the whole area the Karabakh Armenian side held before the war (most of the former autonomous oblast and districts around it), not of the former oblast alone."),
            say("Neither government published a comparable split; this is an independent estimate."),
        ),
        data=table.rename(columns={"part": N_("part"), "share (%)": N_("share (%)"), "as published": N_("as published"),
                                   "whose figure": N_("whose figure"), "analyst": N_("analyst"), "source URL": N_("source URL")}),
        datasets=(WAR,),
    )


def military_tolls(war: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """Each government's own count of its servicemen killed, as it was revised after the war."""
    tolls = _tolls(war)
    ceasefire = _row(war, "ceasefire_in_force")
    published_by = say_plotly("<br>Published by %{customdata[3]}<extra></extra>")
    fig = go.Figure()
    for side in ("armenian", "azerbaijani"):
        colour = SIDE_COLOURS[side]
        whose = say("<br>Whose figure: {side}", side=SIDE_LABELS[side])
        mine = tolls[(tolls["figure_side"] == side) & tolls["date"].notna()]
        same = mine[mine["comparable"]]
        other = mine[~mine["comparable"]]
        fig.add_trace(
            go.Scatter(
                x=same["date"], y=same["value"].astype(float), mode="lines+markers",
                name=say("{side}: servicemen killed", side=SIDE_LABELS[side]),
                line=dict(color=colour, width=2), marker=dict(size=9, color=colour),
                customdata=same[["when", "label", "subject", "publisher"]].astype(str).to_numpy(),
                hovertemplate=say_plotly("%{customdata[0]}<br><b>%{customdata[1]} killed</b> (%{customdata[2]})") + whose + published_by,
            )
        )
        if len(other):
            fig.add_trace(
                go.Scatter(
                    x=other["date"], y=other["value"].astype(float), mode="markers",
                    name=say("{side}: other definitions", side=SIDE_LABELS[side]),
                    marker=dict(size=11, color=colour, symbol=["diamond-open" if a else "square-open" for a in other["approximate"]],
                                line=dict(width=2)),
                    customdata=other[["when", "label", "subject", "publisher"]].astype(str).to_numpy(),
                    hovertemplate=say_plotly("%{customdata[0]}<br><b>%{customdata[1]}</b><br>Counts: %{customdata[2]}") + whose + published_by,
                )
            )
    event_marker(fig, ceasefire["date"], say("Ceasefire {date:short}", date=ceasefire["date"]))
    dated = tolls[tolls["date"].notna()]
    undated = tolls[tolls["date"].isna()]
    az_first, az_last = _rise(tolls, "azerbaijani")
    am_first, am_last = _rise(tolls, "armenian")
    fig.update_layout(
        height=440,
        xaxis=dict(title=say("Date the toll refers to"), tickformat="%b<br>%Y", dtick="M3", tickangle=0, range=[ceasefire["date"] - pd.Timedelta(days=30), dated["date"].max() + pd.Timedelta(days=30)]),
        yaxis=dict(title=say("Killed (persons)"), rangemode="tozero"),
        legend=dict(font=dict(size=12)),
    )
    marked = [say("Separately marked: {label} on {date:day}, counting {subject}.", label=r["label"], date=r["date"], subject=r["subject"])
              for _, r in dated[~dated["comparable"]].iterrows()]
    latest = [say("Undated latest figure of the {side}: {label}, counting {subject}.",
                  side=SIDE_LABELS[r["figure_side"]], label=r["label"], subject=r["subject"]) for _, r in undated.iterrows()]
    rise = say(
        "Armenia's count of its servicemen killed rose from {am_first} on {am_first_date:day} to {am_last} on {am_last_date:day}; "
        "Azerbaijan's rose from {az_first} on {az_first_date:day} to {az_last} on {az_last_date:day}. ",
        am_first=am_first["label"], am_first_date=am_first["date"], am_last=am_last["label"], am_last_date=am_last["date"],
        az_first=az_first["label"], az_first_date=az_first["date"], az_last=az_last["label"], az_last_date=az_last["date"],
    )
    undated_listed = ", ".join(say("{label}, {side}", label=r["label"], side=SIDE_LABELS[r["figure_side"]]) for _, r in undated.iterrows())
    return furnish(
        fig,
        title=say("The official tolls kept rising after the ceasefire: Armenia's from {am_first} to {am_last}, "
                  "Azerbaijan's from {az_first} to {az_last}",
                  am_first=am_first["label"], am_last=am_last["label"], az_first=az_first["label"], az_last=az_last["label"]),
        subtitle=say("Servicemen killed in the 2020 war, each government's count of its own dead, as it was revised"),
        source=say("Armenian and Azerbaijani government figures, as published by {outlets}.", outlets=outlets(tolls)),
        description=rise + " ".join(marked) + " " + " ".join(latest),
        notes=(
            say("Each point is a count as published on that date, not an estimate of deaths on that date; lines join only counts with the same definition."),
            say("Open markers are counts with another definition (hover says what each counts, for example with the missing or with civilians); a diamond marks a qualified figure ('about'). Compare like with like."),
            say_n("{n} later figure has no date ({figures}); it is in the table, not on the time axis.",
                  "{n} later figures have no date ({figures}); they are in the table, not on the time axis.",
                  len(undated), figures=undated_listed),
            say("Each side counts only its own dead; the two tolls use different definitions and are not added."),
        ),
        data=tolls[["figure_side", "when", "label", "subject", "comparable", "publisher", "url", "confidence", "note"]].assign(
            figure_side=tolls["figure_side"].map(SIDE_LABELS)
        ).rename(columns={"figure_side": N_("whose figure"), "when": N_("count as of"), "label": N_("killed"), "subject": N_("subject"),
                          "comparable": N_("on the line"), "url": N_("source URL")}),
        datasets=(WAR,),
    )
