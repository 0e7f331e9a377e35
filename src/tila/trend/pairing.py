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
such sets are enumerated (only among the small cells that some combination zero on every
larger cell reaches, and only when the new figure adds such a combination). Pairs are
admitted one by one (consecutive waves first): a pair is paired only when its figure, added
to what is already published, tells nothing more about any set of fewer than the minimum than
was already known (the per-wave figures, which scoring's own rules have already made safe).
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


def _cells(matrix: Floats, persons: int, waves: int) -> tuple[Floats, npt.NDArray[np.int64]]:
    """People whom every figure treats alike, merged: the figures over (cell, wave) unknowns,
    shaped (figures, cells, waves), and each cell's size. ``matrix`` is person major."""
    f = matrix.shape[0]
    flat = matrix.reshape(f, persons, waves).transpose(1, 0, 2).reshape(persons, -1)
    # Rows are small whole numbers: a random projection tells them apart (equal rows give
    # equal keys; unequal ones collide with probability zero) far faster than sorting rows.
    key = flat @ np.random.default_rng(0).standard_normal(flat.shape[1])
    _, first, size = np.unique(key, return_index=True, return_counts=True)
    cols = flat[first].reshape(first.size, f, waves).transpose(1, 0, 2)
    return cols, size.astype(np.int64)


def _loss(cols: Floats, drop: npt.NDArray[np.bool_]) -> int:
    """How many independent combinations of the figures describe the dropped cells alone:
    the rank lost when their columns are removed."""
    f = cols.shape[0]
    return _rank(cols.reshape(f, -1)) - _rank(cols[:, ~drop, :].reshape(f, -1))


def _small_support(cols: Floats, small: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """The small cells that some combination of the figures, zero on every other cell, does
    not leave at zero."""
    f, cells, waves = cols.shape
    _, sv, vt = np.linalg.svd(cols.reshape(f, -1), full_matrices=False)
    top = float(sv[0]) if sv.size else 1.0
    basis = vt[:int((sv > 1e-9 * max(1.0, top)).sum())]
    part = basis[:, np.repeat(~small, waves)]
    # Combinations y with y @ part = 0: the null space of the small (rank x rank) gram matrix.
    u, sl, _ = np.linalg.svd(part @ part.T)
    kept = int((sl > 1e-12).sum())
    space = u[:, kept:].T @ basis  # combinations that are zero on every large cell
    out: npt.NDArray[np.bool_] = np.abs(space.reshape(-1, cells, waves)).max(
        axis=(0, 2), initial=0.0) > 1e-9
    return out


def adds_small_set(before: Floats, figure: Floats, persons: int, waves: int, min_size: int
                   ) -> bool:
    """Whether publishing ``figure`` beside ``before`` (figures over persons * waves, person
    major) describes some set of 1 to ``min_size - 1`` people by more combinations than
    ``before`` alone does (or the exact search would take too long: then the safe answer)."""
    cols, size = _cells(np.vstack([before, figure[None, :]]), persons, waves)
    support = _small_support(cols, size < min_size)
    if not support.any():
        return False
    if _loss(cols, support) == _loss(cols[:-1], support):
        return False  # on the small cells, nothing is described that was not before
    checked = 0
    for k in range(1, min_size):
        for combo in itertools.combinations(np.flatnonzero(support).tolist(), k):
            if int(size[list(combo)].sum()) >= min_size:
                continue
            checked += 1
            if checked > SEARCH_BUDGET:
                return True
            drop = np.zeros(size.size, dtype=bool)
            drop[list(combo)] = True
            if _loss(cols, drop) > _loss(cols[:-1], drop):
                return True
    return False


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
        if adds_small_set(published, figure, persons, waves, min_size):
            continue
        published = np.vstack([published, figure[None, :]])
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
                for k, i in enumerate(r.respondent_scores().ids)]
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
