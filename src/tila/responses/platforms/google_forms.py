"""Google Forms exports (the linked sheet downloaded as CSV or XLSX).

One header row of full question text, as typed by the form's author (stray and double spaces
included); a multiple-choice grid gives one column per row, headed ``Question [Row]``. The first
column is ``Timestamp`` in the sheet's locale; ``Email Address`` appears when the form collects
e-mails and is dropped as personal data, as are name-like columns. Quizzes add ``Score``.
"""

from __future__ import annotations

import re
from pathlib import Path

from tila.responses.adapter import Export, PlatformReader, drop_personal, unique_keys
from tila.responses.mapfile import MapFile
from tila.responses.mapping import ColumnInfo
from tila.responses.privacy import personal_kind
from tila.responses.rawtable import peek, read_raw
from tila.responses.readers import ReadOptions, register

GRID = re.compile(r"^(?P<question>.+?)\s*\[(?P<row>[^\[\]]+)\]$")
STAMP = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}[ T]\d{1,2}:\d{2}(:\d{2})?")
META = {"timestamp", "score", "total score"}


def detect(path: Path, head: bytes) -> bool:
    rows = peek(path, head, 2)
    if not rows or not rows[0]:
        return False
    if rows[0][0].casefold() == "timestamp":
        return True
    # A localised "Timestamp" header: a timestamp in the first cell and a grid-row header.
    return len(rows) > 1 and bool(rows[1]) and bool(STAMP.match(rows[1][0])) and \
        any(GRID.match(h) for h in rows[0][1:])


def load(path: Path, options: ReadOptions, mapfile: MapFile | None) -> Export:
    raw = read_raw(path, 1)
    header = [" ".join(h.split()) for h in raw.header[0]]
    columns = []
    for i, key in enumerate(unique_keys(header)):
        if not key:
            continue
        grid = GRID.match(header[i])
        texts = (header[i], grid.group("row")) if grid else (header[i],)
        role = "meta" if i == 0 or header[i].casefold() in META else "data"
        columns.append(ColumnInfo(name=f"c{i}", key=key, texts=texts, role=role,
                                  personal=personal_kind(header[i])))
    return Export(platform="google-forms", raw=drop_personal(raw, columns), columns=columns)


register(PlatformReader("google-forms", detect, load))
