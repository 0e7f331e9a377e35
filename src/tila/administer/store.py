"""The interview's file: saved atomically after every answer, and finished as a native response.

While the interview runs, the file is a native tila JSON response (the same keys ``tila score``
reads) plus one extra key, ``tila_session``, holding what is needed to resume: the state, the
screen position and the questionnaire source. On submit the extra key is dropped and
``completed_at`` set, so the finished file is exactly a native response. Answers are keyed by
item id: a scale value (number), a non-scored option id (string) or ``null`` for a skip; items
not reached yet are absent.

Every write goes to a temporary file in the same folder, is flushed and fsynced, then renamed
over the target and the folder fsynced: a killed process or a power cut leaves either the
previous complete file or the new complete file, never half of one.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tila.administer.session import Answer, Note, Session
from tila.errors import Location, Problem, TilaError
from tila.questionnaire.model import Questionnaire

SESSION_KEY = "tila_session"
NATIVE_VERSION = 1


class SessionFileError(TilaError):
    """A session file that cannot be read, resumed or written."""


@dataclass(frozen=True)
class Meta:
    """What the file records besides the session itself."""

    respondent_id: str
    source: str  # the questionnaire id or path the interview was started with
    started_at: str
    # kept in the file so a resumed interview looks the same: a screen-reader user who
    # started with --plain must not come back to boxes and a progress bar
    plain: bool = False
    # set by the consultant (--support, --privacy-note); they override the questionnaire's
    support: str | None = None
    privacy: str | None = None


def new_respondent_id() -> str:
    """A random id that says nothing about the person: ``R-`` and 8 hex digits."""
    return "R-" + secrets.token_hex(4)


def now_iso(environ: Mapping[str, str] | None = None) -> str:
    """The current UTC time, or ``SOURCE_DATE_EPOCH`` when set (reproducible outputs)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _json_answer(value: Answer) -> float | int | str | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 4, not 4.0: the file is read by people too
    return value


def to_document(session: Session, meta: Meta, *, completed_at: str | None = None) -> dict[str, Any]:
    """The JSON document for this state; a complete session gives a plain native response."""
    q = session.questionnaire
    doc: dict[str, Any] = {
        "tila_response": NATIVE_VERSION,
        "questionnaire": {"id": q.id, "version": q.version},
        "respondent_id": meta.respondent_id,
        "form": session.form,
        "fields": dict(session.fields),
        "answers": {it.id: _json_answer(session.answers[it.id])
                    for it in q.items if it.id in session.answers},
        "notes": {k: {"note": n.note, "evidence": n.evidence} for k, n in session.notes.items()},
        "completed_at": completed_at if session.phase == "complete" else None,
    }
    if session.phase != "complete":
        doc[SESSION_KEY] = {
            "state": "in_progress",
            "phase": session.phase,
            "position": session.position,
            "field_position": session.field_position,
            "consensus": session.consensus,
            "source": meta.source,
            "started_at": meta.started_at,
            "display": "plain" if meta.plain else "standard",
        }
        for key, text in (("support", meta.support), ("privacy_note", meta.privacy)):
            if text:
                doc[SESSION_KEY][key] = text
    return doc


