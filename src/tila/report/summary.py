"""Page 1 of the report as finished sentences: the overall answer, how sure it is, the focus
areas with the data behind each, strengths, and every caution a reader needs before deciding.

Each sentence is computed from the figures it states and checked against generated data sets in
tests/test_report_sentences.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tila.report import fmt
from tila.report.cautions import Caution, cautions, unknown_share
from tila.report.compare import Difference
from tila.report.favour import favour, said
from tila.report.ranking import Standing, band_words, focus_ids, standings
from tila.report.sections import GapSection
from tila.scoring.result import ScoreResult


@dataclass(frozen=True)
class FocusLine:
    title: str
    why: str  # one line of data: how far below the overall index, the weakest statement


@dataclass(frozen=True)
class Summary:
    headline: str
    interval: str  # the overall interval in words
    respondents: str
    strengths: tuple[str, ...]
    growth: tuple[str, ...]
    same: str  # "About the same as the others: …" or ""
    focus: tuple[FocusLine, ...]
    focus_note: str  # why there are no (or few) focus areas, or ""
    changes: tuple[str, ...]
    gap: str | None
    sure: str  # "how sure are we", in one or two sentences
    cautions: tuple[str, ...]  # every warning, in plain words
    caution: str




def respondents(result: ScoreResult, invited: int | None) -> str:
    text = f"{fmt.count(result.respondents, 'person', 'people')} answered"
    if invited:
        text += (f" out of {invited:,} invited (a response rate of "
                 f"{fmt.percent(result.respondents, invited)})")
    return text + left_out(result) + "."


def left_out(result: ScoreResult) -> str:
    """"; 3 more responses answered too few statements ..." when some were excluded, else ""."""
    excluded = sum(result.excluded.values())
    if not excluded:
        return ""
    return (f"; {fmt.count(excluded, 'more response')} answered too few statements to be "
            f"scored and {'is' if excluded == 1 else 'are'} left out")


def _who(result: ScoreResult, org: str, leader: str | None) -> str:
    # A questionnaire with self and staff forms rates leaders, not the organization.
    if leader and result.form == "staff":
        return f"leader {leader}, as their staff rate them, scores"
    if result.form == "staff":
        return f"{fmt.possessive(org)} leaders, as their staff rate them, score"
    if result.form == "self":
        return f"{fmt.possessive(org)} leaders, rating themselves, score"
    return f"{org} scores"


def _overall_of(st: Standing, overall: float) -> str:
    """What a principle's gap is measured from: each person's principle score minus their own
    overall score, averaged over the people scored on the principle. When many answered "Don't
    know", those people's overall score is not everyone's, and the principle's score and the
    headline would not differ by the gap printed: theirs is then given, so the sum adds up."""
    theirs = fmt.score(st.score - st.diff)
    return ("people's overall score" if theirs == fmt.score(overall) else
            f"people's overall score of {theirs}")


def _focus_lines(result: ScoreResult, ranks: Mapping[str, Standing]) -> tuple[FocusLine, ...]:
    out = []
    for pid in focus_ids(result):
        st, s = ranks[pid], result.principles[pid]
        items = sorted((i for i in result.items.values() if i.principle == pid
                        and i.n >= result.rules.min_group_size), key=lambda i: i.score)
        why = (f"{fmt.score(s.score)}, {fmt.score(abs(st.diff))} points below "
               f"{_overall_of(st, result.overall.score)} (95% CI "
               f"{fmt.size_interval(st.lo, st.hi)}"
               f"{'' if st.lo < 0 < st.hi else ' below'})")
        if items:
            f = favour(items[0])
            why += (f"; weakest statement “{items[0].text}” "
                    f"({fmt.percent(f.favourable, f.n)} favourable"
                    + (f"; worded the other way round: {said(f)} with it)" if f.reverse
                       else ")"))
        out.append(FocusLine(s.title, why + "."))
    return tuple(out)


def summary(result: ScoreResult, org: str, invited: int | None,
             changes: tuple[Difference, ...], gap: GapSection | None,
             leader: str | None = None) -> Summary:
    o = result.overall
    bands = result.questionnaire.scoring.bands
    ranks = standings(result)
    headline = (f"Overall, {_who(result, org, leader)} {fmt.score(o.score)} out of 100, "
                f"{band_words(bands, o)}.")
    interval = (f"Allowing for chance, the overall score lies between {fmt.score(o.ci95[0])} "
                f"and {fmt.score(o.ci95[1])} (95% confidence interval)."
                if fmt.ok(o.ci95[0]) and fmt.ok(o.ci95[1]) else
                "Too few people answered for a confidence interval.")
    by_score = sorted(ranks.values(), key=lambda st: -st.score)

    def line(st: Standing) -> str:
        return (f"{st.title}: {fmt.score(st.score)}, {fmt.score(abs(st.diff))} points "
                f"{'above' if st.diff > 0 else 'below'} {_overall_of(st, o.score)}")

    strengths = tuple(line(st) for st in by_score if st.verdict == "strength")
    growth = tuple(line(st) for st in reversed(by_score) if st.verdict == "growth")
    same = [st.title for st in by_score if st.verdict in ("same", "unknown")]
    # Titles hold commas and "and" themselves, so the list is separated by semicolons.
    same_text = (("About the same as the others (no clear difference from the overall "
                  "score): " + "; ".join(same) + ".") if same else "")
    focus = _focus_lines(result, ranks)
    if focus:
        focus_note = ""
    elif all(st.verdict == "unknown" for st in ranks.values()):
        focus_note = "Too few people answered to single out any principle."
    else:
        focus_note = ("No principle is clearly below the others, so the plan does not single "
                      "one out.")
    change_text: list[str] = []
    if changes:
        clear = [d for d in changes if d.reliable and d.id != "overall"]
        for d in sorted(clear, key=lambda d: -abs(d.diff))[:3]:
            verb = "rose" if d.diff > 0 else "fell"
            change_text.append(f"{d.title} {verb} by {fmt.score(abs(d.diff))} points "
                               f"(95% CI {fmt.interval(d.lo, d.hi, sign=True)}).")
        if not clear:
            change_text.append("No principle changed by more than chance would explain since "
                               "the baseline.")
        elif len(clear) < len(changes) - 1:
            change_text.append("The other principles show no reliable change.")
    gap_text = gap.sentences[0] if gap and gap.sentences else None
    notes = cautions(result)
    caution = ("Scores describe how people experience the organization today; the bands are "
               "indicative stages, not a certification.")
    if not result.questionnaire.validated:
        caution += " This questionnaire is not a validated measure."
    return Summary(headline, interval, respondents(result, invited), strengths, growth,
                   same_text, focus, focus_note, tuple(change_text), gap_text,
                   _sure(result), _page_one_cautions(result, notes), caution)


def _page_one_cautions(result: ScoreResult, notes: tuple[Caution, ...]) -> tuple[str, ...]:
    """Every caution for page 1; withheld reliability is one line there (each principle's
    section says its own), since it changes how to read the statements, not the scores."""
    withheld = [result.principles[c.target].title for c in notes
                if c.code == "alpha-withheld" and c.target in result.principles]
    out = [c.text for c in notes if c.code not in ("alpha-withheld", "high-unknown")]
    unknown = [c for c in notes if c.code == "high-unknown" and c.target in result.principles]
    if len(unknown) == 1:
        out.append(unknown[0].text)
    elif unknown:
        shares = [f"{result.principles[c.target].title} "
                  f"{fmt.percent(*unknown_share(result, c.target))}" for c in unknown if c.target]
        out.append(f"For {len(unknown)} principles more than a quarter of the answers were "
                   "“Don't know” or “Not applicable” (" + "; ".join(shares) + "). That is a "
                   "finding in itself: many people cannot see what the organization does here.")
    if len(withheld) == 1:
        out += [c.text for c in notes if c.code == "alpha-withheld"]
    elif withheld:
        reasons = {result.principles[c.target].alpha_withheld or ""
                   for c in notes if c.code == "alpha-withheld" and c.target}
        why = {frozenset({"few-items"}): "they have too few statements",
               frozenset({"few-respondents"}): "too few people answered their statements "
                                               "together"}.get(
            frozenset(reasons), "they have too few statements, too few people answered them "
                                "together, or the answers hardly vary")
        out.append(f"Reliability (Cronbach's alpha) is not reported for {len(withheld)} "
                   f"principles: {why}.")
    return tuple(out)


def _sure(result: ScoreResult) -> str:
    """How precise the overall score is, in one sentence computed from its interval."""
    lo, hi = result.overall.ci95
    if not (fmt.ok(lo) and fmt.ok(hi)):
        return "How sure are we? Not at all: too few people answered to say."
    half = (hi - lo) / 2
    text = (f"How sure are we? With {fmt.count(result.respondents, 'person', 'people')}, the "
            f"overall score is known to within about {fmt.score(half)} points either way")
    if half <= 3:
        return text + ", precise enough to compare principles and track change."
    if half <= 8:
        return text + ": treat differences of a few points as noise."
    return text + ": read it as a rough indication, not a measurement."
