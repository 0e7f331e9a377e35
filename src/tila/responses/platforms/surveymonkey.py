"""SurveyMonkey exports (CSV or XLSX, "All responses data").

Two header rows: row 1 has the question text above the first column of each question only (the
cells to its right are blank), row 2 says "Response" / "Open-Ended Response" or, for a matrix,
the statement of that column. Metadata comes first: Respondent ID, Collector ID, Start Date, End
Date, IP Address, Email Address, First Name, Last Name, Custom Data. Recognised by its first two
column ids, ``Respondent ID`` and ``Collector ID``. The older layout writes the ids as one word
(``RespondentID``, ``StartDate``), may have no collector column, and is recognised by
``RespondentID`` first with "Response" or "Open-Ended Response" in the second header row.
"""

from __future__ import annotations

from pathlib import Path

from tila.responses.adapter import Export, PlatformReader, drop_personal, unique_keys
from tila.responses.mapfile import MapFile
from tila.responses.mapping import ColumnInfo
from tila.responses.privacy import personal_kind
from tila.responses.rawtable import peek, read_raw
from tila.responses.readers import ReadOptions, register

META = {"collectorid", "startdate", "enddate"}
SECOND_ROW = {"response", "open-ended response"}


def _key(text: str) -> str:
    """A metadata heading in either layout: "Respondent ID" and "RespondentID" alike."""
    return "".join(text.split()).casefold()


def detect(path: Path, head: bytes) -> bool:
    rows = peek(path, head, 2)
    if not rows or not rows[0] or _key(rows[0][0]) != "respondentid":
        return False
    if len(rows[0]) > 1 and _key(rows[0][1]) == "collectorid":
        return True
    return len(rows) > 1 and any(c.casefold() in SECOND_ROW for c in rows[1])


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
        low = _key(questions[i])
        if not key:
            continue
        role = "id" if low == "respondentid" else "meta" if low in META else "data"
        columns.append(ColumnInfo(name=f"c{i}", key=key, texts=texts[i], role=role,
                                  personal=personal_kind(owner[i], answers[i] if span[owner[i]] > 1
                                                                else None)))
    return Export(platform="surveymonkey", raw=drop_personal(raw, columns), columns=columns)


register(PlatformReader("surveymonkey", detect, load))