def write_json_atomic(path: Path, document: Mapping[str, Any]) -> None:
    """Write JSON so the file is always either the old or the new complete version."""
    from tila.fileio import atomic_write

    atomic_write(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def read_document(path: Path) -> dict[str, Any]:
    """Parse a session or response file, with a located problem when it cannot be read."""
    name = str(path)
    if path.suffix.lower() in {".csv", ".tsv", ".xlsx", ".xls", ".sav", ".yaml", ".yml"}:
        raise _fail("not-a-session", name, f"this is a {path.suffix.lstrip('.').upper()} file, "
                    "not an interview file", "`resume` continues a .json file written by "
                    "'tila administer'; score survey exports with 'tila score'")
    try:
        from tila.fileio import TooLarge, read_limited
        from tila.questionnaire.load import MAX_YAML_BYTES

        text = read_limited(path, MAX_YAML_BYTES).decode("utf-8-sig")
    except FileNotFoundError:
        raise _fail("file-not-found", name, f"no such file: {name}",
                    "check the path of the interview file to resume") from None
    except TooLarge:
        raise _fail("file-too-large", name, "the file is far larger than an interview") \
            from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail("unreadable", name, f"cannot read the file ({exc})") from None
    from tila.jsonread import JSONProblem, loads

    try:
        doc = loads(text, name, syntax_code="json-syntax")
    except JSONProblem as exc:
        if not text.lstrip().startswith(("{", "[")):
            raise _fail("not-a-session", name, "this is not an interview file (it is not "
                        "JSON)", "`resume` continues a .json file written by 'tila "
                        "administer'") from None
        raise SessionFileError([exc.problem]) from None
    if not isinstance(doc, dict) or "tila_response" not in doc:
        raise _fail("not-a-session", name, "this is not a tila interview file",
                    "resume a file written by 'tila administer'")
    return doc


def questionnaire_source(doc: Mapping[str, Any]) -> str | None:
    """The questionnaire id or path the interview in ``doc`` was started with."""
    session = doc.get(SESSION_KEY)
    if isinstance(session, dict) and isinstance(session.get("source"), str):
        return str(session["source"])
    ref = doc.get("questionnaire")
    if isinstance(ref, dict) and isinstance(ref.get("id"), str):
        return str(ref["id"])
    return None


def from_document(doc: Mapping[str, Any], q: Questionnaire, file: str,
                  *, consensus: bool = False) -> tuple[Session, Meta]:
    """Restore a session, checking every answer against the questionnaire first."""
    problems: list[Problem] = []

    def bad(code: str, message: str, path: str, hint: str | None = None) -> None:
        problems.append(Problem(code=code, message=message, hint=hint,
                                location=Location(file=file, path=path)))

    ref = doc.get("questionnaire") or {}
    if ref.get("id") != q.id:
        bad("other-questionnaire", f"this interview belongs to questionnaire "
            f"'{ref.get('id')}', not '{q.id}'", "questionnaire.id")
    elif ref.get("version") != q.version:
        bad("questionnaire-version", f"this interview was started with version "
            f"{ref.get('version')} of '{q.id}', which is now version {q.version}",
            "questionnaire.version", "finish it with the tila release it was started with")
    form = doc.get("form")
    if form is not None and form not in {f.id for f in q.forms}:
        bad("unknown-form", f"unknown form '{form}'", "form")
    answers = _restore_answers(doc.get("answers") or {}, q, bad)
    fields = {str(k): (None if v is None else str(v)) for k, v in (doc.get("fields") or {}).items()}
    notes = {str(k): Note(str(v.get("note") or ""), str(v.get("evidence") or ""))
             for k, v in (doc.get("notes") or {}).items() if isinstance(v, dict)}
    extra = doc.get(SESSION_KEY)
    extra = extra if isinstance(extra, dict) else {}
    if problems:
        raise SessionFileError(problems)
    rid = doc.get("respondent_id")
    meta = Meta(
        respondent_id=str(rid) if rid else new_respondent_id(),
        source=str(extra.get("source") or q.id),
        started_at=str(extra.get("started_at") or now_iso()),
        plain=extra.get("display") == "plain",
        support=_text_or_none(extra.get("support")),
        privacy=_text_or_none(extra.get("privacy_note")),
    )
    if not extra:  # a finished response: items it leaves out were skipped
        answers = {it.id: answers.get(it.id) for it in q.items}
    session = Session(q, form=form,
                      consensus=consensus or bool(extra.get("consensus")) or bool(notes),
                      fields=fields, answers=answers, notes=notes,
                      phase="items" if extra else "complete")
    return session.resumed(), meta


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _restore_answers(raw: Any, q: Questionnaire, bad: Any) -> dict[str, Answer]:
    if not isinstance(raw, dict):
        bad("answers-not-mapping", "'answers' must map item ids to answers", "answers")
        return {}
    out: dict[str, Answer] = {}
    for item_id, value in raw.items():
        where = f"answers.{item_id}"
        if item_id not in q.item_ids:
            bad("unknown-item", f"unknown item '{item_id}'", where)
            continue
        scale = q.scale_of(q.item(item_id))
        if value is None:
            out[item_id] = None
        elif isinstance(value, bool):
            bad("unknown-answer", "an answer cannot be true or false", where)
        elif isinstance(value, int | float) and float(value) in scale.values:
            out[item_id] = float(value)
        elif isinstance(value, str) and value in {o.id for o in scale.non_scored}:
            out[item_id] = value
        else:
            bad("unknown-answer", "the recorded answer is not one of the scale's choices", where)
    return out


def _fail(code: str, file: str, message: str, hint: str | None = None) -> SessionFileError:
    return SessionFileError([Problem(code=code, message=message, hint=hint,
                                     location=Location(file=file))])


class SessionFile:
    """The file one interview lives in; ``save`` after every change the respondent makes."""

    def __init__(self, path: Path, meta: Meta) -> None:
        self.path = path
        self.meta = meta

    def save(self, session: Session) -> None:
        write_json_atomic(self.path, to_document(session, self.meta))

    def withdraw(self) -> None:
        """Delete the file: the respondent withdrew, and nothing of theirs is kept."""
        self.path.unlink(missing_ok=True)

    def finish(self, session: Session, environ: Mapping[str, str] | None = None) -> None:
        write_json_atomic(self.path, to_document(session, self.meta,
                                                 completed_at=now_iso(environ)))


def check_new_output(path: Path, force: bool) -> None:
    """Refuse to start a new interview over an existing file unless ``force`` is given."""
    if path.exists() and not force:
        raise SessionFileError([Problem(
            code="output-exists", message="the output file already exists",
            location=Location(file=str(path)),
            hint="continue it with `resume`, choose another name with `output`, or "
                 "replace it with `force=True`")])
    if not path.parent.is_dir() and str(path.parent):
        raise _fail("no-such-folder", str(path), "the folder for the output file does not exist")
