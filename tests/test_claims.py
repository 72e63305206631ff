"""The claims ledger: every claim has a check, verdicts follow the evidence, nothing is stored."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import DATA, edit_csv

from karabakh_book import load, with_sources
from karabakh_book.stories.claims import (
    CONSISTENT, CONTEXT, DATASETS, IMPRECISE, NOT_SUPPORTED, claims_ledger, compare_number, ledger_html,
    report_numbers, verdict_tally,
)

# The editors' sign-off on the current data. A change of evidence that moves a verdict fails
# here on purpose: someone must read the new evidence and update the chapter's prose with it.
SIGNED_OFF = {
    "withdrawal_begun": CONSISTENT,
    "peskov_confirmed": CONSISTENT,
    "azerbaijani_media_first": CONSISTENT,
    "hajiyev_title": NOT_SUPPORTED,
    "control_since_1994": CONSISTENT,
    "war_six_weeks": CONSISTENT,
    "ceasefire_10_november": CONSISTENT,
    "ceasefire_signatories": IMPRECISE,
    "about_2000_peacekeepers": CONSISTENT,
    "corridor_task": CONSISTENT,
    "accusations_weapons_minerals": CONTEXT,
    "blockade_from_2022": CONTEXT,
    "shortages": CONSISTENT,
    "one_day_offensive": CONSISTENT,
    "republic_ended": CONSISTENT,
    "about_100000_left": CONSISTENT,
    "war_retook_parts": CONSISTENT,
    "peacekeepers_did_not_intervene": CONTEXT,
    "azerbaijani_control": CONSISTENT,
    "defence_army_abolished": CONSISTENT,
}


def frames_from(data_dir) -> dict[str, pd.DataFrame]:
    frames = {name: with_sources(load(name, data_dir), data_dir) for name in DATASETS if name != "sources"}
    frames["sources"] = load("sources", data_dir)
    return frames


def verdicts(data_dir) -> dict[str, str]:
    ledger = claims_ledger(frames_from(data_dir))
    return dict(zip(ledger["claim_id"], ledger["verdict"]))


@pytest.fixture(scope="module")
def ledger() -> pd.DataFrame:
    return claims_ledger(frames_from(DATA))


def test_every_claim_in_the_report_is_in_the_ledger(ledger):
    # The narrative's ledger list, stage by stage: the report's own claims, none left out.
    assert set(ledger["claim_id"]) == set(SIGNED_OFF)


def test_verdicts_on_the_current_data_are_the_signed_off_ones(ledger):
    assert dict(zip(ledger["claim_id"], ledger["verdict"])) == SIGNED_OFF


def test_every_verdict_rests_on_sources_with_addresses(ledger):
    for _, row in ledger.iterrows():
        assert row["evidence"], f"{row['claim_id']}: no evidence cited"
        assert all(url.startswith("http") for _, url in row["evidence"]), row["claim_id"]


@pytest.mark.parametrize(
    ("claimed", "measured", "approximate", "expected"),
    [
        (2000, 1960, True, CONSISTENT),  # 2.0 % off, given as "about"
        (2000, 1960, False, IMPRECISE),  # the same gap without "about"
        (6, 44 / 7, True, CONSISTENT),  # 4.5 % off
        (100, 90, True, IMPRECISE),  # 11 % off
        (100, 80, True, IMPRECISE),  # exactly 25 % off: the edge of the rough band
        (100, 75, True, NOT_SUPPORTED),  # 33 % off
        (1, 1, False, CONSISTENT),
    ],
)
def test_numbers_are_judged_by_their_gap_to_the_data(claimed, measured, approximate, expected):
    assert compare_number(claimed, measured, approximate) == expected


def test_an_unchecked_claim_stops_the_ledger(data_copy):
    with (data_copy / "report_claims.csv").open("a", encoding="utf-8") as out:
        out.write("new_claim,exodus,exodus,A claim nobody checks.,something,,,false,dw_report_eisbludan\n")
    with pytest.raises(KeyError, match="new_claim"):
        claims_ledger(frames_from(data_copy))


def test_a_smaller_mandate_turns_about_2000_into_not_supported(data_copy):
    text = (data_copy / "peacekeeping_mandate_2020.csv").read_text(encoding="utf-8")
    (data_copy / "peacekeeping_mandate_2020.csv").write_text(text.replace("personnel,3,1960,", "personnel,3,1500,"), encoding="utf-8")
    assert verdicts(data_copy)["about_2000_peacekeepers"] == NOT_SUPPORTED


def test_texts_that_disagree_on_the_mandate_need_context(data_copy):
    edit_csv(data_copy / "peacekeeping_mandate_2020.csv", "personnel,3,1960,servicemen,Servicemen with small arms in the Russian peacekeeping contingent,russian", "personnel,3,1900,servicemen,Servicemen with small arms in the Russian peacekeeping contingent,russian")
    assert verdicts(data_copy)["about_2000_peacekeepers"] == CONTEXT


def test_a_later_war_start_makes_six_weeks_imprecise(data_copy):
    # 38 days to the ceasefire = 5.43 weeks: the report's "about six" is 10.5 % above it.
    # The war's first day is stored once, as a timeline event that the war figures reference.
    edit_csv(data_copy / "timeline_events.csv", "war_2020_begins,2020-09-27", "war_2020_begins,2020-10-03")
    assert verdicts(data_copy)["war_six_weeks"] == IMPRECISE


def test_a_sourced_vice_presidential_title_would_support_the_report(data_copy):
    with (data_copy / "statements.csv").open("a", encoding="utf-8") as out:
        out.write("hajiyev_title_other,hajiyev_title,2024-04-17,Hikmet Hajiyev,Hajiyev's title (other),Vice-President of Azerbaijan,azerbaijani,trend_3887016,\n")
    assert verdicts(data_copy)["hajiyev_title"] == CONSISTENT


def test_without_putin_as_signatory_the_report_would_be_exact(data_copy):
    path = data_copy / "statements.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("signatory_putin,")), encoding="utf-8")
    assert verdicts(data_copy)["ceasefire_signatories"] == CONSISTENT


def test_missing_accusation_evidence_is_not_supported(data_copy):
    path = data_copy / "statements.csv"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if "accusation_minerals" not in line), encoding="utf-8")
    assert verdicts(data_copy)["accusations_weapons_minerals"] == NOT_SUPPORTED


def test_a_blockade_dated_2023_contradicts_from_2022(data_copy):
    edit_csv(data_copy / "blockade_closure_steps.csv", "road_blocked,2022-12-12", "road_blocked,2023-01-02")
    assert verdicts(data_copy)["blockade_from_2022"] == NOT_SUPPORTED


def test_ledger_html_escapes_data_text(data_copy):
    edit_csv(data_copy / "report_claims.csv", "The blockade caused shortages of food and medicine.", "<img src=x onerror=alert(1)>")
    html = ledger_html(claims_ledger(frames_from(data_copy)))
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_ledger_charts_count_every_claim(ledger):
    tally = verdict_tally(ledger)
    assert sum(sum(trace.x) for trace in tally.data) == len(ledger)
    furniture = tally.layout.meta["furniture"]
    consistent = sum(v == CONSISTENT for v in SIGNED_OFF.values())
    assert furniture["title"].startswith(f"{consistent} of the report's {len(SIGNED_OFF)} claims")
    numbers = report_numbers(ledger)
    approximate_numeric = ledger[ledger["approximate"] & ledger["report_value"].notna()]
    assert len(numbers.data[0].x) == len(approximate_numeric)
