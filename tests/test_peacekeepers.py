"""The peacekeepers' and the withdrawal chapters' builders, specified on a small hand-made fixture."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from conftest import edit_csv, write_fixture
from test_charts import furniture

from karabakh_book import load, with_sources
from karabakh_book.stories import peacekeepers as pk
from karabakh_book.stories import withdrawal as wd
from karabakh_book.words import speaking

FIXTURE = {
    "sources.csv": """source_id,publisher,cites,url,published,language,publisher_side
src_am,Office A,Statement text,https://am.example.org/1,2020-11-10,en,armenian
src_ru,Wire R,Defence ministry,https://ru.example.org/2,2020-11-20,ru,russian
src_az,Agency Z,,https://az.example.org/3,2024-04-17,en,azerbaijani
src_ind,Paper I,Ministry of Defence Z,https://ind.example.org/4,,en,independent
src_other,Aggregator O,,https://other.example.org/5,,en,other
src_wiki,Encyclopedia W,,https://wiki.example.org/6,,en,other
src_ne,Atlas N,Natural Earth,https://ne.example.org/7,,en,other
natural_earth_disputed_policy,Natural Earth,,https://policy.example.org/8,,en,other
""",
    "peacekeeping_deployment.csv": """date,time,metric,value,unit,cumulative,approximate,figure_side,source_id,confidence,note
2020-11-10,07:00,deployment_started,,event,false,false,russian,src_ru,high,
2020-11-11,,observation_posts_planned,14,posts,false,false,russian,src_ru,high,
2020-11-12,,personnel_airlifted_cumulative,400,servicemen,true,false,russian,src_ru,high,
2020-11-13,,personnel_airlifted_cumulative,600,servicemen,true,true,russian,src_ru,high,'over'
2020-11-20,,personnel_airlifted_cumulative,1000,servicemen,true,false,russian,src_ru,high,
2020-11-12,,equipment_airlifted_cumulative,100,units,true,false,russian,src_ru,high,
2020-11-20,,equipment_airlifted_cumulative,500,units,true,false,russian,src_ru,high,
2020-11-12,,airlift_flights_cumulative,50,flights,true,false,russian,src_ru,high,
2020-11-20,,airlift_flights_cumulative,200,flights,true,false,russian,src_ru,high,
2020-11-20,,airlift_flights_cumulative,240,flights,true,false,azerbaijani,src_az,medium,conflict
2020-11-20,,deployment_completed,,event,false,false,russian,src_ru,high,
2020-11-14,,observation_posts,10,posts,false,false,russian,src_ru,high,
2020-11-15,,temporary_posts_lachin_corridor,5,posts,false,false,russian,src_ru,high,
2020-11-20,,observation_posts,20,posts,false,false,russian,src_ru,high,
2021-01-13,,observation_posts,20,posts,false,false,russian,src_ru,high,
2021-01-13,,observation_posts,25,posts,false,false,russian,src_az,medium,conflict
2022-01-01,,observation_posts,25,posts,false,false,russian,src_ru,high,
2023-01-04,,observation_posts,30,posts,false,false,russian,src_ru,high,
2023-09-20,,observation_posts,30,posts,false,false,russian,src_ind,high,
2023-11-23,,posts_closed_permanent_cumulative,15,posts,true,false,russian,src_az,high,
2023-11-23,,posts_closed_temporary_cumulative,9,posts,true,false,russian,src_az,high,
2023-12-12,,observation_posts,15,posts,false,false,russian,src_ru,high,
2024-04-26,,monitoring_centre_personnel_per_side,50,military personnel,false,false,independent,src_ind,medium,
2024-05-15,,road_checkpoints_removed_cumulative,20,checkpoints,true,false,independent,src_other,medium,
""",
    "timeline_events.csv": """event_id,date,time,stage,label,description,source_id
