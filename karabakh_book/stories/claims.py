"""The claims ledger: every claim of the news report, tested against the book's data.

The claims themselves are data (``report_claims``); this module holds one check per claim.
A check reads the evidence from the other datasets and returns a ``Finding``: a verdict on
the book's four-step scale, what the data says, and the sources it rests on. Nothing here is
a stored verdict: change the evidence and the verdict follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from ..facts import goods_against_expected, war_duration_days
from ..links import STAGES, chapter_link
from ..style import MUTED, PALETTE, SIDE_LABELS, furnish
from ..words import clock, day, outlets

CONSISTENT = "consistent"
IMPRECISE = "consistent but imprecise"
CONTEXT = "needs context"
NOT_SUPPORTED = "not supported"
VERDICTS = (CONSISTENT, IMPRECISE, CONTEXT, NOT_SUPPORTED)
VERDICT_COLOURS = {CONSISTENT: PALETTE[2], IMPRECISE: PALETTE[5], CONTEXT: PALETTE[4], NOT_SUPPORTED: PALETTE[1]}
VERDICT_MEANINGS = {
    CONSISTENT: "the data bears the claim out",
    IMPRECISE: "right in substance, but the data is more precise or slightly different",
    CONTEXT: "not wrong, but a reader needs more to understand it",
    NOT_SUPPORTED: "the data contradicts the claim or has nothing that backs it",
}
# An approximate number ("about 2,000") is borne out within 5 per cent of the data, roughly
# right within 25 per cent, and not supported beyond that.
CLOSE, ROUGH = 0.05, 0.25
# Whom the report names as signing the 2020 ceasefire (it names Putin as the broker).
REPORT_SIGNATORIES = ("Ilham Aliyev", "Nikol Pashinyan")
DATASETS = (
    "report_claims", "sources", "timeline_events", "statements", "war_2020_figures", "peacekeeping_mandate_2020",
    "blockade_closure_steps", "blockade_supplies", "displacement_arrivals_2023",
)


@dataclass(frozen=True)
class Finding:
    verdict: str
    data_says: str
    sources: tuple[str, ...] = field(default=())
    measured: float | None = None  # the data's number, for claims that give one


def compare_number(claimed: float, measured: float, approximate: bool) -> str:
    """Verdict for a number: exact claims must match; approximate ones within CLOSE or ROUGH."""
    gap = abs(measured - claimed) / measured
    if gap == 0 or (approximate and gap <= CLOSE):
        return CONSISTENT
    return IMPRECISE if gap <= ROUGH else NOT_SUPPORTED


class Evidence:
    """The datasets a check may read, each loaded with its sources."""

    def __init__(self, frames: dict[str, pd.DataFrame]):
        self.frames = frames
        self.events = frames["timeline_events"].set_index("event_id")
        self.statements = frames["statements"]

    def event(self, event_id: str) -> pd.Series:
        return self.events.loc[event_id]

    def said(self, subject: str) -> pd.DataFrame:
        return self.statements[self.statements["subject"] == subject]


def _withdrawal_begun(claim, ev: Evidence) -> Finding:
    stage = ev.events[ev.events["stage"] == "withdrawal"].sort_values("date")
    first, done = stage.iloc[0], ev.event("withdrawal_completed")
    began_in_april = (first["date"].year, first["date"].month) == (2024, 4)
    return Finding(
        CONSISTENT if began_in_april else NOT_SUPPORTED,
        f"The first departure on record is dated {day(first['date'])} (\u201c{first['label']}\u201d); "
        f"Azerbaijan's defence ministry declared the withdrawal complete on {day(done['date'])}.",
        (first["source_id"], done["source_id"]),
    )


def _peskov_confirmed(claim, ev: Evidence) -> Finding:
    confirmed = ev.event("withdrawal_confirmed_kremlin")
    first = ev.events[ev.events["stage"] == "withdrawal"]["date"].min()
    return Finding(
        CONSISTENT if confirmed["date"] >= first else NOT_SUPPORTED,
        f"The Kremlin's confirmation is dated {day(confirmed['date'])}, after the first reports of departures.",
        (confirmed["source_id"],),
    )


def _azerbaijani_media_first(claim, ev: Evidence) -> Finding:
    confirmed = ev.event("withdrawal_confirmed_kremlin")
    stage = ev.events[(ev.events["stage"] == "withdrawal") & (ev.events["publisher_side"] == "azerbaijani")]
    earlier = stage[stage["date"] < confirmed["date"]].sort_values("date")
    if earlier.empty:
        return Finding(NOT_SUPPORTED, "No Azerbaijani report of departures predates the Kremlin's confirmation.", (confirmed["source_id"],))
    first = earlier.iloc[0]
    return Finding(
        CONSISTENT,
        f"{first['publisher']} reported on {day(first['date'])} that peacekeepers were leaving, "
        f"{(confirmed['date'] - first['date']).days} days before the Kremlin confirmed the withdrawal.",
        (first["source_id"], confirmed["source_id"]),
    )


def _hajiyev_title(claim, ev: Evidence) -> Finding:
    titles = ev.said("hajiyev_title")
    english = titles.iloc[0]  # the first recorded wording; the others are translations of the same title
    matches = titles["said"].str.contains(claim["report_says"], case=False, regex=False).any()
    return Finding(
        CONSISTENT if matches else NOT_SUPPORTED,
        f"Azerbaijani media give his office as \u201c{english['said']}\u201d: he heads the department, "
        f"but no source calls him vice-president.",
        tuple(titles["source_id"]),
    )


def _control_since_1994(claim, ev: Evidence) -> Finding:
    ceasefire, proclaimed = ev.event("ceasefire_1994"), ev.event("nkr_proclaimed_1991")
    return Finding(
        CONSISTENT if ceasefire["date"].year == claim["report_value"] else NOT_SUPPORTED,
        f"The ceasefire that froze the first war's front lines took effect on {day(ceasefire['date'])}; "
        f"the unrecognised republic had been proclaimed on {day(proclaimed['date'])}.",
        (ceasefire["source_id"], proclaimed["source_id"]),
        measured=ceasefire["date"].year,
    )


def _war_six_weeks(claim, ev: Evidence) -> Finding:
    war = ev.frames["war_2020_figures"].set_index("figure_id")
    start, end = war.loc["war_start"], war.loc["ceasefire_in_force"]
    days = war_duration_days(ev.frames["war_2020_figures"])
    durations = ev.frames["war_2020_figures"].query("metric == 'war_duration'")
    sides = ", ".join(f"{int(v)} days ({SIDE_LABELS[s]})" for s, v in zip(durations["figure_side"], durations["value"]))
    return Finding(
        compare_number(claim["report_value"], days / 7, claim["approximate"]),
        f"From {day(start['date'])} to the ceasefire of {day(end['date'])} is {days} days, {days / 7:.1f} weeks; "
        f"the sides' own counts: {sides}.",
        (start["source_id"], end["source_id"], *durations["source_id"]),
        measured=round(days / 7, 2),
    )


def _ceasefire_10_november(claim, ev: Evidence) -> Finding:
    ceasefire = ev.event("ceasefire_2020")
    return Finding(
        CONSISTENT if ceasefire["date"] == pd.Timestamp("2020-11-10") else NOT_SUPPORTED,
        f"The statement's ceasefire took effect at {clock(ceasefire['time'])} local time "
        f"(midnight in Moscow) on {day(ceasefire['date'])}.",
        (ceasefire["source_id"],),
    )


def _ceasefire_signatories(claim, ev: Evidence) -> Finding:
    signed = ev.said("ceasefire_2020_signatory")
    signers = set(signed["speaker"])
    named = set(REPORT_SIGNATORIES)
    if not named <= signers:
        verdict = NOT_SUPPORTED
    else:
        verdict = CONSISTENT if signers == named else IMPRECISE
    return Finding(
        verdict,
        "The statement names three signatories: " + "; ".join(f"{s} ({t})" for s, t in zip(signed["speaker"], signed["said"]))
        + ". Putin signed as a party, not only as a broker.",
        tuple(signed["source_id"].unique()),
    )


def _about_2000_peacekeepers(claim, ev: Evidence) -> Finding:
    personnel = ev.frames["peacekeeping_mandate_2020"].query("term_id == 'personnel'")
    figures = personnel["quantity"].unique()
    if len(figures) != 1:
        return Finding(CONTEXT, f"The texts disagree on the contingent's size: {sorted(int(f) for f in figures)}.", tuple(personnel["source_id"]))
    size = int(figures[0])
    return Finding(
        compare_number(claim["report_value"], size, claim["approximate"]),
        f"The ceasefire statement sets the contingent at {size:,} servicemen, the same figure in "
        f"{len(personnel)} versions of the text ({outlets(personnel, len(personnel))}).",
        tuple(personnel["source_id"]),
        measured=size,
    )


def _corridor_task(claim, ev: Evidence) -> Finding:
    corridor = ev.frames["peacekeeping_mandate_2020"].query("term_id == 'lachin_corridor_width'")
    if corridor.empty:
        return Finding(NOT_SUPPORTED, "The mandate data has no clause on the corridor.")
    term = corridor.iloc[0]
    return Finding(
        CONSISTENT,
        f"Clause {term['clause']} of the statement puts a {int(term['quantity'])} {term['unit']} wide corridor under the contingent's control.",
        (term["source_id"],),
    )


def _accusations(claim, ev: Evidence) -> Finding:
    weapons, minerals = ev.said("accusation_weapons_via_corridor"), ev.said("accusation_minerals_via_corridor")
    if weapons.empty or minerals.empty:
        missing = "weapons" if weapons.empty else "minerals"
        return Finding(NOT_SUPPORTED, f"No accusation about {missing} is on record in the data.")
    both = pd.concat([weapons, minerals])
    sides = set(both["figure_side"])
    return Finding(
        CONTEXT,
        f"Both accusations are on record, made by {'the Azerbaijani side only' if sides == {'azerbaijani'} else 'several sides'}: "
        "landmines and weapons said to come in by the road, and mining said to be illegal. The data shows that the "
        "accusations were made, not whether they were true.",
        tuple(both["source_id"]),
    )


def _blockade_from_2022(claim, ev: Evidence) -> Finding:
    steps = ev.frames["blockade_closure_steps"].set_index("step_id")
    began, checkpoint, stood_down = steps.loc["road_blocked"], steps.loc["checkpoint"], steps.loc["protest_suspended"]
    ended = ev.event("offensive_begins")
    protest_days, checkpoint_days = (checkpoint["date"] - began["date"]).days, (ended["date"] - checkpoint["date"]).days
    year_right = began["date"].year == claim["report_value"]
    return Finding(
        CONTEXT if year_right else NOT_SUPPORTED,
        f"The road was blocked on {day(began['date'])} by people presenting themselves as environmental activists. "
        f"That lasted {protest_days} days: Azerbaijan set up its own checkpoint on {day(checkpoint['date'])}, the protesters "
        f"left on {day(stood_down['date'])}, and the checkpoint controlled the road for the {checkpoint_days} days up to the offensive.",
        (began["source_id"], checkpoint["source_id"], stood_down["source_id"], ended["source_id"]),
        measured=began["date"].year,
    )


def _shortages(claim, ev: Evidence) -> Finding:
    delivered, expected = goods_against_expected(ev.frames["blockade_supplies"])
    share = int(delivered["value"]) / int(expected["value"])
    return Finding(
        CONSISTENT if share < 0.5 else NOT_SUPPORTED,
        f"By {day(delivered['date'])} about {int(delivered['value']):,} tonnes of goods had come in, "
        f"{share:.0%} of the {int(expected['value']):,} tonnes expected at the pre-blockade rate "
        "(figures of the de-facto Karabakh authorities; the share is our calculation).",
        tuple(dict.fromkeys((delivered["source_id"], expected["source_id"]))),
        measured=round(share, 3),
    )


def _one_day_offensive(claim, ev: Evidence) -> Finding:
    began, ceasefire = ev.event("offensive_begins"), ev.event("ceasefire_2023")
    days = (ceasefire["date"] - began["date"]).days
    return Finding(
        compare_number(claim["report_value"], days, claim["approximate"]),
        f"The offensive began on {day(began['date'])}; the ceasefire took effect at "
        f"{clock(ceasefire['time'])} on {day(ceasefire['date'])}.",
        (began["source_id"], ceasefire["source_id"]),
        measured=days,
    )


def _republic_ended(claim, ev: Evidence) -> Finding:
    decree, ceased = ev.event("dissolution_decree"), ev.event("republic_ceases")
    report_day = ev.event("withdrawal_confirmed_kremlin")["date"]
    return Finding(
        CONSISTENT if ceased["date"] <= report_day else NOT_SUPPORTED,
        f"The de-facto president's decree of {day(decree['date'])} dissolved the republic's institutions "
        f"with effect from {day(ceased['date'])}, before the report was published.",
        (decree["source_id"], ceased["source_id"]),
    )


def _about_100000_left(claim, ev: Evidence) -> Finding:
    arrivals = ev.frames["displacement_arrivals_2023"].sort_values(["date", "cumulative_arrivals"])
    final = arrivals.iloc[-1]
    passed = arrivals[arrivals["cumulative_arrivals"] >= claim["report_value"]].iloc[0]
    return Finding(
        compare_number(claim["report_value"], int(final["cumulative_arrivals"]), claim["approximate"]),
        f"The Armenian government's border count passed {claim['report_value']:,} on {day(passed['date'])} and stood at "
        f"{int(final['cumulative_arrivals']):,} on {day(final['date'])}.",
        (passed["source_id"], final["source_id"]),
        measured=int(final["cumulative_arrivals"]),
    )


def _war_retook_parts(claim, ev: Evidence) -> Finding:
    shares = ev.frames["war_2020_figures"].set_index("figure_id")
    taken, handed = shares.loc["share_taken_in_fighting"], shares.loc["share_handed_over"]
    return Finding(
        CONSISTENT if taken["value"] > 0 else NOT_SUPPORTED,
        f"By one analyst's estimate Azerbaijan took about {taken['value']:g}% of the area the Karabakh Armenian side "
        f"had held in the fighting, and received {handed['value']:g}% more in the districts handed over under the "
        "ceasefire statement.",
        (taken["source_id"], handed["source_id"]),
    )


def _peacekeepers_did_not_intervene(claim, ev: Evidence) -> Finding:
    steps = ev.frames["blockade_closure_steps"].set_index("step_id")
    began, stood_down = steps.loc["road_blocked"], steps.loc["protest_suspended"]
    blamed = ev.statements.set_index("statement_id").loc["baku_blames_peacekeepers"]
    days = (stood_down["date"] - began["date"]).days
    return Finding(
        CONTEXT,
        f"The protesters held the road for {days} days, from {day(began['date'])} to {day(stood_down['date'])}, in the "
        f"zone the peacekeepers were to keep open. Baku's version differed: on "
        f"{day(blamed['date'])} a presidential aide said the peacekeepers, not the protesters, had closed the road. "
        "The data records what happened on the road, not why the contingent acted as it did.",
        (began["source_id"], stood_down["source_id"], blamed["source_id"]),
    )


def _azerbaijani_control(claim, ev: Evidence) -> Finding:
    ceasefire, flag = ev.event("ceasefire_2023"), ev.event("flag_raised_stepanakert")
    return Finding(
        CONSISTENT if flag["date"] > ceasefire["date"] else NOT_SUPPORTED,
        f"After the ceasefire of {day(ceasefire['date'])} Azerbaijan's president raised the Azerbaijani flag in "
        f"Stepanakert (Khankendi) on {day(flag['date'])}.",
        (ceasefire["source_id"], flag["source_id"]),
    )


def _defence_army_abolished(claim, ev: Evidence) -> Finding:
    handover, decree = ev.event("weapons_handover_begins"), ev.event("dissolution_decree")
    return Finding(
        CONSISTENT if handover["date"] <= decree["date"] else IMPRECISE,
        f"Under the ceasefire the Karabakh Armenian forces were to be disbanded and disarmed; the handover of their "
        f"weapons began on {day(handover['date'])} by the Russian defence ministry's account, and the decree of "
        f"{day(decree['date'])} dissolved all the republic's institutions.",
        (handover["source_id"], decree["source_id"]),
    )


CHECKS: dict[str, Callable[[pd.Series, Evidence], Finding]] = {
    "withdrawal_begun": _withdrawal_begun,
    "peskov_confirmed": _peskov_confirmed,
    "azerbaijani_media_first": _azerbaijani_media_first,
    "hajiyev_title": _hajiyev_title,
    "control_since_1994": _control_since_1994,
    "war_six_weeks": _war_six_weeks,
    "ceasefire_10_november": _ceasefire_10_november,
    "ceasefire_signatories": _ceasefire_signatories,
    "about_2000_peacekeepers": _about_2000_peacekeepers,
    "corridor_task": _corridor_task,
    "accusations_weapons_minerals": _accusations,
    "blockade_from_2022": _blockade_from_2022,
    "shortages": _shortages,
    "one_day_offensive": _one_day_offensive,
    "republic_ended": _republic_ended,
    "war_retook_parts": _war_retook_parts,
    "peacekeepers_did_not_intervene": _peacekeepers_did_not_intervene,
    "azerbaijani_control": _azerbaijani_control,
    "defence_army_abolished": _defence_army_abolished,
    "about_100000_left": _about_100000_left,
}


def claims_ledger(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per claim: the claim, what the report says, the verdict and the evidence."""
    claims = frames["report_claims"]
    unchecked = set(claims["claim_id"]) - set(CHECKS)
    if unchecked:
        raise KeyError(f"report_claims.csv has claims without a check in karabakh_book.stories.claims: {sorted(unchecked)}")
    evidence = Evidence(frames)
    sources = frames["sources"].set_index("source_id")
    rows = []
    for _, claim in claims.iterrows():
        finding = CHECKS[claim["claim_id"]](claim, evidence)
        cited = [s for s in dict.fromkeys(finding.sources) if s in sources.index]
        rows.append(
            {
                "claim_id": claim["claim_id"], "stage": claim["stage"], "chapter": claim["chapter"],
                "claim": claim["claim"], "report_says": claim["report_says"],
                "report_value": claim["report_value"], "approximate": claim["approximate"],
                "verdict": finding.verdict, "data_says": finding.data_says, "measured": finding.measured,
                "evidence": [(sources.loc[s, "publisher"], sources.loc[s, "url"]) for s in cited],
            }
        )
    return pd.DataFrame(rows)


