"""The claims ledger: every claim of the news report, tested against the book's data.

The claims themselves are data (``report_claims``); this module holds one check per claim.
A check reads the evidence from the other datasets and returns a ``Finding``: a verdict on
the book's four-step scale, what the data says, and the sources it rests on. Nothing here is
a stored verdict: change the evidence and the verdict follows.

Both editions run the same checks on the same rows: the report's words and the data's text
arrive in the reader's language, every sentence is said in it, and a verdict is known by its
key (the English) in both, so that the two ledgers cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from ..facts import goods_against_expected, war_duration_days
from ..links import STAGES, chapter_link
from ..style import MUTED, PALETTE, SIDE_LABELS, furnish
from ..words import N_, Said, Term, language, number, outlets, say, say_n, say_plotly

# The verdicts are language-neutral keys (the English words): the ledger, the colours, the CSS
# classes and the tests know a verdict by its key; it is said in the reader's language where it
# is shown, and glued as a ``Term`` so that both editions record the same key.
CONSISTENT = N_("consistent")
IMPRECISE = N_("consistent but imprecise")
CONTEXT = N_("needs context")
NOT_SUPPORTED = N_("not supported")
VERDICTS = (CONSISTENT, IMPRECISE, CONTEXT, NOT_SUPPORTED)
VERDICT_COLOURS = {CONSISTENT: PALETTE[2], IMPRECISE: PALETTE[5], CONTEXT: PALETTE[4], NOT_SUPPORTED: PALETTE[1]}
VERDICT_MEANINGS = Said({
    CONSISTENT: N_("the data bears the claim out"),
    IMPRECISE: N_("right in substance, but the data is more precise or slightly different"),
    CONTEXT: N_("not wrong, but a reader needs more to understand it"),
    NOT_SUPPORTED: N_("the data contradicts the claim or has nothing that backs it"),
})
# An approximate number ("about 2,000") is borne out within 5 per cent of the data, roughly
# right within 25 per cent, and not supported beyond that.
CLOSE, ROUGH = 0.05, 0.25
# Whom the report names as signing the 2020 ceasefire (it names Putin as the broker), spelt as the
# statements table spells its speakers in each language.
REPORT_SIGNATORIES = (N_("Ilham Aliyev"), N_("Nikol Pashinyan"))
DATASETS = (
    "report_claims", "sources", "timeline_events", "statements", "war_2020_figures", "peacekeeping_mandate_2020",
    "blockade_closure_steps", "blockade_supplies", "displacement_arrivals_2023",
)
# The ledger's columns, as the headers of the chart data tables (field names stay as they are in English).
TABLE_HEADERS = {
    "stage": N_("stage"), "claim": N_("claim"), "report_says": N_("report_says"), "verdict": N_("verdict"),
    "data_says": N_("data_says"), "report_value": N_("report_value"), "measured": N_("data value"),
    "gap_pct": N_("gap (% of data)"),
}
LEDGER_HEADERS = (N_("The report's claim"), N_("Verdict"), N_("What the data says"), N_("Evidence"))


@dataclass(frozen=True)
class Finding:
    verdict: str  # one of VERDICTS: the key, the same in both editions
    data_says: str
    sources: tuple[str, ...] = field(default=())
    measured: float | None = None  # the data's number, for claims that give one


def compare_number(claimed: float, measured: float, approximate: bool) -> str:
    """Verdict for a number: exact claims must match; approximate ones within CLOSE or ROUGH."""
    gap = abs(measured - claimed) / measured
    if gap == 0 or (approximate and gap <= CLOSE):
        return CONSISTENT
    return IMPRECISE if gap <= ROUGH else NOT_SUPPORTED


def uses_wording(text, words: str) -> bool:
    """Whether ``text`` uses the report's ``words``, whichever language both arrive in.

    The words must appear in order, the first at the start of a word, in any case, with spaces
    or hyphens between them or none: "vice-president" is found in "Vice President of Azerbaijan",
    "Vizepräsident" in "des Vizepräsidenten"; "Präsident" is not found in "Vizepräsident", nor
    "vice-president" in "service, President".
    """
    parts = re.findall(r"\w+", words)
    if not isinstance(text, str) or not parts:
        return False
    return re.search(r"\b" + r"[\s\-\u2010\u2011]*".join(map(re.escape, parts)), text, re.IGNORECASE) is not None


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
        say("The first departure on record is dated {first:day} (\u201c{label}\u201d); "
            "Azerbaijan's defence ministry declared the withdrawal complete on {done:day}.",
            first=first["date"], label=first["label"], done=done["date"]),
        (first["source_id"], done["source_id"]),
    )


def _peskov_confirmed(claim, ev: Evidence) -> Finding:
    confirmed = ev.event("withdrawal_confirmed_kremlin")
    first = ev.events[ev.events["stage"] == "withdrawal"]["date"].min()
    return Finding(
        CONSISTENT if confirmed["date"] >= first else NOT_SUPPORTED,
        say("The Kremlin's confirmation is dated {date:day}, after the first reports of departures.", date=confirmed["date"]),
        (confirmed["source_id"],),
    )


def _azerbaijani_media_first(claim, ev: Evidence) -> Finding:
    confirmed = ev.event("withdrawal_confirmed_kremlin")
    stage = ev.events[(ev.events["stage"] == "withdrawal") & (ev.events["publisher_side"] == "azerbaijani")]
    earlier = stage[stage["date"] < confirmed["date"]].sort_values("date")
    if earlier.empty:
        return Finding(
            NOT_SUPPORTED, say("No Azerbaijani report of departures predates the Kremlin's confirmation."), (confirmed["source_id"],)
        )
    first = earlier.iloc[0]
    return Finding(
        CONSISTENT,
        say_n("{publisher} reported on {date:day} that peacekeepers were leaving, "
              "{n} day before the Kremlin confirmed the withdrawal.",
              "{publisher} reported on {date:day} that peacekeepers were leaving, "
              "{n} days before the Kremlin confirmed the withdrawal.",
              int((confirmed["date"] - first["date"]).days), publisher=first["publisher"], date=first["date"]),
        (first["source_id"], confirmed["source_id"]),
    )


def _hajiyev_title(claim, ev: Evidence) -> Finding:
    # The report's wording and the recorded titles both arrive in the reader's language (German
    # twins in the German edition): the same rows decide in both, by wording_found.
    titles = ev.said("hajiyev_title")
    first = titles.iloc[0]  # the first recorded wording; the others are translations of the same title
    calling = titles[titles["said"].map(lambda title: uses_wording(title, claim["report_says"])).astype(bool)]
    if calling.empty:
        return Finding(
            NOT_SUPPORTED,
            say("Azerbaijani media give his office as \u201c{title}\u201d: he heads the department, "
                "but no source calls him vice-president.", title=first["said"]),
            tuple(titles["source_id"]),
        )
    return Finding(
        CONSISTENT,
        say("{publisher} gives his office as \u201c{title}\u201d.", publisher=calling.iloc[0]["publisher"], title=calling.iloc[0]["said"]),
        tuple(titles["source_id"]),
    )


def _control_since_1994(claim, ev: Evidence) -> Finding:
    ceasefire, proclaimed = ev.event("ceasefire_1994"), ev.event("nkr_proclaimed_1991")
    return Finding(
        CONSISTENT if ceasefire["date"].year == claim["report_value"] else NOT_SUPPORTED,
        say("The ceasefire that froze the first war's front lines took effect on {ceasefire:day}; "
            "the unrecognised republic had been proclaimed on {proclaimed:day}.",
            ceasefire=ceasefire["date"], proclaimed=proclaimed["date"]),
        (ceasefire["source_id"], proclaimed["source_id"]),
        measured=ceasefire["date"].year,
    )


def _war_six_weeks(claim, ev: Evidence) -> Finding:
    war = ev.frames["war_2020_figures"].set_index("figure_id")
    start, end = war.loc["war_start"], war.loc["ceasefire_in_force"]
    days = war_duration_days(ev.frames["war_2020_figures"])
    durations = ev.frames["war_2020_figures"].query("metric == 'war_duration'")
    sides = ", ".join(
        say_n("{n} day ({side})", "{n} days ({side})", int(v), side=SIDE_LABELS[s])
        for s, v in zip(durations["figure_side"], durations["value"])
    )
    return Finding(
        compare_number(claim["report_value"], days / 7, claim["approximate"]),
        say("From {start:day} to the ceasefire of {end:day} is {days} days, {weeks:.1f} weeks; "
            "the sides' own counts: {sides}.",
            start=start["date"], end=end["date"], days=int(days), weeks=days / 7, sides=sides),
        (start["source_id"], end["source_id"], *durations["source_id"]),
        measured=round(days / 7, 2),
    )


def _ceasefire_10_november(claim, ev: Evidence) -> Finding:
    ceasefire = ev.event("ceasefire_2020")
    return Finding(
        CONSISTENT if ceasefire["date"] == pd.Timestamp("2020-11-10") else NOT_SUPPORTED,
        say("The statement's ceasefire took effect at {time:clock} local time (midnight in Moscow) on {date:day}.",
            time=ceasefire["time"], date=ceasefire["date"]),
        (ceasefire["source_id"],),
    )


def _ceasefire_signatories(claim, ev: Evidence) -> Finding:
    signed = ev.said("ceasefire_2020_signatory")
    signers = set(signed["speaker"])
    named = {say(name) for name in REPORT_SIGNATORIES}
    if not named <= signers:
        verdict = NOT_SUPPORTED
    else:
        verdict = CONSISTENT if signers == named else IMPRECISE
    return Finding(
        verdict,
        say("The statement names three signatories: {signatories}. Putin signed as a party, not only as a broker.",
            signatories="; ".join(f"{s} ({t})" for s, t in zip(signed["speaker"], signed["said"]))),
        tuple(signed["source_id"].unique()),
    )


def _about_2000_peacekeepers(claim, ev: Evidence) -> Finding:
    personnel = ev.frames["peacekeeping_mandate_2020"].query("term_id == 'personnel'")
    figures = personnel["quantity"].unique()
    if len(figures) != 1:
        return Finding(
            CONTEXT,
            say("The texts disagree on the contingent's size: [{sizes}].", sizes=", ".join(number(int(f), "") for f in sorted(figures))),
            tuple(personnel["source_id"]),
        )
    size = int(figures[0])
    return Finding(
        compare_number(claim["report_value"], size, claim["approximate"]),
        say("The ceasefire statement sets the contingent at {size:,} servicemen, the same figure in "
            "{versions} versions of the text ({outlets}).",
            size=size, versions=len(personnel), outlets=outlets(personnel, len(personnel))),
        tuple(personnel["source_id"]),
        measured=size,
    )


def _corridor_task(claim, ev: Evidence) -> Finding:
    corridor = ev.frames["peacekeeping_mandate_2020"].query("term_id == 'lachin_corridor_width'")
    if corridor.empty:
        return Finding(NOT_SUPPORTED, say("The mandate data has no clause on the corridor."))
    term = corridor.iloc[0]
    return Finding(
        CONSISTENT,
        say("Clause {clause} of the statement puts a {width} {unit} wide corridor under the contingent's control.",
            clause=term["clause"], width=int(term["quantity"]), unit=term["unit"]),
        (term["source_id"],),
    )


def _accusations(claim, ev: Evidence) -> Finding:
    weapons, minerals = ev.said("accusation_weapons_via_corridor"), ev.said("accusation_minerals_via_corridor")
    if weapons.empty:
        return Finding(NOT_SUPPORTED, say("No accusation about weapons is on record in the data."))
    if minerals.empty:
        return Finding(NOT_SUPPORTED, say("No accusation about minerals is on record in the data."))
    both = pd.concat([weapons, minerals])
    sides = set(both["figure_side"])
    accusers = say("the Azerbaijani side only") if sides == {"azerbaijani"} else say("several sides")
    return Finding(
        CONTEXT,
        say("Both accusations are on record, made by {accusers}: "
            "landmines and weapons said to come in by the road, and mining said to be illegal. The data shows that the "
            "accusations were made, not whether they were true.", accusers=accusers),
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
        say("The road was blocked on {began:day} by people presenting themselves as environmental activists. "
            "That lasted {protest_days} days: Azerbaijan set up its own checkpoint on {checkpoint:day}, the protesters "
            "left on {left:day}, and the checkpoint controlled the road for the {checkpoint_days} days up to the offensive.",
            began=began["date"], protest_days=int(protest_days), checkpoint=checkpoint["date"], left=stood_down["date"],
            checkpoint_days=int(checkpoint_days)),
        (began["source_id"], checkpoint["source_id"], stood_down["source_id"], ended["source_id"]),
        measured=began["date"].year,
    )


def _shortages(claim, ev: Evidence) -> Finding:
    delivered, expected = goods_against_expected(ev.frames["blockade_supplies"])
    share = int(delivered["value"]) / int(expected["value"])
    return Finding(
        CONSISTENT if share < 0.5 else NOT_SUPPORTED,
        say("By {date:day} about {delivered:,} tonnes of goods had come in, "
            "{share:.0%} of the {expected:,} tonnes expected at the pre-blockade rate "
            "(figures of the de-facto Karabakh authorities; the share is our calculation).",
            date=delivered["date"], delivered=int(delivered["value"]), share=share, expected=int(expected["value"])),
        tuple(dict.fromkeys((delivered["source_id"], expected["source_id"]))),
        measured=round(share, 3),
    )


def _one_day_offensive(claim, ev: Evidence) -> Finding:
    began, ceasefire = ev.event("offensive_begins"), ev.event("ceasefire_2023")
    days = (ceasefire["date"] - began["date"]).days
    return Finding(
        compare_number(claim["report_value"], days, claim["approximate"]),
        say("The offensive began on {began:day}; the ceasefire took effect at {time:clock} on {date:day}.",
            began=began["date"], time=ceasefire["time"], date=ceasefire["date"]),
        (began["source_id"], ceasefire["source_id"]),
        measured=days,
    )


def _republic_ended(claim, ev: Evidence) -> Finding:
    decree, ceased = ev.event("dissolution_decree"), ev.event("republic_ceases")
    report_day = ev.event("withdrawal_confirmed_kremlin")["date"]
    return Finding(
        CONSISTENT if ceased["date"] <= report_day else NOT_SUPPORTED,
        say("The de-facto president's decree of {decree:day} dissolved the republic's institutions "
            "with effect from {ceased:day}, before the report was published.",
            decree=decree["date"], ceased=ceased["date"]),
        (decree["source_id"], ceased["source_id"]),
    )


def _about_100000_left(claim, ev: Evidence) -> Finding:
    arrivals = ev.frames["displacement_arrivals_2023"].sort_values(["date", "cumulative_arrivals"])
    final = arrivals.iloc[-1]
    passed = arrivals[arrivals["cumulative_arrivals"] >= claim["report_value"]].iloc[0]
    return Finding(
        compare_number(claim["report_value"], int(final["cumulative_arrivals"]), claim["approximate"]),
        say("The Armenian government's border count passed {mark:,} on {passed:day} and stood at "
            "{final:,} on {final_day:day}.",
            mark=int(claim["report_value"]), passed=passed["date"], final=int(final["cumulative_arrivals"]), final_day=final["date"]),
        (passed["source_id"], final["source_id"]),
        measured=int(final["cumulative_arrivals"]),
    )


def _war_retook_parts(claim, ev: Evidence) -> Finding:
    shares = ev.frames["war_2020_figures"].set_index("figure_id")
    taken, handed = shares.loc["share_taken_in_fighting"], shares.loc["share_handed_over"]
    return Finding(
        CONSISTENT if taken["value"] > 0 else NOT_SUPPORTED,
        say("By one analyst's estimate Azerbaijan took about {taken:g}% of the area the Karabakh Armenian side "
            "had held in the fighting, and received {handed:g}% more in the districts handed over under the "
            "ceasefire statement.", taken=float(taken["value"]), handed=float(handed["value"])),
        (taken["source_id"], handed["source_id"]),
    )


def _peacekeepers_did_not_intervene(claim, ev: Evidence) -> Finding:
    steps = ev.frames["blockade_closure_steps"].set_index("step_id")
    began, stood_down = steps.loc["road_blocked"], steps.loc["protest_suspended"]
    blamed = ev.statements.set_index("statement_id").loc["baku_blames_peacekeepers"]
    days = (stood_down["date"] - began["date"]).days
    return Finding(
        CONTEXT,
        say("The protesters held the road for {days} days, from {began:day} to {left:day}, in the "
            "zone the peacekeepers were to keep open. Baku's version differed: on "
            "{blamed:day} a presidential aide said the peacekeepers, not the protesters, had closed the road. "
            "The data records what happened on the road, not why the contingent acted as it did.",
            days=int(days), began=began["date"], left=stood_down["date"], blamed=blamed["date"]),
        (began["source_id"], stood_down["source_id"], blamed["source_id"]),
    )


def _azerbaijani_control(claim, ev: Evidence) -> Finding:
    ceasefire, flag = ev.event("ceasefire_2023"), ev.event("flag_raised_stepanakert")
    return Finding(
        CONSISTENT if flag["date"] > ceasefire["date"] else NOT_SUPPORTED,
        say("After the ceasefire of {ceasefire:day} Azerbaijan's president raised the Azerbaijani flag in "
            "Stepanakert (Khankendi) on {flag:day}.", ceasefire=ceasefire["date"], flag=flag["date"]),
        (ceasefire["source_id"], flag["source_id"]),
    )


def _defence_army_abolished(claim, ev: Evidence) -> Finding:
    handover, decree = ev.event("weapons_handover_begins"), ev.event("dissolution_decree")
    return Finding(
        CONSISTENT if handover["date"] <= decree["date"] else IMPRECISE,
        say("Under the ceasefire the Karabakh Armenian forces were to be disbanded and disarmed; the handover of their "
            "weapons began on {handover:day} by the Russian defence ministry's account, and the decree of "
            "{decree:day} dissolved all the republic's institutions.", handover=handover["date"], decree=decree["date"]),
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
        # Glued so that a reviewer's re-execution compares every verdict with the published one;
        # as Terms, so that both editions record the same key.
        **{f"verdict_{claim}": Term(verdict) for claim, verdict in zip(ledger["claim_id"], ledger["verdict"])},
    }


def _table(frame: pd.DataFrame) -> pd.DataFrame:
    """Ledger columns as a chart's data table: verdicts said in the reader's language, headers named."""
    if "verdict" in frame:
        frame = frame.assign(verdict=frame["verdict"].map(say))
    return frame.rename(columns={c: TABLE_HEADERS[c] for c in frame.columns if c in TABLE_HEADERS})


def _as_recorded(value: float, grouped: bool) -> str:
    """The data's number for a chart's description and hover label, in the reader's number form:
    the ledger holds its numbers in a float column, but a whole number reads as one (1,960 / 1.960)."""
    return number(float(value), ",g" if grouped else "g")


def _first_sentence(text: str) -> str:
    """The first sentence of a 'data says' text, for a source line: it ends at a full stop followed
    by a space or the end, not inside a number (6.3 weeks), a web address (BAKU.WS) or after a
    German day's number (27. September)."""
    return re.split(r"(?<!\b\d)(?<!\b\d\d)\.(?=\s|$)", text)[0]


