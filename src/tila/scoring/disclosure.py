"""Which group figures may be published: no subtraction may single out a small set of people.

A published figure (n, mean, SD, ...) of a group is a sum over the people in it, so an adversary
holding several figures can add and subtract them. Whatever set of people such a combination
describes must be empty, everyone, or at least the minimum group size. Within one ``--by`` field
the pool rule in ``tila.statistics.suppress_small_groups`` guarantees this (the groups are
disjoint, so the only set a combination can describe beyond shown groups is the pool of everyone
not shown). Across two or more fields the groups overlap, and subtraction can single out people
in the overlap: if all five leaders work at the North site, North minus Leadership is North's
other staff, perhaps two people. This module finds such combinations exactly and hides figures
until none is left.

Method: people fall into cells, one per combination of their answers to the fields (not stated
counts as an answer). A set of cells is derivable when its indicator vector lies in the span of
the published figures' indicators, which is when it equals its projection onto that span.
A derivable set smaller than the minimum can only contain cells smaller than the minimum, and at
most minimum - 1 of them, so enumerating those subsets is exact and quick.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Figure:
    """One published group figure for one target: which field and group it belongs to."""

    field: str
    group: int  # code of the group within its field
    n: int


class TooManyCells(Exception):
    """The exact search would take too long (many tiny cells and a large minimum)."""


# Half-subsets the meet-in-the-middle search may list per check: enough for every layout with
# the default minimum of 5 (sets of at most 4 cells, so pairs of cells), and a few seconds.
SEARCH_BUDGET = 400_000


def find_leak(sizes: Ints, published: Sequence[Mask], min_size: int) -> Mask | None:
    """A set of cells whose indicator is a combination of ``published`` (the organization
    total among them) and that holds 1 to ``min_size - 1`` people, or None.

    Cells that every published figure treats alike (the same column) are one cell to the
    reader, so they are merged first. A derivable set's cells have null-space rows summing to
    zero; a small set has at most ``min_size - 1`` cells, so it is found as two halves whose
    sums cancel (meet in the middle), the halves matched on a random projection and the match
    then checked on the whole vector. Raises TooManyCells past SEARCH_BUDGET.
    """
    if int(sizes.sum()) < min_size:  # everyone is fewer: only the total is published then,
        return None  # and the organization's own figures carry a warning of their own
    live = np.flatnonzero(sizes > 0)
    columns = np.array([p[live] for p in published], dtype=np.float64)
    merged, which = np.unique(columns.T, axis=0, return_inverse=True)
    which = which.reshape(-1)
    weight = np.bincount(which, weights=sizes[live]).astype(np.int64)
    # An orthonormal basis of what the published figures span: a set is derivable exactly
    # when its indicator equals its own projection onto that span.
    _, sv, vt = np.linalg.svd(merged.T, full_matrices=False)
    rank = int((sv > 1e-9 * max(1.0, float(sv[0]) if sv.size else 1.0)).sum())
    basis = vt[:rank].T  # (merged cells, rank)
    small = np.flatnonzero(weight < min_size)

    def derivable(cells: list[int]) -> bool:
        v = np.zeros(basis.shape[0])
        v[small[cells]] = 1.0
        return bool(np.abs(v - basis @ (basis.T @ v)).max() < 1e-8)

    # A random direction seen through the residual map: derivable sets sum to zero on it.
    u = np.random.default_rng(0).standard_normal(basis.shape[0])
    proj = (u - basis @ (basis.T @ u))[small]
    found = _cancelling_subset(proj, weight[small], min_size, derivable)
    if found is None:
        return None
    out = np.zeros(sizes.size, dtype=bool)
    out[live[np.isin(which, small[found])]] = True
    return out


def _cancelling_subset(proj: npt.NDArray[np.float64], weight: Ints, min_size: int,
                       derivable: Callable[[list[int]], bool]) -> list[int] | None:
    """A non-empty set of cells whose ``proj`` values cancel, whose weights total under
    ``min_size`` and that ``derivable`` confirms, or None."""
    if proj.size == 0:
        return None
    half = (min(min_size - 1, proj.size) + 1) // 2
    # Every set of at most ``half`` cells with total weight under min_size, as a padded index
    # array (-1 = no cell), with its weight and projected sum, built level by level.
    members = [np.full((1, half), -1, dtype=np.int64)]
    weights, sums = [np.zeros(1, dtype=np.int64)], [np.zeros(1)]
    level, lw, ls = members[0], weights[0], sums[0]
    count = 1
    for depth in range(half):
        last = level[:, depth - 1] if depth else np.full(level.shape[0], -1)
        parent, cell = np.nonzero(np.arange(proj.size)[None, :] > last[:, None])
        total = lw[parent] + weight[cell]
        ok = total < min_size
        parent, cell, total = parent[ok], cell[ok], total[ok]
        count += parent.size
        if count > SEARCH_BUDGET:
            raise TooManyCells
        level = level[parent].copy()
        level[:, depth] = cell
        lw, ls = total, ls[parent] + proj[cell]
        members.append(level)
        weights.append(lw)
        sums.append(ls)
    every, w, sm = np.vstack(members), np.concatenate(weights), np.concatenate(sums)
    scale = 1e-7 * max(1.0, float(np.abs(proj).max(initial=0.0)))
    order = np.argsort(sm)
    ranked = sm[order]
    lo = np.searchsorted(ranked, -sm - scale)
    hi = np.searchsorted(ranked, -sm + scale)
    for a in np.flatnonzero(hi > lo):
        for b in order[lo[a]:hi[a]]:
            if w[a] + w[b] >= min_size:
                continue
            ca, cb = every[a][every[a] >= 0], every[b][every[b] >= 0]
            both = sorted(set(ca.tolist()) | set(cb.tolist()))
            if both and len(both) == ca.size + cb.size and derivable(both):
                return both
    return None


def hide_overlaps(cells: Ints, codes: dict[str, Ints], figures: dict[str, list[Figure]],
                  min_size: int, single_field: Callable[[str, list[Figure]], list[Figure]]
                  ) -> list[tuple[Figure, str]]:
    """Figures of one target to hide so that no combination isolates a small set.

    ``cells`` counts the people with a score for this target in each cell; ``codes[field]`` is
    each cell's group code in that field (-1: not stated); ``figures[field]`` the figures that
    field would publish. While a leak exists, the smallest figure whose removal closes it is
    hidden; ``single_field`` then reapplies a field's own pool rule to what is left of it
    (returning further figures to hide), since hiding one group can make a pool too small.
    Returns each hidden figure with the reason: "overlap" or "complementary".
    """
    hidden: list[tuple[Figure, str]] = []
    while True:
        gone = {f for f, _ in hidden}
        shown = [f for fs in figures.values() for f in fs if f not in gone]
        vectors = [codes[f.field] == f.group for f in shown]
        try:
            leak = find_leak(cells, [np.ones(cells.size, dtype=bool), *vectors], min_size)
        except TooManyCells:
            # Too many tiny cells to check exactly: keep the first field's figures (its own
            # pool rule makes them safe alone) and hide the other fields' for this target.
            first = next(iter(figures))
            return hidden + [(f, "overlap") for f in shown if f.field != first]
        if leak is None:
            return hidden
        culprit = _smallest_closing(cells, shown, vectors, leak)
        hidden.append((culprit, "overlap"))
        rest = [f for f in figures[culprit.field] if f not in gone and f != culprit]
        hidden.extend((f, "complementary") for f in single_field(culprit.field, rest))


def _smallest_closing(cells: Ints, shown: list[Figure], vectors: list[Mask], leak: Mask
                      ) -> Figure:
    """The smallest shown figure without which ``leak`` is no longer derivable (one always
    exists: without any group figure only the total is published)."""
    target = leak.astype(np.float64)
    live = cells > 0
    for k in sorted(range(len(shown)), key=lambda k: (shown[k].n, k)):
        others = [v for j, v in enumerate(vectors) if j != k]
        basis = np.array([np.ones(int(live.sum())), *(v[live] for v in others)])
        coef, *_ = np.linalg.lstsq(basis.T, target[live], rcond=None)
        if np.abs(basis.T @ coef - target[live]).max() > 1e-8:
            return shown[k]
    return min(shown, key=lambda f: f.n)
