"""How the book says things, in English and in German, the same in every chart and chapter.

English is written where it is used, inside ``say()`` (gettext's way: the English text is the
key), so a builder still reads as the sentence it writes. The German for every such text lives
in one place, the ``.po`` files of ``words/de/``, extracted from the code with Babel; numbers
and dates are formatted for the language by Babel (CLDR), never by hand. One builder serves both
editions: a chapter chooses its language once (``setup("de")``) and every ``say()`` follows.

Plotly's own templates (hover labels) go through ``say_plotly()``, which translates and leaves
their ``%{...}`` placeholders to plotly. Placeholders of ``say()`` take the value's kind after the colon: ``{n:,}`` a grouped number (100,632 /
100.632), ``{x:.1f}`` or ``{x:,.1f}`` fixed decimals, ``{x:g}`` a plain decimal, ``{p:.0%}`` a
percentage, ``{d:day}`` 19 September 2023 / 19. September 2023, ``{d:short}`` 19 Sep / 19. Sept.,
``{d:month}`` September 2023, ``{d:year}`` 2023, ``{t:clock}`` 13:00 (a time of day stored as time
since midnight), ``{d:time}`` 13:00 (the time of a timestamp). A bare ``{n}`` of an
integer is written as it is, ungrouped, which is right for years and small counts.
"""

from __future__ import annotations

import contextvars
import re
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from .catalog import MissingPhrase, translated

LANGUAGES = ("en", "de")
_language = contextvars.ContextVar("language", default="en")

__all__ = [
    "LANGUAGES", "MissingPhrase", "N_", "Said", "Term", "both_names", "clock", "day", "figure_label", "language", "localized", "mid_sentence",
    "number", "outlets", "qualifier", "say", "say_n", "say_plotly", "short_day", "speaking", "use",
]


def use(language: str) -> None:
    """Say everything from now on in ``language`` ('en' or 'de')."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; the book speaks {', '.join(LANGUAGES)}")
    _language.set(language)


def language() -> str:
    return _language.get()


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Say everything inside the block in ``language``, then go back."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


def N_(text: str) -> str:
    """Mark an English text to be said later (a constant, a label kept in a table): it is
    extracted for translation with the rest, and said with ``say(text)`` where it is shown."""
    return text


# The kinds a placeholder may name after its colon, for numbers.
NUMBER_SPEC = re.compile(r"^(?P<sign>\+)?(?P<group>,)?(?:\.(?P<decimals>\d+))?(?P<kind>[fg%]?)$")
DATE_FORMATS = {  # CLDR patterns per language
    "en": {"day": "d MMMM y", "short": "d MMM", "month": "MMMM y", "year": "y"},
    "de": {"day": "d. MMMM y", "short": "d. MMM", "month": "MMMM y", "year": "y"},
}


class _Formatter(string.Formatter):
    def __init__(self, language: str):
        self.language = language

    def format_field(self, value, spec: str) -> str:
        if spec == "time":  # the time of day of a timestamp
            return f"{value:%H:%M}"
        if spec in ("day", "short", "month", "year"):
            return format_date(_as_date(value), DATE_FORMATS[self.language][spec], locale=self.language)
        if spec == "clock":
            return clock(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not NUMBER_SPEC.match(spec):
            return super().format_field(value, spec)
        return number(value, spec, self.language)


def _as_date(value) -> date:
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date()
    return value


def number(value, spec: str = ",", language: str | None = None) -> str:
    """A number in the language's form; ``spec`` as in a placeholder (',', '.1f', ',.1f', 'g', '.0%', '+.1f')."""
    language = language or _language.get()
    parts = NUMBER_SPEC.match(spec)
    if parts is None:
        raise ValueError(f"not a number format: {spec!r}")
    decimals = parts["decimals"]
    if parts["kind"] == "%":
        pattern = Locale.parse(language).percent_formats[None].pattern  # '#,##0%' / '#,##0\u00a0%'
        if decimals and int(decimals):
            pattern = re.sub(r"0(?=\W*%)", "0." + "0" * int(decimals), pattern, count=1)
        text = format_percent(value, format=pattern, locale=language)
    elif decimals is not None:
        pattern = ("#,##0" if parts["group"] else "0") + ("." + "0" * int(decimals) if int(decimals) else "")
        text = format_decimal(value, format=pattern, locale=language)
    elif parts["kind"] == "g" or isinstance(value, float):
        text = format_decimal(value, format="#,##0.###" if parts["group"] else "0.###", locale=language)
    elif parts["group"]:
        text = format_decimal(value, format="#,##0", locale=language)
    else:
        text = str(value)
    return f"+{text}" if parts["sign"] and value > 0 else text


def say(text: str, **values) -> str:
    """``text`` in the current language, its placeholders filled with ``values`` in that language's form."""
    language = _language.get()
    template = text if language == "en" else translated(text, language)
    return _Formatter(language).format(template, **values)


