"""The landing page's timeline and key figures, specified on a small hand-made fixture."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import write_fixture

from karabakh_book import load, with_sources
from karabakh_book.links import DOC_URL_PREFIX, STAGES
from karabakh_book.stories.timeline import landing_key_figures, story_timeline
from karabakh_book.words import speaking

SOURCES = """source_id,publisher,cites,url,published,language,publisher_side
src_a,Outlet A,,https://a.example.org/1,2023-09-24,en,armenian
src_b,Outlet B,,https://b.example.org/2,,ru,russian
"""
EVENTS = """event_id,date,time,stage,label,description,source_id
ceasefire_1994,1994-05-12,,war_and_ceasefire,1994 ceasefire,Old.,src_a
war_2020_begins,2020-09-27,,war_and_ceasefire,War begins,War.,src_a
ceasefire_2020,2020-11-10,01:00,war_and_ceasefire,Ceasefire,Ceasefire.,src_b
blockade_begins,2022-12-12,,blockade,Road blocked,Blocked.,src_b
offensive_begins,2023-09-19,,offensive,Offensive,Offensive.,src_a
withdrawal_confirmed_kremlin,2024-04-17,,withdrawal,Confirmed,Confirmed.,src_b
withdrawal_completed,2024-06-12,,withdrawal,Completed,Completed.,src_b
"""
MANDATE = """term_id,clause,quantity,unit,description,figure_side,source_id,note
personnel,3,1960,servicemen,Servicemen,armenian,src_a,
personnel,3,1960,servicemen,Servicemen,russian,src_b,
"""
WAR = """figure_id,metric,subject,event_id,date,time,value,unit,approximate,figure_side,source_id,confidence,note
war_start,war_start,War,war_2020_begins,,,,event,false,independent,,high,
ceasefire_in_force,ceasefire_in_force,Ceasefire,ceasefire_2020,,,,event,false,armenian,,high,
"""
ARRIVALS = """date,time,cumulative_arrivals,approximate,figure_side,source_id,confidence,note
2023-09-24,18:00,400,false,armenian,src_a,high,
2023-10-02,,90000,false,armenian,src_b,high,
"""


@pytest.fixture
def frames(tmp_path):
    write_fixture(tmp_path, {"sources.csv": SOURCES, "timeline_events.csv": EVENTS, "peacekeeping_mandate_2020.csv": MANDATE, "displacement_arrivals_2023.csv": ARRIVALS, "war_2020_figures.csv": WAR})
    return {
        "events": with_sources(load("timeline_events", tmp_path), tmp_path),
        "mandate": load("peacekeeping_mandate_2020", tmp_path),
        "arrivals": load("displacement_arrivals_2023", tmp_path),
        "war": load("war_2020_figures", tmp_path),
    }


def test_key_figures_are_read_off_the_data(frames):
    figures = landing_key_figures(frames["events"], frames["mandate"], frames["arrivals"], frames["war"])
    assert figures["war_days"] == 44  # 27 Sep to 10 Nov 2020
    assert figures["blockade_days"] == 281  # 12 Dec 2022 to 19 Sep 2023
    assert figures["peacekeepers_mandate"] == 1960
    # dates are Timestamps: the glue writes them in each edition's form
    assert figures["exodus_arrivals"] == 90000 and figures["exodus_final_date"] == pd.Timestamp("2023-10-02")
    assert figures["withdrawal_confirmed_date"] == pd.Timestamp("2024-04-17")
    assert figures["withdrawal_completed_date"] == pd.Timestamp("2024-06-12")
    assert figures["first_event_year"] == 1994 and figures["n_events"] == 7


def test_timeline_splits_background_from_recent_years_and_links_every_point(frames):
    fig = story_timeline(frames["events"])
    left = [t for t in fig.data if t.xaxis == "x"]
    right = [t for t in fig.data if t.xaxis == "x2"]
    assert sum(len(t.x) for t in left) == 1 and sum(len(t.x) for t in right) == 6
    for trace in fig.data:
        column = trace.meta["link"]
        for row in trace.customdata:
            assert row[column].startswith(DOC_URL_PREFIX + "chapters/")
            assert row[column].removeprefix(DOC_URL_PREFIX + "chapters/") in {c for c, _ in STAGES.values()}
    withdrawal = next(t for t in fig.data if t.name == "Withdrawal")
    assert {row[withdrawal.meta["link"]] for row in withdrawal.customdata} == {f"{DOC_URL_PREFIX}chapters/withdrawal"}


def test_timeline_furniture_counts_and_sources(frames):
    fig = story_timeline(frames["events"])
    furniture = fig.layout.meta["furniture"]
    assert furniture["title"].startswith("7 dated events from 1994 to 2024")
    assert "Outlet B" in furniture["source"] and "Outlet A" in furniture["source"]
    table = pd.DataFrame(furniture["data"]["rows"], columns=furniture["data"]["columns"])
    assert len(table) == 7 and table["source URL"].str.startswith("https://").all()
    assert all("Source: %{customdata[2]}" in t.hovertemplate for t in fig.data)
    assert furniture["data"]["columns"] == ["date", "when", "stage", "label", "description", "publisher", "source URL"]
    assert "10 November 2020, 01:00" in set(table["when"])
    assert "The war and ceasefire row holds the most events." in furniture["description"]


def test_the_timeline_speaks_german_with_german_dates_and_draws_the_same(frames):
    with speaking("de"):
        fig = story_timeline(frames["events"])
    furniture = fig.layout.meta["furniture"]
    assert furniture["language"] == "de" and fig.layout.separators == ",."
    assert furniture["title"] == "7 datierte Ereignisse von 1994 bis 2024, die meisten in den vier Jahren nach dem Krieg von 2020"
    assert furniture["source"].startswith("Daten der Ereignisse, gemeldet von diesen Medien: Outlet B, Outlet A;")
    assert "zwischen dem 27. September 2020 und dem 12. Juni 2024" in furniture["description"]
    assert "in der Zeile „Krieg und Waffenstillstand“" in furniture["description"]
    assert furniture["data"]["columns"] == ["Datum", "Zeitpunkt", "Etappe", "Ereignis", "Beschreibung", "Medium", "Quell-URL"]
    table = pd.DataFrame(furniture["data"]["rows"], columns=furniture["data"]["columns"])
    assert "10. November 2020, 01:00 Uhr" in set(table["Zeitpunkt"])
    assert all("Quelle: %{customdata[2]}" in t.hovertemplate and "Klick öffnet das Kapitel" in t.hovertemplate for t in fig.data)
    assert fig.layout.xaxis.ticktext == ("1994–<br>1994",) and fig.layout.xaxis2.title.text == "Datum des Ereignisses"
    # the rows are the stages' German names, the same on the points, the category order and the row labels
    german = ["Krieg und Waffenstillstand", "Friedenstruppen", "Blockade", "Offensive", "Exodus", "Abzug"]
    assert list(fig.layout.yaxis.categoryarray) == german[::-1]
    assert [a.text for a in fig.layout.annotations] == german
    assert {y for t in fig.data for y in t.y} <= set(german)
    # what the chart draws and where each point links are the same in both editions
    english = story_timeline(frames["events"])
    assert [list(t.x) for t in fig.data] == [list(t.x) for t in english.data]
    assert [t.legendgroup for t in fig.data] == [t.legendgroup for t in english.data]
    assert [[row[3] for row in t.customdata] for t in fig.data] == [[row[3] for row in t.customdata] for t in english.data]
