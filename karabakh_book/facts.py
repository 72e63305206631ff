"""Facts computed from the data that more than one chapter states.

Each is computed here once, so the landing page, the chapters and the claims ledger can never
give two different answers to the same question.
"""

from __future__ import annotations

import pandas as pd


def war_duration_days(war: pd.DataFrame) -> int:
    """Days from the first day of fighting in 2020 to the day the ceasefire took effect.

    The ceasefire took effect at 01:00 local time on 10 November, so the fighting days are
    27 September to 9 November inclusive: the same count as the difference of the two dates.
    """
    dated = war.set_index("figure_id")["date"]
    return int((dated["ceasefire_in_force"] - dated["war_start"]).days)


def deployment_metric(deployment: pd.DataFrame, metric: str) -> pd.DataFrame:
    """One metric of the peacekeepers' deployment table, in the order it was published."""
    return deployment[deployment["metric"] == metric].sort_values(["date", "value"], kind="stable")


def latest_figure(supplies: pd.DataFrame, metric: str, side: str = "nk_de_facto") -> pd.Series:
    """One side's most recent figure for a blockade metric (the larger one if a day has two)."""
    rows = supplies[(supplies["metric"] == metric) & (supplies["figure_side"] == side)]
    if rows.empty:
        raise KeyError(f"no {metric} figure from side '{side}'")
    return rows.sort_values(["date", "value"]).iloc[-1]


def goods_against_expected(supplies: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The de-facto authorities' last count of goods brought in, and their expected total for the same day."""
    delivered = latest_figure(supplies, "goods_delivered_cum")
    expected = supplies[(supplies["metric"] == "goods_expected_cum") & (supplies["date"] == delivered["date"])].iloc[0]
    return delivered, expected
