"""The offensive chapter's builders and key figures, specified on a small hand-made fixture."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import write_fixture
from test_charts import furniture
from test_war import SOURCES, assert_timeline_grade

from karabakh_book import load, with_sources
from karabakh_book.stories import offensive as o
from karabakh_book.words import speaking

FIXTURE = {
    "sources.csv": SOURCES,
    # Ceasefire two days after the start, decree five days after; the flag (50 days on) and the
    # republic's end fall beyond the chart's window.
    "timeline_events.csv": """event_id,date,time,stage,label,description,source_id
offensive_begins,2023-09-10,,offensive,Offensive begins,Azerbaijan announces 'measures'.,src_az
ceasefire_2023,2023-09-12,14:30,offensive,Ceasefire,A ceasefire takes effect.,src_az
yevlakh_talks,2023-09-13,,offensive,Talks in Yevlakh,Talks.,src_ind
weapons_handover_begins,2023-09-14,,offensive,Weapons handover begins,Handover.,src_ind
fuel_depot_explosion,2023-09-14,,exodus,Explosion,Not this chapter's stage.,src_am
dissolution_decree,2023-09-15,,offensive,Dissolution decree,Decree.,src_am
ex_leaders_detained,2023-09-20,,offensive,Former leaders detained,Detained.,src_az
flag_raised_stepanakert,2023-10-30,,offensive,Aliyev raises flag,Flag in Stepanakert/Khankendi.,src_az
republic_ceases,2023-12-31,,offensive,Republic ceases to exist,End.,src_ind
""",
    "offensive_2023_casualties.csv": """event,side_affected,metric,value,approximate,as_of,figure_side,source_id,confidence,note