def verdict_tally(ledger: pd.DataFrame) -> go.Figure:
    """How the report's claims fare, stage by stage."""
    stage_titles = {stage: say(title) for stage, (_, title) in STAGES.items()}
    order = [s for s in stage_titles if s in set(ledger["stage"])]
    fig = go.Figure()
    for verdict in VERDICTS:
        rows = ledger[ledger["verdict"] == verdict]
        counts = rows.groupby("stage").size().reindex(order, fill_value=0)
        claims = rows.groupby("stage")["claim"].apply(lambda c: "<br>".join(f"• {x}" for x in c)).reindex(order, fill_value="")
        name = say(verdict)
        hover = say_plotly("<b>%{y}: %{x} claim(s) {verdict}</b><br>%{customdata}<extra></extra>")
        fig.add_trace(
            go.Bar(
                y=[stage_titles[s] for s in order], x=counts.values, orientation="h", name=name,
                marker=dict(color=VERDICT_COLOURS[verdict]), customdata=claims.values,
                hovertemplate=hover.replace("{verdict}", name),
            )
        )
    counts = ledger["verdict"].value_counts()
    fig.update_layout(
        barmode="stack", height=380,
        xaxis=dict(title=say("Claims in the report (count)"), dtick=1),
        yaxis=dict(title=None, autorange="reversed", categoryorder="array", categoryarray=[stage_titles[s] for s in order]),
        legend=dict(traceorder="normal"),
    )
    names = {v: say(v) for v in VERDICTS}
    tally = "; ".join(say("{n} {verdict}", n=int(counts.get(v, 0)), verdict=names[v]) for v in VERDICTS)
    return furnish(
        fig,
        title=say("{consistent} of the report's {claims} claims are borne out by the data as stated",
                  consistent=int(counts.get(CONSISTENT, 0)), claims=len(ledger)),
        subtitle=say("Verdict on each claim of the DW report, by the stage of the story it belongs to"),
        source=say("DW, April 2024 (claims, as republished); verdicts computed by the book from its sourced datasets."),
        description=say("Stacked horizontal bars, one per stage of the story, counting the report's claims by verdict. "
                        "In all: {tally}.", tally=tally),
        notes=(
            say("Verdicts are computed by code from the data each time the book is built; the ledger below gives the evidence for each."),
            say("A number the report gives as approximate counts as consistent within {close:.0%} of the data and as imprecise within {rough:.0%}.",
                close=CLOSE, rough=ROUGH),
        ),
        data=_table(ledger[["stage", "claim", "report_says", "verdict", "data_says"]]),
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
    hover = numeric.assign(
        measured=[_as_recorded(m, grouped=False) for m in numeric["measured"]], verdict=numeric["verdict"].map(say),
    )
    fig.add_trace(
        go.Scatter(
            x=numeric["gap_pct"], y=numeric["label"], mode="markers+text",
            text=[say("{gap:+.1f}%", gap=float(g)) for g in numeric["gap_pct"]],
            textposition="top center", marker=dict(size=12, color=[VERDICT_COLOURS[v] for v in numeric["verdict"]]),
            customdata=hover[["claim", "measured", "verdict", "data_says"]].astype(str).to_numpy(),
            hovertemplate=say_plotly("<b>%{customdata[0]}</b><br>Report: %{y}; data: %{customdata[1]}"
                                     "<br>Gap: %{x:+.1f}% (%{customdata[2]})<extra></extra>"),
            showlegend=False,
        )
    )
    fig.add_annotation(x=0, y=0, yref="paper", text=say("±{close:.0%}", close=CLOSE), showarrow=False,
                       font=dict(size=11, color=MUTED), yanchor="bottom")
    widest = numeric["gap_pct"].abs().max()
    fig.update_layout(
        height=300,
        xaxis=dict(title=say("Gap to the data's figure (%)"), range=[-max(10, widest * 1.5), max(10, widest * 1.5)], ticksuffix="%"),
        yaxis=dict(title=None, range=[-0.7, len(numeric) - 0.3]),
    )
    dots = "; ".join(
        say("{report} against {measured} in the data, a gap of {gap:+.1f}%",
            report=r["report_says"], measured=_as_recorded(r["measured"], grouped=True), gap=float(r["gap_pct"]))
        for _, r in numeric.iterrows()
    )
    return furnish(
        fig,
        title=say("The report's round numbers all fall within {widest:.1f}% of the data", widest=float(widest)),
        subtitle=say("Each approximate figure in the report against the figure the data gives; the shaded band is ±{close:.0%}, "
                     "where a round number counts as consistent", close=CLOSE),
        source=say("DW, April 2024 (claims); data: {evidence}.", evidence="; ".join(numeric["data_says"].map(_first_sentence))),
        description=say("Dots on a horizontal scale of percentage gap, one per approximate number in the report: {dots}.", dots=dots),
        notes=(
            say("The war's length is compared in weeks (days divided by seven); the peacekeepers by the statement's ceiling; "
                "the exodus by the last border count."),
            say("The gap is our calculation."),
        ),
        data=_table(numeric[["claim", "report_says", "report_value", "measured", "gap_pct", "verdict"]].astype(
            {"report_value": float, "measured": float, "gap_pct": float})),  # the ledger keeps numbers as objects
        datasets=DATASETS,
    )


def ledger_html(ledger: pd.DataFrame) -> str:
    """The ledger as an HTML table: every cell escaped, evidence as links to the sources read.

    A verdict's CSS class comes from its key (the English), so both editions colour it alike."""
    see_chapter = say("See the chapter.")
    rows = []
    for _, row in ledger.iterrows():
        evidence = "; ".join(f'<a href="{escape(url)}">{escape(publisher)}</a>' for publisher, url in row["evidence"])
        verdict_class = "kb-verdict-" + row["verdict"].replace(" ", "-")
        report = say("Report: \u201c{words}\u201d", words=escape(row["report_says"]))
        verdict = say(row["verdict"])
        rows.append(
            f'<tr id="claim-{escape(row["claim_id"])}"><td>{escape(row["claim"])}'
            f'<br><span class="kb-report-says">{report}</span></td>'
            f'<td><span class="kb-verdict {verdict_class}">{escape(verdict)}</span></td>'
            f'<td>{escape(row["data_says"])} <a href="{escape(chapter_link(row["chapter"]))}">{escape(see_chapter)}</a></td>'
            f"<td>{evidence}</td></tr>"
        )
    head = "".join(f'<th scope="col">{escape(say(h), quote=False)}</th>' for h in LEDGER_HEADERS)
    label = say("Claims ledger")
    return (
        f'<div class="kb-table-scroll kb-ledger" tabindex="0" role="region" aria-label="{escape(label)}">'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
