"""The PDF report: content, pages, metadata, reproducibility, and the fetcher's refusals."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.report_support import make_result
from tests.test_report_html import PAYLOAD, context, library
from tila.report.options import ReportOptions
from tila.report.render import render, render_report

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return render(context(), "pdf")


def text_of(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    # pypdf reads some bold runs as UTF-16 (a NUL before each letter); drop the NULs.
    return "\n".join(page.extract_text() for page in reader.pages).replace("\x00", "")


def test_pdf_has_every_section_the_org_and_the_principle_scores(pdf_bytes: bytes) -> None:
    ctx = context()
    text = " ".join(text_of(pdf_bytes).split())
    # Issue 14: page 1 is the summary under the organization's name; the PDF's contents are
    # its bookmarks, so it has no contents page. The starter's heatmap would be mostly empty
    # and the radar is optional, so this report has no "principles at a glance" section.
    for title in ("Allowing for chance", "Groups compared",
                  "Change since the baseline", "Improvement plan", "Action plan",
                  "How the scores were made", "Appendix: statements in detail"):
        assert title in text
    assert "Riverside Services" in text
    for p in ctx.principles:
        assert p.title in text
        assert p.score in text


def test_pdf_pages_metadata_and_bookmarks(pdf_bytes: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    assert 12 <= len(reader.pages) <= 30
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Riverside Services: Trauma-Informed Starter Check"
    assert meta.author == "Riverside Services"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF
    outline = [o["/Title"] for o in reader.outline if isinstance(o, dict)]
    assert outline[:2] == ["Summary", "Safety"]
    # Running header and page numbers.
    second = reader.pages[2].extract_text()
    assert "Riverside Services" in second
    assert "1 March 2026" in second
    assert "Page 3 of" in second
    mediabox = reader.pages[0].mediabox
    assert round(float(mediabox.width)) == 595  # A4


def test_letter_paper_and_pdf_ua_variant() -> None:
    data = render(context(paper="letter"), "pdf", variant="pdf/ua-1")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert round(float(reader.pages[0].mediabox.width)) == 612
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp


def test_same_input_gives_a_byte_identical_pdf(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    r = make_result(n=30, by=())
    opts = ReportOptions(org="Same")
    render_report(r, tmp_path / "a.pdf", options=opts, library=library())
    render_report(r, tmp_path / "b.pdf", options=opts, library=library())
    a, b = (tmp_path / "a.pdf").read_bytes(), (tmp_path / "b.pdf").read_bytes()
    assert a == b
    assert "1 January 2026" in text_of(a)


def test_file_and_network_urls_are_neither_read_nor_embedded(tmp_path: Path) -> None:
    """A template or a response pointing at local files or the network gets nothing."""
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "summary.html.j2").write_text(
        '<section id="summary"><h2>Summary</h2>' + PAYLOAD +
        '<img src="http://example.invalid/x.png"><a rel="attachment" '
        'href="file:///etc/hostname">x</a>'
        '<img src="../../../../../../../../etc/hosts"></section>')
    blocked: list[str] = []
    ctx = context(org=PAYLOAD, templates=tmp_path)
    data = render(ctx, "pdf", templates=tmp_path, blocked=blocked)
    assert "file:///etc/passwd" in blocked
    assert "http://example.invalid/x.png" in blocked
    assert "file:///etc/hosts" in blocked  # a relative path climbing out of the folder
    # Attachments are dropped before anything is fetched for them: asked for, never read.
    assert all("hostname" not in u for u in blocked)
    secret = Path("/etc/hostname").read_bytes().strip()
    assert b"/EmbeddedFile" not in data
    assert b"/FileAttachment" not in data
    if len(secret) >= 6:
        assert secret not in data
    assert b"root:x:0:0" not in data
    # The organization's name is printed as text, never followed as markup.
    assert '<img src="file:///etc/passwd">' in text_of(data).replace("\n", "")
