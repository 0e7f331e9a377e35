"""tila's JSON responses: one respondent per ``.json`` file, or one per line in ``.jsonl``.

The interactive interview writes this format, so a finished interview is scored as it is. Answers
are scale values (numbers), labels, non-scored option ids (``dont_know``), or null for skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tila.errors import Location, Problem, ResponseError
from tila.questionnaire.model import Questionnaire
from tila.responses.columns import ColumnPlan
from tila.responses.convert import table_from_frame
from tila.responses.dates import day_span
from tila.responses.table import UNFINISHED, ResponseTable, SourceInfo

FORMAT_KEY = "tila_response"
# A paused interview's file carries this key (tila.administer.store.SESSION_KEY); a submitted one
# does not. The key, not a null ``completed_at``, marks it: files written by ``tila import`` are
# complete answers that never had a completion time.
SESSION_KEY = "tila_session"
# JSON responses become Python objects, about ten times their size in memory; larger surveys
# belong in CSV or Parquet.
MAX_JSON_BYTES = 200_000_000


def _records(path: Path) -> tuple[list[tuple[int | None, dict[str, Any]]], str]:
    from tila.fileio import TooLarge, megabytes, read_limited

    try:
        text = read_limited(path, MAX_JSON_BYTES).decode("utf-8-sig")
    except FileNotFoundError:
        raise ResponseError([Problem(code="file-not-found", message=f"no such file: {path}",
                                     location=Location(file=str(path)))]) from None
    except TooLarge:
        raise ResponseError([Problem(
            code="file-too-large", message=f"the JSON file is larger than "
            f"{megabytes(MAX_JSON_BYTES)}", hint="give many responses as CSV or Parquet, which "
            "tila reads in a fraction of the memory", location=Location(file=str(path)))]) \
            from None
    except OSError as exc:
        raise ResponseError([Problem(code="unreadable", message=f"cannot read: {exc.strerror}",
                                     location=Location(file=str(path)))]) from None
    except UnicodeDecodeError:
        raise ResponseError([Problem(code="bad-encoding", message="not UTF-8 text",
                                     hint="JSON responses must be UTF-8",
                                     location=Location(file=str(path)))]) from None
    if not text.strip():
        raise ResponseError([Problem(code="empty-file", message="the file is empty",
                                     location=Location(file=str(path)))])
    if path.suffix.lower() == ".jsonl" or (text.lstrip().startswith("{") and "\n{" in text
                                             and path.suffix.lower() != ".json"):
        out: list[tuple[int | None, dict[str, Any]]] = []
        fmt = "jsonl"
        for lineno, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                out.append((lineno, _parse(line, path, lineno)))
        return out, fmt
    doc = _parse(text, path, None)
    if isinstance(doc, list):
        return [(None, d) for d in doc], "json"
    return [(None, doc)], "json"


def _parse(text: str, path: Path, line: int | None) -> Any:
    from tila.jsonread import JSONProblem, loads

    try:
        return loads(text, str(path), line)
    except JSONProblem as exc:
        raise ResponseError([exc.problem]) from None


def _wrong_type(rec: dict[str, Any], where: Location) -> list[Problem]:
    """A located problem for each part of a response that is not the JSON type it must be
    (``"questionnaire": "tila-org"`` once crashed with an AttributeError)."""
    wanted = {"questionnaire": "an object with id and version", "answers": "an object of item "
              "ids to answers", "fields": "an object of field ids to values",
              "notes": "an object of item ids to notes"}
    return [Problem(code="bad-response-type", location=where,
                    message=f"'{key}' must be {what}, not {_json_type(rec[key])}",
                    hint="give the file written by 'tila administer' or 'tila import'")
            for key, what in wanted.items()
            if rec.get(key) is not None and not isinstance(rec[key], dict)]


def _json_type(value: object) -> str:
    return {str: "a string", list: "a list", bool: "true/false", int: "a number",
            float: "a number"}.get(type(value), "another type")


def read_json_responses(path: Path, q: Questionnaire, *,
                        include_unfinished: bool = False) -> ResponseTable:
    """Read tila JSON responses. Paused interviews are left out (counted in the source's
    ``dropped`` as "unfinished interview") unless ``include_unfinished``: the interview promises
    that nothing is final until it is submitted."""
    import polars as pl

    records, fmt = _records(path)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    ids: list[str | None] = []
    forms: set[str] = set()
    columns: dict[str, list[str | None]] = {i: [] for i in q.item_ids}
    field_ids = [f.id for f in q.respondent_fields]
    fields: dict[str, list[str | None]] = {f: [] for f in field_ids}
    notes: dict[str, list[str | None]] = {}
    unfinished = 0
    completed: list[object] = []  # completion times, reduced to a first and last day below
    n = 0  # records kept so far
    for line, rec in records:
        where = Location(file=str(path), line=line, row=line)
        if not isinstance(rec, dict) or FORMAT_KEY not in rec:
            problems.append(Problem(code="not-a-response", message="not a tila JSON response "
                                    f"(no '{FORMAT_KEY}' key)", location=where,
                                    hint="give the file written by 'tila administer'"))
            continue
        if isinstance(rec.get(SESSION_KEY), dict) and not include_unfinished:
            unfinished += 1
            continue
        wrong = _wrong_type(rec, where)
        if wrong:
            problems.extend(wrong)
            continue
        meta = rec.get("questionnaire") or {}
        if meta.get("id") != q.id:
            problems.append(Problem(code="questionnaire-mismatch", location=where,
                                    message=f"answers are for '{meta.get('id')}', not '{q.id}'",
                                    hint=f"score it with `questionnaire={meta.get('id')}`"))
            continue
        if meta.get("version") != q.version:
            warnings.append(Problem(code="version-mismatch", severity="warning", location=where,
                                    message=f"answers were given to version {meta.get('version')}"
                                    f", scored with {q.version}"))
        ids.append(str(rec.get("respondent_id") or f"{path.stem}-{n + 1}"))
        completed.append(rec.get("completed_at"))
        if rec.get("form"):
            forms.add(str(rec["form"]))
        answers = rec.get("answers") or {}
        for key in answers:
            if key not in columns:
                problems.append(Problem(code="unknown-item", location=where,
                                        message=f"answer for unknown item '{key}'",
                                        hint=f"check the file belongs to {q.id} {q.version}"))
        for item_id, col in columns.items():
            value = answers.get(item_id)
            col.append(None if value is None else
                       (f"{value:g}" if isinstance(value, int | float) else str(value)))
        for f in field_ids:
            v = (rec.get("fields") or {}).get(f)
            fields[f].append(None if v is None else str(v))
        for item_id, note in (rec.get("notes") or {}).items():
            for kind in ("note", "evidence"):
                text = note.get(kind) if isinstance(note, dict) else None
                notes.setdefault(f"{item_id}_{kind}", [None] * n).append(text or None)
        for col_values in notes.values():
            col_values.extend([None] * (n + 1 - len(col_values)))
        n += 1
    if problems:
        raise ResponseError(problems)
    if len(forms) > 1:
        raise ResponseError([Problem(code="mixed-forms", location=Location(file=str(path)),
                                     message="the file mixes forms: " + ", ".join(sorted(forms)),
                                     hint="score each form separately")])
    data: dict[str, list[str | None]] = {"respondent_id": ids, **columns,
                                         **{f"field:{k}": v for k, v in fields.items()}, **notes}
    frame = pl.DataFrame(data, schema=dict.fromkeys(data, pl.String))
    plan = ColumnPlan(items={i: i for i in q.item_ids}, id_column="respondent_id",
                      fields={f"field:{k}": k for k in field_ids},
                      texts={k: k for k in notes})
    info = SourceInfo(str(path), fmt, len(records), len(ids), warnings=tuple(warnings),
                      dropped={UNFINISHED: unfinished} if unfinished else {},
                      dates=day_span(completed))
    return table_from_frame(frame, q, plan, info, row_base=None,
                            form=forms.pop() if forms else None)
