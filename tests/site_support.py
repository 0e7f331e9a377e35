"""Generated organizations with sites of known size and level, for the split-by-site tests."""

from __future__ import annotations

import numpy as np

from tila.questionnaire.parse import load_questionnaire
from tila.responses.table import ResponseTable

ROLES = ("Leadership", "Direct service", "Administrative or support")


def site_table(sizes: dict[str | None, int], shifts: dict[str | None, float] | None = None,
               seed: int = 3, q_id: str = "tila-starter", unknown: float = 0.03
               ) -> ResponseTable:
    """``sizes[site]`` people per site (None: did not state a site), each site's answers
    centred 3.0 + ``shifts[site]`` on the 1-5 scale; roles cycle within each site."""
    q = load_questionnaire(q_id)
    rng = np.random.default_rng(seed)
    k = len(q.items)
    rows, sites, roles = [], [], []
    for site, n in sizes.items():
        centre = 3.0 + (shifts or {}).get(site, 0.0)
        rows.append(np.clip(np.rint(rng.normal(centre, 0.8, size=(n, k))), 1, 5))
        sites += [site] * n
        roles += [ROLES[i % len(ROLES)] for i in range(n)]
    values = np.vstack(rows)
    status = np.zeros(values.shape, dtype=np.int8)
    dk = rng.random(values.shape) < unknown
    values[dk] = np.nan
    status[dk] = 2
    n_all = values.shape[0]
    return ResponseTable.build(item_ids=q.item_ids, values=values, status=status,
                               respondent_ids=np.array([f"R{i:04d}" for i in range(n_all)],
                                                 dtype=object),
                               fields={"site": np.array(sites, dtype=object),
                                 "role": np.array(roles, dtype=object)})
