"""Microsoft Forms exports (XLSX from "Open in Excel", or that sheet saved as CSV).

One header row: ``ID``, ``Start time``, ``Completion time``, ``Email``, ``Name`` (and ``Last
modified time`` in newer exports), then one column per question, headed by its text; a Likert
question has one column per statement. Quiz forms add points and feedback columns. ``Email`` and
``Name`` are personal data (``anonymous`` for anonymous forms) and are dropped.
"""

from __future__ import annotations

from pathlib import Path

from tila.responses.adapter import Export, PlatformReader, drop_personal, unique_keys
from tila.responses.mapfile import MapFile
from tila.responses.mapping import ColumnInfo
from tila.responses.privacy import personal_kind
from tila.responses.rawtable import peek, read_raw
from tila.responses.readers import ReadOptions, register

META = {"start time", "completion time", "last modified time", "total points", "quiz feedback"}


def detect(path: Path, head: bytes) -> bool:
    rows = peek(path, head, 1)
    return bool(rows) and [c.casefold() for c in rows[0][:3]] == ["id", "start time",
                                                                  "completion time"]


def load(path: Path, options: ReadOptions, mapfile: MapFile | None) -> Export:
    raw = read_raw(path, 1)
    header = [" ".join(h.split()) for h in raw.header[0]]
    columns = []
    for i, key in enumerate(unique_keys(header)):
        low = header[i].casefold()
        if not key:
            continue
        role = "id" if i == 0 else "meta" if low in META or \
            low.startswith(("points - ", "feedback - ")) else "data"
        columns.append(ColumnInfo(name=f"c{i}", key=key, texts=(header[i],), role=role,
                                  personal=personal_kind(header[i])))
    return Export(platform="ms-forms", raw=drop_personal(raw, columns), columns=columns)


register(PlatformReader("ms-forms", detect, load))
