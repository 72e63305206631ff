"""The blockade chapter's builders and key figures, specified on a small hand-made fixture.

Dates and values differ from the real data on purpose: every expected number below is worked
out by hand from the fixture (12 December 2022 counts as day 1, as in the de-facto bulletins).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import write_fixture
from test_charts import assert_newsroom_grade, furniture

from karabakh_book import load, with_sources
from karabakh_book.stories import blockade
from karabakh_book.style import SIDE_COLOURS, SIDE_LABELS
from karabakh_book.words import speaking

STEP_ROWS = """\
earlier_road_block,2022-12-03,,road_blocked,Brief block,Brief block.,nk_de_facto,src_nk,
road_blocked,2022-12-12,10:30,road_blocked,Road blocked,Road blocked by 'eco-activists'.,nk_de_facto,src_nk,
power_line_cut,2023-01-09,,utility_cut,Power cut,Power cut.,nk_de_facto,src_nk,
food_sales_limited,2023-01-10,,rationing,Food limits,Food limits.,nk_de_facto,src_nk,
coupons,2023-01-20,,rationing,Coupons,Coupons.,nk_de_facto,src_nk,
icj_order_1,2023-02-22,,court_order,ICJ,ICJ.,icrc_un,src_icrc,
route_via_hakari,2023-03-30,,route_change,New route,New route.,independent,src_az,
checkpoint,2023-04-23,12:00,checkpoint,Checkpoint,Checkpoint.,azerbaijani,src_az,
protest_suspended,2023-04-28,18:00,protest_end,Protest ends,Protest ends.,azerbaijani,src_az,
medevac_suspended_1,2023-04-29,,medevac_halt,ICRC halts,ICRC halts.,icrc_un,src_icrc,
medevac_resumed_1,2023-05-26,,medevac_resumed,ICRC resumes,ICRC resumes.,nk_de_facto,src_nk,
icrc_last_food,2023-05-31,,aid_halt,Last food,Last food.,icrc_un,src_icrc,
full_closure,2023-06-01,,closure,Closed,Closed.,nk_de_facto,src_nk,
icrc_access_resumed,2023-06-11,,partial_reopening,Resumed,Resumed.,azerbaijani,src_az,
icj_order_2,2023-07-06,,court_order,ICJ again,ICJ again.,icrc_un,src_icrc,
icrc_last_medical,2023-06-20,,aid_halt,Last medical,Last medical.,icrc_un,src_icrc,
passage_suspended,2023-07-01,,closure,Suspended,Suspended.,azerbaijani,src_az,
armenian_convoy,2023-07-26,,aid_convoy,Convoy,Convoy.,armenian,src_am,
patient_arrested,2023-07-29,,arrest,Arrest,Arrest.,icrc_un,src_icrc,
medevac_resumed_2,2023-07-21,,medevac_resumed,ICRC resumes again,Resumes again.,nk_de_facto,src_nk,
aghdam_flour,2023-08-29,,aid_convoy,Flour,Flour.,azerbaijani,src_az,
bread_rationing,2023-09-05,,rationing,Bread,Bread.,nk_de_facto,src_nk,
aid_via_aghdam,2023-08-20,,aid_delivery,Aghdam aid,Aghdam aid.,independent,src_az,
icrc_both_roads,2023-09-01,,aid_delivery,Both roads,Both roads.,icrc_un,src_icrc,
one_way_exit,2023-09-11,,reopening,Exit,Exit.,armenian,src_am,
"""

STATEMENT_ROWS = """\
baku_mining_claim,accusation_minerals_via_corridor,2022-12-13,Azerbaijani media,Baku: mining,Mining claim.,azerbaijani,src_az,
baku_blames_peacekeepers,blockade_denied,2022-12-13,An aide,Baku: peacekeepers,Peacekeepers claim.,azerbaijani,src_az,
baku_fake_news,blockade_denied,2022-12-19,A spokesman,Fake news,Fake news.,azerbaijani,src_az,
yerevan_denies_mines,accusation_denied,2023-01-21,A minister,Denial,Denial.,armenian,src_am,
baku_weapons_claim,accusation_weapons_via_corridor,2023-03-05,A ministry,Baku: weapons,Weapons claim.,azerbaijani,src_az,
unsc_meeting,blockade_denied,2023-08-16,An envoy,UNSC,UNSC.,independent,src_am,
"""

SUPPLY_ROWS = """\
2023-05-10,imports_daily_pre_blockade,500,tonnes per day,false,false,nk_de_facto,src_nk,medium,
2023-05-10,vehicles_daily_pre_blockade,1000,vehicles per day,true,false,nk_de_facto,src_nk,medium,'around 1000'
2023-07-25,food_share_imported_pre_blockade,80,percent,true,false,nk_de_facto,src_nk,medium,
2023-01-20,goods_delivered_cum,800,tonnes,false,true,nk_de_facto,src_nk,medium,
2023-03-21,goods_delivered_cum,2000,tonnes,false,true,nk_de_facto,src_nk,medium,
2023-03-21,goods_expected_cum,50000,tonnes,false,true,nk_de_facto,src_nk,medium,
2023-03-21,vehicle_movements_cum,300,vehicle movements,false,true,nk_de_facto,src_nk,medium,
2023-01-20,vehicle_movements_cum,800,vehicle movements,true,true,azerbaijani,src_az,high,'more than 800'
2023-01-20,patients_transferred_cum,10,patients,false,true,nk_de_facto,src_nk,medium,
2023-03-21,patients_transferred_cum,50,patients,false,true,nk_de_facto,src_nk,medium,
2023-07-25,patients_transferred_cum,100,patients,true,true,icrc_un,src_icrc,high,'more than 100' people
2023-08-25,patients_transferred_cum,150,patients,true,true,icrc_un,src_icrc,high,'over 150'
2023-01-20,patients_transferred_cum,30,patients,true,true,azerbaijani,src_az,high,'about 30'
2023-06-20,patients_transferred_rpk_cum,5,patients,false,true,nk_de_facto,src_nk,medium,
2023-03-21,gas_disrupted_days_cum,40,days,false,true,nk_de_facto,src_nk,medium,
2023-04-20,gas_disrupted_days_cum,60,days,false,true,nk_de_facto,src_nk,medium,
2023-03-21,electricity_cut_days_cum,50,days,false,true,nk_de_facto,src_nk,medium,
2023-04-20,electricity_cut_days_cum,80,days,false,true,nk_de_facto,src_nk,medium,
2023-07-26,aid_cargo_waiting,300,tonnes,false,false,armenian,src_am,medium,
2023-07-27,aid_cargo_waiting,320,tonnes,false,false,armenian,src_am,medium,
2023-08-29,aid_cargo_waiting,25,tonnes,false,false,azerbaijani,src_az,high,
2023-07-26,trucks_waiting_kornidzor,10,trucks,false,false,armenian,src_am,medium,
2023-08-10,trucks_waiting_kornidzor,12,trucks,false,false,armenian,src_am,medium,
2022-12-13,people_unable_to_return_home,100,persons,true,false,nk_de_facto,src_nk,medium,
2023-04-07,people_unable_to_return_home,300,persons,true,false,nk_de_facto,src_nk,medium,
2023-09-23,cargo_delivered,60,tonnes,true,false,icrc_un,src_icrc,high,
2023-07-25,food_delivered_period,0,kilograms,false,false,nk_de_facto,src_nk,medium,
"""

FIXTURE = {
    "sources.csv": """source_id,publisher,cites,url,published,language,publisher_side