ceasefire_2020,2020-11-10,01:00,war_and_ceasefire,Ceasefire,Ceasefire.,src_am
monitoring_centre_opens,2021-01-30,,peacekeepers,Centre opens,Centre opens.,src_ru
old_corridor_road_handover,2022-08-25,,peacekeepers,Old road handed over,Old road.,src_ru
bypass_road_opens,2022-08-30,20:00,peacekeepers,New road,New road.,src_ru
blockade_begins,2022-12-12,,blockade,Blockade begins,Blockade.,src_am
offensive_begins,2023-09-19,,offensive,Offensive begins,Offensive.,src_az
dadivank_left,2024-04-10,,withdrawal,Monastery left,Footage of a monastery left.,src_az
withdrawal_first_reported,2024-04-16,,withdrawal,Withdrawal begins,Agency says it began.,src_ind
withdrawal_confirmed_kremlin,2024-04-17,,withdrawal,Kremlin confirms,Spokesman confirms.,src_ind
withdrawal_confirmed_baku,2024-04-17,,withdrawal,Baku confirms,Aide confirms.,src_az
monitoring_centre_closure_announced,2024-04-18,,withdrawal,Closure announced,Centre to close.,src_other
convoy_into_armenia,2024-04-22,,withdrawal,Convoy,Convoy crosses.,src_other
monitoring_centre_closes,2024-04-26,,withdrawal,Centre closes,Centre closes.,src_az
khojaly_base_ceremony,2024-05-15,,withdrawal,Base closed,Base closed.,src_ind
withdrawal_completed,2024-06-12,,withdrawal,Withdrawal completed,Last troops gone.,src_ind
""",
    "peacekeeping_mandate_2020.csv": """term_id,clause,quantity,unit,description,figure_side,source_id,note
personnel,3,1000,servicemen,Servicemen,armenian,src_am,
personnel,3,1000,servicemen,Servicemen,russian,src_ru,
armoured_personnel_carriers,3,10,armoured personnel carriers,Carriers,armenian,src_am,
vehicles_special_equipment,3,40,vehicles,Vehicles,armenian,src_am,
equipment_units_total,,50,units of equipment,Total,russian,src_ru,
term_years,4,4,years,Term,armenian,src_am,
automatic_extension_years,4,3,years,Extension,armenian,src_am,
termination_notice_months,4,2,months,Notice,armenian,src_am,
lachin_corridor_width,6,7,km,Width,armenian,src_am,
rotations_per_year_min,,3,rotations per year,Rotations,russian,src_ru,
""",
    "places.csv": """place_id,name,alt_names,lat,lon,kind,role,source_id,note
stepanakert,Stepanakert/Khankendi,Khankendi; Xankəndi,39.8,46.5,city,Main town.,src_wiki,
karin_tak,Karin Tak/Dashalty,,39.75,46.55,village,Village on the road.,src_wiki,
lachin,Lachin/Berdzor,,39.65,46.55,town,Town on the road.,src_wiki,
aghavno,Aghavno/Zabukh,,39.6,46.55,village,Village on the road.,src_wiki,
goris,Goris,,39.5,46.5,town,Town at the western end.,src_wiki,
hakari_bridge,Hakari bridge,,,,bridge,Bridge without coordinates.,src_wiki,
yerevan,Yerevan,,40.18,44.5,capital,Capital.,src_wiki,
""",
    "boundaries_natural_earth.csv": """line_id,between,kind,point,lon,lat,source_id
