"""Charts and key figures of the Russian peacekeepers: mandate, airlift, zone and corridor.

Builders take validated frames (``data.load`` + ``data.with_sources``) and return furnished
figures; headlines and prose figures are computed from the data, never typed.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..facts import deployment_metric
from ..style import INK, MUTED, PALETTE, furnish
from ..words import N_, Said, clock, day, number, outlets, say, say_plotly

MANDATE = "peacekeeping_mandate_2020"
DEPLOYMENT = "peacekeeping_deployment"
PLACES = "places"
BOUNDARIES = "boundaries_natural_earth"
EVENTS = "timeline_events"
BOUNDARY_POLICY = "natural_earth_disputed_policy"

# The airlift panels: metric, panel title, unit (axis, table), mandate term it is measured against,
# and the hover label (one per panel: the unit is part of its sentence).
AIRLIFT = (
    ("personnel_airlifted_cumulative", N_("Servicemen flown in"), N_("servicemen"), "personnel",
     N_("%{customdata[0]}<br><b>%{y:,} servicemen</b> in total"
        "<br>Russian defence ministry, published by %{customdata[1]} (confidence: %{customdata[2]})<extra></extra>")),
    ("equipment_airlifted_cumulative", N_("Units of equipment flown in"), N_("units"), "equipment_units_total",
     N_("%{customdata[0]}<br><b>%{y:,} units</b> in total"
        "<br>Russian defence ministry, published by %{customdata[1]} (confidence: %{customdata[2]})<extra></extra>")),
    ("airlift_flights_cumulative", N_("Flights"), N_("flights"), None,
     N_("%{customdata[0]}<br><b>%{y:,} flights</b> in total"
        "<br>Russian defence ministry, published by %{customdata[1]} (confidence: %{customdata[2]})<extra></extra>")),
)

# The original corridor road, east to west, through places whose sourced role puts them on it
# (places.role): the line is drawn straight from one to the next, not along the real road.
CORRIDOR_ROAD = ("stepanakert", "karin_tak", "lachin", "aghavno", "goris")
# Labels shown on the map (the rest answer on hover), placed so that close places do not collide.
MAP_LABELS = {
    "stepanakert": "middle left", "shusha": "bottom left", "lachin": "top left", "aghavno": "bottom left",
    "goris": "bottom center", "khojaly": "middle left", "martakert": "middle left", "aghdam": "top center",
    "kalbajar": "bottom right", "kornidzor": "bottom right",
}
# What each kind of place is called in the map's table (places.kind is a key, the same in both editions).
PLACE_KINDS = Said({
    "city": N_("city"), "town": N_("town"), "village": N_("village"), "bridge": N_("bridge"),
    "checkpoint": N_("checkpoint"), "capital": N_("capital"),
})
# Opening view: the peacekeepers' area and the corridor; the capitals are a zoom-out away.
MAP_VIEW = {"lon": (45.85, 47.25), "lat": (39.3, 40.4)}


def _term(mandate: pd.DataFrame, term_id: str) -> pd.Series:
    rows = mandate[mandate["term_id"] == term_id]
    if rows["quantity"].nunique() != 1:
        raise ValueError(f"the sources disagree on {term_id}: {sorted(rows['quantity'].unique())}")
    return rows.iloc[0]


def _and(items) -> str:
    """'A and B' (and 'A and B and C'), in the reader's language."""
    items = [str(item) for item in items]
    if not items:
        return ""
    text = items[0]
    for item in items[1:]:
        text = say("{first} and {then}", first=text, then=item)
    return text


