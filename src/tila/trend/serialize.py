"""A trend as JSON for scripts, with ``tila score --format json``'s conventions: full-precision
numbers, null for a missing figure, a ``schema_version`` that gains a minor version when keys
are added and a major one when a key changes meaning. Each wave's ``result`` is exactly the
document ``tila score --format json`` writes for that wave alone (docs/waves.md)."""

from __future__ import annotations

from typing import Any

from tila.scoring.serialize import number_format, result_dict
from tila.trend.align import Alignment
from tila.trend.change import Change
from tila.trend.waves import Trend

TREND_SCHEMA_VERSION = "1.0"


def _change(c: Change, decimals: int | None) -> dict[str, Any]:
    num = number_format(decimals)
    return {"earlier": c.earlier, "later": c.later, "diff": num(c.diff),
            "ci95": [num(c.lo), num(c.hi)], "method": c.method, "n_earlier": c.n_earlier,
            "n_later": c.n_later, "n_paired": c.n_paired, "reliable": c.reliable,
            "verdict": c.verdict, "why": c.why}


def trend_dict(trend: Trend, alignment: Alignment, *, decimals: int | None = None
               ) -> dict[str, Any]:
    num = number_format(decimals)
    q = alignment.questionnaire
    return {
        "schema_version": TREND_SCHEMA_VERSION,
        "kind": "tila-trend",
        "tila_version": trend.waves[0].result.tila_version,
        "questionnaire": {"id": q.id, "version": q.version},
        "shared_items_only": alignment.shared_only,
        "items": list(alignment.items),
        "left_out": {k: list(v) for k, v in alignment.left_out.items()},
        "note": alignment.note,
        "min_group_size": trend.min_group_size,
        "paired_allowed": trend.paired_allowed,
        "waves": [{"label": w.label, "result": result_dict(w.result, decimals=decimals)}
                  for w in trend.waves],
        "lines": {line.id: {
            "title": line.title,
            "points": [{"wave": p.wave, "n": p.n, "score": num(p.score),
                        "ci95": [num(p.lo), num(p.hi)]} for p in line.points],
            "since_first": [_change(c, decimals) for c in line.since_first],
            "since_previous": [_change(c, decimals) for c in line.since_previous],
        } for line in trend.lines},
        "panels": [{"earlier": a, "later": b, "ids_in_both": n} for a, b, n in trend.panels],
        "group_changes": [{"field": g.field, "value": g.value, "principle": g.target,
                           "earlier": g.earlier, "later": g.later, "diff": num(g.diff),
                           "ci95": [num(g.lo), num(g.hi)], "method": "independent"}
                          for g in trend.group_changes],
    }
