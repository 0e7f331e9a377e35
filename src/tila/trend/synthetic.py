"""Generated waves with a known change, for ``tila demo`` and the tests. Invented data only.

Each wave answers tila-pulse. A person has a lasting tendency to rate high or low (the same in
every wave they answer, which is what makes paired comparisons narrower); each principle has a
level per wave, so a change is exactly what the caller puts in ``shift``. Ids are ``W<k>-<n>``
for people who answered one wave only and ``S<n>`` for panel members.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from tila.questionnaire.model import Questionnaire
from tila.responses.table import ResponseTable

ROLES = ("Direct service", "Supervisor or manager", "Administrative or support", "Leadership")


@dataclass(frozen=True)
class WaveSpec:
    label: str
    n: int  # people answering this wave
    shift: Mapping[str, float]  # principle id -> change of level on the 1-5 scale vs the base
    panel: int = 0  # how many of the n are panel members (ids S1..S<panel>)


def make_waves(q: Questionnaire, specs: Sequence[WaveSpec], *, seed: int = 2026,
               base: float = 3.4, spread: float = 0.75) -> list[ResponseTable]:
    rng = np.random.default_rng(seed)
    most = max([s.panel for s in specs] + [0])
    person = rng.normal(0.0, 0.45, size=most)  # panel members' lasting tendency
    principle = [it.primary_principle for it in q.items]
    tables = []
    for k, spec in enumerate(specs, start=1):
        n_new = spec.n - spec.panel
        tendency = np.concatenate([person[:spec.panel], rng.normal(0.0, 0.45, size=n_new)])
        ids = [f"S{i + 1}" for i in range(spec.panel)] + [f"W{k}-{i + 1}" for i in range(n_new)]
        centre = np.array([base + spec.shift.get(p, 0.0) for p in principle])
        raw = centre[None, :] + tendency[:, None] + rng.normal(0.0, spread,
                                                               size=(spec.n, len(principle)))
        values = np.clip(np.rint(raw), 1, 5)
        values[:, [it.reverse for it in q.items]] = 6 - values[:, [it.reverse for it in q.items]]
        status = np.zeros(values.shape, dtype=np.int8)
        unsure = rng.random(values.shape) < 0.03  # a few "Don't know" answers
        values[unsure] = np.nan
        status[unsure] = 2
        roles = np.array([ROLES[int(i)] for i in rng.choice(len(ROLES), size=spec.n,
                                                             p=[0.6, 0.2, 0.14, 0.06])],
                         dtype=object)
        tables.append(ResponseTable.build(item_ids=q.item_ids, values=values, status=status,
                                          respondent_ids=np.array(ids, dtype=object),
                                          fields={"role": roles}))
    return tables