def straight_km(a: pd.Series, b: pd.Series) -> float:
    """Great-circle distance in km between two places (haversine, Earth radius 6,371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def peacekeepers_key_figures(mandate: pd.DataFrame, deployment: pd.DataFrame, places: pd.DataFrame, events: pd.DataFrame) -> dict:
    """The numbers, dates and names the peacekeepers chapter's prose quotes."""
    personnel = _term(mandate, "personnel")
    copies = mandate[mandate["term_id"] == "personnel"]
    links = [f"[{p}]({u})" for p, u in zip(copies["publisher"], copies["url"])]
    started = deployment_metric(deployment, "deployment_started").iloc[0]
    completed = deployment_metric(deployment, "deployment_completed").iloc[0]
    flights = deployment_metric(deployment, "airlift_flights_cumulative")
    last_flights = flights[flights["date"] == flights["date"].max()]
    people = deployment_metric(deployment, "personnel_airlifted_cumulative").iloc[-1]
    equipment = deployment_metric(deployment, "equipment_airlifted_cumulative").iloc[-1]
    posts = deployment_metric(deployment, "observation_posts")
    at_completion = posts[posts["date"] == completed["date"]].iloc[0]
    lachin_posts = deployment_metric(deployment, "temporary_posts_lachin_corridor").iloc[0]
    planned = deployment_metric(deployment, "observation_posts_planned").iloc[0]
    located = places.dropna(subset=["lat", "lon"]).set_index("place_id")
    missing = places[places["lat"].isna() | places["lon"].isna()]
    ev = events.set_index("event_id")
    return {
        "personnel": int(personnel["quantity"]),
        "apcs": int(_term(mandate, "armoured_personnel_carriers")["quantity"]),
        "vehicles": int(_term(mandate, "vehicles_special_equipment")["quantity"]),
        "equipment_total": int(_term(mandate, "equipment_units_total")["quantity"]),
        "term_years": int(_term(mandate, "term_years")["quantity"]),
        "extension_years": int(_term(mandate, "automatic_extension_years")["quantity"]),
        "notice_months": int(_term(mandate, "termination_notice_months")["quantity"]),
        "corridor_km": int(_term(mandate, "lachin_corridor_width")["quantity"]),
        "rotations_min": int(_term(mandate, "rotations_per_year_min")["quantity"]),
        "personnel_clause": int(personnel["clause"]),
        "corridor_clause": int(_term(mandate, "lachin_corridor_width")["clause"]),
        "personnel_copies": len(copies),
        "personnel_publishers": say("{names} and {last}", names=", ".join(links[:-1]), last=links[-1]) if len(links) > 1 else links[0],
        "statement_source": next(link for link, side in zip(links, copies["figure_side"]) if side == "armenian"),
        "ceasefire_date": ev.loc["ceasefire_2020", "date"],
        "deployment_start_time": clock(started["time"]),
        "deployment_start_date": started["date"],
        "deployment_done_date": completed["date"],
        "airlift_days": int((completed["date"] - started["date"]).days),
        "airlifted_personnel": int(people["value"]),
        "airlifted_equipment": int(equipment["value"]),
        "flights_low": int(last_flights["value"].min()),
        "flights_high": int(last_flights["value"].max()),
        "posts_planned": int(planned["value"]),
        "posts_at_completion": int(at_completion["value"]),
        "lachin_temporary_posts": int(lachin_posts["value"]),
        "old_road_handover_date": ev.loc["old_corridor_road_handover", "date"],
        "bypass_road_date": ev.loc["bypass_road_opens", "date"],
        "blockade_date": ev.loc["blockade_begins", "date"],
        "stepanakert_goris_km": round(straight_km(located.loc["stepanakert"], located.loc["goris"])),
        "n_places": len(places),
        "n_unmapped": len(missing),
        "unmapped_names": _and(missing["name"]),
    }