def say_plotly(text: str) -> str:
    """A plotly text template (hover labels: ``%{y:,}``, ``%{customdata[0]}``) in the current
    language; its placeholders are plotly's, filled in the browser, so nothing is formatted here."""
    language = _language.get()
    return text if language == "en" else translated(text, language)


def say_n(singular: str, plural: str, n: int, **values) -> str:
    """As ``say``, choosing the singular or plural form by ``n`` (given to the text as ``{n}``)."""
    language = _language.get()
    forms = (singular, plural) if language == "en" else translated((singular, plural), language)
    return _Formatter(language).format(forms[0] if n == 1 else forms[1], n=n, **values)


class Term(str):
    """A word the book defines (a verdict, a level of access): shown in the reader's language,
    known by its ``key`` (the English) in both."""

    key: str

    def __new__(cls, key: str):
        term = super().__new__(cls, say(key))
        term.key = key
        return term


class Said(Mapping):
    """A table of English words (marked with ``N_``) that answers in the current language."""

    def __init__(self, english: dict):
        self._english = dict(english)

    def __getitem__(self, key):
        return say(self._english[key])

    def __iter__(self):
        return iter(self._english)

    def __len__(self) -> int:
        return len(self._english)


def mid_sentence(label: str) -> str:
    """A label as it reads inside a sentence: lower case in English ("fuel-depot explosion"); German
    keeps its capitals, since its nouns are written so."""
    return label.lower() if _language.get() == "en" else label


# Columns whose values are words of the book's own vocabulary rather than text of the sources.
VOCABULARY = {"confidence": {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}}


TWIN_SUFFIX = "_de"  # a data column's German twin: ``label_de`` says ``label`` in German


def localized(frame: pd.DataFrame) -> pd.DataFrame:
    """The data's own text in the reader's language: each ``<column>_de`` twin takes the place of
    ``<column>`` in German, and the book's vocabulary (a figure's confidence) is said in German; the
    twins themselves are dropped, so both editions see the same columns."""
    twins = [c for c in frame.columns if c.endswith(TWIN_SUFFIX) and c[: -len(TWIN_SUFFIX)] in frame.columns]
    if _language.get() != "en":
        frame = frame.assign(**{c[: -len(TWIN_SUFFIX)]: frame[c] for c in twins})
        frame = frame.assign(**{column: frame[column].map(lambda v, words=words: say(words[v]) if v in words else v).astype(frame[column].dtype)
                                for column, words in VOCABULARY.items() if column in frame})
    return frame.drop(columns=twins)


def day(when) -> str:
    """'30 September 2023' / '30. September 2023': the book's date style."""
    return _Formatter(_language.get()).format("{when:day}", when=when)


def short_day(when) -> str:
    """'30 Sep' / '30. Sept.': for chart labels, where the year is on the axis."""
    return _Formatter(_language.get()).format("{when:short}", when=when)


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
    listed = ", ".join(names)
    return say_n("{names} and {n} other outlet", "{names} and {n} other outlets", rest, names=listed) if rest else listed


# Words sources use to qualify a figure, as quoted in the rows' notes (patterns), and how the book
# says each; the word the note quotes first is the source's own.
QUALIFIERS = (
    (r"\bat least\b", N_("at least")), (r"\bmore than\b", N_("more than")), (r"\bexceeds\b", N_("more than")),
    (r"\bover\s+[\d$]", N_("more than")), (r"\bpiù di\b", N_("more than")), (r"\bnearly\b", N_("nearly")),
    (r"\bprès de\b", N_("nearly")), (r"\balmost\b", N_("almost")), (r"\babout\b", N_("about")), (r"\baround\b", N_("about")),
    (r"\bapproximately\b", N_("about")), (r"\bunas\b", N_("about")), (r"\ban estimated\b", N_("an estimated")),
)
UNWORDED = N_("approx.")  # approximate, but no word of the source's is on record: guess neither 'about' nor 'at least'


def qualifier(note: str | None) -> str:
    """The word a source used to qualify an approximate figure, read from the row's note, in the reader's language."""
    text = (note or "").lower()
    found = [(match.start(), said) for pattern, said in QUALIFIERS if (match := re.search(pattern, text))]
    return say(min(found)[1] if found else UNWORDED)


def figure_label(value, approximate: bool, note: str | None = None, decimals: int | None = None) -> str:
    """'3,773' or 'about 4,000': a figure with the source's own qualifier when it is approximate."""
    if decimals is not None:
        shown = number(float(value), f",.{decimals}f")
    else:
        shown = number(int(value), ",") if float(value).is_integer() else number(float(value), ",g")
    return f"{qualifier(note)} {shown}" if approximate else shown


def both_names(text: str) -> str:
    """'Shusha/Shushi taken' -> 'Shusha (Shushi) taken': the book's way of giving both names."""
    return re.sub(r"\b([A-Z][\w-]*)/([A-Z][\w-]*)", r"\1 (\2)", text)
