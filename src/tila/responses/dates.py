"""When a survey was answered, kept only as its first and last day.

A completion time is respondent metadata: with a small group it can say who answered when. tila
keeps no per-person date; each file's reader keeps the earliest and latest completion day of
the responses it kept (a range describes the survey, not a person), which the report prints as
the survey period when the user gives none.

Only ISO dates (2026-03-21, optionally with a time) are read. Platforms that write dates in the
account's locale ("03/04/2026") cannot be read without guessing day and month, so a file with
any such value keeps no range at all: the report then says nothing rather than something false.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

#: Completion-time columns of the platforms' exports, by their id or header (case-folded), in
#: the order preferred when an export has several.
COMPLETION_COLUMNS = ("enddate", "end date", "recordeddate", "submitdate", "completion time",
                      "completed_at", "timestamp")

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def iso_day(text: str) -> date | None:
    """The day of an ISO date or date-time; None for anything else (never guessed)."""
    m = _ISO.match(text.strip())
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def day_span(values: Iterable[object]) -> tuple[str, str] | None:
    """The first and last day (ISO) of the given completion times, ignoring blanks; None when
    there is none or any value is not an ISO date."""
    days = []
    for v in values:
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        day = iso_day(v) if isinstance(v, str) else None
        if day is None:
            return None
        days.append(day)
    if not days:
        return None
    return min(days).isoformat(), max(days).isoformat()


def merged(spans: Iterable[tuple[str, str] | None]) -> tuple[str, str] | None:
    """The span of several files: None unless every file has one (a range left open by a file
    without dates would claim more than is known)."""
    spans = list(spans)
    if not spans or any(s is None for s in spans):
        return None
    known = [s for s in spans if s is not None]
    return min(s[0] for s in known), max(s[1] for s in known)
