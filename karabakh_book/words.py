"""How the book writes dates and source lists, the same in every chart and chapter."""

from __future__ import annotations

import pandas as pd


def day(when: pd.Timestamp) -> str:
    """'30 September 2023': the book's date style."""
    return f"{when.day} {when:%B %Y}"


def short_day(when: pd.Timestamp) -> str:
    """'30 Sep': for chart labels, where the year is on the axis."""
    return f"{when.day} {when:%b}"


def clock(time: pd.Timedelta) -> str | None:
    """'13:00' for a time of day (stored as time since midnight); None when none was reported."""
    if pd.isna(time):
        return None
    return f"{time.components.hours:02d}:{time.components.minutes:02d}"


def outlets(frame: pd.DataFrame, shown: int = 3) -> str:
    """'TASS, Armenpress, Sputnik International and 20 other outlets', most frequent first."""
    counts = frame["publisher"].value_counts(sort=True)
    names = list(counts.index[:shown])
    rest = len(counts) - len(names)
    return ", ".join(names) + (f" and {rest} other outlets" if rest else "")
