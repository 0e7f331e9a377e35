"""``tila benchmark build``, and the --benchmark views of ``tila score`` and ``tila report``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from tila.report.extras import ExtraSection
    from tila.scoring.result import ScoreResult

bench_app = typer.Typer(help="Build benchmarks across organizations from scored results.\n\n"
                        "\b\nExample:\n"
                        "  tila benchmark build results/*.json -o benchmark.json \\\n"
                        "    --description \"41 community mental-health agencies, 2025-2026\"",
                        no_args_is_help=True, rich_markup_mode=None)


@bench_app.command("build", short_help="Build a benchmark from 10 or more organizations' results.")
def build_command(
    results: list[Path] = typer.Argument(..., metavar="RESULT...", show_default=False,
                                         help="Results of 'tila score --format json', one "
                                         "per organization."),
    output: Path = typer.Option(..., "-o", "--output", metavar="FILE",
                                help="The benchmark file to write (JSON)."),
    description: str = typer.Option(..., "--description", metavar="TEXT",
                                    help="Who the organizations are and when, in plain "
                                    "words; shown wherever the benchmark is used."),
) -> None:
    """Build a benchmark: per questionnaire version and principle, quantiles of the
    organizations' scores. Needs at least 10 organizations; stores no names and no
    organization's score (docs/sites-and-benchmarks.md).

    \b
    Examples:
      tila benchmark build results/*.json -o benchmark.json \\
        --description "41 community mental-health agencies, 2025-2026"
    """
    import json

    from tila.benchmark.build import build
    from tila.cli.guard import named, refuse_overlaps
    from tila.cli.inputs import expand
    from tila.cli.output import note, print_problems
    from tila.fileio import atomic_write

    results = expand(results)
    refuse_overlaps("benchmark build", named("RESULT", results), named("-o", output))
    doc, problems = build(results, description=description)
    print_problems(problems)
    atomic_write(output, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    counts = ", ".join(f"{e['questionnaire']} {e['version']}: {e['organizations']}"
                       for e in doc["benchmarks"])
    note(f"Wrote {output} ({counts} organizations)")


def _load(path: Path, result: ScoreResult) -> Any:
    from tila.benchmark.position import load_benchmark

    q = result.questionnaire
    return load_benchmark(path, q.id, q.version)


def benchmark_sections(path: Path | None, result: ScoreResult) -> tuple[ExtraSection, ...]:
    """The report section for --benchmark (none without it)."""
    if path is None:
        return ()
    from tila.report.benchmark import benchmark_section

    return (benchmark_section(result, _load(path, result)),)


def benchmark_json(path: Path, result: ScoreResult) -> dict[str, Any]:
    """The "benchmark" key --benchmark adds to tila score's JSON."""
    from tila.benchmark.position import positions
    from tila.report.benchmark import provenance, sentence

    b = _load(path, result)
    return {"provenance": provenance(b), "synthetic": b.synthetic,
            "organizations": b.organizations, "positions": {
                p.id: {"share_lower": [p.share.low, p.share.high],
                       "interval_share_lower": None if p.interval is None else
                       [p.interval[0].low, p.interval[1].high],
                       "organizations": p.organizations, "sentence": sentence(p)}
                for p in positions(result, b)}}


def benchmark_lines(path: Path, result: ScoreResult) -> list[str]:
    """The lines tila score's table gains with --benchmark: provenance, then one per
    principle."""
    from tila.benchmark.position import positions
    from tila.cli.output import visible
    from tila.report.benchmark import provenance, sentence

    b = _load(path, result)
    return ["", visible(provenance(b)),
            *("  " + visible(sentence(p)) for p in positions(result, b))]


def print_lines(lines: list[str], output: Path | None) -> None:
    """Under the table on stdout, or appended to the table's -o FILE."""
    if not lines:
        return
    if output is None:
        typer.echo("\n".join(lines))
    else:
        from tila.fileio import atomic_write

        atomic_write(output, output.read_text(encoding="utf-8") + "\n".join(lines) + "\n")


def register(app: typer.Typer) -> None:
    app.add_typer(bench_app, name="benchmark",
                  short_help="Build benchmarks across organizations.")
