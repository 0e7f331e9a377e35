"""``tila demo``: the bundled sample organization's reports, made with the real pipeline.

The sample data (questionnaires/samples/) is a made-up organization of about 180 staff answering
tila-org, a pulse survey at two points in time, and a leader's self-rating beside staff ratings.
The demo reads, scores and reports it exactly as ``tila report`` would.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tila.errors import Location, Problem, ReportError

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire

DEMO_ORG = "Riverbend Community Services"


@dataclass(frozen=True)
class DemoReport:
    name: str  # file stem
    questionnaire: str
    inputs: tuple[str, ...]
    by: tuple[str, ...] = ()
    baseline: tuple[str, ...] = ()
    self_rating: tuple[str, ...] = ()
    form: str | None = None
    invited: int | None = None


DEMOS = (
    DemoReport("sample-org", "tila-org", ("sample-org.csv",), by=("role", "program"),
               invited=240),
    DemoReport("sample-pulse", "tila-pulse", ("pulse-6months.csv",),
               baseline=("pulse-baseline.csv",)),
    DemoReport("sample-leader", "tila-leader", ("leader-staff.csv",), form="staff",
               self_rating=("leader-self.csv",)),
)


def samples_dir() -> Path:
    from tila.paths import questionnaires_dir

    return questionnaires_dir() / "samples"


def render_demo(folder: Path, *, formats: tuple[str, ...] = ("html", "pdf")) -> list[Path]:
    """Write every demo report whose sample files are bundled; return the files written."""
    from tila.questionnaire.parse import load_questionnaire
    from tila.report.options import ReportOptions
    from tila.report.render import render_report
    from tila.responses.readers import ReadOptions, read_responses
    from tila.scoring.engine import score
    from tila.scoring.result import ScoreResult

    src = samples_dir()
    if not (src / DEMOS[0].inputs[0]).is_file():
        raise ReportError([Problem(code="no-sample-data", message="the sample organization's "
                                   "data is not bundled with this copy of tila",
                                   location=Location(file=str(src)),
                                   hint="reinstall tila, or run 'tila report' on your own data")])
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for d in DEMOS:
        if not all((src / f).is_file() for f in (*d.inputs, *d.baseline, *d.self_rating)):
            continue
        q = load_questionnaire(d.questionnaire)
        by = tuple(f for f in (*d.by, "role") if any(rf.id == f for rf in q.respondent_fields))

        def scored(files: tuple[str, ...], form: str | None, fields: tuple[str, ...],
                   q: Questionnaire = q) -> ScoreResult:
            table = read_responses([src / f for f in files], q, ReadOptions(form=form))
            return score(q, table, by=tuple(dict.fromkeys(f for f in fields
                                                          if f in table.fields)),
                         per_respondent=True)

        result = scored(d.inputs, d.form, by)
        base = scored(d.baseline, d.form, ()) if d.baseline else None
        mine = scored(d.self_rating, "self", ()) if d.self_rating else None
        options = ReportOptions(org=DEMO_ORG, by=d.by, invited=d.invited)
        for fmt in formats:
            out = folder / f"{d.name}.{fmt}"
            render_report(result, out, options=options, baseline=base, self_rating=mine,
                          plan_csv=folder / f"{d.name}-plan.csv" if fmt == "html" else None)
            written.append(out)
    written += _waves_demo(folder, formats)
    return written + render_sites_and_benchmark(folder, formats)


def render_sites_and_benchmark(folder: Path, formats: tuple[str, ...]) -> list[Path]:
    """Issue 18 in the demo: the sample organization split by site (HTML, with its index), and
    its report beside a synthetic benchmark of generated organizations, labelled so."""
    import datetime as dt

    import numpy as np

    from tila.benchmark.build import OrgResult, document
    from tila.benchmark.position import Benchmark
    from tila.questionnaire.parse import load_questionnaire
    from tila.report.benchmark import benchmark_section
    from tila.report.options import ReportOptions
    from tila.report.render import render_report
    from tila.report.split import render_split
    from tila.responses.readers import read_responses
    from tila.scoring.engine import score
    from tila.scoring.sites import split_by_site

    q = load_questionnaire("tila-org")
    table = read_responses(samples_dir() / "sample-org.csv", q)
    options = ReportOptions(org=DEMO_ORG, by=("role",))
    written = render_split(split_by_site(q, table, "site", by=("role",)),
                           folder / "sample-sites", fmt="html", options=options)
    # 41 generated organizations: an organization-wide level, each principle around it.
    rng = np.random.default_rng(18)
    result = score(q, table, per_respondent=True)  # rendered: the report needs them
    pids = list(result.principles)
    titles = {p: s.title for p, s in result.principles.items()}
    orgs = []
    for k in range(41):
        level = rng.normal(58.0, 9.0)
        scores = {p: float(np.clip(level + rng.normal(0.0, 6.0), 0, 100)) for p in pids}
        scores["overall"] = float(np.mean(list(scores.values())))
        orgs.append(OrgResult(q.id, q.version, scores, titles,
                              dt.date(2026, 1, 5) + dt.timedelta(days=4 * k)))
    doc, _ = document(orgs, description="41 generated organizations (tila demo)",
                      synthetic=True)
    entry = doc["benchmarks"][0]
    bench = Benchmark(doc["description"], True, q.id, q.version, entry["organizations"],
                      entry["dates"]["from"], entry["dates"]["to"], entry["scores"])
    for fmt in formats:
        out = folder / f"sample-org-benchmark.{fmt}"
        written.append(render_report(result, out, options=ReportOptions(org=DEMO_ORG),
                                     extras=(benchmark_section(result, bench),)))
    return written


def _waves_demo(folder: Path, formats: tuple[str, ...]) -> list[Path]:
    """Three generated waves (issue 18): a trend report and a report following up a plan."""
    from tila.report.waves_demo import render_waves_demo

    return [p for p in render_waves_demo(folder, DEMO_ORG, formats) if p.suffix != ".csv"]
