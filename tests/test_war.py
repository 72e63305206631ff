"""The 2020 war chapter's builders and key figures, specified on a small hand-made fixture."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import write_fixture
from test_charts import assert_newsroom_grade, furniture

from karabakh_book import load, with_sources
from karabakh_book.stories import war as w
from karabakh_book.words import speaking

SOURCES = """source_id,publisher,cites,url,published,language,publisher_side
src_am,Outlet AM,Armenian government,https://am.example.org/1,2020-10-07,en,armenian
src_az,Outlet AZ,Azerbaijani Ministry of Defence,https://az.example.org/2,,en,azerbaijani
src_ind,Outlet IND,Analyst Jane Doe (Some Institute),https://ind.example.org/3,2020-10-17,en,independent
"""

FIXTURE = {
    "sources.csv": SOURCES,
    # A ten-day war; Kalbajar postponed by five days; Lachin handed over two days after its deadline.
    "war_2020_figures.csv": """figure_id,metric,subject,event_id,date,time,value,unit,approximate,figure_side,source_id,confidence,note
war_start,war_start,The war,war_2020_begins,,,,event,false,independent,,high,
ceasefire_in_force,ceasefire_in_force,Ceasefire,ceasefire_2020,,,,event,false,armenian,,high,
duration_armenian,war_duration,The war,,,,10,days,false,armenian,src_am,high,
duration_azerbaijani,war_duration,The war,,,,11,days,false,azerbaijani,src_az,high,
deadline_kalbajar,handover_deadline,Kalbajar/Karvachar district,,2020-10-10,,,date,false,armenian,src_am,high,
deadline_kalbajar_postponed,handover_deadline,Kalbajar/Karvachar district,,2020-10-15,,,date,false,azerbaijani,src_az,high,
deadline_aghdam,handover_deadline,Aghdam district,,2020-10-12,,,date,false,armenian,src_am,high,
deadline_lachin,handover_deadline,Lachin district,,2020-10-20,,,date,false,armenian,src_am,high,
handover_aghdam,district_handed_over,Aghdam district,aghdam_handover,,,,event,false,azerbaijani,,high,
handover_kalbajar,district_handed_over,Kalbajar/Karvachar district,kalbajar_handover,,,,event,false,azerbaijani,,high,
handover_lachin,district_handed_over,Lachin district,lachin_district_handover,,,,event,false,azerbaijani,,high,
az_killed_a,military_killed,Azerbaijani servicemen,,2020-11-01,,100,persons,false,azerbaijani,src_az,high,
az_killed_b,military_killed,Azerbaijani servicemen,,2021-01-01,,150,persons,false,azerbaijani,src_az,high,
az_killed_latest,military_killed,Azerbaijani servicemen,,,,160,persons,false,azerbaijani,src_ind,medium,Undated.
am_killed_a,military_killed,Armenian servicemen,,2020-10-20,,200,persons,false,armenian,src_am,high,
am_killed_202104,military_killed,Armenian servicemen (dead and missing),,2021-04-14,,400,persons,true,armenian,src_am,low,The prime minister's 'about 400'.
am_killed_b,military_killed,Armenian servicemen,,2021-06-01,,300,persons,false,armenian,src_am,high,
am_killed_mil_civ_20210927,military_and_civilians_killed,Armenian servicemen and civilians,,2021-09-27,,350,persons,false,armenian,src_am,medium,
am_killed_latest,military_killed,Armenian servicemen (all forces),,,,320,persons,false,armenian,src_ind,medium,Undated.
az_civ_killed_20201031,civilians_killed,Azerbaijani civilians,,2020-10-01,13:00,9,persons,false,azerbaijani,src_az,medium,
nk_civ_killed_20210927,civilians_killed,Armenian civilians,,2021-09-27,,8,persons,false,nk_de_facto,src_am,medium,
amnesty_az_civ_killed,civilians_killed,Civilians in some strikes,,2021-01-13,,7,persons,false,independent,src_ind,medium,
civ_killed_both_min,civilians_killed,"Civilians, both sides",,,,20,persons,true,independent,src_ind,low,'At least 20'; tertiary.
share_taken_in_fighting,territory_share_taken_in_fighting,Area held before the war,,2020-10-17,,30,percent,true,independent,src_ind,medium,
share_handed_over,territory_share_handed_over,Area held before the war,,2020-10-17,,40,percent,false,independent,src_ind,medium,
share_remaining,territory_share_remaining,Area held before the war,,2020-10-17,,30.1,percent,false,independent,src_ind,medium,
""",
    "timeline_events.csv": """event_id,date,time,stage,label,description,source_id
