"""What a user chooses about a report (organization, branding, paper) and checks on those choices.

Problems are collected and raised together, so a user fixing a command line sees every mistake at
once: a missing logo, an accent that is not a colour, a paper size tila does not know.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from tila.errors import Location, Problem, ReportError

PAPERS = {"a4": "A4", "letter": "letter"}
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3u", "pdf/a-2u")
DEFAULT_ACCENT = "#0072B2"
MAX_LOGO_BYTES = 2_000_000
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_LOGO_TYPES = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"),
               (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"))


@dataclass(frozen=True)
class ReportOptions:
    """Every choice about one report: whose answers (``by``, ``leader``, ``min_group_size``) and
    how it looks. A new report option is one field here (and one CLI option that sets it)."""

    org: str = "Your organization"
    by: tuple[str, ...] = ()  # fields whose groups the report compares
    # Groups (and a leader's raters) smaller than this are hidden; see assemble_report.
    min_group_size: int = 5
    invited: int | None = None  # people invited, for the response rate
    logo: Path | None = None
    accent: str = DEFAULT_ACCENT
    paper: str = "a4"
    date: dt.date | None = None  # None: SOURCE_DATE_EPOCH, else today
    templates: Path | None = None  # a folder of templates overriding the bundled ones
    pdf_variant: str | None = None
    author: str | None = None  # PDF author metadata; defaults to the organization
    leader: str | None = None  # a report about one leader (tila-leader's 'leader' field)
    radar: bool = False  # add the radar chart (the bar chart with intervals says more)
    period: str | None = None  # the survey period as the reader knows it: "March 2026"
    short_name: str | None = None  # for the running header when the name is long
    cover: bool = False  # a separate cover page before the summary
    comments: bool = True  # print free-text comments (masked) when enough people answered
    extra: dict[str, str] = field(default_factory=dict)


def report_date(explicit: dt.date | None = None) -> dt.date:
    """The date a report shows: given, else SOURCE_DATE_EPOCH (reproducible builds), else today."""
    if explicit is not None:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def check_options(options: ReportOptions) -> list[Problem]:
    problems = []
    if not _HEX.match(options.accent):
        problems.append(Problem(code="bad-accent", message=f"`accent` '{options.accent}' is not "
                                "a colour", hint="give a hex colour such as #0072B2"))
    if options.paper not in PAPERS:
        problems.append(Problem(code="bad-paper", message=f"unknown paper size "
                                f"'{options.paper}'", hint="use a4 or letter"))
    if options.pdf_variant is not None and options.pdf_variant not in PDF_VARIANTS:
        problems.append(Problem(code="bad-pdf-variant", message=f"unknown PDF variant "
                                f"'{options.pdf_variant}'", hint="use one of: " +
                                ", ".join(PDF_VARIANTS)))
    if options.invited is not None and options.invited < 1:
        problems.append(Problem(code="bad-invited", message="`invited` must be at least 1"))
    if options.templates is not None and not options.templates.is_dir():
        problems.append(Problem(code="templates-missing", message=f"template folder "
                                f"{options.templates} does not exist",
                                location=Location(file=str(options.templates)),
                                hint="give a folder holding report.html.j2 or partials to "
                                "override"))
    return problems


def logo_data_url(path: Path | None) -> str | None:
    """The logo as a data: URL (PNG, JPEG, GIF or SVG), so the report needs no other file."""
    if path is None:
        return None
    from tila.fileio import TooLarge, read_limited

    where = Location(file=str(path))
    try:
        data = read_limited(path, MAX_LOGO_BYTES)  # /dev/zero once read gigabytes (issue 16)
    except OSError as exc:
        raise ReportError([Problem(code="logo-missing", message=f"cannot read the logo: "
                                   f"{exc.strerror or exc}", location=where,
                                   hint="check the path given as `logo`")]) from None
    except TooLarge:
        raise ReportError([Problem(code="logo-too-large", message="the logo is larger than "
                                   "2 MB", location=where, hint="use a smaller image")]) \
            from None
    mime = next((m for magic, m in _LOGO_TYPES if data.startswith(magic)), None)
    if mime is None and b"<svg" in data[:2048].lower():
        mime = "image/svg+xml"
    if mime is None:
        raise ReportError([Problem(code="logo-format", message="the logo is not a PNG, JPEG, "
                                   "GIF or SVG image", location=where)])
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
