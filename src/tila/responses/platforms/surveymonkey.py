"""SurveyMonkey exports (CSV or XLSX, "All responses data").

Two header rows: row 1 has the question text above the first column of each question only (the
cells to its right are blank), row 2 says "Response" / "Open-Ended Response" or, for a matrix,
the statement of that column. Metadata comes first: Respondent ID, Collector ID, Start Date, End
Date, IP Address, Email Address, First Name, Last Name, Custom Data. Recognised by its first two
column ids, ``Respondent ID`` and ``Collector ID``.
"""

from __future__ import annotations

from pathlib import Path

from tila.responses.adapter import Export, PlatformReader, drop_personal, unique_keys
from tila.responses.mapfile import MapFile
from tila.responses.mapping import ColumnInfo
from tila.responses.privacy import personal_kind
from tila.responses.rawtable import peek, read_raw
from tila.responses.readers import ReadOptions, register

META = {"collector id", "start date", "end date"}


def detect(path: Path, head: bytes) -> bool:
    rows = peek(path, head, 2)
    return bool(rows) and [c.casefold() for c in rows[0][:2]] == ["respondent id", "collector id"]


def load(path: Path, options: ReadOptions, mapfile: MapFile | None) -> Export:
    raw = read_raw(path, 2)
    questions, answers = raw.header
    width = raw.frame.width
    # A question spans its own column and the blank-headed columns after it.
    owner = []
    current = ""
    for i in range(width):
        if questions[i]:
            current = questions[i]
        owner.append(current)
    span = {q: owner.count(q) for q in set(owner)}
    keys: list[str] = []
    texts: list[tuple[str, ...]] = []
    for i in range(width):
        q, a = owner[i], answers[i]
        if span[q] == 1 or not a:
            keys.append(q)
            texts.append((q,))
        else:
            keys.append(f"{q} [{a}]")
            texts.append((a, f"{q} {a}"))
    columns = []
    for i, key in enumerate(unique_keys(keys)):
        low = questions[i].casefold()
        if not key:
            continue
        role = "id" if low == "respondent id" else "meta" if low in META else "data"
        columns.append(ColumnInfo(name=f"c{i}", key=key, texts=texts[i], role=role,
                                  personal=personal_kind(owner[i], answers[i] if span[owner[i]] > 1
                                                                else None)))
    return Export(platform="surveymonkey", raw=drop_personal(raw, columns), columns=columns)


register(PlatformReader("surveymonkey", detect, load))
