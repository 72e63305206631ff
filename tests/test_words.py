"""The book's wording: one way to qualify a figure, to give both names, to write dates."""

from __future__ import annotations

import pandas as pd

from karabakh_book.words import both_names, clock, day, figure_label, qualifier, short_day


def test_qualifier_keeps_the_sources_own_word():
    assert qualifier("'exceeds 40', 13 of them children") == "more than"
    assert qualifier("'unas 80', ten of them minors") == "about"
    assert qualifier("'Around 3,900', including 570 children") == "about"
    assert qualifier("Aliyev at the Munich Security Conference: 'almost 100'") == "almost"
    assert qualifier("'près de 70 tonnes': 66 t flour") == "nearly"
    assert qualifier("'più di 50 tonnellate' delivered") == "more than"
    assert qualifier("'Over 1,100' sent in three days") == "more than"
    assert qualifier("'an estimated 10,900', including") == "an estimated"


def test_qualifier_takes_the_word_the_note_quotes_first():
    assert qualifier("said 'at least 5', later 'about 7'") == "at least"
    # The note of the goods count quotes 'about' for it and 'more than' for another figure.
    assert qualifier("'about 2,530' t on day 89 against more than 35,600 t expected.") == "about"


def test_qualifier_never_guesses_a_word_the_source_did_not_use():
    assert qualifier(None) == qualifier("no qualifier here") == "approx."
    assert qualifier("Including 550 children.") == "approx."
    assert qualifier("handed over to the army") == "approx."  # 'over' without a number qualifies nothing


def test_figure_label_qualifies_only_approximate_figures():
    assert figure_label(4000, True, "'about 4,000'") == "about 4,000"
    assert figure_label(4000, False, "'about 4,000'") == "4,000"
    assert figure_label(39.85, False) == "39.85" and figure_label(40.0, False) == "40"
    assert figure_label(28.04, True, "'more than'", decimals=1) == "more than 28.0"


def test_both_names():
    assert both_names("Shusha/Shushi taken") == "Shusha (Shushi) taken"
    assert both_names("No pair here") == "No pair here"


def test_dates_and_times_in_the_house_style():
    assert day(pd.Timestamp("2023-09-30")) == "30 September 2023"
    assert short_day(pd.Timestamp("2023-09-30")) == "30 Sep"
    assert clock(pd.Timedelta(hours=13, minutes=5)) == "13:05" and clock(pd.NaT) is None


def said_calls_inside_said_calls() -> list[str]:
    """Places where a say() is written inside another's arguments: gettext's extractor skips the
    inner one, so its German could go missing unnoticed. Compute the inner text first."""
    import ast
    from pathlib import Path

    keywords = {"say", "say_n", "say_plotly", "N_"}
    found = []
    for path in sorted(Path(__file__).resolve().parent.parent.joinpath("karabakh_book").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in keywords:
                for inner in ast.walk(node):
                    if inner is not node and isinstance(inner, ast.Call) and getattr(inner.func, "id", None) in keywords:
                        found.append(f"{path.name}:{inner.lineno}")
    return found


def test_no_text_is_said_inside_another_texts_arguments():
    assert not said_calls_inside_said_calls()


def test_every_text_the_book_says_has_its_german_and_no_german_is_stale():
    from karabakh_book.build.phrases import gaps

    missing, unused = gaps("de")
    assert not missing, f"{len(missing)} text(s) without German, e.g. {list(missing.items())[:5]}"
    assert not unused, f"German kept for texts no longer said: {unused[:5]}"
