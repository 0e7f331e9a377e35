"""The improvement plan and the methodology appendix as finished text and table rows."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from tila.report import fmt
from tila.report.cautions import cautions
from tila.report.ranking import RULE, TARGET_RULE, band_words, standings, target, top_band
from tila.report.sections import suppression_sentence
from tila.report.summary import left_out
from tila.scoring.result import ScoreResult
from tila.suggestions import ImprovementPlan, Pick

OWNERS = {"leadership": "Leadership team", "supervisors": "Supervisors",
          "hr": "Human resources", "all_staff": "All staff",
          "ti_committee": "Trauma-informed care committee"}
EFFORT = {"low": "Low effort", "medium": "Medium effort", "high": "High effort"}


def horizon(days: int) -> str:
    return {30: "about a month", 90: "about three months", 365: "about a year"}.get(
        days, f"about {days} days")


class ReferenceLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def citation(self) -> str: ...


@dataclass(frozen=True)
class SuggestionView:
    id: str
    title: str
    why: str
    actions: tuple[str, ...]
    effort: str
    horizon: str
    owner: str
    cost_of_inaction: str | None
    answers: str  # the statements it answers, or ""


@dataclass(frozen=True)
class FocusView:
    anchor: str
    title: str
    reason: str
    statements: tuple[str, ...]
    suggestions: tuple[SuggestionView, ...]


@dataclass(frozen=True)
class PlanView:
    intro: str
    focus: tuple[FocusView, ...]
    quick_wins: tuple[SuggestionView, ...]
    action_header: tuple[str, ...]
    action_rows: tuple[tuple[str, ...], ...]
    empty_note: str | None
    targets: tuple[tuple[str, str, str], ...] = ()  # principle, today, target next survey
    title: str = "Improvement plan"
    #: Per action row: suggestion id, principle id ("" for a quick win) and the statement ids
    #: it answers, so a plan CSV can be matched again at the next wave (report/followup.py).
    action_keys: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


SAMHSA = ("Substance Abuse and Mental Health Services Administration (2014). SAMHSA's Concept "
          "of Trauma and Guidance for a Trauma-Informed Approach. HHS Publication No. (SMA) "
          "14-4884.")
ACTION_HEADER = ("Area", "Action", "First step", "Suggested lead", "Time to first results",
                 "Owner", "Target date")


def _view(result: ScoreResult, pick: Pick, alarm: bool = True,
          chosen_for: str | None = None) -> SuggestionView:
    """A suggestion as the plan prints it. ``chosen_for`` is the statement a quick win was
    picked for, said when the suggestion itself names no statement of this questionnaire."""
    s = pick.suggestion
    texts = [f"“{result.items[i].text}”" for i in pick.items if i in result.items]
    return SuggestionView(s.id, s.title, s.why, tuple(s.actions), EFFORT.get(s.effort, s.effort),
                          horizon(s.horizon), OWNERS.get(s.owner, s.owner),
                          s.cost_of_inaction if alarm else None,
                          _answers(texts) or _tied_to(result, s.principle, chosen_for))


def _tied_to(result: ScoreResult, principle: str, item: str | None) -> str:
    """What a suggestion naming no statement of this questionnaire was chosen for: its
    principle, and for a quick win the low-rated statement it was picked beside."""
    p = result.principles.get(principle)
    title = p.title if p is not None else principle
    sentence = f"It names no statement of this questionnaire; it is suggested for {title}"
    if item is not None and item in result.items:
        st = result.items[item]
        return (sentence + f", where “{st.text.rstrip('.')}” is among the lowest-rated "
                f"statements ({fmt.score(st.score)}).")
    return sentence + "."


def _answers(texts: list[str]) -> str:
    if not texts:
        return ""
    sentence = "It answers " + fmt.join(texts)
    # Statements usually end with a full stop inside the quotes; do not add a second one.
    return sentence if sentence.endswith((".”", "?”", "!”")) else sentence + "."


def _targets(result: ScoreResult) -> tuple[tuple[str, str, str], ...]:
    bands = result.questionnaire.scoring.bands
    return tuple((s.title, fmt.score(s.score), fmt.score(target(bands, s.score)))
                 for s in result.principles.values() if fmt.ok(s.score))


def plan_view(result: ScoreResult, plan: ImprovementPlan | None) -> PlanView:
    if plan is None or not (plan.focus or plan.quick_wins):
        return PlanView("", (), (), ACTION_HEADER, (),
                        "No suggestions library was available for this report, so no "
                        "improvement plan was made." if plan is None else
                        "No suggestion in the library fits these results.", _targets(result))
    bands = result.questionnaire.scoring.bands
    sustain = top_band(bands, result.overall)
    few = any(c.code == "few-respondents" for c in cautions(result))
    # "If nothing changes" warnings fit an organization with clear problems and enough answers
    # to know it; at the top band or with a handful of people they would only alarm.
    alarm = not sustain and not few
    ranks = standings(result)
    focus = []
    rows: list[tuple[str, ...]] = []
    keys: list[tuple[str, str, tuple[str, ...]]] = []
    for area in plan.focus:
        st = ranks.get(area.principle)
        s = result.principles[area.principle]
        reason = f"Score {fmt.score(area.score)}, {band_words(bands, s)}"
        if st is not None and fmt.ok(st.lo):
            way = "below" if st.diff < 0 else "above"
            reason += (f"; people rate it {fmt.score(abs(st.diff))} points {way} their "
                       f"overall score (95% CI {fmt.size_interval(st.lo, st.hi)}"
                       f"{'' if st.lo < 0 < st.hi else ' ' + way})")
        reason += ". The statements with the most room to grow:"
        statements = tuple(f"“{result.items[i].text}” ({fmt.score(result.items[i].score)})"
                           for i in area.low_items)
        views = tuple(_view(result, p, alarm) for p in area.picks)
        focus.append(FocusView(f"focus-{area.principle}", area.title, reason, statements, views))
        rows += [(area.title, v.title, v.actions[0] if v.actions else "", v.owner, v.horizon,
                  "", "") for v in views]
        keys += [(p.suggestion.id, area.principle, p.items) for p in area.picks]
    wins = tuple(_view(result, w.pick, alarm, w.item) for w in plan.quick_wins)
    rows += [("Quick win", v.title, v.actions[0] if v.actions else "", v.owner, v.horizon, "",
              "") for v in wins]
    keys += [(w.pick.suggestion.id, "", w.pick.items) for w in plan.quick_wins]
    if sustain:
        intro = ("The organization is in the highest band, so this is a plan to sustain and "
                 "share what works: keep the practices that earn these scores, and pass them "
                 "on to others.")
    elif focus:
        intro = (f"The plan concentrates on {fmt.count(len(focus), 'growth area')}, the "
                 "principles clearly below the organization's overall score, rather than "
                 "trying to change everything at once.")
    else:
        intro = ("No principle is clearly below the others, so the plan singles none out: the "
                 "quick wins below are chosen for the lowest-rated statements.")
    if focus:
        named = all(p.items and any(i in result.items for i in p.items)
                    for area in plan.focus for p in area.picks)
        intro += (" Each area has a few suggestions matched to its stage; each names the "
                  "statements it answers" + ("." if named else
                                             ", or the principle it is suggested for."))
    if wins:
        intro += " The quick wins are small steps that can start this month."
    return PlanView(intro, tuple(focus), wins, ACTION_HEADER, tuple(rows), None,
                    _targets(result), "Sustain and share" if sustain else "Improvement plan",
                    tuple(keys))


#: The plan CSV: the report's action table, the keys that let ``--previous-plan`` match a row at
#: the next wave, and three columns for the organization to fill in (docs/waves.md).
CSV_HEADER = ("Area", "Action", "First step", "Suggested lead", "Time to first results",
              "suggestion_id", "principle", "statements", "status", "owner", "due_date")


def plan_csv_rows(view: PlanView) -> tuple[list[str], list[list[object]]]:
    rows: list[list[object]] = []
    for row, (sid, principle, items) in zip(view.action_rows, view.action_keys, strict=True):
        rows.append([*row[:5], sid, principle, " ".join(items), "", "", ""])
    return list(CSV_HEADER), rows


@dataclass(frozen=True)
class Method:
    paragraphs: tuple[str, ...]
    bands: tuple[tuple[str, str], ...]  # label, range
    bands_note: str | None
    references: tuple[str, ...]


def method(result: ScoreResult, plan: ImprovementPlan | None,
           references: Mapping[str, ReferenceLike], extra: Sequence[str] = ()) -> Method:
    q, rules = result.questionnaire, result.rules
    paras = [
        f"Questionnaire: {q.title}, id {q.id}, questionnaire version {q.version}"
        + (f", form “{result.form}”" if result.form else "") + ". "
        + ("It has published validation evidence." if q.validated else
           "It is not a validated measure: read its scores as indicative."),
        "Each answer is turned into a number on its scale; statements worded the other way "
        f"round are reverse-scored ({rules.reverse_keying}). A person's score for a principle "
        "is the average of the statements they answered for it (weighted where a statement "
        "serves two principles), shown on a 0 to 100 scale: (average − lowest point) ÷ "
        "(highest point − lowest point) × 100.",
        "“Don't know”, “Not applicable” and skipped statements count as missing, never as "
        f"zero. A principle's score is only computed for someone who answered at least "
        f"{rules.min_answered:.0%} of its statements.",
        f"{fmt.count(result.respondents, 'person', 'people')} were scored"
        + left_out(result) + ".",
        "The organization's score is the average of people's scores, with a 95% confidence "
        "interval from the t distribution. The interval describes the method, not this one "
        "range: computed the same way over many surveys of the same organization, 95 of 100 "
        "such intervals would contain the average everyone's answers would give. A narrow "
        "interval means many consistent answers; a wide one means few or very mixed answers. "
        "It does not allow for people who chose not to answer.",
        RULE,
        "A band is named only when a score's whole interval lies inside it; otherwise the "
        "score is said to lie between two bands.",
        TARGET_RULE,
        "Reliability is Cronbach's alpha from each pair of a principle's statements over the "
        "people who answered both (as R's psych package computes it), not reported with fewer "
        "than 3 statements or 10 people per pair. Values of 0.70 or more are usually taken as "
        "acceptable.",
        suppression_sentence(rules.min_group_size),
        "For each statement, answers in the upper half of the scale are favourable and those "
        "in the lower half unfavourable (the middle point of an odd scale is neutral); for a "
        "statement worded the other way round, disagreeing is favourable. Charts, counts and "
        "rankings all use this recoding; the statement tables also say what people actually "
        "answered.",
        "The heatmap shows the average statement score for each principle and domain; a "
        "hatched cell has no statement, which is not the same as a low score.",
        *extra,
        f"Made with tila {result.tila_version}.",
    ]
    refs = [q.citation] if q.citation else []
    if _ref_key(SAMHSA) not in {_ref_key(r) for r in refs}:  # the questionnaire may cite it
        refs.append(SAMHSA)
    seen: set[str] = set()
    if plan is not None:
        picks = [p for a in plan.focus for p in a.picks] + [w.pick for w in plan.quick_wins]
        for p in picks:
            for rid in p.suggestion.references:
                if rid in references and rid not in seen:
                    seen.add(rid)
                    cite = references[rid].citation
                    if _ref_key(cite) not in {_ref_key(r) for r in refs}:
                        refs.append(cite)
    return Method(tuple(paras),
                  tuple((b.label, band_range(b.min, b.max)) for b in q.scoring.bands),
                  q.scoring.bands_note, tuple(refs))


def _ref_key(cite: str) -> str:
    """What identifies a publication (a DOI or a report number), so it is listed only once even
    when two citations of it are worded differently."""
    found = re.search(r"10\.\d{4,}/\S+|No\. \(\w+\) [\d-]+", cite)
    return found.group(0).rstrip(".") if found else " ".join(cite.split())


def band_range(lo: float, hi: float) -> str:
    """Which side of a band's range is included: bands hold min <= score < max (100 in the top)."""
    if hi >= 100:
        return f"{lo:g} to 100 (including {lo:g} and 100)"
    return f"{lo:g} up to but not including {hi:g}"
