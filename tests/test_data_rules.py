"""Every rule the data package declares, broken on purpose: the error names file, line, column and rule.

The cases are generated from data/datapackage.json, so a new dataset or a new constraint is
covered the moment it is declared.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from karabakh_book.data import DataValidationError, descriptor, load

RESOURCES = descriptor()["resources"]


def cases():
    for resource in RESOURCES:
        for field in resource["schema"]["fields"]:
            constraints = field.get("constraints", {})
            name = field["name"]
            if constraints.get("required"):
                yield resource, name, "", "constraint-error", "required"
            if "minimum" in constraints and field["type"] == "integer":
                yield resource, name, str(constraints["minimum"] - 1), "constraint-error", "minimum"
            if "maximum" in constraints and field["type"] == "date":
                later = (pd.Timestamp(constraints["maximum"]) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
                yield resource, name, later, "constraint-error", "maximum"
            if "enum" in constraints:
                yield resource, name, "not_an_allowed_value", "constraint-error", "enum"
            if "pattern" in constraints:
                # A URI field rejects a non-URI by its format before its pattern is tried.
                rule = "type-error" if field.get("format") == "uri" else "constraint-error"
                yield resource, name, "Not A Pattern !", rule, "pattern"
            if "maxLength" in constraints:
                yield resource, name, "x" * (constraints["maxLength"] + 1), "constraint-error", "maxLength"
            if field["type"] in ("integer", "date", "boolean", "time"):
                yield resource, name, "not-a-value", "type-error", field["type"]
        for key in resource["schema"].get("foreignKeys", []):
            yield resource, key["fields"][0], "no_such_source", "foreign-key", key["reference"]["resource"]


def case_id(case):
    resource, column, _, rule, detail = case
    return f"{resource['name']}.{column}.{rule}.{detail}"


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize("case", list(cases()), ids=case_id)
def test_breaking_a_declared_constraint_is_reported_with_its_place(data_copy, case):
    resource, column, value, rule, _ = case
    set_cell(data_copy / resource["path"], 2, column, value)
    with pytest.raises(DataValidationError) as caught:
        load(resource["name"], data_copy)
    message = str(caught.value)
    assert f"{resource['path']}, line 2, column '{column}': rule '{rule}'" in message, message


@pytest.mark.parametrize("resource", [r for r in RESOURCES if r["schema"].get("primaryKey")], ids=lambda r: r["name"])
def test_a_duplicated_row_breaks_the_primary_key(data_copy, resource):
    path = data_copy / resource["path"]
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load(resource["name"], data_copy)
    assert f"{resource['path']}, line {len(lines) + 1}" in str(caught.value)
    assert "primary-key" in str(caught.value) or "unique-error" in str(caught.value)


def running_totals():
    for resource in RESOURCES:
        for rule in resource.get("x-rules", []):
            yield resource, rule


@pytest.mark.parametrize("resource, rule", list(running_totals()), ids=lambda x: x["name"] if "name" in x else x["field"])
def test_a_running_total_that_falls_is_reported_with_its_place(data_copy, resource, rule):
    frame = load(resource["name"], data_copy)
    for column, value in rule.get("where", {}).items():
        frame = frame[frame[column] == value]
    groups = frame.groupby(rule["group_by"]) if rule.get("group_by") else [(None, frame)]
    # The last figure of the first series that spans two or more days, set below an earlier figure.
    series = next(g for _, g in groups if g["date"].nunique() > 1)
    last = series.sort_values(["date", rule["field"]]).index[-1]
    earlier_positive = series.loc[series["date"] < series.loc[last, "date"], rule["field"]].max()
    assert earlier_positive > 0
    set_cell(data_copy / resource["path"], last + 2, rule["field"], "0")
    with pytest.raises(DataValidationError) as caught:
        load(resource["name"], data_copy)
    message = str(caught.value)
    assert f"{resource['path']}, line {last + 2}, column '{rule['field']}': rule 'non_decreasing'" in message, message


def twins():
    for resource in RESOURCES:
        names = [f["name"] for f in resource["schema"]["fields"]]
        for name in names:
            if name.endswith("_de") and name[:-3] in names:
                yield resource, name


@pytest.mark.parametrize("resource, twin", list(twins()), ids=lambda x: x["name"] if isinstance(x, dict) else x)
def test_an_untranslated_text_is_reported_with_its_place(data_copy, resource, twin):
    path = data_copy / resource["path"]
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    line = next(n for n, row in enumerate(rows, 2) if row[twin[:-3]])  # the first row with English text
    set_cell(path, line, twin, "")
    with pytest.raises(DataValidationError) as caught:
        load(resource["name"], data_copy)
    message = str(caught.value)
    assert f"{resource['path']}, line {line}, column '{twin}': rule 'translated' broken" in message, message


def test_german_text_without_its_english_is_reported(data_copy):
    # An optional English column left empty in some row: German there has nothing to say in English.
    resource, twin, line = next(
        (resource, twin, n) for resource, twin in twins()
        for n, row in enumerate(csv.DictReader((data_copy / resource["path"]).open(encoding="utf-8", newline="")), 2)
        if not row[twin[:-3]]
    )
    set_cell(data_copy / resource["path"], line, twin, "Deutscher Text")
    with pytest.raises(DataValidationError) as caught:
        load(resource["name"], data_copy)
    assert f"{resource['path']}, line {line}, column '{twin}': rule 'translated' broken: German text" in str(caught.value)


def test_every_twin_has_an_english_column_and_every_dataset_a_german_title():
    for resource in RESOURCES:
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert all(name[:-3] in names for name in names if name.endswith("_de")), resource["name"]
        assert resource.get("title_de"), f"{resource['name']} has no German title"