def airlift_build_up(deployment: pd.DataFrame, mandate: pd.DataFrame) -> go.Figure:
    """Ten days of airlift in three running totals, each against the mandate figure it fills."""
    titles = [say(title) for _, title, _, _, _ in AIRLIFT]
    fig = make_subplots(rows=len(AIRLIFT), cols=1, shared_xaxes=True, vertical_spacing=0.11, subplot_titles=titles)
    drawn, finals, shown = [], {}, set()
    for row, (metric, title, unit, term_id, hover) in enumerate(AIRLIFT, start=1):
        series = deployment_metric(deployment, metric)
        series = series.assign(when=series["date"].map(day), series=say(title), unit=say(unit))
        drawn.append(series)
        finals[metric] = series.iloc[-1]
        fig.add_trace(go.Scatter(x=series["date"], y=series["value"].astype(int), mode="lines", line=dict(shape="hv", color=PALETTE[0], width=2),
                                 hoverinfo="skip", showlegend=False), row=row, col=1)
        for approximate, symbol, legend in ((False, "circle", N_("Published figure")), (True, "circle-open", N_("Lower bound ('over')"))):
            points = series[series["approximate"] == approximate]
            if points.empty:
                continue
            name = say(legend)
            fig.add_trace(
                go.Scatter(
                    x=points["date"], y=points["value"].astype(int), mode="markers", name=name, legendgroup=name,
                    showlegend=name not in shown,
                    marker=dict(symbol=symbol, size=8, color=PALETTE[0], line=dict(width=2, color=PALETTE[0])),
                    customdata=points[["when", "publisher", "confidence"]].astype(str).to_numpy(),
                    hovertemplate=say_plotly(hover),
                ),
                row=row, col=1,
            )
            shown.add(name)
        if term_id:
            term = _term(mandate, term_id)
            fig.add_hline(y=int(term["quantity"]), line=dict(color=MUTED, width=1, dash="dash"), row=row, col=1,
                          annotation_text=say("mandate: {n:,}", n=int(term["quantity"])), annotation_position="top left",
                          annotation_font=dict(size=11, color=MUTED))
        fig.update_yaxes(title_text=say(unit), rangemode="tozero", row=row, col=1)
        top = max(int(series["value"].max()), int(_term(mandate, term_id)["quantity"]) if term_id else 0)
        fig.update_yaxes(range=[0, top * 1.25], row=row, col=1)
    for annotation in fig.layout.annotations:
        if annotation.text in set(titles):
            annotation.update(x=0, xanchor="left", font=dict(size=13, color=INK))
    fig.update_xaxes(tickformat=say_plotly("%-d %b"), nticks=6)
    fig.update_xaxes(title_text=say("Date (November 2020)"), row=len(AIRLIFT), col=1)
    fig.update_layout(height=460, legend=dict(y=1.06))
    people, equipment = finals["personnel_airlifted_cumulative"], finals["equipment_airlifted_cumulative"]
    mandated, units = int(_term(mandate, "personnel")["quantity"]), int(_term(mandate, "equipment_units_total")["quantity"])
    started = deployment_metric(deployment, "deployment_started")
    start = started["date"].min() if len(started) else pd.concat(drawn)["date"].min()
    data = pd.concat(drawn)
    conflicts = data[data.duplicated(["metric", "date"], keep=False)]
    brought = dict(days=(people["date"] - start).days, people=int(people["value"]), equipment=int(equipment["value"]), mandated=mandated)
    if int(people["value"]) == mandated:
        title = say("In {days} days the airlift brought {people:,} servicemen – the mandate's full strength – "
                    "and {equipment:,} units of equipment", **brought)
    else:
        title = say("In {days} days the airlift brought {people:,} servicemen (mandate: {mandated:,}) "
                    "and {equipment:,} units of equipment", **brought)
    panels = [
        say("{title}: from {first:,} on {first_day:day} to {last:,} on {last_day:day}.", title=said,
            first=int(s.iloc[0]["value"]), first_day=s.iloc[0]["date"], last=int(s.iloc[-1]["value"]), last_day=s.iloc[-1]["date"])
        for said, s in zip(titles, drawn)
    ]
    description = " ".join([
        say("Three stepped lines rise between {start:day} and {end:day}.", start=start, end=people["date"]),
        *panels,
        say("Dashed lines mark the mandate's {mandated:,} servicemen and the defence ministry's total of {units} units of equipment.",
            mandated=mandated, units=units),
    ])
    notes = []
    if int(equipment["value"]) > units:
        notes.append(say("The equipment total reported at the end ({total:,}) is higher than the {units} units of the mandate "
                         "(armoured carriers plus vehicles); no source explains the difference.", total=int(equipment["value"]), units=units))
    elif int(equipment["value"]) < units:
        notes.append(say("The equipment total reported at the end ({total:,}) is lower than the {units} units of the mandate "
                         "(armoured carriers plus vehicles); no source explains the difference.", total=int(equipment["value"]), units=units))
    for (_, when), g in conflicts.groupby(["metric", "date"]):
        totals = _and(number(int(v)) for v in g["value"])
        notes.append(say("{date:day}: two totals of {unit} were reported ({totals}); both are shown.",
                         date=when, unit=g["unit"].iloc[0], totals=totals))
    notes.append(say("An open circle is a lower bound ('over'); each step is one published figure, and totals between them are not known."))
    return furnish(
        fig,
        title=title,
        subtitle=say("Running totals of the Russian airlift to Armenia for the peacekeeping force, as the Russian defence ministry reported them"),
        source=say("Russian defence ministry briefings and Shoigu's report to Putin, as published by {outlets}; "
                   "mandate: trilateral statement of 10 November 2020.", outlets=outlets(data)),
        description=description,
        notes=tuple(notes),
        data=data[["series", "when", "value", "unit", "approximate", "publisher", "url", "confidence"]].rename(
            columns={"series": N_("series"), "when": N_("date"), "value": N_("total"), "unit": N_("unit"), "url": N_("source URL")}
        ),
        datasets=(DEPLOYMENT, MANDATE),
    )