nkao_asks_to_join_armenia,1988-02-20,,war_and_ceasefire,Request,Request.,src_am
nkr_proclaimed_1991,1991-09-02,,war_and_ceasefire,Republic proclaimed,Proclaimed.,src_am
ceasefire_1994,1994-05-12,,war_and_ceasefire,1994 ceasefire,Ceasefire.,src_ind
april_war_2016_begins,2016-04-02,,war_and_ceasefire,Four-Day War begins,Fighting.,src_ind
april_war_2016_ceasefire,2016-04-05,,war_and_ceasefire,Four-Day War ceasefire,Ceasefire.,src_ind
war_2020_begins,2020-09-27,,war_and_ceasefire,War begins,War.,src_ind
shusha_taken_2020,2020-10-05,,war_and_ceasefire,Shusha/Shushi taken,Taken.,src_az
ceasefire_2020,2020-10-07,01:00,war_and_ceasefire,Ceasefire,Ceasefire.,src_am
aghdam_handover,2020-10-12,,war_and_ceasefire,Aghdam handed over,Handed over.,src_az
kalbajar_handover,2020-10-15,,war_and_ceasefire,Kalbajar handed over,Handed over.,src_az
lachin_district_handover,2020-10-22,,war_and_ceasefire,Lachin handed over,Handed over.,src_az
peace_deal_initialled,2025-08-08,,war_and_ceasefire,Peace text initialled,Later.,src_ind
offensive_begins,2023-09-19,,offensive,Offensive begins,Not background.,src_az
""",
    "peacekeeping_mandate_2020.csv": """term_id,clause,quantity,unit,description,figure_side,source_id,note
