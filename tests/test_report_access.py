"""Charts a reader who cannot see them can still read, in the HTML and in the PDF.

In the PDF each chart is a tagged figure whose alternative text states its data, and the numbers
of every chart are printed as a table (beside it or in the appendix). In the HTML every chart
comes in a wide and a narrow layout, each labelled by its title and description, and the page
declares a Content-Security-Policy that allows no script and no outside request.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from tests.test_report_cli import run, write_csv
from tests.test_report_html import context
from tila.report.html import render_html
from tila.report.render import render

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:")


def charts_of(ctx: Any) -> list[Any]:
    return [c for c in (ctx.radar, ctx.bars, ctx.heatmap, *(p.chart for p in ctx.principles),
                        *(g.chart for g in ctx.groups),
                        ctx.change.chart if ctx.change else None) if c is not None]


def test_html_declares_a_policy_that_allows_no_script_and_no_outside_request() -> None:
    html = render_html(context())
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html
    assert "<script" not in html


def test_every_chart_has_a_labelled_wide_and_narrow_layout_in_the_html() -> None:
    ctx = context(radar=True)
    html = render_html(ctx)
    charts = charts_of(ctx)
    assert {c.id for c in charts} >= {"radar", "bars", "change", "groups-role"}
    for c in charts:
        assert c.narrow is not None
        for layout, cls in ((c, "wide"), (c.narrow, "narrow")):
            # Named by its title; the long description with the numbers is its description.
            svg = re.search(rf'<svg [^>]*class="{cls}"[^>]*aria-labelledby="{layout.id}-title" '
                            rf'aria-describedby="{layout.id}-desc"', html)
            assert svg, (c.id, cls)
            assert f'<desc id="{layout.id}-desc">' in html
    # On screen the title alone names the chart; the description carries the numbers.
    assert '<title id="bars-title">Principle scores with 95% confidence intervals</title>' in html


def test_the_radar_is_left_out_unless_asked_for(tmp_path: Path) -> None:
    assert context().radar is None
    assert context(radar=True).radar is not None
    data = write_csv(tmp_path / "answers.csv")
    for flag, present in (((), False), (("--radar",), True)):
        out = tmp_path / f"report{len(flag)}.html"
        code, _ = run("report", str(data), "-q", "tila-starter", "-o", str(out), *flag)
        assert code == 0
        assert ('id="fig-radar"' in out.read_text(encoding="utf-8")) is present


pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")


def figures(data: bytes) -> list[str]:
    """The alternative text of every tagged figure in the PDF, in reading order."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    out: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if node.get("/S") == "/Figure":
                out.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return out


@pytest.fixture(scope="module")
def pdf() -> tuple[Any, bytes]:
    ctx = context(radar=True)
    return ctx, render(ctx, "pdf")


def test_pdf_figures_carry_alt_text_that_states_the_data(pdf: tuple[Any, bytes]) -> None:
    ctx, data = pdf
    alts = figures(data)
    charts = charts_of(ctx)
    assert len(alts) == len(charts)  # every chart is a figure; nothing else is
    for c in charts:
        assert f"{c.title}. {c.desc}" in alts
    bars = next(a for a in alts if a.startswith(ctx.bars.title))
    for p in ctx.principles:  # each principle's score and interval, in words
        assert f"{p.score} (95% CI " in bars


def test_pdf_prints_a_table_for_every_chart_in_an_appendix(pdf: tuple[Any, bytes]) -> None:
    ctx, data = pdf
    reader = pypdf.PdfReader(io.BytesIO(data))
    # Bold headings come out of pypdf letter-spaced, so text is compared without spaces.
    pages = ["".join(page.extract_text().replace("\x00", "").split()) for page in reader.pages]

    def has(text: str, needle: str) -> bool:
        return "".join(needle.split()) in text

    # The appendix is the last section, after the method and the statements.
    start = next(i for i, t in enumerate(pages) if has(t, "The numbers behind the charts"))
    method = next(i for i, t in enumerate(pages) if has(t, "How the scores were made"))
    assert method <= start
    appendix = "".join(pages[start:])
    appendix = appendix[appendix.index("Thenumbersbehindthecharts"):]
    # The change chart's table is no longer printed beside it: it is here with the others.
    for c in [ctx.bars, ctx.radar, *(g.chart for g in ctx.groups), ctx.change.chart]:
        assert has(appendix, c.table.caption)
        first = c.table.rows[0]
        assert has(appendix, first[0])
        assert has(appendix, first[1].split(" ")[0])
    body = "".join(pages[:method])
    assert has(body, "Change since the baseline")
    assert not has(body, ctx.change.chart.table.caption + "Principle")  # not in the body
