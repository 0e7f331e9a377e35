"""Sections added to a report by a feature outside the ordinary report (a site's comparison with
the rest of its organization, a benchmark): one shape, drawn by partials/extras.html.j2.

They are put into an already built ReportContext (``with_extras``), so the ordinary report's
builder does not need to know about them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tila.report.svg import Chart, Table

if TYPE_CHECKING:
    from tila.report.context import ReportContext


@dataclass(frozen=True)
class ExtraSection:
    anchor: str
    title: str
    # A plain statement of where the figures come from, shown in bold under the title (a
    # benchmark's provenance; "synthetic" for the demo's).
    label: str | None
    paragraphs: tuple[str, ...]
    sentences: tuple[str, ...]  # one per principle, as a list
    chart: Chart | None
    table: Table | None
    notes: tuple[str, ...] = ()


def with_extras(ctx: ReportContext, sections: tuple[ExtraSection, ...]) -> ReportContext:
    """The context with these sections, listed in the contents before the plan."""
    from tila.report.context import TocEntry

    if not sections:
        return ctx
    at = next((i for i, e in enumerate(ctx.toc) if e.anchor == "plan"), len(ctx.toc))
    toc = (*ctx.toc[:at], *(TocEntry(s.anchor, s.title) for s in sections), *ctx.toc[at:])
    return replace(ctx, extras=ctx.extras + sections, toc=toc)