personnel,3,1000,servicemen,Servicemen,armenian,src_am,
personnel,3,1000,servicemen,Servicemen,azerbaijani,src_az,
armoured_personnel_carriers,3,50,armoured personnel carriers,Carriers,armenian,src_am,
vehicles_special_equipment,3,100,vehicles,Vehicles,armenian,src_am,
term_years,4,3,years,Term,armenian,src_am,
lachin_corridor_width,6,4,km,Corridor,armenian,src_am,
""",
}


def assert_timeline_grade(fig) -> None:
    """assert_newsroom_grade for charts whose y axis is a list of named rows (events, districts)."""
    f = furniture(fig)
    for key in ("title", "subtitle", "source", "description"):
        assert f[key].strip(), key
    assert f["notes"] and f["datasets"] and f["data"]["rows"]
    assert fig.layout.xaxis.title.text and list(fig.layout.yaxis.categoryarray)
    assert all(trace.hovertemplate for trace in fig.data if trace.hoverinfo != "skip")


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    return write_fixture(tmp_path, FIXTURE)


@pytest.fixture
def frames(fixture_dir):
    return {
        name: with_sources(load(name, fixture_dir), fixture_dir)
        for name in ("war_2020_figures", "timeline_events", "peacekeeping_mandate_2020")
    }


def test_analyst_name():
    assert w.analyst_name("Analyst Jane Doe (Some Institute)") == "Jane Doe (Some Institute)"


def test_key_figures_are_read_off_the_data(frames):
    f = w.war_key_figures(frames["war_2020_figures"], frames["timeline_events"], frames["peacekeeping_mandate_2020"])
    assert f["war_days_computed"] == 10 and f["war_weeks_computed"] == 1.4
    assert (f["war_days_armenian"], f["war_days_azerbaijani"], f["war_days_agree"]) == (10, 11, "do not agree")
    assert f["ceasefire_time"] == "01:00" and f["ceasefire_date"] == pd.Timestamp("2020-10-07")
    assert f["years_1994_to_war"] == 26 and f["april_war_days"] == 4 and f["days_shusha_to_ceasefire"] == 2
    assert f["kalbajar_postponed_days"] == 5 and f["kalbajar_first_deadline"] == pd.Timestamp("2020-10-10")
    # dates are timestamps: the glue writes each in the edition's form
    dates = [k for k in f if k.endswith("_date")] + ["kalbajar_first_deadline"]
    assert len(dates) == 17 and all(isinstance(f[k], pd.Timestamp) for k in dates)
    assert f["days_ceasefire_to_last_handover"] == 15
    assert f["all_on_final_deadline"] == "not all on"  # Lachin came two days after its deadline
    assert (f["personnel"], f["personnel_sides"], f["personnel_agree"]) == (1000, 2, "the same")
    assert (f["apcs"], f["vehicles"], f["term_years"], f["corridor_km"]) == (50, 100, 3, 4)
    assert (f["share_taken"], f["share_handed_over"], f["share_remaining"], f["share_sum"]) == (30, 40, 30.1, 100.1)
    assert f["share_analyst"] == "Jane Doe (Some Institute)" and f["share_days_after_ceasefire"] == 10
    assert (f["am_first_toll"], f["am_last_dated_toll"], f["am_latest_undated"]) == (200, 300, 320)
    assert (f["az_first_toll"], f["az_last_dated_toll"], f["az_latest_undated"]) == (100, 150, 160)
    assert f["am_about_toll"] == "about 400" and f["am_with_civilians"] == 350
    assert f["az_civilians_killed"] == 9 and f["az_civilians_days_before_ceasefire"] == 6
    assert f["civilians_both_min"] == "at least 20"


def test_key_figures_notice_when_texts_of_the_mandate_differ(frames, fixture_dir):
    mandate = frames["peacekeeping_mandate_2020"].copy()
    mandate.loc[mandate["figure_side"] == "azerbaijani", "quantity"] = 1001
    f = w.war_key_figures(frames["war_2020_figures"], frames["timeline_events"], mandate)
    assert f["personnel_agree"] == "different"


def test_calendar_draws_the_war_deadlines_and_handovers(frames):
    fig = w.war_calendar(frames["war_2020_figures"], frames["timeline_events"])
    f = furniture(fig)
    assert f["title"] == "10 days of war, then three districts handed over within 15 days, Kalbajar 5 days after its first deadline"
    by_name = {trace.name: trace for trace in fig.data}
    assert list(by_name["Deadline"].y).count("Kalbajar") == 2
    assert sorted(by_name["Azerbaijani army enters"].y) == ["Aghdam", "Kalbajar", "Lachin"]
    assert "Shusha (Shushi) taken" in [row[0] for row in by_name["Start, Shusha (Shushi), ceasefire"].customdata]
    assert by_name["10 days of fighting"].hoverinfo == "skip"
    assert "Outlet AZ" in by_name["Azerbaijani army enters"].customdata[0][2]
    assert any("10 days" in note for note in f["notes"])
    assert_timeline_grade(fig)


def test_road_to_war_stops_at_the_first_day_of_the_war(frames):
    fig = w.road_to_war(frames["timeline_events"], frames["war_2020_figures"])
    events = next(trace for trace in fig.data if trace.name == "Event")
    assert "Peace text initialled" not in events.y and "Offensive begins" not in events.y
    assert "Request" in events.y and "War begins" in events.y
    assert furniture(fig)["title"] == "26 years passed between the ceasefire of 1994 and the war of 2020"
    assert_timeline_grade(fig)


def test_territory_shares_as_published_with_the_analyst_named(frames):
    fig = w.territory_shares(frames["war_2020_figures"])
    f = furniture(fig)
    assert [trace.x[0] for trace in fig.data] == [30, 40, 30.1]
    assert fig.data[0].text[0].endswith("about 30%") and fig.data[0].marker.pattern.shape == "/"
    assert fig.data[1].marker.pattern.shape == ""
    assert "30.1%" in f["title"] and "Jane Doe" in f["source"]
    assert any("100.1%" in note for note in f["notes"])  # the shares' sum is disclosed, not fixed
    assert "Outlet IND" in fig.data[0].customdata[0][2]
    assert_newsroom_grade(fig)


def test_tolls_plot_dated_counts_join_only_like_with_like_and_list_undated(frames):
    fig = w.military_tolls(frames["war_2020_figures"], frames["timeline_events"])
    f = furniture(fig)
    by_name = {trace.name: trace for trace in fig.data}
    assert list(by_name["Armenian government: servicemen killed"].y) == [200, 300]
    assert list(by_name["Azerbaijani government: servicemen killed"].y) == [100, 150]
    other = by_name["Armenian government: other definitions"]
    assert list(other.y) == [400, 350] and list(other.marker.symbol) == ["diamond-open", "square-open"]
    assert "about 400" in other.customdata[0][1]
    plotted = {float(y) for trace in fig.data if trace.y is not None for y in trace.y}
    assert 160 not in plotted and 320 not in plotted  # undated: no place on a time axis
    assert len(f["data"]["rows"]) == 8 and any("2 later figures have no date" in n for n in f["notes"])
    assert f["title"] == "The official tolls kept rising after the ceasefire: Armenia's from 200 to 300, Azerbaijan's from 100 to 150"
    assert "Outlet AM" in by_name["Armenian government: servicemen killed"].customdata[0][3]
    assert_newsroom_grade(fig)


def test_the_war_builders_speak_german_with_german_numbers_and_dates(frames):
    war, events, mandate = frames["war_2020_figures"], frames["timeline_events"], frames["peacekeeping_mandate_2020"]
    english = [w.road_to_war(events, war), w.war_calendar(war, events), w.territory_shares(war), w.military_tolls(war, events)]
    with speaking("de"):
        german = [w.road_to_war(events, war), w.war_calendar(war, events), w.territory_shares(war), w.military_tolls(war, events)]
        figures = w.war_key_figures(war, events, mandate)
    road, calendar, shares, tolls = german
    assert furniture(road)["title"] == "Zwischen dem Waffenstillstand von 1994 und dem Krieg von 2020 lagen 26 Jahre"
    f = furniture(calendar)
    assert f["language"] == "de" and calendar.layout.separators == ",."
    assert f["title"] == "10 Tage Krieg, dann die Übergabe dreier Bezirke binnen 15 Tagen – Kelbadschar 5 Tage nach der ersten Frist"
    assert "um 01:00 Uhr am 7. Oktober 2020" in f["description"]
    assert f["data"]["columns"][:3] == ["Zeile", "Angabe", "Datum"]
    # the rows are named in German, the same way in the traces and in the axis order
    assert list(calendar.layout.yaxis.categoryarray) == ["Der Krieg", "Aghdam", "Kelbadschar", "Latschin"]
    assert {y for trace in calendar.data for y in trace.y} == set(calendar.layout.yaxis.categoryarray)
    assert "Frist laut Erklärung" in [row[0] for trace in calendar.data if trace.customdata is not None for row in trace.customdata]
    assert calendar.layout.xaxis.tickformat == "%-d. %b"
    assert "30,1\u00a0%" in furniture(shares)["title"] and shares.data[0].text[0].endswith("etwa 30\u00a0%")
    assert any("100,1 Prozent" in note for note in furniture(shares)["notes"])
    assert furniture(tolls)["title"] == (
        "Die offiziellen Opferzahlen stiegen nach dem Waffenstillstand weiter: die armenische von 200 auf 300, die aserbaidschanische von 100 auf 150"
    )
    assert any(note.startswith("2 spätere Zahlen haben kein Datum") for note in furniture(tolls)["notes"])
    assert [trace.name for trace in tolls.data][0] == "Armenische Regierung: getötete Soldaten"
    assert (figures["war_days_agree"], figures["personnel_agree"], figures["all_on_final_deadline"]) == (
        "stimmen nicht überein", "dieselbe Zahl", "nicht alle zum jeweils letzten vereinbarten Termin")
    assert figures["am_about_toll"] == "etwa 400" and figures["civilians_both_min"] == "mindestens 20"
    # what the charts draw is the same in both editions
    for de_fig, en_fig in zip(german, english):
        assert [list(t.x) for t in de_fig.data] == [list(t.x) for t in en_fig.data]
        assert [[y for y in t.y if not isinstance(y, str)] for t in de_fig.data] == [[y for y in t.y if not isinstance(y, str)] for t in en_fig.data]


def test_districts_and_like_for_like_tolls_do_not_depend_on_the_subjects_language(frames):
    """In German the data's subject column is German: the builders must find the same districts and the
    same like-for-like tolls, reading stable ids, not English subjects."""
    war = frames["war_2020_figures"]
    translated = war.assign(subject="«" + war["subject"].str.upper() + "»")  # any other wording of the same subjects
    assert w.handovers(translated).drop(columns="subject").equals(w.handovers(war).drop(columns="subject"))
    assert list(w._tolls(translated)["comparable"]) == list(w._tolls(war)["comparable"])
    fig, other = w.military_tolls(war, frames["timeline_events"]), w.military_tolls(translated, frames["timeline_events"])
    assert [list(t.y) for t in fig.data] == [list(t.y) for t in other.data]
    assert [list(t.y) for t in w.war_calendar(translated, frames["timeline_events"]).data] == [
        list(t.y) for t in w.war_calendar(war, frames["timeline_events"]).data
    ]