src_nk,Outlet NK,De-facto ombudsman,https://nk.example.org/1,2023-05-12,en,nk_de_facto
src_az,Outlet AZ,Azerbaijani government,https://az.example.org/2,2023-01-21,en,azerbaijani
src_am,Outlet AM,,https://am.example.org/3,2023-07-26,en,armenian
src_icrc,Outlet ICRC,ICRC,https://icrc.example.org/4,2023-07-25,en,icrc_un
""",
    "blockade_closure_steps.csv": "step_id,date,time,kind,label,description,figure_side,source_id,note\n" + STEP_ROWS,
    "statements.csv": "statement_id,subject,date,speaker,label,said,figure_side,source_id,note\n" + STATEMENT_ROWS,
    "blockade_supplies.csv": "date,metric,value,unit,approximate,cumulative,figure_side,source_id,confidence,note\n" + SUPPLY_ROWS,
    "timeline_events.csv": """event_id,date,time,stage,label,description,source_id
blockade_begins,2022-12-12,,blockade,Road blocked,Road blocked.,src_nk
offensive_begins,2023-09-19,,offensive,Offensive,Offensive.,src_am
""",
}


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    return write_fixture(tmp_path, FIXTURE)


@pytest.fixture
def steps(fixture_dir):
    return with_sources(load("blockade_closure_steps", fixture_dir), fixture_dir)


@pytest.fixture
def statements(fixture_dir):
    return with_sources(load("statements", fixture_dir), fixture_dir)


@pytest.fixture
def supplies(fixture_dir):
    return with_sources(load("blockade_supplies", fixture_dir), fixture_dir)


@pytest.fixture
def events(fixture_dir):
    return with_sources(load("timeline_events", fixture_dir), fixture_dir)


# --- who could pass ------------------------------------------------------------------------------

def test_blockade_day_one_is_the_first_day():
    start = pd.Timestamp("2022-12-12")
    assert blockade.blockade_day(start, start) == 1
    assert blockade.blockade_day(pd.Timestamp("2023-04-20"), start) == 130


def test_access_periods_tile_the_axis_in_the_order_of_the_steps(steps):
    periods = blockade.access_periods(steps)
    assert list(periods["level"]) == [
        blockade.OPEN, blockade.ICRC_RPK, blockade.CLOSED, blockade.PATIENTS, blockade.CLOSED,
        blockade.PATIENTS, blockade.ICRC_RPK, blockade.EXIT_ONLY,
    ]
    assert (periods["end"].iloc[:-1].to_numpy() == periods["start"].iloc[1:].to_numpy()).all()
    assert periods["start"].iloc[0] == pd.Timestamp("2022-12-01")  # month of the earliest step
    assert periods["end"].iloc[-1] == pd.Timestamp("2023-09-30")  # end of the month of the last change
    # 1 Jun -> 11 Jun and 1 Jul -> 21 Jul: 10 + 20 days closed to all
    assert periods.loc[periods["level"] == blockade.CLOSED, "days"].sum() == 30


def test_a_missing_access_step_is_named(fixture_dir):
    path = fixture_dir / "blockade_closure_steps.csv"
    path.write_text("\n".join(l for l in path.read_text().splitlines() if not l.startswith("full_closure,")) + "\n")
    steps = with_sources(load("blockade_closure_steps", fixture_dir), fixture_dir)
    with pytest.raises(KeyError, match="full_closure"):
        blockade.access_periods(steps)


def test_corridor_access_headline_counts_days_closed_to_civilians(steps, statements):
    fig = blockade.corridor_access(steps, statements)
    f = furniture(fig)
    # 12 Dec 2022 -> 11 Sep 2023: 19 + 1 + 243 + 10 = 273 days; first full closure 1 Jun
    assert f["title"] == "The corridor was closed to civilian traffic for 273 days; from 1 Jun even aid was stopped"
    assert "on 30 days by these accounts" in f["description"]
    assert_newsroom_grade(fig)


def test_corridor_access_colours_each_step_by_whose_account_it_is(steps, statements):
    fig = blockade.corridor_access(steps, statements)
    markers = [t for t in fig.data if t.mode == "markers"]
    assert {t.name for t in markers} <= set(SIDE_LABELS.values())
    for trace in markers:
        side = next(k for k, v in SIDE_LABELS.items() if v == trace.name)
        assert trace.marker.color == SIDE_COLOURS[side]
        assert "Whose account" in trace.hovertemplate and "Published by" in trace.hovertemplate
    publishers = {row[4] for t in markers for row in t.customdata}
    assert publishers == {"Outlet NK", "Outlet AZ", "Outlet AM", "Outlet ICRC"}
    # context steps (checkpoint) sit on the line at the level of their day, as open diamonds
    diamonds = [t for t in markers if t.marker.symbol == "diamond-open"]
    checkpoint = [(x, y) for t in diamonds for x, y, c in zip(t.x, t.y, t.customdata) if c[1] == "Checkpoint"]
    assert checkpoint and checkpoint[0][1] == blockade.ICRC_RPK
    # Azerbaijan's accusations come from the statements table and sit on the line the same way
    said = {c[1]: y for t in diamonds for y, c in zip(t.y, t.customdata)}
    assert said["Baku: mining"] == blockade.ICRC_RPK and said["Baku: weapons"] == blockade.ICRC_RPK


# --- supplies ----------------------------------------------------------------------------------------

def test_supply_rates_divide_the_latest_total_by_the_days_it_covers(supplies, steps):
    rates = blockade.supply_rates(supplies, steps).set_index(["panel", "side", "derived"])
    assert rates.loc[("goods", "nk_de_facto", False), "rate"] == 500
    assert rates.loc[("goods", "nk_de_facto", True), "rate"] == 20.0  # 2000 t in 100 days
    assert rates.loc[("vehicles", "nk_de_facto", True), "rate"] == 3.0  # 300 in 100 days
    assert rates.loc[("vehicles", "azerbaijani", True), "rate"] == 20.0  # 800 in 40 days
    assert rates.loc[("vehicles", "azerbaijani", True), "label"] == "more than 20.0"
    assert rates.loc[("vehicles", "nk_de_facto", False), "label"] == "about 1,000"
    assert list(rates["bar"]) == ["Before 12 Dec", "Before 12 Dec", "Karabakh, to 21 Mar", "Karabakh, to 21 Mar", "Baku, to 20 Jan"]


def test_supplies_chart_keeps_one_unit_per_panel(supplies, steps):
    fig = blockade.supplies_against_baseline(supplies, steps)
    f = furniture(fig)
    assert f["title"] == "Goods arrived at 4% of the pre-blockade rate, by the Karabakh authorities' own count"
    units_by_axis = {}
    for trace in fig.data:
        units_by_axis.setdefault(trace.xaxis, set()).update(row[1] for row in trace.customdata)
    assert units_by_axis == {"x": {"tonnes per day"}, "x2": {"vehicles per day"}}
    assert fig.layout.xaxis.title.text == "Tonnes per day" and fig.layout.xaxis2.title.text == "Vehicles per day"
    assert {t.marker.color for t in fig.data} == {SIDE_COLOURS["nk_de_facto"], SIDE_COLOURS["azerbaijani"]}
    assert any("our calculation" in note for note in f["notes"])
    assert all("Published by" in t.hovertemplate for t in fig.data)


# --- patients and utilities ----------------------------------------------------------------------

def test_patient_figures_are_labelled_with_the_published_wording(supplies, steps):
    rows = blockade.patient_transfers(supplies, steps).layout.meta["furniture"]["data"]
    shown = {row[rows["columns"].index("shown as")] for row in rows["rows"]}
    assert {"50", "more than 100", "more than 150", "about 30"} <= shown


def test_patient_chart_has_one_line_per_side_and_marks_approximate_figures_open(supplies, steps):
    fig = blockade.patient_transfers(supplies, steps)
    f = furniture(fig)
    assert f["title"] == (
        "The Karabakh authorities counted 50 patients taken out with ICRC help by 21 Mar; the ICRC, more than 150 people by 25 Aug"
    )
    lines = {t.name: t for t in fig.data}
    assert set(lines) == {"Karabakh authorities' count", "ICRC's own count", "Azerbaijani president's figure"}
    assert list(lines["Karabakh authorities' count"].y) == [10, 50]
    assert list(lines["ICRC's own count"].marker.color) == ["white", "white"]
    assert lines["Karabakh authorities' count"].line.color == SIDE_COLOURS["nk_de_facto"]
    assert "Outlet ICRC" in {row[3] for row in lines["ICRC's own count"].customdata}
    assert_newsroom_grade(fig)


def test_utility_chart_headline_reads_the_latest_same_day_counts(supplies, steps):
    fig = blockade.utility_days(supplies, steps)
    f = furniture(fig)
    # power line failed 9 Jan: 20 Apr is day 102 since then, so 80 days without power is not "every day"
    assert f["title"] == (
        "By 20 Apr, day 130 of the blockade, gas had been cut or reduced on 60 days, and power from Armenia had been missing on 80 days"
    )
    every_day, since_line_failed = fig.data[0], fig.data[1]
    assert list(every_day.y) == [1, 130] and list(since_line_failed.y) == [1, 102]
    assert {t.name for t in fig.data[2:]} == {"Gas cut or reduced", "No power from Armenia"}
    assert_newsroom_grade(fig)


def test_utility_chart_says_when_power_was_missing_every_day(fixture_dir, steps):
    path = fixture_dir / "blockade_supplies.csv"
    path.write_text(path.read_text().replace("2023-04-20,electricity_cut_days_cum,80,", "2023-04-20,electricity_cut_days_cum,102,"))
    supplies = with_sources(load("blockade_supplies", fixture_dir), fixture_dir)
    title = furniture(blockade.utility_days(supplies, steps))["title"]
    assert title.endswith("and there had been no power from Armenia on any of the 102 days since the line failed")


# --- prose ---------------------------------------------------------------------------------------------

def test_key_figures_are_read_off_the_data(steps, statements, supplies, events):
    k = blockade.blockade_key_figures(steps, statements, supplies, events)
    # Dates are dates: each edition writes them its own way when they are glued.
    assert k["blockade_start"] == pd.Timestamp("2022-12-12") and k["blockade_start_time"] == "10:30"
    assert k["earlier_block_date"] == pd.Timestamp("2022-12-03") and k["mining_claim_date"] == pd.Timestamp("2022-12-13")
    assert k["stranded_later_date"] == pd.Timestamp("2023-04-07") and k["food_share_date"] == pd.Timestamp("2023-07-25")
    dates = [key for key in k if key.endswith("_date") or key == "blockade_start"]
    assert all(isinstance(k[key], pd.Timestamp) for key in dates), [key for key in dates if not isinstance(k[key], pd.Timestamp)]
    assert k["checkpoint_time"] == "12:00"
    assert k["protest_days"] == 138  # 28 Apr is day 138
    assert k["days_closed_to_civilians"] == 273
    assert k["days_closed_to_all"] == 30
    assert k["days_without_food_aid"] == 81  # 31 May -> 20 Aug
    assert (k["goods_delivered"], k["goods_expected"], k["goods_share_pct"], k["goods_rate"]) == (2000, 50000, 4, 20.0)
    assert (k["imports_pre"], k["vehicles_pre"], k["food_share_pre"]) == (500, 1000, 80)
    assert (k["az_vehicles"], k["az_vehicles_q"], k["az_vehicle_rate"]) == (800, "more than", 20.0)
    assert (k["nk_patients"], k["rpk_patients"], k["icrc_patients_july"], k["icrc_patients_last"]) == (50, 5, 100, 150)
    assert (k["az_patients"], k["az_patients_q"], k["nk_patients_same_day"]) == (30, "about", 10)
    assert (k["gas_days"], k["power_days"], k["gas_blockade_day"], k["power_since_failure_days"]) == (60, 80, 130, 102)
    assert (k["convoy_trucks"], k["convoy_trucks_later"], k["convoy_tonnes_low"], k["convoy_tonnes_high"]) == (10, 12, 300, 320)
    assert (k["aghdam_flour_tonnes"], k["icrc_convoy_tonnes"]) == (25, 60)
    assert (k["stranded_first"], k["stranded_later"]) == (100, 300)
    assert k["n_supply_figures"] == 27 and k["n_nk_figures"] == 17
    assert k["offensive_date"] == pd.Timestamp("2023-09-19")


# --- the German edition ----------------------------------------------------------------------------

def test_the_same_builders_speak_german_with_german_numbers_and_dates(steps, statements, supplies, events):
    with speaking("de"):
        corridor = blockade.corridor_access(steps, statements)
        goods = blockade.supplies_against_baseline(supplies, steps)
        patients = blockade.patient_transfers(supplies, steps)
        utilities = blockade.utility_days(supplies, steps)
        rates = blockade.supply_rates(supplies, steps).set_index(["panel", "side", "derived"])
        k = blockade.blockade_key_figures(steps, statements, supplies, events)
        periods = blockade.access_periods(steps)
    f = furniture(corridor)
    assert f["language"] == "de" and corridor.layout.separators == ",."
    assert f["title"] == "273 Tage lang war der Korridor für den zivilen Verkehr gesperrt; ab dem 1. Juni kam nicht einmal mehr Hilfe durch"
    assert "Vom 1. Dezember 2022 bis zum 12. Dezember 2022 (11 Tage): offen für jeden Verkehr." in f["description"]
    assert f["description"].endswith("an 30 Tagen für jeden Verkehr gesperrt.")
    assert f["data"]["columns"][:4] == ["von", "bis", "Tage", "wer durchkam"]
    assert furniture(goods)["title"].startswith("Pro Tag kamen 4\u00a0% der Gütermenge")
    assert rates.loc[("vehicles", "azerbaijani", True), "label"] == "mehr als 20,0"
    assert rates.loc[("vehicles", "nk_de_facto", False), "label"] == "etwa 1.000"
    assert list(rates["bar"]) == ["Vor dem 12. Dez.", "Vor dem 12. Dez.", "Karabach, bis 21. März", "Karabach, bis 21. März", "Baku, bis 20. Jan."]
    assert goods.layout.xaxis.title.text == "Tonnen pro Tag" and goods.layout.xaxis2.title.text == "Fahrzeuge pro Tag"
    assert furniture(goods)["data"]["rows"][0][0] == "Güter"
    assert furniture(patients)["title"] == (
        "Die De-facto-Behörden in Karabach zählten 50 Patienten, die bis zum 21. März mit Hilfe des IKRK hinausgebracht wurden; "
        "das IKRK mehr als 150 Menschen bis zum 25. Aug."
    )
    assert furniture(utilities)["title"] == (
        "Bis zum 20. Apr., dem 130. Tag der Blockade, war das Gas an 60 Tagen abgestellt oder gedrosselt, "
        "und an 80 Tagen hatte Strom aus Armenien gefehlt"
    )
    assert "am 9. Januar 2023 (%{x|%-d. %b %Y})" in utilities.data[1].hovertemplate
    # the levels of access are keys in both editions, said only where they are shown
    assert list(periods["level"]) == list(blockade.access_periods(steps)["level"])
    order = list(corridor.layout.yaxis.categoryarray)
    assert order == ["Für alle gesperrt", "Nur IKRK-Patienten", "IKRK + Friedenstruppen", "Nur Ausreise", "Offen für alle"]
    assert {y for t in corridor.data for y in t.y} <= set(order)
    assert {a.text for a in corridor.layout.annotations} >= set(order)
    # the key figures are the same in both editions; only the words are German
    english = blockade.blockade_key_figures(steps, statements, supplies, events)
    assert (k["az_vehicles_q"], k["az_patients_q"]) == ("mehr als", "etwa")
    assert {key: v for key, v in k.items() if not isinstance(v, str)} == {key: v for key, v in english.items() if not isinstance(v, str)}
    # what the charts draw is the same in both editions: the same numbers, at the same places
    for builder, german in ((lambda: blockade.corridor_access(steps, statements), corridor),
                            (lambda: blockade.supplies_against_baseline(supplies, steps), goods),
                            (lambda: blockade.patient_transfers(supplies, steps), patients),
                            (lambda: blockade.utility_days(supplies, steps), utilities)):
        drawn = builder()
        assert len(drawn.data) == len(german.data)
        for en_trace, de_trace in zip(drawn.data, german.data):
            assert list(en_trace.x) == list(de_trace.x)
            if en_trace.type == "bar" or not isinstance(en_trace.y[0], str):
                assert [y for y in en_trace.y if not isinstance(y, str)] == [y for y in de_trace.y if not isinstance(y, str)]
    english_order = list(blockade.corridor_access(steps, statements).layout.yaxis.categoryarray)
    for en_trace, de_trace in zip(blockade.corridor_access(steps, statements).data, corridor.data):
        assert [english_order.index(y) for y in en_trace.y] == [order.index(y) for y in de_trace.y]
