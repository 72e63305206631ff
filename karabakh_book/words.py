"""How the book writes dates and source lists, the same in every chart and chapter."""

from __future__ import annotations

import re

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


# Words sources use to qualify a figure, as quoted in the rows' notes (patterns), and how the book
# says each; the word the note quotes first is the source's own.
QUALIFIERS = (
    (r"\bat least\b", "at least"), (r"\bmore than\b", "more than"), (r"\bexceeds\b", "more than"),
    (r"\bover\s+[\d$]", "more than"), (r"\bpiù di\b", "more than"), (r"\bnearly\b", "nearly"),
    (r"\bprès de\b", "nearly"), (r"\balmost\b", "almost"), (r"\babout\b", "about"), (r"\baround\b", "about"),
    (r"\bapproximately\b", "about"), (r"\bunas\b", "about"), (r"\ban estimated\b", "an estimated"),
)
UNWORDED = "approx."  # approximate, but no word of the source's is on record: guess neither 'about' nor 'at least'


def qualifier(note: str | None) -> str:
    """The word a source used to qualify an approximate figure, read from the row's note."""
    text = (note or "").lower()
    found = [(match.start(), said) for pattern, said in QUALIFIERS if (match := re.search(pattern, text))]
    return min(found)[1] if found else UNWORDED


def figure_label(value, approximate: bool, note: str | None = None, decimals: int | None = None) -> str:
    """'3,773' or 'about 4,000': a figure with the source's own qualifier when it is approximate."""
    if decimals is not None:
        number = f"{float(value):,.{decimals}f}"
    else:
        number = f"{int(value):,}" if float(value).is_integer() else f"{float(value):,}"
    return f"{qualifier(note)} {number}" if approximate else number


def both_names(text: str) -> str:
    """'Shusha/Shushi taken' -> 'Shusha (Shushi) taken': the book's way of giving both names."""
    return re.sub(r"\b([A-Z][\w-]*)/([A-Z][\w-]*)", r"\1 (\2)", text)