def ledger_key_figures(ledger: pd.DataFrame) -> dict:
    counts = ledger["verdict"].value_counts()
    return {
        "n_claims": len(ledger),
        **{f"n_{v.replace(' ', '_')}": int(counts.get(v, 0)) for v in VERDICTS},
        "n_numeric": int(ledger["report_value"].notna().sum()),
        "close_pct": round(CLOSE * 100),
        "rough_pct": round(ROUGH * 100),
        # Glued so that a reviewer's re-execution compares every verdict with the published one.
        **{f"verdict_{claim}": verdict for claim, verdict in zip(ledger["claim_id"], ledger["verdict"])},
    }


def verdict_tally(ledger: pd.DataFrame) -> go.Figure:
    """How the report's claims fare, stage by stage."""
    stage_titles = {stage: title for stage, (_, title) in STAGES.items()}
    order = [s for s in stage_titles if s in set(ledger["stage"])]
    fig = go.Figure()
    for verdict in VERDICTS:
        rows = ledger[ledger["verdict"] == verdict]
        counts = rows.groupby("stage").size().reindex(order, fill_value=0)
        claims = rows.groupby("stage")["claim"].apply(lambda c: "<br>".join(f"• {x}" for x in c)).reindex(order, fill_value="")
        fig.add_trace(
            go.Bar(
                y=[stage_titles[s] for s in order], x=counts.values, orientation="h", name=verdict,
                marker=dict(color=VERDICT_COLOURS[verdict]), customdata=claims.values,
                hovertemplate=f"<b>%{{y}}: %{{x}} claim(s) {verdict}</b><br>%{{customdata}}<extra></extra>",
            )
        )
    counts = ledger["verdict"].value_counts()
    fig.update_layout(
        barmode="stack", height=380,
        xaxis=dict(title="Claims in the report (count)", dtick=1),
        yaxis=dict(title=None, autorange="reversed", categoryorder="array", categoryarray=[stage_titles[s] for s in order]),
        legend=dict(traceorder="normal"),
    )
    tally = "; ".join(f"{int(counts.get(v, 0))} {v}" for v in VERDICTS)
    return furnish(
        fig,
        title=f"{int(counts.get(CONSISTENT, 0))} of the report's {len(ledger)} claims are borne out by the data as stated",
        subtitle="Verdict on each claim of the DW report, by the stage of the story it belongs to",
        source="DW, April 2024 (claims, as republished); verdicts computed by the book from its sourced datasets.",
        description="Stacked horizontal bars, one per stage of the story, counting the report's claims by verdict. "
        f"In all: {tally}.",
        notes=(
            "Verdicts are computed by code from the data each time the book is built; the ledger below gives the evidence for each.",
            f"A number the report gives as approximate counts as consistent within {CLOSE:.0%} of the data and as imprecise within {ROUGH:.0%}.",
        ),
        data=ledger[["stage", "claim", "report_says", "verdict", "data_says"]],
        datasets=DATASETS,
    )


