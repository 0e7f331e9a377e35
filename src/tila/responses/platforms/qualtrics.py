"""Qualtrics response exports (CSV, or TSV in UTF-16).

Layouts, told apart by structure only (the second row is in the exporter's language):

* current "Data Table" export: row 1 column ids (``StartDate``, ``Q5_1``), row 2 question text
  (``Question - Statement`` for matrix rows), row 3 ``{"ImportId":"QID5_1"}`` JSON (the 2016
  "Insights" exporter wrote Python dicts, ``{'ImportId': 'QID5-1'}``);
* legacy export (before 2017): row 1 ``V1..V10`` then question ids, row 2 metadata names and
  question text; ids may repeat and every line may end with a delimiter;
* either with the label rows removed (one header row of ids).

Preview, test, spam and synthetic responses are dropped by ``Status`` (numeric codes or choice
text), unfinished ones by ``Finished`` unless --include-incomplete.
"""

from __future__ import annotations

import re
from pathlib import Path

from tila.errors import Location, Problem
from tila.responses.adapter import (
    Export,
    PlatformReader,
    drop_personal,
    rows_with,
    unique_keys,
    values_in,
)
from tila.responses.mapfile import MapFile
from tila.responses.mapping import ColumnInfo
from tila.responses.privacy import personal_kind
from tila.responses.rawtable import peek, read_raw
from tila.responses.readers import ReadOptions, register

ID_COLUMNS = {"responseid", "_recordid"}
META = {"startdate", "enddate", "status", "progress", "duration (in seconds)", "finished",
        "recordeddate", "distributionchannel", "userlanguage", "responseset", "v1", "v2", "v3",
        "v4", "v5", "v6", "v7", "v8", "v9", "v10", "locationaccuracy"}
# Status codes as Qualtrics labels them in its SPSS exports; anything else is kept and reported.
DROP_STATUS = {
    "survey preview": ("1", "17", "survey preview", "offline survey preview"),
    "survey test": ("2", "survey test"),
    "spam": ("8", "9", "12", "40", "spam", "survey preview spam", "imported spam", "ex spam"),
    "synthetic": ("256", "synthetic"),
}
KEEP_STATUS = {"0", "4", "16", "32", "48", "132", "ip address", "imported", "offline", "ex",
               "ex offline", "reimported imported"}
FINISHED = {"1", "true"}
UNFINISHED = {"0", "false"}


def _is_import_id(cell: str) -> bool:
    return cell.startswith("{") and "importid" in cell.casefold()


def _layout(rows: list[list[str]]) -> int:
    """Header rows (3, 2 or 1), or 0 when this is not a Qualtrics export."""
    if not rows:
        return 0
    first = [c.casefold() for c in rows[0]]
    if len(rows) >= 3 and sum(_is_import_id(c) for c in rows[2]) >= max(1, len(rows[2]) // 2):
        return 3
    if first[:2] == ["v1", "v2"] and len(rows) >= 2 and \
            {"responseid", "status"} <= {c.casefold() for c in rows[1]}:
        return 2
    if ID_COLUMNS & set(first) and len({"startdate", "status", "finished"} & set(first)) >= 2:
        # Ids only: a second header row holds text where a Status value should be.
        status = first.index("status") if "status" in first else first.index("finished")
        second = rows[1][status].casefold() if len(rows) > 1 and status < len(rows[1]) else ""
        known = KEEP_STATUS | FINISHED | UNFINISHED | {s for v in DROP_STATUS.values()
                                                        for s in v}
        return 1 if second in known or second == "" else 2
    return 0


def detect(path: Path, head: bytes) -> bool:
    return _layout(peek(path, head, 3)) > 0


def _import_id(cell: str) -> str:
    m = re.search(r"""importid['"]?\s*:\s*['"]([^'"]*)['"]""", cell, flags=re.IGNORECASE)
    return m.group(1) if m else ""


def _texts(text: str) -> tuple[str, ...]:
    """The question text, and for a matrix row ``Question - Statement`` the statement alone."""
    out = [text]
    for sep in (" - ", "-"):
        if sep in text:
            out.append(text.rsplit(sep, 1)[1])
            break
    return tuple(t for t in out if t.strip())


def _columns(head: list[list[str]], header_rows: int) -> list[ColumnInfo]:
    """What each column is, from the header rows."""
    width = min(len(r) for r in head) if head else 0
    legacy = header_rows >= 2 and [c.casefold() for c in head[0][:2]] == ["v1", "v2"]
    ids = [head[1][i] if legacy and re.fullmatch(r"V\d+", head[0][i]) else head[0][i]
           for i in range(width)]
    texts = head[1] if header_rows >= 2 else ["" for _ in range(width)]
    imports = [_import_id(c) for c in head[2]] if header_rows == 3 else ["" for _ in range(width)]
    keys = unique_keys(ids)
    columns = []
    for i in range(width):
        name, key = f"c{i}", keys[i]
        low = ids[i].casefold()
        if not ids[i] and not texts[i]:
            continue  # the empty column after a trailing delimiter
        role = "id" if low in ID_COLUMNS else "meta" if low in META or low.startswith("q_") \
            else "data"
        personal = personal_kind(ids[i], imports[i], texts[i]) if role != "id" else None
        columns.append(ColumnInfo(name=name, key=key, texts=_texts(texts[i]), role=role,
                                  personal=personal))
    return columns


def load(path: Path, options: ReadOptions, mapfile: MapFile | None) -> Export:
    with path.open("rb") as fh:
        rows = peek(path, fh.read(65536), 3)
    header_rows = _layout(rows) or 3
    # Answer columns, as far as the first rows tell, are read as categoricals (see read_raw).
    answers = frozenset(int(c.name[1:]) for c in _columns(rows, header_rows)
                        if c.role == "data" and not c.personal) \
        if len(rows) >= header_rows else frozenset()
    raw = read_raw(path, header_rows, categorical=answers)
    columns = _columns(raw.header, header_rows)
    id_cols = [c for c in columns if c.role == "id"]
    for extra in id_cols[1:]:  # keep the first id column; later copies are metadata
        columns[columns.index(extra)] = ColumnInfo(extra.name, extra.key, extra.texts, "meta")
    raw = drop_personal(raw, columns)
    export = Export(platform="qualtrics", raw=raw, columns=columns)
    by_id = {c.key.casefold(): c.name for c in columns}
    status = by_id.get("status")
    if status:
        states = raw.frame.get_column(status)
        for reason, values in DROP_STATUS.items():
            export.drops.append((reason, rows_with(states, set(values).__contains__)))
        known = KEEP_STATUS | {s for v in DROP_STATUS.values() for s in v} | {""}
        unknown = rows_with(states, lambda key: key not in known)
        if unknown.any():
            export.notes.append(Problem(
                code="unknown-status", severity="warning",
                location=Location(file=str(path), field="Status"),
                message=f"{int(unknown.sum())} responses have a Status tila does not know; "
                "they are kept", hint="check they are real responses, not previews or tests"))
    finished = by_id.get("finished")
    if finished:
        mask = values_in(raw.frame, finished, UNFINISHED)
        export.unfinished = lambda _cols: mask
    return export


register(PlatformReader("qualtrics", detect, load))
