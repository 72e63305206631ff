"""Load the book's datasets, validated against ``data/datapackage.json``.

The data package is the one description of the data: the loader, the tests and the data
appendix all read it. A dataset that breaks its schema never reaches a chart: ``load`` raises
:class:`DataValidationError`, whose message names the file, line, column and rule, and a
chapter that raises fails the build.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pandas as pd

from .words import TWIN_SUFFIX, localized

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = "datapackage.json"
# Validation is a function of the files' content and the validator alone. A build names a folder
# here where each table that passed is remembered by its content, so that a table is checked
# once per build rather than once by every chapter that loads it; a changed byte is a new check.
VALIDATION_CACHE = "KARABAKH_VALIDATION_CACHE"
_VALIDATOR = f"frictionless-{metadata.version('frictionless')}"


@dataclass(frozen=True)
class Problem:
    """One broken rule in one place of one file."""

    file: str
    line: int | None
    column: str | None
    rule: str
    detail: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: rule '{self.rule}' broken: {self.detail}"


class DataValidationError(ValueError):
    """A dataset breaks its schema or a domain rule; nothing built from it may be published."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} data problem(s):\n{lines}")


class UnknownDatasetError(KeyError):
    """A chapter asked for a dataset the data package does not describe."""

    def __str__(self) -> str:  # KeyError would print the repr of its argument
        return str(self.args[0])


def descriptor_path(data_dir: Path = DATA_DIR) -> Path:
    return Path(data_dir) / DESCRIPTOR


def descriptor(data_dir: Path = DATA_DIR) -> dict:
    """The data package descriptor as a plain dict."""
    return json.loads(descriptor_path(data_dir).read_text(encoding="utf-8"))


def resource_descriptor(name: str, data_dir: Path = DATA_DIR) -> dict:
    resources = descriptor(data_dir)["resources"]
    for resource in resources:
        if resource["name"] == name:
            return resource
    known = ", ".join(r["name"] for r in resources)
    raise UnknownDatasetError(
        f"no dataset named '{name}' in {Path(data_dir) / DESCRIPTOR}; known datasets: {known}"
    )