def report_numbers(ledger: pd.DataFrame) -> go.Figure:
    """The report's numbers against the data's, as a percentage gap."""
    numeric = ledger.dropna(subset=["report_value", "measured"])
    numeric = numeric[numeric["approximate"]].copy()
    numeric["gap_pct"] = 100 * (numeric["report_value"].astype(float) - numeric["measured"]) / numeric["measured"]
    numeric["label"] = numeric["report_says"]
    fig = go.Figure()
    fig.add_vrect(x0=-CLOSE * 100, x1=CLOSE * 100, fillcolor=VERDICT_COLOURS[CONSISTENT], opacity=0.15, line_width=0)
    fig.add_vline(x=0, line=dict(color=MUTED, width=1))
    fig.add_trace(
        go.Scatter(
            x=numeric["gap_pct"], y=numeric["label"], mode="markers+text", text=[f"{g:+.1f}%" for g in numeric["gap_pct"]],
            textposition="top center", marker=dict(size=12, color=[VERDICT_COLOURS[v] for v in numeric["verdict"]]),
            customdata=numeric[["claim", "measured", "verdict", "data_says"]].astype(str).to_numpy(),
            hovertemplate="<b>%{customdata[0]}</b><br>Report: %{y}; data: %{customdata[1]}"
            "<br>Gap: %{x:+.1f}% (%{customdata[2]})<extra></extra>",
            showlegend=False,
        )
    )
    fig.add_annotation(x=0, y=0, yref="paper", text=f"±{CLOSE:.0%}", showarrow=False, font=dict(size=11, color=MUTED), yanchor="bottom")
    widest = numeric["gap_pct"].abs().max()
    fig.update_layout(
        height=300,
        xaxis=dict(title="Gap to the data's figure (%)", range=[-max(10, widest * 1.5), max(10, widest * 1.5)], ticksuffix="%"),
        yaxis=dict(title=None, range=[-0.7, len(numeric) - 0.3]),
    )
    return furnish(
        fig,
        title=f"The report's round numbers all fall within {widest:.1f}% of the data",
        subtitle=f"Each approximate figure in the report against the figure the data gives; the shaded band is ±{CLOSE:.0%}, where a round number counts as consistent",
        source="DW, April 2024 (claims); data: " + "; ".join(numeric["data_says"].str.split(".").str[0]) + ".",
        description="Dots on a horizontal scale of percentage gap, one per approximate number in the report: "
        + "; ".join(f"{r['report_says']} against {r['measured']:,} in the data, a gap of {r['gap_pct']:+.1f}%" for _, r in numeric.iterrows())
        + ".",
        notes=(
            "The war's length is compared in weeks (days divided by seven); the peacekeepers by the statement's ceiling; the exodus by the last border count.",
            "The gap is our calculation.",
        ),
        data=numeric[["claim", "report_says", "report_value", "measured", "gap_pct", "verdict"]].rename(
            columns={"measured": "data value", "gap_pct": "gap (% of data)"}
        ),
        datasets=DATASETS,
    )


def ledger_html(ledger: pd.DataFrame) -> str:
    """The ledger as an HTML table: every cell escaped, evidence as links to the sources read."""
    rows = []
    for _, row in ledger.iterrows():
        evidence = "; ".join(f'<a href="{escape(url)}">{escape(publisher)}</a>' for publisher, url in row["evidence"])
        verdict_class = "kb-verdict-" + row["verdict"].replace(" ", "-")
        rows.append(
            f'<tr id="claim-{escape(row["claim_id"])}"><td>{escape(row["claim"])}'
            f'<br><span class="kb-report-says">Report: \u201c{escape(row["report_says"])}\u201d</span></td>'
            f'<td><span class="kb-verdict {verdict_class}">{escape(row["verdict"])}</span></td>'
            f'<td>{escape(row["data_says"])} <a href="{escape(chapter_link(row["chapter"]))}">See the chapter.</a></td>'
            f"<td>{evidence}</td></tr>"
        )
    head = "".join(f'<th scope="col">{h}</th>' for h in ("The report's claim", "Verdict", "What the data says", "Evidence"))
    return (
        '<div class="kb-table-scroll kb-ledger" tabindex="0" role="region" aria-label="Claims ledger">'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
