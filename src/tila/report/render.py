"""``render_report``: a scored survey in, an HTML or PDF report (and action-plan CSV) out.

Everything is rendered in memory first and each file is written atomically afterwards, so a
failed render (a template error, a missing logo, an unwritable folder) never leaves a file
behind, half-written or otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from tila.errors import Location, OutputError, Problem, ReportError, raise_if_errors
from tila.report.options import ReportOptions, check_options

if TYPE_CHECKING:
    from tila.report.assemble import AssembledReport
    from tila.report.context import ReportContext
    from tila.scoring.result import ScoreResult

Format = Literal["html", "pdf"]


def format_for(output: Path | None, explicit: str | None) -> Format:
    """The format asked for, else the output file's extension, else PDF."""
    if explicit is not None:
        if explicit not in ("html", "pdf"):
            raise ReportError([Problem(code="bad-format", message=f"unknown report format "
                                       f"'{explicit}'", hint="use pdf or html")])
        return "html" if explicit == "html" else "pdf"
    if output is not None and output.suffix.lower() in (".html", ".htm"):
        return "html"
    return "pdf"


def builtin_library() -> Any:
    """tila's bundled suggestions library, or None when this install has none."""
    try:
        from tila.library import load_library  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return load_library()


def _check_writable(paths: list[Path]) -> list[Problem]:
    problems = []
    for p in paths:
        folder = p.parent if str(p.parent) else Path(".")
        if not folder.is_dir():
            problems.append(Problem(code="no-folder", message=f"folder {folder} does not exist",
                                    location=Location(file=str(p)),
                                    hint="create it first, or write somewhere else"))
        elif not os.access(folder, os.W_OK) or (p.exists() and not os.access(p, os.W_OK)):
            problems.append(Problem(code="unwritable", message=f"cannot write {p}",
                                    location=Location(file=str(p)),
                                    hint="check the folder's permissions"))
    return problems


def _unassembled_leader(leader: str) -> ReportError:
    return ReportError([Problem(
        code="leader-not-assembled",
        message=f"a report about leader '{leader}' must be assembled from the responses, so that "
                "only their ratings are shown and the anonymity threshold is checked",
        hint="pass the result of tila.report.assemble.assemble_report to render_report")])


def _parts(result: ScoreResult | AssembledReport, options: ReportOptions | None,
           baseline: ScoreResult | None, self_rating: ScoreResult | None
           ) -> tuple[ScoreResult, ReportOptions, ScoreResult | None, ScoreResult | None]:
    """What a report is made of; a leader report only from ``assemble_report``, which checked
    the leader's raters against the anonymity threshold."""
    from tila.report.assemble import AssembledReport

    if isinstance(result, AssembledReport):
        if options is not None or baseline is not None or self_rating is not None:
            raise TypeError("an AssembledReport brings its own options, baseline and "
                            "self_rating; pass them to assemble_report instead")
        return result.result, result.options, result.baseline, result.self_rating
    if options is not None and options.leader is not None:
        raise _unassembled_leader(options.leader)
    return result, options or ReportOptions(), baseline, self_rating


def build(result: ScoreResult | AssembledReport, *, options: ReportOptions | None = None,
          baseline: ScoreResult | None = None, self_rating: ScoreResult | None = None,
          library: Any = None) -> ReportContext:
    from tila.report.context import build_context
    from tila.report.ranking import focus_ids
    from tila.suggestions import choose

    scored, opts, base, mine = _parts(result, options, baseline, self_rating)
    raise_if_errors(check_options(opts), ReportError)
    # Focus areas and growth areas come from one rule (report/ranking.py).
    plan = choose(scored, library, focus=focus_ids(scored)) if library is not None else None
    refs = getattr(library, "references", None) if library is not None else None
    return build_context(scored, options=opts, plan=plan, references=refs,
                         baseline=base, self_rating=mine)


def render(ctx: ReportContext, fmt: Format, *, templates: Path | None = None,
           variant: str | None = None, blocked: list[str] | None = None) -> bytes:
    """The report's bytes: self-contained HTML, or a PDF made from the same templates."""
    from tila.paths import templates_dir
    from tila.report.html import render_html

    # WeasyPrint needs file URLs, which a relative folder cannot give.
    templates = templates.resolve() if templates is not None else None
    html = render_html(ctx, templates=templates, pdf=fmt == "pdf")
    if fmt == "html":
        return html.encode("utf-8")
    from tila.report.pdf import render_pdf

    roots = [templates_dir()] + ([templates] if templates is not None else [])
    return render_pdf(html, roots=roots, base=templates or templates_dir(),
                      variant=variant, blocked=blocked)


def render_report(
    result: ScoreResult | AssembledReport,
    output: str | Path,
    *,
    format: str | None = None,
    options: ReportOptions | None = None,
    baseline: ScoreResult | None = None,
    self_rating: ScoreResult | None = None,
    library: Any = "builtin",
    plan_csv: str | Path | None = None,
    previous_plan: str | Path | None = None,
    extras: tuple[Any, ...] = (),
) -> Path:
    """Write the report for a scored survey to ``output`` (HTML or PDF) and return its path.

    ``result`` is a ``ScoreResult``, or an ``AssembledReport`` (``assemble_report``), which
    brings its own options, baseline and self-rating; a report about one leader must be one.
    ``library`` is a suggestions library (``"builtin"`` for tila's own, None for no plan).
    ``plan_csv`` also writes the action plan as CSV (cells escaped against spreadsheet formulas).
    ``previous_plan`` (a plan CSV from the last survey, filled in) adds "What we said we would
    do" (report/followup.py); the change it shows needs ``baseline``.
    ``extras`` are further sections (report/extras.py), such as a benchmark's.
    """
    from tila.fileio import atomic_write, to_csv
    from tila.report.plan import plan_csv_rows

    scored, opts, base, _ = _parts(result, options, baseline, self_rating)
    out = Path(output)
    fmt = format_for(out, format)
    targets = [out] + ([Path(plan_csv)] if plan_csv is not None else [])
    problems = check_options(opts) + _check_writable(targets)
    if problems:
        raise OutputError(problems) if all(p.code in ("no-folder", "unwritable")
                                           for p in problems) else ReportError(problems)
    lib = builtin_library() if library == "builtin" else library
    ctx = build(result, options=options, baseline=baseline, self_rating=self_rating, library=lib)
    if previous_plan is not None:
        from dataclasses import replace

        from tila.report.context import with_toc
        from tila.report.followup import followup_section, read_plan

        ctx = with_toc(replace(ctx, followup=followup_section(
            read_plan(previous_plan), scored, base, lib)))
    if extras:  # sections of report/extras.py: a benchmark (issue 18)
        from tila.report.extras import with_extras

        ctx = with_extras(ctx, extras)
    data = render(ctx, fmt, templates=opts.templates, variant=opts.pdf_variant)
    csv_text = to_csv(*plan_csv_rows(ctx.plan)) if plan_csv is not None else None
    atomic_write(out, data)
    if plan_csv is not None and csv_text is not None:
        atomic_write(Path(plan_csv), csv_text)
    return out