def _paths(frame: pd.DataFrame) -> tuple[list, list]:
    """All lines of ``frame`` as one trace's x and y, lines separated by gaps."""
    xs, ys = [], []
    for _, line in frame.sort_values(["line_id", "point"]).groupby("line_id", sort=True):
        xs += list(line["lon"].astype(float)) + [None]
        ys += list(line["lat"].astype(float)) + [None]
    return xs, ys


def zone_map(places: pd.DataFrame, boundaries: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """The peacekeepers' area and the Lachin corridor on plain lon/lat axes.

    No geo trace: plotly's geo traces fetch map files from a CDN. Axes keep equal distances
    equal at the map's middle latitude (one degree of longitude is cos(latitude) of one of
    latitude). Places without sourced coordinates are named in a note, not placed.
    """
    located = places.dropna(subset=["lat", "lon"]).copy()
    missing = places[places["lat"].isna() | places["lon"].isna()]
    located["names"] = [
        n if pd.isna(a) else say("{name} (also {others})", name=n, others=a.replace("; ", ", "))
        for n, a in zip(located["name"], located["alt_names"])
    ]
    located["label"] = [name if p in MAP_LABELS else "" for p, name in zip(located["place_id"], located["name"])]
    fig = go.Figure()
    for capital, symbol, name in ((False, "circle", N_("Place")), (True, "square", N_("Capital"))):
        group = located[(located["kind"] == "capital") == capital]
        fig.add_trace(
            go.Scatter(
                x=group["lon"].astype(float), y=group["lat"].astype(float), mode="markers+text", name=say(name),
                marker=dict(symbol=symbol, size=9, color=INK if capital else PALETTE[1], line=dict(width=1, color="white")),
                text=group["label"], textfont=dict(size=11, color=INK),
                textposition=[MAP_LABELS.get(p, "top center") for p in group["place_id"]],
                customdata=group[["names", "role", "publisher"]].astype(str).to_numpy(),
                hovertemplate=say_plotly(
                    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{y:.3f}° N, %{x:.3f}° E (coordinates: %{customdata[2]})<extra></extra>"
                ),
            )
        )
    road = located.set_index("place_id").loc[list(CORRIDOR_ROAD)]
    fig.add_trace(
        go.Scatter(
            x=road["lon"].astype(float), y=road["lat"].astype(float), mode="lines", name=say("Corridor road to Aug 2022 (schematic)"),
            line=dict(color=PALETTE[0], width=3), customdata=road[["name"]].to_numpy(),
            hovertemplate=say_plotly("Original Lachin corridor road at %{customdata[0]} (drawn straight between places)<extra></extra>"),
        )
    )
    for kind, colour, line_name in (("land boundary", MUTED, N_("Border (Natural Earth)")), ("coastline", PALETTE[5], N_("Caspian coast"))):
        lines = boundaries[boundaries["kind"] == kind]
        xs, ys = _paths(lines)
        name = say(line_name)
        # One hover text per line set, not per point: per-point labels tripled the page's weight.
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines", name=name, showlegend=kind == "land boundary", line=dict(color=colour, width=1.2),
                connectgaps=False,
                hovertemplate=say("{name}<br>Natural Earth 1:10m, via {outlets}<extra></extra>", name=name, outlets=outlets(lines)),
            )
        )
    middle = sum(MAP_VIEW["lat"]) / 2
    fig.update_layout(
        height=560,
        xaxis=dict(title=say("Longitude (° E)"), range=list(MAP_VIEW["lon"]), showgrid=True, zeroline=False),
        yaxis=dict(title=say("Latitude (° N)"), range=list(MAP_VIEW["lat"]), scaleanchor="x",
                   scaleratio=1 / math.cos(math.radians(middle)), showgrid=True),
        # Below the map, with room kept for it: a fixed-aspect plot does not make room by itself.
        legend=dict(orientation="h", y=-0.2, yanchor="top", x=0, xanchor="left"),
        margin=dict(b=150),
        dragmode="pan",
    )
    policy = sources.set_index("source_id").loc[BOUNDARY_POLICY]
    ev = events.set_index("event_id")
    by_id = located.set_index("place_id")
    stepanakert, goris = by_id.loc["stepanakert"], by_id.loc["goris"]
    km = straight_km(stepanakert, goris)
    outside = located[~located["lon"].between(*MAP_VIEW["lon"]) | ~located["lat"].between(*MAP_VIEW["lat"])]
    if len(outside):
        subtitle = say("Places of the peacekeeping story and the original corridor road; zoom out for {places}", places=_and(outside["name"]))
    else:
        subtitle = say("Places of the peacekeeping story and the original corridor road")
    roles = "; ".join(say("{name}: {role}", name=r["name"], role=r["role"].rstrip(".")) for _, r in located.iterrows())
    if len(missing):
        unmapped = say("Not on the map for want of sourced coordinates: {places}.", places=_and(missing["name"]))
    else:
        unmapped = say("Every place has coordinates.")
    return furnish(
        fig,
        title=say("One road: the Lachin corridor linked {start} to {end} in Armenia, {km:.0f} km away as the crow flies",
                  start=stepanakert["name"], end=goris["name"], km=km),
        subtitle=subtitle,
        source=say("Coordinates: Wikipedia articles and copies ({outlets}); boundaries: Natural Earth 1:10m, version 4.1.0, "
                   "via the world-atlas package.", outlets=outlets(located)),
        description=(
            say("A map of the area east of the Armenian town of Goris. The corridor road runs from {road}, "
                "about {km:.0f} km in a straight line from end to end. ", road=", ".join(road["name"]), km=km)
            + say("Places on the map: {places}.", places=roles)
        ),
        notes=(
            unmapped,
            say("The road is drawn as straight lines between places on it, not along its real course. It was replaced on {date:day} "
                "by a new road bypassing {lachin}, which is not drawn: its course is not in the data.",
                date=ev.loc["bypass_road_opens", "date"], lachin=by_id.loc["lachin", "name"]),
            say("The peacekeepers' zone of responsibility and the former line of contact are not drawn: no sourced outline was found."),
            say("Boundaries are Natural Earth's, which draws borders by de facto control ({url}); its version 4.1.0 "
                "places Nagorno-Karabakh inside Azerbaijan and draws no line around it. At this scale the line is generalised: "
                "Kornidzor, an Armenian border village, plots just on the Azerbaijani side.", url=policy["url"]),
            say("The distance is our calculation from the coordinates (great circle), not a published figure."),
        ),
        data=located[["name", "alt_names", "kind", "lat", "lon", "role", "publisher", "url"]].assign(
            kind=located["kind"].map(lambda kind: PLACE_KINDS.get(kind, kind))
        ).rename(
            columns={"name": N_("name"), "alt_names": N_("alt_names"), "kind": N_("kind"), "lat": N_("lat"), "lon": N_("lon"),
                     "role": N_("role"), "url": N_("source URL")}
        ),
        datasets=(PLACES, BOUNDARIES, EVENTS),
    )
