"""The improvement plan and the methodology appendix as finished text and table rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from tila.report import fmt
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


ACTION_HEADER = ("Area", "Action", "First step", "Suggested lead", "Time to first results",
                 "Owner", "Target date")


def _view(result: ScoreResult, pick: Pick) -> SuggestionView:
    s = pick.suggestion
    texts = [f"“{result.items[i].text}”" for i in pick.items if i in result.items]
    return SuggestionView(s.id, s.title, s.why, tuple(s.actions), EFFORT.get(s.effort, s.effort),
                          horizon(s.horizon), OWNERS.get(s.owner, s.owner), s.cost_of_inaction,
                          _answers(texts))


def _answers(texts: list[str]) -> str:
    if not texts:
        return ""
    sentence = "It answers " + fmt.join(texts)
    # Statements usually end with a full stop inside the quotes; do not add a second one.
    return sentence if sentence.endswith((".”", "?”", "!”")) else sentence + "."


def plan_view(result: ScoreResult, plan: ImprovementPlan | None) -> PlanView:
    if plan is None or not plan.focus:
        return PlanView("", (), (), ACTION_HEADER, (),
                        "No suggestions library was available for this report, so no "
                        "improvement plan was made.")
    n = len(result.principles)
    focus = []
    rows: list[tuple[str, ...]] = []
    for rank, area in enumerate(plan.focus):
        place = "the lowest" if rank == 0 else ("the second lowest" if rank == 1
                                                 else "the third lowest")
        reason = (f"Score {fmt.score(area.score)} ({area.band_label or 'no band'}), {place} of "
                  f"the {n} principles. The statements with the most room to grow:")
        statements = tuple(f"“{result.items[i].text}” ({fmt.score(result.items[i].score)})"
                           for i in area.low_items)
        views = tuple(_view(result, p) for p in area.picks)
        focus.append(FocusView(f"focus-{area.principle}", area.title, reason, statements, views))
        rows += [(area.title, v.title, v.actions[0] if v.actions else "", v.owner, v.horizon,
                  "", "") for v in views]
    wins = tuple(_view(result, w.pick) for w in plan.quick_wins)
    rows += [("Quick win", v.title, v.actions[0] if v.actions else "", v.owner, v.horizon, "",
              "") for v in wins]
    intro = (f"The plan concentrates on {fmt.count(len(focus), 'growth area')}, the principles "
             "with the lowest scores, rather than trying to change everything at once. Each "
             "area has a few suggestions matched to its stage; the quick wins are small steps "
             "that answer the lowest-rated statements and can start this month.")
    return PlanView(intro, tuple(focus), wins, ACTION_HEADER, tuple(rows), None)


def plan_csv_rows(view: PlanView) -> tuple[list[str], list[list[object]]]:
    return list(view.action_header), [list(r) for r in view.action_rows]


@dataclass(frozen=True)
class Method:
    paragraphs: tuple[str, ...]
    bands: tuple[tuple[str, str], ...]  # label, range
    bands_note: str | None
    references: tuple[str, ...]


def method(result: ScoreResult, plan: ImprovementPlan | None,
           references: Mapping[str, ReferenceLike], extra: Sequence[str] = ()) -> Method:
    q, rules = result.questionnaire, result.rules
    excluded = sum(result.excluded.values())
    paras = [
        f"Questionnaire: {q.title}, id {q.id}, version {q.version}"
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
        + (f"; {fmt.count(excluded, 'more response')} answered too few statements to be "
           "scored and are left out" if excluded else "") + ".",
        "The organization's score is the average of people's scores, with a 95% confidence "
        "interval from the t distribution: the range that would contain the true average in "
        "95 of 100 surveys like this one.",
        "Reliability is Cronbach's alpha from each pair of a principle's statements over the "
        "people who answered both (as R's psych package computes it), not reported with fewer "
        "than 3 statements or 10 people per pair. Values of 0.70 or more are usually taken as "
        "acceptable.",
        suppression_rule(rules.min_group_size),
        "The heatmap shows the average statement score for each principle and domain; a cell "
        "marked “none” has no statement, which is not the same as a low score.",
        *extra,
        f"Made with tila {result.tila_version}.",
    ]
    refs = [q.citation] if q.citation else []
    refs.append("Substance Abuse and Mental Health Services Administration (2014). SAMHSA's "
                "Concept of Trauma and Guidance for a Trauma-Informed Approach. HHS "
                "Publication No. (SMA) 14-4884.")
    seen: set[str] = set()
    if plan is not None:
        picks = [p for a in plan.focus for p in a.picks] + [w.pick for w in plan.quick_wins]
        for p in picks:
            for rid in p.suggestion.references:
                if rid in references and rid not in seen:
                    seen.add(rid)
                    cite = references[rid].citation
                    if cite not in refs:
                        refs.append(cite)
    return Method(tuple(paras),
                  tuple((b.label, f"{b.min:g} to {b.max:g}") for b in q.scoring.bands),
                  q.scoring.bands_note, tuple(refs))


def suppression_rule(min_size: int) -> str:
    return (f"Groups with fewer than {min_size} people are never shown. If only one group is "
            "that small, the next smallest is hidden too, so the small group's figures cannot "
            "be worked out by subtraction.")