offensive_2023_09_19,azerbaijani,military_killed,50,false,2023-09-12,azerbaijani,src_az,high,
offensive_2023_09_19,azerbaijani,military_killed,60,false,,azerbaijani,src_az,medium,Later update.
offensive_2023_09_19,azerbaijani,military_wounded,100,false,2023-09-12,azerbaijani,src_az,high,
offensive_2023_09_19,azerbaijani,civilians_killed,2,false,2023-09-12,azerbaijani,src_az,high,
offensive_2023_09_19,karabakh_armenian,killed_total,5,false,2023-09-10,nk_de_facto,src_am,high,First night.
offensive_2023_09_19,karabakh_armenian,civilians_killed,1,false,2023-09-10,nk_de_facto,src_am,high,
offensive_2023_09_19,karabakh_armenian,killed_total,30,true,2023-09-11,nk_de_facto,src_am,high,'at least 30'
offensive_2023_09_19,karabakh_armenian,wounded_total,70,true,2023-09-11,nk_de_facto,src_am,high,'more than 70'
offensive_2023_09_19,karabakh_armenian,killed_total,40,false,,armenian,src_am,high,
offensive_2023_09_19,karabakh_armenian,military_killed,32,true,,armenian,src_am,high,'At least 32 soldiers'
offensive_2023_09_19,karabakh_armenian,civilians_killed,8,false,,armenian,src_am,high,
offensive_2023_09_19,karabakh_armenian,missing_total,3,false,,armenian,src_am,high,
offensive_2023_09_19,karabakh_armenian,wounded_total,50,false,,armenian,src_am,medium,
offensive_2023_09_19,karabakh_armenian,civilians_wounded,9,false,,armenian,src_am,medium,A breakdown the chart does not draw.
fuel_depot_2023_09_25,karabakh_armenian,killed_total,4,true,2023-09-15,nk_de_facto,src_am,high,'at least 4'
fuel_depot_2023_09_25,karabakh_armenian,killed_total,12,true,2023-12-22,armenian,src_am,high,'At least 12'
""",
}


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    return write_fixture(tmp_path, FIXTURE)


@pytest.fixture
def frames(fixture_dir):
    return {name: with_sources(load(name, fixture_dir), fixture_dir) for name in ("offensive_2023_casualties", "timeline_events")}


def test_key_figures_are_read_off_the_data(frames):
    f = o.offensive_key_figures(frames["offensive_2023_casualties"], frames["timeline_events"])
    assert (f["ceasefire_time"], f["days_offensive_to_ceasefire"], f["ceasefire_after"]) == ("14:30", 2, "2 days later")
    assert (f["days_offensive_to_decree"], f["days_decree_to_end"]) == (5, 107)
    assert f["end_date"] == pd.Timestamp("2023-12-31") and f["weapons_date"] == pd.Timestamp("2023-09-14")  # dates as Timestamps
    assert (f["offensive_date"], f["ceasefire_date"], f["decree_date"]) == (pd.Timestamp("2023-09-10"), pd.Timestamp("2023-09-12"), pd.Timestamp("2023-09-15"))
    assert f["days_ceasefire_to_depot"] == 2
    assert (f["az_killed_first"], f["az_killed_first_date"]) == (50, pd.Timestamp("2023-09-12"))
    assert (f["az_killed_last"], f["az_killed_last_date"]) == ("60", "date not given")
    assert (f["nk_first_killed"], f["nk_first_civilians"]) == ("5", "1")
    assert (f["nk_next_killed"], f["nk_next_wounded"], f["nk_next_date"]) == ("at least 30", "more than 70", pd.Timestamp("2023-09-11"))
    assert (f["am_total_killed"], f["am_military_killed"], f["am_civilians_killed"]) == ("40", "at least 32", "8")
    assert f["am_parts_add_up"] == "add up to"
    assert (f["am_missing"], f["am_wounded"]) == ("3", "50")
    assert (f["n_undated"], f["n_figures"]) == (7, 14)  # the fuel depot's figures are another event
    assert (f["depot_killed"], f["depot_date"]) == ("at least 12", pd.Timestamp("2023-12-22"))


def test_parts_that_do_not_add_up_are_said_so(frames):
    casualties = frames["offensive_2023_casualties"].copy()
    casualties.loc[(casualties["metric"] == "civilians_killed") & (casualties["figure_side"] == "armenian"), "value"] = 9
    f = o.offensive_key_figures(casualties, frames["timeline_events"])
    assert f["am_parts_add_up"] == "do not add up to"


def test_timeline_places_the_timed_ceasefire_and_points_beyond_the_axis(frames):
    fig = o.offensive_timeline(frames["timeline_events"])
    f = furniture(fig)
    assert f["title"] == "The fighting stopped at 14:30 2 days after it began; 5 days later the republic's dissolution was decreed"
    by_name = {trace.name: trace for trace in fig.data}
    timed = by_name["Time of day published"]
    assert list(timed.y) == ["Ceasefire"] and pd.Timestamp(timed.x[0]) == pd.Timestamp("2023-09-12 14:30")  # local wall time
    drawn = list(by_name["Date only"].y)
    assert "Explosion" not in drawn  # another chapter's stage
    assert "Aliyev raises flag" not in drawn and "Republic ceases to exist" not in drawn  # beyond the window
    assert len(f["data"]["rows"]) == 8  # ...but listed in the table
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == 1 and arrows[0].y == "Dissolution decree"  # only the decree's own effect gets an arrow
    assert any("Republic ceases to exist (31 December 2023) lies beyond the axis; the arrow" in n for n in f["notes"])
    assert any(n.startswith("Aliyev raises flag (30 October 2023) lies beyond the axis.") for n in f["notes"])
    assert "Outlet AZ" in timed.customdata[0][2]
    assert_timeline_grade(fig)


def test_timeline_title_says_the_day_after_when_it_was(frames):
    events = frames["timeline_events"].copy()
    events.loc[events["event_id"] == "ceasefire_2023", "date"] = events.loc[events["event_id"] == "offensive_begins", "date"].iloc[0] + pd.Timedelta(days=1)
    assert "stopped at 14:30 the day after it began" in furniture(o.offensive_timeline(events))["title"]


def test_casualty_bars_take_each_sources_highest_figure_and_keep_the_rest_in_the_table(frames):
    fig = o.offensive_casualties(frames["offensive_2023_casualties"])
    f = furniture(fig)
    bars = {(trace.name, y): (x, text) for trace in fig.data for x, y, text in zip(trace.x, trace.y, trace.text)}
    assert len(bars) == 11  # 3 Azerbaijani + 8 Karabakh Armenian; 3 lower or breakdown figures not drawn
    values = sorted(x for x, _ in bars.values())
    assert values == [1, 2, 3, 8, 30, 32, 40, 50, 60, 70, 100]
    assert 50 not in [x for (name, _), (x, _) in bars.items() if name == "Azerbaijani government"]  # superseded by 60
    texts = {text for _, text in bars.values()}
    assert "at least 30 · 11 Sep" in texts and "60 · no date" in texts and "more than 70 · 11 Sep" in texts
    nk = next(t for t in fig.data if t.name == "De-facto Karabakh authorities")
    assert list(nk.marker.pattern.shape) == ["/" if "at least" in t or "more than" in t else "" for t in nk.text]
    assert f["title"] == "Azerbaijan reported 60 servicemen killed; the Armenian government's count of Karabakh Armenian dead reached 40"
    assert len(f["data"]["rows"]) == 14 and any("3 not drawn" in n for n in f["notes"])
    assert any("7 figures were published without the date" in n for n in f["notes"])
    assert "Outlet AM" in nk.customdata[0][4]
    assert fig.layout.xaxis2.title.text == "Persons"
    for trace in fig.data:
        assert "Whose figure" in trace.hovertemplate and "As of" in trace.hovertemplate


def test_the_same_builders_speak_german_with_german_numbers_and_dates(frames):
    casualties, events = frames["offensive_2023_casualties"], frames["timeline_events"]
    with speaking("de"):
        timeline = o.offensive_timeline(events)
        bars = o.offensive_casualties(casualties)
        f = o.offensive_key_figures(casualties, events)
    t, b = furniture(timeline), furniture(bars)
    assert t["title"] == "Die Kämpfe endeten um 14:30 Uhr 2 Tage nach ihrem Beginn; 5 Tage später wurde die Auflösung der Republik verfügt"
    assert t["language"] == b["language"] == "de" and timeline.layout.separators == ",."
    assert "12. September 2023, 14:30 Uhr Ortszeit" in t["description"]
    assert any(n.startswith("„Anti-Terror-Maßnahmen“ ist der Begriff der aserbaidschanischen Regierung") for n in t["notes"])
    assert t["data"]["columns"] == ["Datum", "Ereignis", "Beschreibung", "auf der Achse", "Medium", "Quell-URL"]
    assert [a.text for a in timeline.layout.annotations if a.text.startswith("in Kraft")] == ["in Kraft ab 31. Dez. 2023 →"]
    assert {trace.name for trace in timeline.data} == {"Mit Uhrzeit gemeldet", "Nur mit Datum gemeldet"}
    assert b["title"] == ("Aserbaidschan meldete 60 getötete Soldaten; bei den Karabach-Armeniern stieg die Zahl der Toten "
                          "auf 40 (Zählung: Armenische Regierung)")
    texts = {text for trace in bars.data for text in trace.text}
    assert "mindestens 30 · 11. Sept." in texts and "60 · ohne Datum" in texts
    assert "Getötete, Militär: mindestens 32 (Armenische Regierung, Datum nicht angegeben)" in b["description"]
    assert b["data"]["columns"][:6] == ["Verluste von", "Kategorie", "Kennzahl", "Zahl", "wessen Zahl", "Stand"]
    assert [a.text for a in bars.layout.annotations][:2] == ["Aserbaidschanische Verluste", "Verluste der Karabach-Armenier"]
    assert bars.layout.xaxis2.title.text == "Personen"
    assert (f["ceasefire_after"], f["nk_next_killed"], f["am_parts_add_up"]) == ("2 Tage später", "mindestens 30", "ergeben zusammen")
    assert f["az_killed_last_date"] == "Datum nicht angegeben" and f["end_date"] == pd.Timestamp("2023-12-31")
    # what the charts draw is the same in both editions: the same bars, in the same order, of the same lengths
    english_bars, english_timeline = o.offensive_casualties(casualties), o.offensive_timeline(events)
    assert [list(trace.x) for trace in bars.data] == [list(trace.x) for trace in english_bars.data]
    assert [list(trace.x) for trace in timeline.data] == [list(trace.x) for trace in english_timeline.data]
    assert [trace.legendgroup for trace in bars.data] == [trace.legendgroup for trace in english_bars.data]
