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
the published figures' indicators, which is when it is orthogonal to that span's null space.
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


def find_leak(sizes: Ints, published: Sequence[Mask], min_size: int) -> Mask | None:
    """A set of cells whose indicator is a combination of ``published`` (the organization
    total among them) and that holds 1 to ``min_size - 1`` people, or None."""
    live = np.flatnonzero(sizes > 0)
    if int(sizes.sum()) < min_size:  # everyone is fewer: only the total is published then,
        return None  # and the organization's own figures carry a warning of their own
    basis = np.array([p[live] for p in published], dtype=np.float64)
    _, sv, vt = np.linalg.svd(basis)
    rank = int((sv > 1e-9 * max(1.0, float(sv[0]) if sv.size else 1.0)).sum())
    null = vt[rank:].T  # (live cells, d): a set is derivable iff its rows sum to zero here
    small = [i for i in range(live.size) if sizes[live[i]] < min_size]
    found: list[int] | None = None

    def search(start: int, chosen: list[int], total: int, acc: npt.NDArray[np.float64]
               ) -> bool:
        nonlocal found
        if chosen and np.abs(acc).max(initial=0.0) < 1e-8:
            found = list(chosen)
            return True
        for k in range(start, len(small)):
            i = small[k]
            n = int(sizes[live[i]])
            if total + n >= min_size:
                continue
            chosen.append(i)
            if search(k + 1, chosen, total + n, acc + null[i]):
                return True
            chosen.pop()
        return False

    if search(0, [], 0, np.zeros(null.shape[1])) and found is not None:
        out = np.zeros(sizes.size, dtype=bool)
        out[live[found]] = True
        return out
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
        leak = find_leak(cells, [np.ones(cells.size, dtype=bool), *vectors], min_size)
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
