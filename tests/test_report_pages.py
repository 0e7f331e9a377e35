"""Page rules of the PDF report (issue 14), checked on the rendered pages with pypdf text
positions, not by eye: headings and captions never end a page, a page is at least half filled
unless the next one starts a new section, short tables are never split, and the demo reports
stay within their page budgets.

Chart text lives in SVG drawings whose positions pypdf does not place on the page, so the rules
look at the HTML text; every figure has its caption below it, which marks where it ends.
"""

from __future__ import annotations

import html as htmllib
import io
import re
from dataclasses import dataclass
from functools import cache

import pytest

from tila.report.demo import DEMOS, samples_dir

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")

TOP, BOTTOM = 780.0, 57.0  # the A4 content area in PDF points (22 mm and 20 mm margins)


@dataclass(frozen=True)
class Line:
    y: float
    text: str


@dataclass(frozen=True)
class Rendered:
    html: str
    pages: tuple[tuple[Line, ...], ...]  # body text of each page, top to bottom
    texts: tuple[str, ...]  # each page's whole text, whitespace collapsed


def _clean(text: str) -> str:
    return " ".join(text.replace("\x00", "").split())


@cache
def rendered(name: str) -> Rendered:
    from tila.questionnaire.parse import load_questionnaire
    from tila.report.html import render_html
    from tila.report.options import ReportOptions
    from tila.report.render import build, builtin_library, render
    from tila.responses.readers import ReadOptions, read_responses
    from tila.scoring.engine import score

    d = next(x for x in DEMOS if x.name == name)
    q = load_questionnaire(d.questionnaire)

    def scored(files: tuple[str, ...], form: str | None, by: tuple[str, ...]):  # type: ignore[no-untyped-def]
        table = read_responses([samples_dir() / f for f in files], q, ReadOptions(form=form))
        return score(q, table, by=tuple(f for f in by if f in table.fields), per_respondent=True)

    by = tuple(f for f in (*d.by, "role") if any(rf.id == f for rf in q.respondent_fields))
    ctx = build(scored(d.inputs, d.form, by),
                options=ReportOptions(org="Riverbend Community Services", by=d.by,
                                      invited=d.invited),
                baseline=scored(d.baseline, d.form, ()) if d.baseline else None,
                self_rating=scored(d.self_rating, "self", ()) if d.self_rating else None,
                library=builtin_library())
    html = render_html(ctx, pdf=True)  # the HTML the PDF is made from
    reader = pypdf.PdfReader(io.BytesIO(render(ctx, "pdf")))
    pages = []
    for page in reader.pages:
        lines: list[Line] = []

        def visit(text, cm, tm, font, size, lines=lines):  # type: ignore[no-untyped-def]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            # HTML text is drawn with a flipped matrix (negative size); SVG text is not placed.
            if text.strip() and size * cm[3] < 0 and BOTTOM - 5 < y < TOP + 5:
                lines.append(Line(round(y, 1), _clean(text)))

        page.extract_text(visitor_text=visit)
        pages.append(tuple(sorted(lines, key=lambda ln: -ln.y)))
    texts = tuple(_clean(p.extract_text()) for p in reader.pages)
    return Rendered(html, tuple(pages), texts)


def _tags(html: str, *tags: str) -> list[str]:
    found = []
    for tag in tags:
        for m in re.finditer(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, re.S):
            found.append(_clean(htmllib.unescape(re.sub(r"<[^>]+>", "", m.group(1)))))
    return [f for f in found if f]


NAMES = ("sample-org", "sample-pulse", "sample-leader")


