"""The demo's waves: three generated waves of tila-pulse with a known change, rendered as a
trend report, and the last wave's report following up the plan made at the second wave.

The data are invented (trend/synthetic.py). Peer Support starts low and rises by 0.8 of a
scale point between the second and third wave; nothing else moves. The second and third waves
share 90 respondents (a panel), so that comparison is paired; the first has other people.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tila.trend.synthetic import WaveSpec

LOW_PEER = {"peer_support": -0.6}
SPECS = (WaveSpec("Spring 2025", 120, LOW_PEER), WaveSpec("Autumn 2025", 110, LOW_PEER, panel=90),
         WaveSpec("Spring 2026", 115, {"peer_support": 0.2}, panel=90))
#: What the demo organization recorded against its plan, in the plan's own order.
RECORDED = (("done", "Team leads", "2026-02-28"), ("in progress", "HR", "2026-06-30"),
            ("not started", "", ""), ("done", "Leadership team", "2026-01-31"))


def _fill(plan_csv: str) -> str:
    rows = list(csv.reader(io.StringIO(plan_csv)))
    head = rows[0]
    k = head.index("status")
    for row, (status, owner, due) in zip(rows[1:], RECORDED, strict=False):
        row[k:k + 3] = [status, owner, due]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def render_waves_demo(folder: Path, org: str, formats: tuple[str, ...]) -> list[Path]:
    from tila.fileio import atomic_write, to_csv
    from tila.questionnaire.parse import load_questionnaire
    from tila.report.options import ReportOptions
    from tila.report.plan import plan_csv_rows
    from tila.report.render import build, builtin_library, render_report
    from tila.report.trend_report import render_trend_report
    from tila.trend.align import score_waves
    from tila.trend.synthetic import make_waves
    from tila.trend.waves import build_trend

    q = load_questionnaire("tila-pulse")
    tables = make_waves(q, SPECS)
    alignment, waves = score_waves([s.label for s in SPECS], [q] * len(SPECS), tables,
                                   by=("role",))
    trend = build_trend(waves, min_group_size=5)
    options = ReportOptions(org=org, period=SPECS[-1].label)
    written = []
    # The plan made at the second wave (as --plan-csv writes it), then filled in.
    ctx = build(waves[1].result, options=ReportOptions(org=org), library=builtin_library())
    filled = folder / "sample-waves-plan-filled.csv"
    atomic_write(filled, _fill(to_csv(*plan_csv_rows(ctx.plan))))
    written.append(filled)
    for fmt in formats:
        out = folder / f"sample-trend.{fmt}"
        render_trend_report(trend, alignment, out, options=options)
        followup = folder / f"sample-followup.{fmt}"
        render_report(waves[2].result, followup, options=options, baseline=waves[1].result,
                      previous_plan=filled)
        written += [out, followup]
    return written
