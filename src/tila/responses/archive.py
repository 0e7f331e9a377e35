"""Refuse an ``.xlsx`` that would expand to far more than any survey export before reading it.

An .xlsx file is a zip archive; a 1.5 MB one crafted to expand to gigabytes made the spreadsheet
reader take 3 GB of memory (issue 16, defect 9). The archive's directory declares each member's
compressed and expanded size, so a bomb can be refused by reading that directory alone.
Declared sizes could lie, but the zip readers used underneath stop at the declared size.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from tila.errors import Location, Problem, ResponseError

MAX_EXPANDED_BYTES = 1_000_000_000  # a million respondents x 60 answers is about 600 MB of XML
MAX_RATIO = 200  # real spreadsheets compress 5-20 times; bombs thousands of times
RATIO_FROM_BYTES = 50_000_000  # small files may compress well; the ratio matters past this


def check_archive(path: Path) -> None:
    """Raise a located ResponseError when the spreadsheet's archive would expand too far."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return  # not a zip (or unreadable): the spreadsheet reader says so in its own words
    expanded = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if expanded > MAX_EXPANDED_BYTES or (expanded > RATIO_FROM_BYTES and
                                         expanded / packed > MAX_RATIO):
        raise ResponseError([Problem(
            code="archive-too-large",
            message=f"this spreadsheet would expand from {packed / 1e6:.1f} MB to "
                    f"{expanded / 1e6:,.0f} MB, far more than a survey export; it was not read",
            hint="export the responses again, or save them as CSV",
            location=Location(file=str(path)))])