@pytest.mark.parametrize("name", NAMES)
def test_headings_and_captions_never_end_a_page(name: str) -> None:
    r = rendered(name)
    # A figure's caption sits below it, so it may end a page; a table's sits above.
    heads = _tags(r.html, "h2", "h3", "h4", "caption")
    # A principle's row heading in the statements appendix stays with its first statement.
    heads += [_clean(m) for m in re.findall(r'<th scope="rowgroup"[^>]*>(.*?)</th>', r.html)]
    figures = set(_tags(r.html, "figcaption"))
    for n, lines in enumerate(r.pages[:-1], 1):
        if not lines:
            continue
        last = lines[-1].text
        if last in figures:  # a figure's own caption, below it (a table caption may share
            continue  # its opening words)
        assert not any(h.startswith(last) or last.startswith(h) for h in heads
                       if len(last) > 3), f"page {n} ends with the heading or caption {last!r}"


@pytest.mark.parametrize("name", NAMES)
def test_a_page_is_half_filled_unless_a_new_section_follows(name: str) -> None:
    r = rendered(name)
    sections = _tags(r.html, "h2")
    for n, lines in enumerate(r.pages[:-1], 1):
        fill = (TOP - min(ln.y for ln in lines)) / (TOP - BOTTOM) if lines else 0.0
        following = r.pages[n]
        starts_section = bool(following) and any(
            h.startswith(following[0].text) for h in sections)
        assert fill >= 0.5 or starts_section, \
            f"page {n} is {fill:.0%} filled and page {n + 1} does not start a section"


@pytest.mark.parametrize("name", NAMES)
def test_tables_of_up_to_twelve_rows_are_never_split(name: str) -> None:
    r = rendered(name)
    # Tables in a chart's "Show the numbers" box are for screens; print shows the appendix.
    printed = re.sub(r'<details class="chart-data">.*?</details>', "", r.html, flags=re.S)
    for m in re.finditer(r'<table class="[^"]*\bkeep\b[^"]*"[^>]*>(.*?)</table>', printed, re.S):
        body = m.group(1)
        caption = _tags(body, "caption")[0]
        rows = re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[1], re.S)
        assert len(rows) <= 12
        # A row's cells, in reading order, identify it (a first cell such as "Safety" alone
        # appears on many pages).
        top, last = (" ".join(_tags(row, "th", "td"))[:40] for row in (rows[0], rows[-1]))
        # Cells wrap inside their columns, so text is compared without spaces.
        flat = ["".join(t.split()) for t in r.texts]
        head, top, last = ("".join(x.split()) for x in (caption, top, last))
        first = next(i for i, t in enumerate(flat) if head in t and top in t[t.index(head):])
        where = next(i for i, t in enumerate(flat) if i >= first and last in t)
        assert where == first, f"table “{caption}” runs from page {first + 1} to {where + 1}"


# The budgets: the organization report at most 14 A4 pages with its methods and
# appendices, the pulse at most 8; the leader report shrinks in proportion (it was 15).
@pytest.mark.parametrize(("name", "limit"), [("sample-org", 14), ("sample-pulse", 8),
                                             ("sample-leader", 10)])
def test_demo_reports_fit_their_page_budget(name: str, limit: int) -> None:
    assert len(rendered(name).pages) <= limit


@pytest.mark.parametrize("name", ["heavy_unknown", "tiny"])
def test_page_one_holds_the_whole_summary_even_with_many_cautions(name: str) -> None:
    """The data sets with the most cautions on page 1 (35% "Don't know", six people): the
    summary, cautions included, fits page 1 and page 2 opens the next section."""
    from tests.report_datasets import DATASETS
    from tila.report.options import ReportOptions
    from tila.report.render import build, builtin_library, render

    ctx = build(DATASETS[name](), options=ReportOptions(org="Riverbend Community Services",
                                                        by=("role",)),
                library=builtin_library())
    assert ctx.summary.cautions  # the case this guards
    reader = pypdf.PdfReader(io.BytesIO(render(ctx, "pdf")))
    page2 = _clean(reader.pages[1].extract_text())
    after = "The principles at a glance" if ctx.heatmap or ctx.radar else ctx.principles[0].title
    assert page2.startswith(after), page2[:120]  # (the running header is extracted last)
