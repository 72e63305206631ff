"""The data package: every dataset validates, and every rule names the place it is broken."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest
from conftest import DATA, edit_csv

from karabakh_book.data import (
    DataValidationError,
    UnknownDatasetError,
    descriptor,
    load,
    local_timestamps,
    with_sources,
)

RESOURCES = descriptor()["resources"]
PANDAS_KIND = {"integer": "Int64", "boolean": "boolean", "string": "string"}


def line_number(path: Path, line: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(line) + 1


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r["name"])
def test_every_dataset_validates_and_loads_typed(resource):
    frame = load(resource["name"])
    assert len(frame) > 0
    names = {field["name"] for field in resource["schema"]["fields"]}
    for field in resource["schema"]["fields"]:
        if field["name"].endswith("_de") and field["name"][:-3] in names:
            assert field["name"] not in frame, "a German twin is said in its column's place, never kept beside it"
            continue
        kind = field["type"]
        if kind in PANDAS_KIND:
            assert str(frame[field["name"]].dtype) == PANDAS_KIND[kind], field["name"]
        elif kind == "date":
            assert pd.api.types.is_datetime64_dtype(frame[field["name"]]), field["name"]


def test_frictionless_command_line_accepts_the_package():
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(frictionless), "validate", "datapackage.json"], cwd=DATA, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_cumulative_arrivals_never_decrease_in_time():
    arrivals = load("displacement_arrivals_2023").assign(at=lambda f: local_timestamps(f))
    timed = arrivals.dropna(subset=["at"]).sort_values("at")
    assert timed["cumulative_arrivals"].is_monotonic_increasing
    # Untimed figures can only be ordered by day: no day may hold a figure below an earlier day's.
    by_day = arrivals.groupby("date")["cumulative_arrivals"].agg(["min", "max"]).sort_index()
    assert (by_day["min"] >= by_day["max"].cummax().shift().fillna(0)).all()


@pytest.mark.parametrize("resource", [r for r in RESOURCES if "x-period" in r], ids=lambda r: r["name"])
def test_figures_lie_inside_their_datasets_stated_period(resource):
    frame = load(resource["name"])
    period = resource["x-period"]
    assert frame["date"].min() >= pd.Timestamp(period["start"])
    assert frame["date"].max() <= pd.Timestamp(period["end"])


@pytest.mark.parametrize(
    "resource",
    [r for r in RESOURCES if any(k["reference"]["resource"] == "sources" for k in r["schema"].get("foreignKeys", []))],
    ids=lambda r: r["name"],
)
def test_every_row_traces_to_a_source_with_a_well_formed_url(resource):
    frame = with_sources(load(resource["name"]))
    assert frame["url"].notna().all(), "rows whose source_id has no URL"
    for url in frame["url"]:
        parts = urlparse(url)
        assert parts.scheme in ("http", "https") and "." in parts.netloc and " " not in url, url


def test_approximate_figures_are_flagged_not_dropped():
    arrivals = load("displacement_arrivals_2023")
    assert arrivals["approximate"].any()
    assert arrivals["time"].isna().any(), "untimed figures stay in the data, with an empty time"


# Each rule, fed a row that breaks it, must name file, line, column and rule.


def assert_named(error: DataValidationError, file: str, line: int | None, column: str, rule: str) -> None:
    message = str(error)
    assert file in message and f"column '{column}'" in message and f"rule '{rule}'" in message, message
    if line is not None:
        assert f"line {line}," in message or f"line {line}:" in message, message


def test_decreasing_cumulative_count_is_named(data_copy):
    path = data_copy / "displacement_arrivals_2023.csv"
    row = next(l for l in path.read_text().splitlines() if l.startswith("2023-09-29,20:00,98625,"))
    edit_csv(path, row, row.replace("98625", "90625"))
    with pytest.raises(DataValidationError) as caught:
        load("displacement_arrivals_2023", data_copy)
    assert_named(caught.value, "displacement_arrivals_2023.csv", line_number(path, row.replace("98625", "90625")),
                 "cumulative_arrivals", "non_decreasing")


def test_untimed_figure_below_an_earlier_days_figure_is_named(data_copy):
    path = data_copy / "displacement_registered_2023.csv"
    edit_csv(path, "2023-10-02,,89167,", "2023-10-02,,80000,")
    with pytest.raises(DataValidationError) as caught:
        load("displacement_registered_2023", data_copy)
    assert_named(caught.value, "displacement_registered_2023.csv", None, "registered", "non_decreasing")


def test_negative_count_is_named(data_copy):
    path = data_copy / "displacement_arrivals_2023.csv"
    edit_csv(path, "2023-09-24,18:00,377,", "2023-09-24,18:00,-377,")
    with pytest.raises(DataValidationError) as caught:
        load("displacement_arrivals_2023", data_copy)
    assert_named(caught.value, "displacement_arrivals_2023.csv", 2, "cumulative_arrivals", "constraint-error")
    assert "minimum" in str(caught.value)


def test_date_outside_the_period_is_named(data_copy):
    path = data_copy / "displacement_arrivals_2023.csv"
    edit_csv(path, "2023-10-04,,100632,", "2023-10-09,,100632,")
    with pytest.raises(DataValidationError) as caught:
        load("displacement_arrivals_2023", data_copy)
    assert_named(caught.value, "displacement_arrivals_2023.csv", line_number(path, next(
        l for l in path.read_text().splitlines() if l.startswith("2023-10-09,"))), "date", "constraint-error")


def test_impossible_date_is_named(data_copy):
    path = data_copy / "displacement_arrivals_2023.csv"
    edit_csv(path, "2023-09-30,,100417,", "2023-09-31,,100417,")
    with pytest.raises(DataValidationError) as caught:
        load("displacement_arrivals_2023", data_copy)
    assert_named(caught.value, "displacement_arrivals_2023.csv", None, "date", "type-error")


def test_unresolvable_source_id_is_named(data_copy):
    path = data_copy / "displacement_arrivals_2023.csv"
    edit_csv(path, ",tass_1679727,", ",tass_0000000,")
    with pytest.raises(DataValidationError) as caught:
        load("displacement_arrivals_2023", data_copy)
    assert_named(caught.value, "displacement_arrivals_2023.csv", 2, "source_id", "foreign-key")


@pytest.mark.parametrize("bad_url, rule", [("tass.com/world/1679727", "type-error"), ("", "constraint-error")])
def test_malformed_or_empty_url_is_named(data_copy, bad_url, rule):
    path = data_copy / "sources.csv"
    edit_csv(path, ",https://tass.com/world/1679727,", f",{bad_url},")
    with pytest.raises(DataValidationError) as caught:
        load("sources", data_copy)
    assert_named(caught.value, "sources.csv", 2, "url", rule)


def rewrite(path: Path, change) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8")))
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(change(rows))


def test_missing_required_column_is_named(data_copy):
    path = data_copy / "displacement_arrivals_2023.csv"
    rewrite(path, lambda rows: [row[:-2] + row[-1:] for row in rows])  # drop 'confidence'
    with pytest.raises(DataValidationError) as caught:
        load("displacement_arrivals_2023", data_copy)
    assert "displacement_arrivals_2023.csv" in str(caught.value) and "confidence" in str(caught.value)


def test_unknown_column_is_named(data_copy):
    path = data_copy / "displacement_arrivals_2023.csv"
    rewrite(path, lambda rows: [row + (["extra"] if i == 0 else ["x"]) for i, row in enumerate(rows)])
    with pytest.raises(DataValidationError) as caught:
        load("displacement_arrivals_2023", data_copy)
    assert_named(caught.value, "displacement_arrivals_2023.csv", 1, "extra", "extra-label")


def test_ragged_row_is_named(data_copy):
    path = data_copy / "displacement_arrivals_2023.csv"
    edit_csv(path, "2023-09-25,00:00,1510,false,", "2023-09-25,00:00,1510,false,surplus,")
    with pytest.raises(DataValidationError) as caught:
        load("displacement_arrivals_2023", data_copy)
    assert "displacement_arrivals_2023.csv, line 4" in str(caught.value)


def test_wrong_encoding_is_named(data_copy):
    path = data_copy / "sources.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Stéphane", "Stéphane").encode("utf-16"))
    with pytest.raises(DataValidationError) as caught:
        load("sources", data_copy)
    assert "sources.csv" in str(caught.value)


def test_unknown_dataset_names_the_known_ones():
    with pytest.raises(UnknownDatasetError) as caught:
        load("displacement_arrivals_2033")
    assert "displacement_arrivals_2033" in str(caught.value) and "displacement_arrivals_2023" in str(caught.value)


def test_a_war_figure_that_records_an_event_takes_its_date_time_and_source_from_it():
    war = load("war_2020_figures").set_index("figure_id")
    events = load("timeline_events").set_index("event_id")
    for figure_id, row in war[war["event_id"].notna()].iterrows():
        event = events.loc[row["event_id"]]
        assert (row["date"], row["source_id"]) == (event["date"], event["source_id"]), figure_id
        assert row["time"] == event["time"] or (pd.isna(row["time"]) and pd.isna(event["time"])), figure_id
    assert war.loc["ceasefire_in_force", "time"] == pd.Timedelta(hours=1)


def test_a_fact_typed_twice_is_refused_naming_the_place(data_copy):
    # The war's first day is the timeline event's; typing it into the war figures stores it twice.
    edit_csv(data_copy / "war_2020_figures.csv", "Zweiter Karabach-Krieg,war_2020_begins,,", "Zweiter Karabach-Krieg,war_2020_begins,2020-09-27,")
    with pytest.raises(DataValidationError) as caught:
        load("war_2020_figures", data_copy)
    assert "war_2020_figures.csv, line 2, column 'date': rule 'stored-once' broken" in str(caught.value)


def test_a_row_with_neither_source_nor_event_is_refused(data_copy):
    edit_csv(data_copy / "war_2020_figures.csv", "Zweiter Karabach-Krieg,war_2020_begins,", "Zweiter Karabach-Krieg,,")
    with pytest.raises(DataValidationError) as caught:
        load("war_2020_figures", data_copy)
    assert "war_2020_figures.csv, line 2, column 'source_id': rule 'sourced' broken" in str(caught.value)
