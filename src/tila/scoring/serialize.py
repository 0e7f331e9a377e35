"""ScoreResult as JSON (schema documented in docs/results-json.md) and as CSV rows.

``SCHEMA_VERSION`` changes when a key is renamed or removed (major) or added (minor); scripts can
check it before reading. NaN never reaches JSON: missing figures are null.

JSON and CSV are data for scripts, not display: numbers leave at full float64 precision (Python
writes the shortest text that reads back to the same double), so they equal the library's to the
last bit. ``decimals`` rounds every figure for people who open the file in a spreadsheet;
rounding for reading is the terminal table's and the report's job.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from tila.scoring.result import (
    EXCLUSION_REASONS,
    GroupBreakdown,
    GroupSummary,
    ScoreResult,
    Summary,
)

if TYPE_CHECKING:
    import polars as pl

SCHEMA_VERSION = "2.0"


def number_format(decimals: int | None) -> Callable[[float | None], float | None]:
    """Figures as JSON numbers: None for missing, full precision unless ``decimals``."""

    def num(x: float | None) -> float | None:
        if x is None or math.isnan(x):
            return None
        return float(x) if decimals is None else round(float(x), decimals)

    return num


def summary_dict(s: Summary, *, with_items: bool = False,
                 decimals: int | None = None) -> dict[str, Any]:
    num = number_format(decimals)
    out: dict[str, Any] = {
        "title": s.title,
        "n": s.n,
        "mean": num(s.mean),
        "score": num(s.score),
        "sd": num(s.sd),
        "median": num(s.median),
        "ci95": [num(s.ci95[0]), num(s.ci95[1])],
        "band": s.band_id,
        "band_label": s.band_label,
        "alpha": num(s.alpha),
        "alpha_n": s.alpha_n,
        "alpha_pairwise": num(s.alpha_pairwise),
        "alpha_complete": num(s.alpha_complete),
        "alpha_pair_n": s.alpha_pair_n,
        "alpha_withheld": s.alpha_withheld,
    }
    if with_items:
        out["items"] = list(s.item_ids)
    return out


def _group_dict(g: GroupBreakdown, principles: list[str], decimals: int | None
                ) -> dict[str, Any]:
    def figures(s: GroupSummary) -> dict[str, Any]:
        if s.suppressed:
            return {"suppressed": True, "reason": s.reason}
        hidden = {k: {"suppressed": True, "reason": why} for k, why in s.hidden_figures.items()}
        shown = {k: summary_dict(v, decimals=decimals) for k, v in (s.principles or {}).items()}
        return {"n": s.n,
                "principles": {k: shown.get(k) or hidden[k] for k in principles
                               if k in shown or k in hidden},
                "overall": (summary_dict(s.overall, decimals=decimals) if s.overall
                            else hidden.get("overall"))}

    out: dict[str, Any] = {"label": g.label, "min_group_size": g.min_group_size,
                           "not_stated": g.not_stated_shown}
    if g.not_stated_shown is None and g.not_stated:
        out["not_stated_fewer_than"] = g.min_group_size
    out["values"] = {s.value: figures(s) for s in g.groups}
    return out


def result_dict(r: ScoreResult, *, per_respondent: bool = False,
                decimals: int | None = None) -> dict[str, Any]:
    q = r.questionnaire
    num = number_format(decimals)
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tila_version": r.tila_version,
        "questionnaire": {"id": q.id, "version": q.version, "form": r.form},
        "scoring": {
            "min_answered": r.rules.min_answered,
            "min_group_size": r.rules.min_group_size,
            "reverse_keying": r.rules.reverse_keying,
            "missing": r.rules.missing,
            "score": "(mean - scale min) / (scale max - scale min) * 100",
            "ci95": r.rules.ci,
            "alpha": r.rules.alpha,
            "bands": [{"id": b.id, "label": b.label, "min": b.min, "max": b.max}
                      for b in q.scoring.bands],
        },
        "respondents": r.respondents,
        "excluded": {"count": sum(r.excluded.values()), "reasons": dict(r.excluded)},
        "principles": {k: summary_dict(v, with_items=True, decimals=decimals)
                       for k, v in r.principles.items()},
        "domains": {k: summary_dict(v, with_items=True, decimals=decimals)
                    for k, v in r.domains.items()},
        "overall": summary_dict(r.overall, decimals=decimals),
        "items": {k: {
            "principle": v.principle, "domain": v.domain, "reverse": v.reverse, "n": v.n,
            "mean": num(v.mean), "score": num(v.score), "sd": num(v.sd),
            "distribution": dict(zip(v.labels, v.counts, strict=True)),
            "non_scored": v.non_scored, "skipped": v.skipped,
            "item_rest": num(v.item_rest)} for k, v in r.items.items()},
        "groups": {f: _group_dict(g, list(r.principles), decimals)
                   for f, g in r.groups.items()},
        "warnings": [{"code": w.code, "message": w.message,
                      **({"where": w.location.path} if w.location.path else {})}
                     for w in r.warnings],
    }
    if per_respondent:
        header, rows = respondent_rows(r, decimals)
        out["per_respondent"] = [dict(zip(header, row, strict=True)) for row in rows]
    return out


def respondent_frame(r: ScoreResult, decimals: int | None = None) -> pl.DataFrame:
    """One row per input respondent: id, status, answered count, then every score (0-100) at
    full precision (or rounded to ``decimals``), missing scores as nulls. Built column by
    column, so a million respondents take well under a second."""
    import polars as pl

    pr = r.per_respondent
    if pr is None:
        raise ValueError("this result has no per-respondent scores: score with "
                         "per_respondent=True")
    status = np.array(["scored", *(f"excluded: {x}" for x in EXCLUSION_REASONS)],
                      dtype=object)[pr.excluded_code]
    columns: dict[str, Any] = {
        "respondent_id": pl.Series(pr.ids.astype(str), dtype=pl.String),
        "status": pl.Series(status.astype(str), dtype=pl.String),
        "answered": pr.answered,
    }
    for name, values in (*zip(pr.principle_ids, pr.principle_scores.T, strict=True),
                         *zip((f"domain_{d}" for d in pr.domain_ids), pr.domain_scores.T,
                              strict=True),
                         ("overall", pr.overall_score)):
        columns[name] = values if decimals is None else np.round(values, decimals)
    frame = pl.DataFrame(columns)
    return frame.with_columns(pl.selectors.float().fill_nan(None))


def respondent_csv(r: ScoreResult, decimals: int | None = None) -> str:
    """Per-respondent scores as CSV; ids a spreadsheet would run as formulas get a quote."""
    from tila.fileio import formula_safe

    frame = respondent_frame(r, decimals).with_columns(formula_safe("respondent_id"))
    return frame.write_csv(line_terminator="\n")


def respondent_rows(r: ScoreResult, decimals: int | None = None
                    ) -> tuple[list[str], list[list[Any]]]:
    """The per-respondent table as a header and rows of plain values (JSON output)."""
    frame = respondent_frame(r, decimals)
    return frame.columns, [list(row) for row in frame.iter_rows()]


def summary_rows(r: ScoreResult, decimals: int | None = None
                 ) -> tuple[list[str], list[list[Any]]]:
    """The organization (and group) figures as long-format CSV rows. A hidden group is one
    ``suppressed`` row; a hidden figure of a shown group keeps its level and id with no
    figures, and says why in ``suppressed``."""
    num = number_format(decimals)
    header = ["group_field", "group_value", "level", "id", "title", "n", "mean", "score", "sd",
              "median", "ci95_low", "ci95_high", "band", "alpha", "suppressed"]
    rows: list[list[Any]] = []
    blank = [""] * 9

    def add(field: str, value: str, level: str, s: Summary) -> None:
        rows.append([field, value, level, s.id, s.title, s.n, num(s.mean), num(s.score),
                     num(s.sd), num(s.median), num(s.ci95[0]), num(s.ci95[1]),
                     s.band_label, num(s.alpha), ""])

    for s in r.principles.values():
        add("", "", "principle", s)
    for s in r.domains.values():
        add("", "", "domain", s)
    add("", "", "overall", r.overall)
    for f, g in r.groups.items():
        for gs in g.groups:
            if gs.suppressed:
                rows.append([f, gs.value, "suppressed", "", "", *blank, gs.reason])
                continue
            for pid, s in r.principles.items():
                if pid in (gs.principles or {}):
                    add(f, gs.value, "principle", (gs.principles or {})[pid])
                elif pid in gs.hidden_figures:
                    rows.append([f, gs.value, "principle", pid, s.title, *blank,
                                 gs.hidden_figures[pid]])
            if gs.overall:
                add(f, gs.value, "overall", gs.overall)
    return header, rows