armenia_azerbaijan_1,Armenia – Azerbaijan,land boundary,1,46.4,39.4,src_ne
armenia_azerbaijan_1,Armenia – Azerbaijan,land boundary,2,46.45,39.7,src_ne
armenia_azerbaijan_1,Armenia – Azerbaijan,land boundary,3,46.3,40.0,src_ne
azerbaijan_coast_1,Azerbaijan (Caspian coast),coastline,1,49.5,40.3,src_ne
azerbaijan_coast_1,Azerbaijan (Caspian coast),coastline,2,49.9,40.4,src_ne
""",
}


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    return write_fixture(tmp_path, FIXTURE)


def frames_from(directory: Path) -> dict:
    names = ("peacekeeping_deployment", "timeline_events", "peacekeeping_mandate_2020", "places", "boundaries_natural_earth")
    frames = {name: with_sources(load(name, directory), directory) for name in names}
    frames["sources"] = load("sources", directory)
    return frames


@pytest.fixture
def frames(fixture_dir):
    return frames_from(fixture_dir)


def assert_furnished(fig: go.Figure, y_title: bool = True) -> None:
    f = furniture(fig)
    for key in ("title", "subtitle", "source", "description"):
        assert f[key].strip(), key
    assert f["notes"] and f["datasets"] and f["data"]["rows"]
    axes = fig.layout.to_plotly_json()
    assert any(axes[k].get("title", {}).get("text") for k in axes if k.startswith("xaxis"))
    assert not y_title or all(axes[k].get("title", {}).get("text") for k in axes if k.startswith("yaxis"))
    assert all(trace.hovertemplate for trace in fig.data if trace.hoverinfo != "skip")


def traces(fig: go.Figure) -> dict:
    return {trace.name: trace for trace in fig.data}


# --- The withdrawal -------------------------------------------------------------------------

def test_withdrawal_key_figures_are_read_off_the_data(frames):
    figures = wd.withdrawal_key_figures(frames["peacekeeping_deployment"], frames["timeline_events"], frames["peacekeeping_mandate_2020"])
    # Dates are dates: each edition writes them its own way when they are glued.
    day = pd.Timestamp
    assert figures["kremlin_date"] == day("2024-04-17") and figures["completed_date"] == day("2024-06-12")
    assert figures["dadivank_date"] == day("2024-04-10") and figures["turan_start_date"] == day("2024-04-16")
    assert (figures["centre_announced_date"], figures["centre_closed_date"], figures["centre_opened_date"]) == (
        day("2024-04-18"), day("2024-04-26"), day("2021-01-30"))
    assert (figures["convoy_date"], figures["khojaly_date"]) == (day("2024-04-22"), day("2024-05-15"))
    assert figures["days_confirmed_to_completed"] == 56
    assert (figures["first_posts"], figures["first_posts_date"]) == (10, day("2020-11-14"))
    assert (figures["peak_posts"], figures["peak_first_date"], figures["peak_last_date"]) == (30, day("2023-01-04"), day("2023-09-20"))
    assert (figures["posts_before_peak"], figures["posts_before_peak_date"]) == (25, day("2022-01-01"))
    assert (figures["last_posts"], figures["last_posts_date"]) == (15, day("2023-12-12"))
    assert (figures["closed_permanent"], figures["closed_temporary"], figures["closed_as_of"]) == (15, 9, day("2023-11-23"))
    assert figures["checkpoints_date"] == day("2024-05-15")
    assert figures["checkpoints_removed"] == 20 and "Aggregator O" in figures["checkpoints_source"]
    assert figures["centre_staff_per_side"] == 50
    assert figures["hajiyev_source"] == "[Agency Z](https://az.example.org/3)"
    # A 4-year term from 10 November 2020 ends on 10 November 2024; 12 June to 10 November is 4 full months.
    assert figures["term_end"] == day("2024-11-10") and figures["months_early"] == 4
    assert all(isinstance(v, pd.Timestamp) for k, v in figures.items() if k.endswith("_date") or k in ("closed_as_of", "term_end"))


def test_posts_footprint_joins_equal_counts_and_dots_changes(frames):
    fig = wd.posts_footprint(frames["peacekeeping_deployment"], frames["timeline_events"])
    by_name = traces(fig)
    assert list(by_name["Published count"].y) == [10, 20, 20, 25, 25, 30, 30, 15]
    steady = [y for y in by_name["Same count reported again"].y if y is not None]
    changed = [y for y in by_name["Changed on an unknown date in between"].y if y is not None]
    assert steady == [20, 20, 25, 25, 30, 30]
    assert changed == [10, 20, 20, 25, 25, 30, 30, 15]
    f = furniture(fig)
    assert f["title"].startswith("The peacekeepers' posts grew from 10 to 30, then fell to 15 by 12 December 2023")
    assert any("13 January 2021" in note and "20, 25" in note for note in f["notes"])
    assert any("5 set up in the Lachin corridor by 15 November 2020" in note for note in f["notes"])
    # The gap after the last count runs to the last marked event and is shaded, not drawn.
    gap = fig.layout.shapes[0]
    assert str(gap.x0).startswith("2023-12-12") and str(gap.x1).startswith("2024-06-12")
    assert "Wire R" in by_name["Published count"].customdata[0][1]
    assert len(f["data"]["rows"]) == 8
    assert_furnished(fig)


def test_withdrawal_timeline_colours_by_who_reported_and_counts_days(frames):
    fig = wd.withdrawal_timeline(frames["timeline_events"])
    by_name = traces(fig)
    assert set(by_name) == {"Azerbaijani", "Independent", "Reposts and aggregators"}
    assert sum(len(trace.x) for trace in fig.data) == 9  # only the withdrawal stage
    f = furniture(fig)
    assert f["title"].startswith("56 days from the Kremlin's confirmation")
    assert any("Ministry of Defence Z" in note for note in f["notes"])
    independent = by_name["Independent"]
    positions = dict(zip((str(x)[:10] for x in independent.x), independent.textposition))
    assert positions["2024-04-16"] == "middle right" and positions["2024-06-12"] == "middle left"
    assert all("Paper I" in row[2] for row in independent.customdata)
    assert_furnished(fig, y_title=False)


def test_the_withdrawal_builders_speak_german_with_german_numbers_and_dates(frames):
    deployment, events = frames["peacekeeping_deployment"], frames["timeline_events"]
    with speaking("de"):
        footprint = wd.posts_footprint(deployment, events)
        timeline = wd.withdrawal_timeline(events)
    f = furniture(footprint)
    assert f["title"] == (
        "Die Zahl der Posten der Friedenstruppe stieg von 10 auf 30 und sank bis zum 12. Dezember 2023 auf 15; "
        "danach fand sich keine Zählung mehr"
    )
    assert f["language"] == "de" and footprint.layout.separators == ",."
    assert any("13. Januar 2021" in note and "(20, 25)" in note for note in f["notes"])
    assert any("die 5, die bis zum 15. November 2020 im Latschin-Korridor" in note for note in f["notes"])
    assert "14. November 2020: 10" in f["description"] and "bis zum 12. Juni 2024" in f["description"]
    assert f["data"]["columns"] == ["Datum", "Beobachtungsposten", "Medium", "Quell-URL", "Verlässlichkeit", "Anmerkung (englisch)"]
    assert f["data"]["rows"][0][0] == "14. November 2020"
    assert footprint.layout.yaxis.title.text == "Besetzte Beobachtungsposten"
    assert "17. Apr. 2024: Kremlin confirms" in [a.text for a in footprint.layout.annotations]
    t = furniture(timeline)
    assert t["title"].startswith("56 Tage zwischen der Bestätigung durch den Kreml")
    assert t["subtitle"] == "Was vom 10. Apr. bis zum 12. Juni 2024 über den russischen Abzug gemeldet wurde – und von wem"
    assert any("am 12. Juni 2024" in note and "Ministry of Defence Z" in note for note in t["notes"])
    assert {trace.name for trace in timeline.data} == {"Aserbaidschanische Medien", "Unabhängige Medien", "Nachdrucke und Aggregatoren"}
    assert timeline.layout.xaxis.tickformat == "%-d. %b" and timeline.layout.legend.title.text == "Wer berichtete:"
    independent = next(trace for trace in timeline.data if trace.name == "Unabhängige Medien")
    assert independent.text[0] == "16. Apr.<br>Withdrawal begins"  # the data's label: German once label_de is in
    assert ", unter Berufung auf Ministry of Defence Z" in [row[3] for row in independent.customdata]
    # what the charts draw is the same in both editions
    for german, english in ((footprint, wd.posts_footprint(deployment, events)), (timeline, wd.withdrawal_timeline(events))):
        assert [list(tr.x) for tr in german.data] == [list(tr.x) for tr in english.data]
        assert [list(tr.y) for tr in german.data] == [list(tr.y) for tr in english.data]


# --- The peacekeepers -----------------------------------------------------------------------

def test_peacekeepers_key_figures_are_read_off_the_data(frames):
    figures = pk.peacekeepers_key_figures(
        frames["peacekeeping_mandate_2020"], frames["peacekeeping_deployment"], frames["places"], frames["timeline_events"]
    )
    assert (figures["personnel"], figures["apcs"], figures["vehicles"], figures["equipment_total"]) == (1000, 10, 40, 50)
    assert (figures["term_years"], figures["extension_years"], figures["notice_months"]) == (4, 3, 2)
    assert (figures["corridor_km"], figures["rotations_min"]) == (7, 3)
    assert figures["personnel_copies"] == 2 and figures["statement_source"] == "[Office A](https://am.example.org/1)"
    assert figures["deployment_start_time"] == "07:00" and figures["airlift_days"] == 10
    assert (figures["airlifted_personnel"], figures["airlifted_equipment"]) == (1000, 500)
    assert (figures["flights_low"], figures["flights_high"]) == (200, 240)
    assert (figures["posts_planned"], figures["posts_at_completion"], figures["lachin_temporary_posts"]) == (14, 20, 5)
    # 0.3 degrees of latitude on one meridian: 0.3 × 6,371 km × π / 180 = 33.4 km.
    assert figures["stepanakert_goris_km"] == 33
    assert figures["n_unmapped"] == 1 and figures["unmapped_names"] == "Hakari bridge"
    assert figures["personnel_publishers"] == "[Office A](https://am.example.org/1) and [Wire R](https://ru.example.org/2)"
    # Dates are dates: the chapter's glue writes them in the edition's form.
    assert figures["ceasefire_date"] == figures["deployment_start_date"] == pd.Timestamp("2020-11-10")
    assert figures["deployment_done_date"] == pd.Timestamp("2020-11-20")
    assert figures["old_road_handover_date"] == pd.Timestamp("2022-08-25")
    assert figures["blockade_date"] == pd.Timestamp("2022-12-12") and figures["bypass_road_date"] == pd.Timestamp("2022-08-30")


def test_mandate_terms_must_agree_across_sources(fixture_dir):
    edit_csv(fixture_dir / "peacekeeping_mandate_2020.csv", "personnel,3,1000,servicemen,Servicemen,[de] Servicemen,russian", "personnel,3,1100,servicemen,Servicemen,[de] Servicemen,russian")
    frames = frames_from(fixture_dir)
    with pytest.raises(ValueError, match="disagree on personnel"):
        pk.peacekeepers_key_figures(frames["peacekeeping_mandate_2020"], frames["peacekeeping_deployment"], frames["places"], frames["timeline_events"])


def test_airlift_chart_measures_each_total_against_the_mandate(frames):
    fig = pk.airlift_build_up(frames["peacekeeping_deployment"], frames["peacekeeping_mandate_2020"])
    f = furniture(fig)
    assert f["title"] == "In 10 days the airlift brought 1,000 servicemen – the mandate's full strength – and 500 units of equipment"
    lower_bounds = [trace for trace in fig.data if trace.name == "Lower bound ('over')"]
    assert [list(t.y) for t in lower_bounds] == [[600]]
    mandate_lines = sorted(shape.y0 for shape in fig.layout.shapes)
    assert mandate_lines == [50, 1000]
    assert any("(500) is higher than the 50 units" in note for note in f["notes"])
    assert any("226" not in note and "200 and 240" in note for note in f["notes"])
    assert_furnished(fig)


def test_airlift_title_says_when_the_total_falls_short_of_the_mandate(fixture_dir):
    edit_csv(fixture_dir / "peacekeeping_mandate_2020.csv", "personnel,3,1000,servicemen,Servicemen,[de] Servicemen,armenian", "personnel,3,1200,servicemen,Servicemen,[de] Servicemen,armenian")
    edit_csv(fixture_dir / "peacekeeping_mandate_2020.csv", "personnel,3,1000,servicemen,Servicemen,[de] Servicemen,russian", "personnel,3,1200,servicemen,Servicemen,[de] Servicemen,russian")
    frames = frames_from(fixture_dir)
    title = furniture(pk.airlift_build_up(frames["peacekeeping_deployment"], frames["peacekeeping_mandate_2020"]))["title"]
    assert "1,000 servicemen (mandate: 1,200)" in title and "full strength" not in title


def test_zone_map_draws_located_places_the_road_and_boundaries_without_geo_traces(frames):
    fig = pk.zone_map(frames["places"], frames["boundaries_natural_earth"], frames["sources"], frames["timeline_events"])
    assert all(trace.type == "scatter" for trace in fig.data)  # no scattergeo: nothing fetched from a CDN
    by_name = traces(fig)
    places = by_name["Place"]
    assert len(places.x) == 5 and len(by_name["Capital"].x) == 1  # Hakari bridge has no coordinates
    assert "Stepanakert/Khankendi (also Khankendi, Xankəndi)" in places.customdata[0][0]
    assert "Encyclopedia W" in places.customdata[0][2]
    road = next(trace for trace in fig.data if trace.name.startswith("Corridor road"))
    assert list(road.x) == [46.5, 46.55, 46.55, 46.55, 46.5]
    border = by_name["Border (Natural Earth)"]
    assert list(border.x) == [46.4, 46.45, 46.3, None]
    assert by_name["Caspian coast"].showlegend is False
    assert fig.layout.yaxis.scaleanchor == "x"
    middle = sum(pk.MAP_VIEW["lat"]) / 2
    assert fig.layout.yaxis.scaleratio == pytest.approx(1 / math.cos(math.radians(middle)))
    f = furniture(fig)
    assert "33 km" in f["title"] and "zoom out for Yerevan" in f["subtitle"]
    assert any("Hakari bridge" in note for note in f["notes"])
    assert any("https://policy.example.org/8" in note for note in f["notes"])
    assert any("30 August 2022" in note and "Lachin/Berdzor" in note for note in f["notes"])
    assert len(f["data"]["rows"]) == 6
    assert_furnished(fig)


def test_the_peacekeepers_builders_speak_german_with_german_numbers_and_dates(frames):
    with speaking("de"):
        airlift = pk.airlift_build_up(frames["peacekeeping_deployment"], frames["peacekeeping_mandate_2020"])
        zone = pk.zone_map(frames["places"], frames["boundaries_natural_earth"], frames["sources"], frames["timeline_events"])
        figures = pk.peacekeepers_key_figures(
            frames["peacekeeping_mandate_2020"], frames["peacekeeping_deployment"], frames["places"], frames["timeline_events"]
        )
    f = furniture(airlift)
    assert f["title"] == "In 10 Tagen brachte die Luftbrücke 1.000 Soldaten – die volle Stärke laut Mandat – und 500 Einheiten Technik"
    assert f["language"] == "de" and airlift.layout.separators == ",."
    assert "20. November 2020: Für Flüge wurden zwei Gesamtzahlen gemeldet (200 und 240); die Grafik zeigt beide." in f["notes"]
    assert "Eingeflogene Soldaten: von 400 am 12. November 2020 auf 1.000 am 20. November 2020." in f["description"]
    assert f["data"]["columns"] == ["Reihe", "Datum", "Gesamtzahl", "Einheit", "ungefähr", "Medium", "Quell-URL", "Verlässlichkeit"]
    assert f["data"]["rows"][0][:4] == ["Eingeflogene Soldaten", "12. November 2020", "400", "Soldaten"]
    assert [a.text for a in airlift.layout.annotations][-2:] == ["Mandat: 1.000", "Mandat: 50"]
    assert {t.name for t in airlift.data if t.name} == {"Veröffentlichte Zahl", "Untergrenze („über“)"}
    assert airlift.layout.xaxis3.title.text == "Datum (November 2020)" and airlift.layout.xaxis.tickformat == "%-d. %b"
    m = furniture(zone)
    assert m["title"] == "Eine einzige Straße: Der Latschin-Korridor verband Stepanakert/Khankendi mit dem armenischen Goris, Luftlinie 33 km entfernt"
    assert m["subtitle"].endswith("; weiter herausgezoomt auch Yerevan")
    assert "Am 30. August 2022 trat an ihre Stelle eine neue Straße, die Lachin/Berdzor umgeht" in m["notes"][1]
    assert m["data"]["columns"][:3] == ["Name", "andere Namen", "Art"] and m["data"]["rows"][0][2] == "Stadt"
    assert {t.name for t in zone.data} == {"Ort", "Hauptstadt", "Korridorstraße bis Aug. 2022 (Skizze)", "Grenze (Natural Earth)",
                                           "Küste des Kaspischen Meeres"}
    assert zone.layout.xaxis.title.text == "Längengrad (° O)"
    assert figures["personnel_publishers"] == "[Office A](https://am.example.org/1) und [Wire R](https://ru.example.org/2)"
    assert figures["bypass_road_date"] == pd.Timestamp("2022-08-30")  # the same value in both editions
    # what the charts draw is the same in both editions
    english = (pk.airlift_build_up(frames["peacekeeping_deployment"], frames["peacekeeping_mandate_2020"]),
               pk.zone_map(frames["places"], frames["boundaries_natural_earth"], frames["sources"], frames["timeline_events"]))
    for german, same in zip((airlift, zone), english):
        assert [(list(t.x), list(t.y)) for t in german.data] == [(list(t.x), list(t.y)) for t in same.data]


def test_the_real_boundary_file_holds_only_armenia_and_azerbaijan_lines():
    boundaries = load("boundaries_natural_earth")
    for between in boundaries["between"].unique():
        assert "Armenia" in between or "Azerbaijan" in between, between
    lines = boundaries.groupby("line_id")["point"].agg(["min", "max", "count"])
    assert (lines["min"] == 1).all() and (lines["max"] == lines["count"]).all()  # points numbered without gaps