def load(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Validate dataset ``name`` against its schema and rules, and return it typed.

    Integers come back as ``Int64``, booleans as ``boolean``, dates as ``datetime64``,
    times (``HH:MM``) as ``timedelta64`` since midnight, text as ``string``; empty cells are NA.
    """
    data_dir = Path(data_dir)
    resource = resource_descriptor(name, data_dir)
    problems = schema_problems(name, data_dir)
    if problems:
        raise DataValidationError(problems)
    frame = _typed_frame(data_dir / resource["path"], resource["schema"]["fields"])
    frame, problems = _inherited(frame, resource, data_dir)
    problems += rule_problems(frame, resource) + twin_problems(frame, resource)
    if problems:
        raise DataValidationError(sorted(problems, key=lambda p: p.line or 0))
    return localized(frame)  # the data's own text in the reader's language (its German twin columns)


def _inherited(frame: pd.DataFrame, resource: dict, data_dir: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Fill the fields a row takes from the row it references (a foreign key with ``x-inherit``).

    A fact is stored once: a war figure that records the day the war began names the timeline
    event and takes the event's date, time and source. A row that also types one of those
    fields stores the fact twice, and is refused. Every row must end up with a source.
    """
    problems = []
    for key in resource["schema"].get("foreignKeys", []):
        inherited = key.get("x-inherit")
        if not inherited:
            continue
        (field,), (target,) = key["fields"], key["reference"]["fields"]
        referenced = load(key["reference"]["resource"], data_dir).set_index(target)
        linked = frame[field].notna()
        for name in inherited:
            for position in frame.index[linked & frame[name].notna()]:
                problems.append(Problem(
                    resource["path"], line_of(position), name, "stored-once",
                    f"'{name}' comes from {key['reference']['resource']} '{frame.at[position, field]}'"
                    f" (column '{field}'); leave it empty here so the fact is stored once",
                ))
            frame.loc[linked, name] = referenced.loc[frame.loc[linked, field], name].to_numpy()
    if "source_id" in frame:
        for position in frame.index[frame["source_id"].isna()]:
            problems.append(Problem(resource["path"], line_of(position), "source_id", "sourced",
                                    "the row has no source: give its source_id (or the event it records)"))
    return frame, problems


def schema_problems(name: str, data_dir: Path = DATA_DIR) -> list[Problem]:
    """Table Schema violations (types, constraints, keys, foreign keys) found by frictionless.

    Tables this one refers to are checked first, so that a broken ``sources.csv`` is reported
    as itself rather than as a foreign-key failure of every table that cites it.
    """
    resource = resource_descriptor(name, data_dir)  # fail with a clear message before frictionless does
    for key in resource["schema"].get("foreignKeys", []):
        referenced = key["reference"]["resource"]
        if referenced and referenced != name:
            problems = _table_problems(referenced, data_dir)
            if problems:
                return problems
    return _table_problems(name, data_dir)


def _table_problems(name: str, data_dir: Path) -> list[Problem]:
    """One table's problems, found once per content: a chapter that loads eight tables citing
    ``sources`` would otherwise validate the registry again for every one of them."""
    resource = resource_descriptor(name, data_dir)
    files = [descriptor_path(data_dir), Path(data_dir) / resource["path"]]
    files += [Path(data_dir) / resource_descriptor(key["reference"]["resource"], data_dir)["path"]
              for key in resource["schema"].get("foreignKeys", []) if key["reference"]["resource"]]
    content = hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()
    passed = Path(os.environ[VALIDATION_CACHE], f"{name}-{content}-{_VALIDATOR}") if os.environ.get(VALIDATION_CACHE) else None
    if passed is not None and passed.is_file():
        return []
    problems = list(_validated(name, str(Path(data_dir).resolve()), content))
    if passed is not None and not problems:
        passed.parent.mkdir(parents=True, exist_ok=True)
        passed.touch()
    return problems


@functools.lru_cache(maxsize=None)
def _validated(name: str, data_dir: str, content: str) -> tuple[Problem, ...]:
    resource = resource_descriptor(name, Path(data_dir))
    return tuple(_encoding_problems(resource, Path(data_dir)) or _frictionless_problems(_package(data_dir, _descriptor_hash(data_dir)), name))


def _descriptor_hash(data_dir: str) -> str:
    return hashlib.sha256(descriptor_path(Path(data_dir)).read_bytes()).hexdigest()


@functools.lru_cache(maxsize=4)
def _package(data_dir: str, descriptor_content: str):
    """The data package as frictionless reads it; checking the descriptor once per process is enough."""
    from frictionless import Package  # heavy import, only needed when validating

    return Package(str(descriptor_path(Path(data_dir))))


def _encoding_problems(resource: dict, data_dir: Path) -> list[Problem]:
    """The first byte that is not in the declared encoding, with its line and column.

    frictionless reports a wrongly encoded file without saying where; an author needs the place.
    """
    encoding = resource.get("encoding", "utf-8")
    names = [field["name"] for field in resource["schema"]["fields"]]
    for number, raw in enumerate((Path(data_dir) / resource["path"]).read_bytes().splitlines(), 1):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError as error:
            before = raw[: error.start].decode(encoding, errors="replace")
            position = len(next(csv.reader([before]))) if before else 1
            column = names[position - 1] if position <= len(names) else None
            return [
                Problem(
                    resource["path"], number, column, "encoding-error",
                    f"byte 0x{raw[error.start]:02x} is not valid {encoding}; save the file as {encoding}",
                )
            ]
    return []


def _frictionless_problems(package, name: str) -> list[Problem]:
    resource = package.get_resource(name)
    report = resource.validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            column = getattr(error, "field_name", None) or getattr(error, "label", None)
            if column is None and getattr(error, "field_number", None):
                column = f"#{error.field_number} (the header has {len(resource.schema.fields)} columns)"
            line = getattr(error, "row_number", None)
            if line is None and hasattr(error, "label"):
                line = 1  # a header (label) error
            if error.type == "foreign-key":
                column = ", ".join(error.field_names)
            detail = error.note or error.message
            if getattr(error, "cell", None) is not None:
                detail = f'value "{error.cell}": {detail}'
            problems.append(Problem(resource.path, line, column, error.type, detail))
    for error in report.errors:  # package-level problems (unreadable descriptor and the like)
        problems.append(Problem(DESCRIPTOR, None, None, error.type, error.note or error.message))
    return problems


def _typed_frame(path: Path, fields: list[dict]) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    frame = pd.DataFrame(index=raw.index)
    for field in fields:
        column = raw[field["name"]]
        kind = field.get("type", "string")
        if kind == "integer":
            frame[field["name"]] = pd.to_numeric(column).astype("Int64")
        elif kind == "number":
            frame[field["name"]] = pd.to_numeric(column).astype("Float64")
        elif kind == "boolean":
            frame[field["name"]] = column.str.lower().map({"true": True, "false": False}).astype("boolean")
        elif kind == "date":
            frame[field["name"]] = pd.to_datetime(column, format="%Y-%m-%d")
        elif kind == "time":
            frame[field["name"]] = pd.to_timedelta(column.where(column.isna(), column + ":00"))
        else:
            frame[field["name"]] = column.astype("string")
    return frame


def rule_problems(frame: pd.DataFrame, resource: dict) -> list[Problem]:
    """Domain rules declared under ``x-rules`` that Table Schema cannot express.

    ``non_decreasing``: ``field`` is a running total. Optional ``group_by`` (columns whose
    values name separate series) and ``where`` (column → value: only rows that match, e.g.
    ``{"cumulative": true}``).
    """
    problems = []
    for rule in resource.get("x-rules", []):
        if rule["rule"] != "non_decreasing":
            raise ValueError(f"{resource['name']}: unknown rule '{rule['rule']}' in {DESCRIPTOR}")
        rows = frame
        for column, value in rule.get("where", {}).items():
            rows = rows[rows[column] == value]
        groups = rows.groupby(rule["group_by"], sort=False) if rule.get("group_by") else [(None, rows)]
        for _, series in groups:
            for position, detail in _decreases(series, rule["field"]):
                problems.append(
                    Problem(resource["path"], line_of(position), rule["field"], "non_decreasing", detail)
                )
    return sorted(problems, key=lambda p: p.line or 0)


def twin_problems(frame: pd.DataFrame, resource: dict) -> list[Problem]:
    """Rule ``translated``: a German twin is filled exactly where its English column is, so no row
    of the German edition shows English, or a German text the English edition lacks."""
    problems = []
    for twin in (c for c in frame.columns if c.endswith(TWIN_SUFFIX) and c[: -len(TWIN_SUFFIX)] in frame.columns):
        english = twin[: -len(TWIN_SUFFIX)]
        for position in frame.index[frame[english].notna() & frame[twin].isna()]:
            problems.append(Problem(resource["path"], line_of(position), twin, "translated",
                                    f"'{english}' has text ({frame.at[position, english]!r}) but its German twin is empty"))
        for position in frame.index[frame[english].isna() & frame[twin].notna()]:
            problems.append(Problem(resource["path"], line_of(position), twin, "translated",
                                    f"German text ({frame.at[position, twin]!r}) for an empty '{english}'"))
    return problems


def line_of(position: int) -> int:
    """File line of a data row (line 1 is the header)."""
    return position + 2


def _decreases(frame: pd.DataFrame, field: str) -> list[tuple[int, str]]:
    """Rows of a running total that fall below an earlier figure.

    Timed figures must not fall in time order; and since untimed figures can only be placed
    by day, every figure of a day must be at least the largest figure of any earlier day.
    """
    found = {}
    if "time" in frame:
        timed = frame[frame["time"].notna()]
        timed = timed.assign(_at=timed["date"] + timed["time"]).sort_values("_at", kind="stable")
        running_max = timed[field].cummax().shift()
        for position, value, before in zip(timed.index, timed[field], running_max):
            if pd.notna(before) and value < before:
                found[position] = f"{value} is lower than {before}, published earlier"
    day_max = frame.groupby("date")[field].max().sort_index().cummax().shift()
    for position, day, value in zip(frame.index, frame["date"], frame[field]):
        before = day_max.get(day)
        if pd.notna(before) and value < before and position not in found:
            found[position] = f"{value} is lower than {before}, published on an earlier day"
    return sorted(found.items())


def with_sources(frame: pd.DataFrame, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """``frame`` with the publisher, URL and publication date of each row's source.

    A table with a column of the same name (the corrections log's ``published``, what the book
    said) keeps it; the source's column then comes as ``<name>_source`` (``published_source``)."""
    sources = load("sources", data_dir).set_index("source_id")[["publisher", "cites", "url", "published", "publisher_side"]]
    return frame.join(sources, on="source_id", suffixes=("", "_source"))


YEREVAN = "+04:00"  # Armenia has kept UTC+4 all year since 2012; the data's times are local


def local_timestamps(frame: pd.DataFrame) -> pd.Series:
    """Date plus time as tz-aware timestamps in Yerevan time; NaT where no time was published."""
    naive = frame["date"] + frame["time"]
    return naive.dt.tz_localize(YEREVAN)
