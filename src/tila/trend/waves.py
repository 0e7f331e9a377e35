"""A trend: every principle's score in every wave, and its change since the first and the
previous wave.

Each wave is scored on its own (so each wave's groups are suppressed by scoring's own rules),
then the waves are compared principle by principle. The figures published per wave are exactly
what ``tila score`` would publish for that wave alone.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from tila.errors import Problem, ScoringError
from tila.report.compare import welch
from tila.scoring.result import GroupSummary, ScoreResult, Summary
from tila.trend.change import OVERALL, Change, change, panel_size
from tila.trend.pairing import jointly_safe_pairs


@dataclass(frozen=True)
class Wave:
    label: str
    result: ScoreResult
    # Per ``--by`` field, each row's group value: the shown groups' figures are published
    # beside the paired changes, so the pairing check (pairing.py) counts them.
    fields: dict[str, list[str]] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Point:
    """One wave's figure for one principle."""

    wave: str
    n: int
    score: float
    lo: float
    hi: float


@dataclass(frozen=True)
class Line:
    """One principle (or the overall index) across the waves."""

    id: str
    title: str
    points: tuple[Point, ...]
    since_first: tuple[Change, ...]  # wave 2..k against wave 1
    since_previous: tuple[Change, ...]  # wave 2..k against the wave before


@dataclass(frozen=True)
class GroupChange:
    """A group shown in two consecutive waves: its change on one principle (independent)."""

    field: str
    value: str
    target: str
    earlier: str
    later: str
    diff: float
    lo: float
    hi: float


@dataclass(frozen=True)
class Trend:
    waves: tuple[Wave, ...]
    lines: tuple[Line, ...]  # principles in questionnaire order, then the overall index
    panels: tuple[tuple[str, str, int], ...]  # earlier, later, respondent ids in both
    group_changes: tuple[GroupChange, ...]
    min_group_size: int
    paired_allowed: bool

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(w.label for w in self.waves)


def _point(label: str, s: Summary) -> Point:
    return Point(label, s.n, s.score, s.ci95[0], s.ci95[1])


def _group_changes(waves: Sequence[Wave]) -> list[GroupChange]:
    """Changes of groups shown in both of two consecutive waves, from published figures only:
    a hidden group (in either wave) gets no change, so nothing hidden is implied."""
    out = []
    for a, b in itertools.pairwise(waves):
        for field, gb in b.result.groups.items():
            before = {g.value: g for g in a.result.groups[field].groups} \
                if field in a.result.groups else {}
            for g in gb.groups:
                old: GroupSummary | None = before.get(g.value)
                if old is None or old.suppressed or g.suppressed:
                    continue
                for pid, s in (g.principles or {}).items():
                    t = (old.principles or {}).get(pid)
                    if t is None:
                        continue
                    diff, lo, hi = welch(t.n, t.score, t.sd, s.n, s.score, s.sd)
                    out.append(GroupChange(field, g.value, pid, a.label, b.label, diff, lo, hi))
    return out


def build_trend(waves: Sequence[Wave], *, min_group_size: int, paired: bool = True) -> Trend:
    """Compare two or more waves scored with the same questionnaire (see align.py)."""
    if len(waves) < 2:
        raise ScoringError([Problem(code="too-few-waves", message="a trend needs at least two "
                                    "waves")])
    first = waves[0].result.questionnaire
    for w in waves[1:]:
        q = w.result.questionnaire
        if (q.id, q.version, q.item_ids) != (first.id, first.version, first.item_ids):
            raise ScoringError([Problem(code="wave-version", message=f"wave '{w.label}' "
                                        "was scored with another questionnaire; align the "
                                        "waves on their shared statements first")])
    targets = [*waves[0].result.principles, OVERALL]
    # Consecutive waves first: "since the previous wave" is the change people read first.
    pairs = [(k - 1, k) for k in range(1, len(waves))] + [(0, k) for k in range(2, len(waves))]
    lines = []
    for t in targets:
        ok = jointly_safe_pairs([w.result for w in waves], [w.fields for w in waves], t, pairs,
                                min_group_size=min_group_size) if paired else set()
        def summ(w: Wave, t: str = t) -> Summary:
            return w.result.overall if t == OVERALL else w.result.principles[t]

        def diff(a: int, b: int, t: str = t, ok: set[tuple[int, int]] = ok) -> Change:
            return change(waves[a].result, waves[b].result, t, (waves[a].label, waves[b].label),
                          min_group_size=min_group_size, allow_paired=paired,
                          jointly_safe=(a, b) in ok)

        title = summ(waves[0]).title
        lines.append(Line(
            t, title, tuple(_point(w.label, summ(w)) for w in waves),
            tuple(diff(0, k) for k in range(1, len(waves))),
            tuple(diff(k - 1, k) for k in range(1, len(waves)))))
    shown = [(waves[0], w) for w in waves[1:]] + list(itertools.pairwise(waves[1:]))
    panels = tuple((a.label, b.label, panel_size(a.result, b.result)) for a, b in shown)
    return Trend(tuple(waves), tuple(lines), panels, tuple(_group_changes(waves)),
                 min_group_size, paired)
