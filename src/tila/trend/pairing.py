"""Which pairs of waves may be compared as a panel, taken together.

A paired change publishes the sum of the panel's differences, ``sum over P of (x_b - x_a)``.
Each pair is safe on its own when the people outside its panel are none or at least the
minimum (change.py), but several paired changes are published at once, and they can be added
and subtracted like any other figures. With three waves, five people in all three, one person
J in the first and the third only, and five more people in each of the first and the third
only, every pair passes its own check, yet

    (1->3 change) x 6  -  (1->2 change) x 5  -  (2->3 change) x 5  =  J's own change.

So the rule of docs/scoring.md is applied to the waves together. The unknowns are each
person's score in each wave they were scored in; every published figure (a wave's total, a
shown group's total in a wave, a paired change) is a linear combination of them. A published
set reveals something about a set S of people when some combination of the figures is zero on
everyone outside S and not zero on S, that is when the rank of the figures drops once S's
columns are removed. People whom every figure treats alike are merged into one cell first;
a set of fewer than the minimum can only be made of cells smaller than the minimum, so the few
such sets are enumerated. Pairs are then admitted one by one (consecutive waves first): a pair
is paired only when its figure, added to what is already published, tells nothing more about
any set of fewer than the minimum than was already known (the per-wave figures, which
scoring's own rules have already made safe).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from tila.scoring.result import GroupSummary, ScoreResult
from tila.trend.change import OVERALL, column, panel_rows, usable_ids

Floats = npt.NDArray[np.float64]

# Sets of small cells checked per pair at most; past it tila does not pair (the safe answer).
SEARCH_BUDGET = 20_000


def _rank(m: Floats) -> int:
    return int(np.linalg.matrix_rank(m)) if m.size else 0


def revealed(matrix: Floats, persons: int, waves: int, min_size: int
             ) -> dict[tuple[int, ...], int] | None:
    """For every set of small cells holding 1 to ``min_size - 1`` people, how many independent
    combinations of the figures describe that set alone, keyed by the sorted person indices
    (sets with none are left out). None when there are more sets than SEARCH_BUDGET."""
    per_person = matrix.reshape(matrix.shape[0], persons, waves).transpose(1, 0, 2)
    flat = per_person.reshape(persons, -1)
    unique, which, size = np.unique(flat, axis=0, return_inverse=True, return_counts=True)
    which = which.reshape(-1)
    cells = unique.shape[0]
    cols = unique.reshape(cells, matrix.shape[0], waves).transpose(1, 0, 2)  # (F, cells, W)
    full = _rank(cols.reshape(matrix.shape[0], -1))
    small = [c for c in range(cells) if size[c] < min_size and np.any(cols[:, c, :])]
    out: dict[tuple[int, ...], int] = {}
    checked = 0
    for k in range(1, min_size):
        for combo in itertools.combinations(small, k):
            if int(size[list(combo)].sum()) >= min_size:
                continue
            checked += 1
            if checked > SEARCH_BUDGET:
                return None
            keep = np.ones(cells, dtype=bool)
            keep[list(combo)] = False
            lost = full - _rank(cols[:, keep, :].reshape(matrix.shape[0], -1))
            if lost:
                people = tuple(sorted(int(p) for p in np.flatnonzero(np.isin(which, combo))))
                out[people] = lost
    return out


def _loss(matrix: Floats, people: tuple[int, ...], waves: int) -> int:
    """How many independent combinations of the figures describe ``people`` alone."""
    keep = np.ones(matrix.shape[1] // waves, dtype=bool)
    keep[list(people)] = False
    cols = np.repeat(keep, waves)
    return _rank(matrix) - _rank(matrix[:, cols])


def admit_pairs(base: Sequence[Floats], candidates: Sequence[tuple[tuple[int, int], Floats]],
                persons: int, waves: int, min_size: int) -> set[tuple[int, int]]:
    """The candidate pairs whose paired figure may be published, admitted in the given order.

    ``base`` are the figures published anyway (each a vector over persons * waves, person
    major); ``candidates`` each pair's paired figure. A pair is admitted when, with it, no set
    of fewer than ``min_size`` people is described by more combinations than without it.
    """
    published = np.array([np.asarray(f, dtype=np.float64) for f in base])
    admitted: set[tuple[int, int]] = set()
    for pair, figure in candidates:
        trial = np.vstack([published, figure[None, :]])
        after = revealed(trial, persons, waves, min_size)
        if after is None or any(v > _loss(published, k, waves) for k, v in after.items()):
            continue
        published = trial
        admitted.add(pair)
    return admitted


def jointly_safe_pairs(results: Sequence[ScoreResult], fields: Sequence[dict[str, list[str]]],
                       target: str, pairs: Sequence[tuple[int, int]], *, min_group_size: int
                       ) -> set[tuple[int, int]]:
    """The pairs of waves (indices into ``results``) that may be paired on ``target``.

    ``fields[w]`` gives, per ``--by`` field, each row's group value in wave ``w`` (so shown
    groups' figures count as published); pairs unsafe on their own are never candidates.
    """
    w_count = len(results)
    persons: dict[tuple[str, ...], int] = {}
    rows_of: list[npt.NDArray[np.intp]] = []  # person index of each row, per wave
    for w, r in enumerate(results):
        ids = usable_ids(r) or {}
        keys = [("id", str(i)) if str(i) in ids else ("row", str(w), str(k))
                for k, i in enumerate(r.per_respondent.ids)]
        rows_of.append(np.array([persons.setdefault(key, len(persons)) for key in keys],
                                dtype=np.intp))
    n = len(persons)
    base = []
    for w, r in enumerate(results):
        scored = ~np.isnan(column(r, target))
        base.append(_figure(n, w_count, [(rows_of[w][scored], w, 1.0)]))
        for field, values in fields[w].items():
            for g in r.groups[field].groups if field in r.groups else ():
                if _shows(g, target):
                    member = scored & (np.asarray(values, dtype=object) == g.value)
                    base.append(_figure(n, w_count, [(rows_of[w][member], w, 1.0)]))
    candidates = []
    for a, b in pairs:
        ra, rb, _ = panel_rows(results[a], results[b], target, min_group_size=min_group_size)
        if ra.size:
            candidates.append(((a, b), _figure(n, w_count, [(rows_of[b][rb], b, 1.0),
                                                            (rows_of[a][ra], a, -1.0)])))
    if not candidates:
        return set()
    return admit_pairs(base, candidates, n, w_count, min_group_size)


def _figure(persons: int, waves: int, parts: list[tuple[npt.NDArray[np.intp], int, float]]
            ) -> Floats:
    v = np.zeros(persons * waves)
    for who, wave, coef in parts:
        v[who * waves + wave] = coef
    return v


def _shows(g: GroupSummary, target: str) -> bool:
    if g.suppressed:
        return False
    if target == OVERALL:
        return g.overall is not None
    return target in (g.principles or {})
