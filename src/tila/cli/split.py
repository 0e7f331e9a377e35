"""``tila report --split-by FIELD -o FOLDER``: one report per site, an index and a summary.

A site without a report is not an error (exit 0): it is listed on stderr and in the index with
the reason, because a set with one site held back is still the right result.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tila.questionnaire.model import Questionnaire
    from tila.report.options import ReportOptions
    from tila.responses.readers import ReadOptions


def write_split(inputs: list[Path], q: Questionnaire, read: ReadOptions, *, field: str,
                folder: Path, fmt: str | None, min_group_size: int, options: ReportOptions,
                benchmark: bool = False, unsupported: tuple[str, ...] = ()) -> None:
    """``unsupported`` names options given with --split-by that a site set cannot honour
    (--baseline, --self, --leader, --plan-csv): a usage error, not a silent omission."""
    import typer

    from tila.cli import inputs as inputs_
    from tila.cli.output import note, print_problems
    from tila.errors import Problem
    from tila.report.sites import refusal
    from tila.report.split import render_split
    from tila.scoring.sites import split_by_site

    if unsupported:
        typer.echo(f"tila report: --split-by cannot be combined with {', '.join(unsupported)} "
                   "(make those reports one at a time)", err=True)
        raise typer.Exit(2)
    if benchmark:
        note("--benchmark is not shown in site reports: a benchmark compares whole "
             "organizations, and a site is not one")
    table = inputs_.read_inputs(inputs, q, read)
    split = split_by_site(q, table, field, min_size=min_group_size, by=options.by)
    print_problems(split.organization.warnings)
    print_problems(Problem(code=f"site-{s.refused}", severity="warning",
                           message=f"no report for {field} '{s.value}': {refusal(s, split)}")
                   for s in split.refused)
    for f in split.withheld:
        note(f"Groups by {f} are left out of the site reports: across sites they could "
             f"single out fewer than {min_group_size} people")
    written = render_split(split, folder, fmt="html" if fmt == "html" else "pdf",
                           options=options)
    note(f"Wrote {len(written) - 2} site report(s), the index and the summary to {folder}")
    # A report left from an earlier run (perhaps of a site refused now) would sit beside the new
    # index as if it belonged to it; tila deletes nothing, so it says so.
    stale = sorted(p.name for p in folder.glob("site-*.*")
                   if p.suffix in (".html", ".pdf") and p not in written)
    if stale:
        print_problems([Problem(code="stale-site-reports", severity="warning",
                                message="reports in the folder not written by this run: " +
                                ", ".join(stale[:10]) + (" ..." if len(stale) > 10 else ""),
                                hint="delete them if they are from an earlier survey")])
