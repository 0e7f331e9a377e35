"""ScoreResult as JSON (schema documented in docs/results-json.md) and as CSV rows.

``SCHEMA_VERSION`` changes when a key is renamed or removed (major) or added (minor); scripts can
check it before reading. NaN never reaches JSON: missing figures are null.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from tila.scoring.result import EXCLUSION_REASONS, ScoreResult, Summary

if TYPE_CHECKING:
    import polars as pl

SCHEMA_VERSION = "1.1"  # 1.1 added alpha_pairwise, _complete, _pair_n and _withheld


def _num(x: float | None, digits: int = 4) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    return round(float(x), digits)


def summary_dict(s: Summary, *, with_items: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": s.title,
        "n": s.n,
        "mean": _num(s.mean),
        "score": _num(s.score, 2),
        "sd": _num(s.sd, 2),
        "median": _num(s.median, 2),
        "ci95": [_num(s.ci95[0], 2), _num(s.ci95[1], 2)],
        "band": s.band_id,
        "band_label": s.band_label,
        "alpha": _num(s.alpha, 3),
        "alpha_n": s.alpha_n,
        "alpha_pairwise": _num(s.alpha_pairwise, 3),
        "alpha_complete": _num(s.alpha_complete, 3),
        "alpha_pair_n": s.alpha_pair_n,
        "alpha_withheld": s.alpha_withheld,
    }
    if with_items:
        out["items"] = list(s.item_ids)
    return out


def result_dict(r: ScoreResult, *, per_respondent: bool = False) -> dict[str, Any]:
    q = r.questionnaire
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
        "principles": {k: summary_dict(v, with_items=True) for k, v in r.principles.items()},
        "domains": {k: summary_dict(v, with_items=True) for k, v in r.domains.items()},
        "overall": summary_dict(r.overall),
        "items": {k: {
            "principle": v.principle, "domain": v.domain, "reverse": v.reverse, "n": v.n,
            "mean": _num(v.mean), "score": _num(v.score, 2), "sd": _num(v.sd),
            "distribution": dict(zip(v.labels, v.counts, strict=True)),
            "non_scored": v.non_scored, "skipped": v.skipped,
            "item_rest": _num(v.item_rest, 3)} for k, v in r.items.items()},
        "groups": {
            f: {"label": g.label, "min_group_size": g.min_group_size, "not_stated": g.not_stated,
                "values": {
                    s.value: ({"suppressed": True, "reason": s.reason} if s.suppressed else {
                        "n": s.n,
                        "principles": {k: summary_dict(v) for k, v in (s.principles or {}).items()},
                        "overall": summary_dict(s.overall) if s.overall else None})
                    for s in g.groups}}
            for f, g in r.groups.items()},
        "warnings": [{"code": w.code, "message": w.message} for w in r.warnings],
    }
    if per_respondent:
        header, rows = respondent_rows(r)
        out["per_respondent"] = [dict(zip(header, row, strict=True)) for row in rows]
    return out


def respondent_frame(r: ScoreResult) -> pl.DataFrame:
    """One row per input respondent: id, status, answered count, then every score (0-100),
    rounded to two decimals, missing scores as nulls. Built column by column, so a million
    respondents take well under a second."""
    import polars as pl

    pr = r.per_respondent
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
        columns[name] = np.round(values, 2)
    frame = pl.DataFrame(columns)
    return frame.with_columns(pl.selectors.float().fill_nan(None))


def respondent_csv(r: ScoreResult) -> str:
    """Per-respondent scores as CSV; ids a spreadsheet would run as formulas get a quote."""
    from tila.fileio import formula_safe

    frame = respondent_frame(r).with_columns(formula_safe("respondent_id"))
    return frame.write_csv(line_terminator="\n")


def respondent_rows(r: ScoreResult) -> tuple[list[str], list[list[Any]]]:
    """The per-respondent table as a header and rows of plain values (JSON output)."""
    frame = respondent_frame(r)
    return frame.columns, [list(row) for row in frame.iter_rows()]


def summary_rows(r: ScoreResult) -> tuple[list[str], list[list[Any]]]:
    """The organization (and group) figures as long-format CSV rows."""
    header = ["group_field", "group_value", "level", "id", "title", "n", "mean", "score", "sd",
              "median", "ci95_low", "ci95_high", "band", "alpha"]
    rows: list[list[Any]] = []

    def add(field: str, value: str, level: str, s: Summary) -> None:
        rows.append([field, value, level, s.id, s.title, s.n, _num(s.mean), _num(s.score, 2),
                     _num(s.sd, 2), _num(s.median, 2), _num(s.ci95[0], 2), _num(s.ci95[1], 2),
                     s.band_label, _num(s.alpha, 3)])

    for s in r.principles.values():
        add("", "", "principle", s)
    for s in r.domains.values():
        add("", "", "domain", s)
    add("", "", "overall", r.overall)
    for f, g in r.groups.items():
        for gs in g.groups:
            if gs.suppressed:
                rows.append([f, gs.value, "suppressed", "", "", "", "", "", "", "", "", "", "",
                             ""])
                continue
            for s in (gs.principles or {}).values():
                add(f, gs.value, "principle", s)
            if gs.overall:
                add(f, gs.value, "overall", gs.overall)
    return header, rows
