"""Report speed on the demo organization (about 180 respondents, tila-org, 67 items).

Measures, in one run and on the same machine state:

* HTML: build the context and render the self-contained HTML (target: under 0.5 s);
* PDF: tila's whole PDF path (context, HTML, WeasyPrint with tila's URL fetcher);
* WeasyPrint alone rendering that same HTML to PDF with its default settings.

The PDF target is tila's time within 1.3x of WeasyPrint alone. Each figure is the median of
``--repeat`` runs after one warm-up (the first run pays for imports and font loading).

    PYTHONPATH=src python benchmarks/bench_report.py [--repeat 5]
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run from a checkout without installing: the package is in src/.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import argparse
import statistics
import time
from pathlib import Path


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import weasyprint

    from tila.paths import questionnaires_dir, templates_dir
    from tila.questionnaire.parse import load_questionnaire
    from tila.report.html import render_html
    from tila.report.options import ReportOptions
    from tila.report.render import build, builtin_library, render
    from tila.responses.readers import read_responses
    from tila.scoring.engine import score

    q = load_questionnaire("tila-org")
    data = questionnaires_dir() / "samples" / "sample-org.csv"
    result = score(q, read_responses([data], q), by=["role", "program"])
    library = builtin_library()
    options = ReportOptions(org="Riverbend Community Services", by=("role", "program"),
                            invited=240)

    def html() -> bytes:
        return render(build(result, options=options, library=library), "html")

    def tila_pdf() -> bytes:
        return render(build(result, options=options, library=library), "pdf")

    page = render_html(build(result, options=options, library=library), pdf=True)
    base = Path(templates_dir()).as_uri() + "/"

    def weasy_alone() -> bytes:
        out: bytes = weasyprint.HTML(string=page, base_url=base).write_pdf()
        return out

    t_html = timed(html, args.repeat)
    t_weasy = timed(weasy_alone, args.repeat)
    t_pdf = timed(tila_pdf, args.repeat)
    print(f"respondents: {result.respondents}, items: {len(q.items)}")
    print(f"HTML (context + render):         {t_html:.3f} s   target < 0.5 s")
    print(f"PDF, tila end to end:            {t_pdf:.3f} s")
    print(f"PDF, WeasyPrint alone on HTML:   {t_weasy:.3f} s")
    print(f"ratio tila / WeasyPrint alone:   {t_pdf / t_weasy:.2f}x   target <= 1.3x")


if __name__ == "__main__":
    main()
