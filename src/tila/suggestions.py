"""Choose and rank improvement suggestions for a ScoreResult: the report's improvement plan.

The rules, in the order a reader would ask about them:

* Focus areas are given by the caller (the report passes the principles clearly below the
  overall index, tila.report.ranking.focus_ids); without them, the weakest principles, at most
  three (``MAX_FOCUS``), lowest score first; ties go to the framework's order, so the same
  scores always give the same plan.
* A suggestion is never chosen when a statement it answers is among the organization's
  strongest (the top fifth, ``STRONG_SHARE``): working on what already works wastes the plan.
* Each focus area gets two or three suggestions written for that principle and for the stage band
  its score falls in. A suggestion ranks higher when it answers the principle's weakest items
  (the lower those items score, the higher it ranks), then when it takes less effort, then by its
  place in the library. When fewer than two fit the band, suggestions for the nearest bands fill
  in, so a focus area is never left empty while the library has something for its principle.
* Quick wins are low-effort suggestions tied to the lowest-scoring items of the whole
  questionnaire that are not already part of a focus area (at most ``MAX_QUICK_WINS``).

The library is read through small protocols (any object with these attributes will do), which
keeps this module independent of how the library is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from tila.framework import PRINCIPLE_IDS

if TYPE_CHECKING:
    from tila.scoring.result import ItemStat, ScoreResult, Summary

MAX_FOCUS = 3
MAX_PER_FOCUS = 3
MIN_PER_FOCUS = 2
MAX_QUICK_WINS = 3
LOW_ITEMS = 3  # weakest items per principle named as the reason for a focus area
STRONG_SHARE = 0.2  # the top fifth of statements by score count as the strongest
_EFFORT_RANK = {"low": 0, "medium": 1, "high": 2}
_BAND_ORDER = ("aware", "sensitive", "responsive", "informed")


class SuggestionLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def principle(self) -> str: ...
    @property
    def domain(self) -> str: ...
    @property
    def bands(self) -> Sequence[str]: ...
    @property
    def effort(self) -> str: ...
    @property
    def items(self) -> Sequence[str]: ...  # "questionnaire:item"
    @property
    def why(self) -> str: ...
    @property
    def actions(self) -> Sequence[str]: ...
    @property
    def horizon(self) -> int: ...  # days until a visible result
    @property
    def owner(self) -> str: ...
    @property
    def references(self) -> Sequence[str]: ...
    @property
    def cost_of_inaction(self) -> str | None: ...


class LibraryLike(Protocol):
    @property
    def suggestions(self) -> Sequence[SuggestionLike]: ...


@dataclass(frozen=True)
class Pick:
    """A chosen suggestion and the items of this assessment it answers (weakest first)."""

    suggestion: SuggestionLike
    items: tuple[str, ...]


@dataclass(frozen=True)
class FocusArea:
    principle: str
    title: str
    score: float
    band_id: str | None
    band_label: str | None
    low_items: tuple[str, ...]  # the principle's weakest items, weakest first
    picks: tuple[Pick, ...]


@dataclass(frozen=True)
class QuickWin:
    pick: Pick
    item: str  # the low item it answers


@dataclass(frozen=True)
class ImprovementPlan:
    focus: tuple[FocusArea, ...]
    quick_wins: tuple[QuickWin, ...]


def _items_of(result: ScoreResult, principle: str) -> list[ItemStat]:
    stats = [s for s in result.items.values()
             if s.principle == principle and s.n > 0 and s.score == s.score]
    order = {iid: k for k, iid in enumerate(result.questionnaire.item_ids)}
    return sorted(stats, key=lambda s: (s.score, order[s.id]))


def _linked(s: SuggestionLike, qid: str, scores: Mapping[str, float]) -> list[str]:
    """Items of this questionnaire the suggestion names, weakest first."""
    ids = [ref.split(":", 1)[1] for ref in s.items if ref.split(":", 1)[0] == qid]
    return sorted((i for i in ids if i in scores), key=lambda i: (scores[i], i))


def _band_distance(s: SuggestionLike, band: str | None) -> int:
    if band is None or band not in _BAND_ORDER:
        return 0  # a questionnaire with its own bands: every band fits
    here = _BAND_ORDER.index(band)
    return min((abs(_BAND_ORDER.index(b) - here) for b in s.bands if b in _BAND_ORDER),
               default=len(_BAND_ORDER))


@lru_cache(maxsize=32)
def _has_forms(questionnaire_id: str) -> bool:
    """Whether a built-in questionnaire rates one person in self and staff forms."""
    from tila.errors import TilaError
    from tila.questionnaire.builtin import builtin_path
    from tila.questionnaire.parse import load_questionnaire

    path = builtin_path(questionnaire_id)
    if path is None:
        return False
    try:
        return bool(load_questionnaire(path).forms)
    except TilaError:
        return False


def applies(s: SuggestionLike, result: ScoreResult) -> bool:
    """Whether a suggestion suits this survey.

    A suggestion tied only to items of a questionnaire about one leader's own practice (one with
    self and staff forms, like tila-leader) speaks to that leader ("ask your team for feedback
    on your leadership"); it does not belong in the plan of an all-staff survey. The other way
    round, a leader's report draws only suggestions tied to its own statements: an
    organization-wide suggestion answers no rating the leader received.
    """
    q = result.questionnaire
    if q.forms:
        return any(ref.split(":", 1)[0] == q.id for ref in s.items)
    if not s.items:
        return True
    named = {ref.split(":", 1)[0] for ref in s.items}
    return q.id in named or not all(_has_forms(other) for other in named)


def _rank_for(summary: Summary, library: LibraryLike, qid: str,
              scores: Mapping[str, float], low: Sequence[str],
              suits: Callable[[SuggestionLike], bool] = lambda s: True) -> list[Pick]:
    position = {id(s): k for k, s in enumerate(library.suggestions)}
    weak = set(low)

    def key(s: SuggestionLike) -> tuple[int, float, int, int]:
        linked = _linked(s, qid, scores)
        need = sum(100.0 - scores[i] for i in linked if i in weak)
        return (_band_distance(s, summary.band_id), -need, _EFFORT_RANK.get(s.effort, 3),
                position[id(s)])

    candidates = sorted((s for s in library.suggestions
                         if s.principle == summary.id and suits(s)), key=key)
    fitting = [s for s in candidates if _band_distance(s, summary.band_id) == 0]
    chosen = fitting[:MAX_PER_FOCUS]
    if len(chosen) < MIN_PER_FOCUS:
        chosen += [s for s in candidates if s not in chosen][:MIN_PER_FOCUS - len(chosen)]
    return [Pick(s, tuple(_linked(s, qid, scores))) for s in chosen]


def strongest(scores: Mapping[str, float]) -> set[str]:
    """The top fifth of statements by score (at least one): never the target of a suggestion."""
    if not scores:
        return set()
    k = max(1, round(len(scores) * STRONG_SHARE))
    return set(sorted(scores, key=lambda i: (-scores[i], i))[:k])


def choose(result: ScoreResult, library: LibraryLike, *, max_focus: int = MAX_FOCUS,
           focus: Sequence[str] | None = None) -> ImprovementPlan:
    """The improvement plan for a result: focus areas with suggestions, then quick wins."""
    qid = result.questionnaire.id
    scores = {s.id: s.score for s in result.items.values() if s.n > 0 and s.score == s.score}
    scored = [s for s in result.principles.values() if s.n > 0 and s.score == s.score]
    if focus is None:
        weakest = sorted(scored, key=lambda s: (s.score, PRINCIPLE_IDS.index(s.id)))[:max_focus]
    else:
        weakest = [result.principles[p] for p in focus if p in result.principles][:max_focus]
    best = strongest(scores)

    def suits(s: SuggestionLike) -> bool:
        return applies(s, result) and not best.intersection(_linked(s, qid, scores))

    areas = []
    used: set[str] = set()
    for summary in weakest:
        low = tuple(s.id for s in _items_of(result, summary.id)[:LOW_ITEMS])
        picks = _rank_for(summary, library, qid, scores, low, suits)
        used.update(p.suggestion.id for p in picks)
        areas.append(FocusArea(summary.id, summary.title, summary.score, summary.band_id,
                               summary.band_label, low, tuple(picks)))
    return ImprovementPlan(tuple(areas), _quick_wins(result, library, scores, used, best))


def _quick_wins(result: ScoreResult, library: LibraryLike, scores: Mapping[str, float],
                used: set[str], best: set[str]) -> tuple[QuickWin, ...]:
    qid = result.questionnaire.id
    order = {iid: k for k, iid in enumerate(result.questionnaire.item_ids)}
    lowest = sorted(scores, key=lambda i: (scores[i], order[i]))
    wins: list[QuickWin] = []
    def stage(item: str) -> str | None:
        stat = result.items[item]
        p = result.principles.get(stat.principle)
        return p.band_id if p is not None else None

    for item in lowest:
        if len(wins) >= MAX_QUICK_WINS:
            break
        for s in library.suggestions:
            linked = _linked(s, qid, scores)
            # A quick win fits the stage of the principle it serves: a top-band "sustain and
            # share" step is no quick win for an organization still in the band below.
            if (s.effort == "low" and s.id not in used and item in linked
                    and _band_distance(s, stage(item)) == 0
                    and applies(s, result) and not best.intersection(linked)):
                used.add(s.id)
                wins.append(QuickWin(Pick(s, tuple(linked)), item))
                break
    if wins:
        return tuple(wins)
    # A questionnaire the library does not name item by item: low-effort suggestions for the
    # principles of the lowest items, in the band those principles are in.
    for item in lowest:
        if len(wins) >= MAX_QUICK_WINS:
            break
        stat = result.items[item]
        band = result.principles[stat.principle].band_id if stat.principle in \
            result.principles else None
        for s in library.suggestions:
            if (s.effort == "low" and s.id not in used and s.principle == stat.principle
                    and _band_distance(s, band) == 0 and applies(s, result)
                    and not best.intersection(_linked(s, qid, scores))):
                used.add(s.id)
                wins.append(QuickWin(Pick(s, ()), item))
                break
    return tuple(wins)
