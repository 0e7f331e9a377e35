"""HTML to PDF with WeasyPrint, fetching nothing but data: URLs and files in allowed folders.

A report carries respondent text and, with ``--templates``, a consultant's markup. Either could
point at ``file:///etc/passwd``, an ``http://`` address or a ``<link rel="attachment">``. The
fetcher below refuses every URL except ``data:`` and files inside the template and asset
folders (after resolving symlinks and ``..``), never follows redirects, and the PDF is written
without attachments. WeasyPrint is imported here only, when a PDF is made.

Reproducibility: the creation and modification dates come from the report date
(SOURCE_DATE_EPOCH when set) and the file identifier is a hash of the content, so the same input
gives a byte-identical PDF.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tila.errors import Problem, ReportError

#: Every PDF is tagged (structure for screen readers); ``--pdf-variant pdf/ua-1`` adds PDF/UA.
TAGGED = True


def safe_fetcher(roots: Sequence[Path], blocked: list[str] | None = None) -> Any:
    """A WeasyPrint URL fetcher limited to data: URLs and files under ``roots``.

    Every refused URL is appended to ``blocked`` (the security tests read it).
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = tuple(p.resolve() for p in roots)
    refused = blocked if blocked is not None else []

    class SafeFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False,
                             timeout=1)

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if any(path.is_relative_to(root) for root in allowed) and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes())
            refused.append(url)
            raise ValueError(f"tila does not fetch {scheme} URLs outside its template folders")

    return SafeFetcher()


def render_pdf(html: str, *, roots: Sequence[Path], base: Path, variant: str | None = None,
               blocked: list[str] | None = None) -> bytes:
    """The PDF bytes for a report's HTML (tagged; ``variant`` e.g. ``pdf/ua-1``)."""
    import weasyprint

    # WeasyPrint logs each refused URL as a warning on the root logger's handlers; the report
    # itself says nothing about files it was never going to read.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        doc = weasyprint.HTML(string=html, base_url=base.as_uri() + "/",
                              url_fetcher=safe_fetcher(roots, blocked))
        document = doc.render(pdf_tags=TAGGED, pdf_variant=variant)
        document.metadata.attachments = []  # <link rel="attachment"> never reaches the file
        for page in document.pages:  # no embedded-file annotations either
            page.links[:] = [link for link in page.links if link[0] != "attachment"]
        data: bytes = document.write_pdf(pdf_tags=TAGGED, pdf_variant=variant,
                                         pdf_identifier=True, attachments=[])
    except (OSError, ValueError) as exc:
        raise ReportError([Problem(code="pdf-failed", message=f"could not make the PDF: {exc}",
                                   hint="this is a problem in tila or WeasyPrint, not in the data: "
                                   "please report it")]) from None
    return data
