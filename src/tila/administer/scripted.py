"""``--answers FILE``: run the interview from a file of answers, for scripts and tests.

The file is JSON or YAML. Either a mapping with ``answers`` (item id to answer), and optionally
``fields`` and ``notes``; or a flat mapping of item ids to answers with an optional ``fields``
key. An answer is a scale value (4), a scale label or synonym ("Agree"), a non-scored option id,
label or synonym ("dont_know", "Not applicable"), or null for skipped; items left out are
skipped. The answers go through the same state machine as a keyboard would, so a scripted
interview and a typed one produce the same file. Every problem is reported at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tila.administer.session import Answer, Session
from tila.errors import Location, Problem, ResponseError
from tila.questionnaire.model import RespondentField, Scale

PREFER_NOT = {"prefer not to say", "prefer_not_to_say"}


def read_answers_file(path: Path) -> Any:
    """Parse the answers file (YAML for .yaml/.yml, JSON otherwise)."""
    name = str(path)
    if path.suffix.lower() in {".yaml", ".yml"}:
        from tila.questionnaire.load import read_yaml

        data, problems = read_yaml(path)
        if problems:
            raise ResponseError(problems)
        return _plain(data)
    from tila.fileio import TooLarge, megabytes, read_limited
    from tila.jsonread import JSONProblem, loads
    from tila.questionnaire.load import MAX_YAML_BYTES

    try:
        return loads(read_limited(path, MAX_YAML_BYTES).decode("utf-8-sig"), name,
                     syntax_code="json-syntax")
    except FileNotFoundError:
        raise ResponseError([Problem(code="file-not-found", message=f"no such file: {name}",
                                     location=Location(file=name))]) from None
    except TooLarge:
        raise ResponseError([Problem(code="file-too-large", message="the answers file is "
                                     f"larger than {megabytes(MAX_YAML_BYTES)}",
                                     location=Location(file=name))]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ResponseError([Problem(code="unreadable", message=f"cannot read the file ({exc})",
                                     location=Location(file=name))]) from None
    except JSONProblem as exc:
        raise ResponseError([exc.problem]) from None


def _plain(data: Any) -> Any:
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def scripted_session(session: Session, data: Any, file: str) -> Session:
    """Answer every field and item of a fresh ``session`` from ``data`` and submit it."""
    problems: list[Problem] = []

    def bad(code: str, message: str, path: str, hint: str | None = None) -> None:
        problems.append(Problem(code, message, Location(file=file, path=path), hint))

    if not isinstance(data, dict):
        bad("answers-not-mapping", "the answers file must be a mapping of item ids to answers",
            "(document)")
        raise ResponseError(problems)
    q = session.questionnaire
    answers_raw = data.get("answers", {k: v for k, v in data.items()
                                       if k not in ("fields", "notes")})
    fields_raw = data.get("fields") or {}
    notes_raw = data.get("notes") or {}
    for key, raw in (("answers", answers_raw), ("fields", fields_raw), ("notes", notes_raw)):
        if not isinstance(raw, dict):
            bad("not-a-mapping", f"'{key}' must be a mapping", key)
    if problems:
        raise ResponseError(problems)
    for unknown in sorted(set(answers_raw) - set(q.item_ids)):
        bad("unknown-item", f"unknown item '{unknown}'", f"answers.{unknown}",
            f"items of {q.id}: {', '.join(q.item_ids[:6])} ...")
    known_fields = {f.id for f in q.respondent_fields}
    for unknown in sorted(set(fields_raw) - known_fields):
        bad("unknown-field", f"unknown respondent field '{unknown}'", f"fields.{unknown}",
            "known fields: " + (", ".join(sorted(known_fields)) or "none"))
    for unknown in sorted(set(notes_raw) - set(q.item_ids)):
        bad("unknown-item", f"note for unknown item '{unknown}'", f"notes.{unknown}")
    fields = {spec.id: _field(spec, fields_raw.get(spec.id), bad) for spec in q.respondent_fields}
    answers = {it.id: _answer(q.scale_of(it), answers_raw.get(it.id), bad, it.id)
               for it in q.items}
    if problems:
        raise ResponseError(problems)

    s = session.begin()
    while s.phase == "fields":
        s = s.answer_field(fields[s.current_field.id])
    while s.phase == "items":
        value = answers[s.current_item.id]
        s = s.skip() if value is None else s.answer(value)
    for item_id, note in notes_raw.items():
        note = note if isinstance(note, dict) else {"note": str(note)}
        s = s.set_note(str(note.get("note") or ""), str(note.get("evidence") or ""), item_id)
    return s.submit()


def _field(spec: RespondentField, value: Any, bad: Any) -> str | None:
    if value is None or str(value).strip().lower() in PREFER_NOT:
        return None
    text = str(value).strip()
    if spec.choices is None:
        return text or None
    for choice in spec.choices:
        if choice.lower() == text.lower():
            return choice
    bad("unknown-choice", f"'{text}' is not a choice of field '{spec.id}'", f"fields.{spec.id}",
        "choices: " + ", ".join(spec.choices))
    return None


def _answer(scale: Scale, value: Any, bad: Any, item_id: str) -> Answer:
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "skip")):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value) in scale.values:
            return float(value)
    elif isinstance(value, str):
        found = _by_label(scale, value.strip().lower())
        if found is not None:
            return found
    labels = ", ".join(p.label for p in scale.points)
    bad("unknown-answer", f"{value!r} is not an answer on this item's scale", f"answers.{item_id}",
        f"use a value from {scale.min:g} to {scale.max:g}, a label ({labels}), a non-scored "
        "option or null")
    return None


def _by_label(scale: Scale, text: str) -> float | str | None:
    labels: Mapping[str, float | str] = {
        **{name.lower(): p.value for p in scale.points for name in (p.label, *p.synonyms)},
        **{name.lower(): o.id for o in scale.non_scored
           for name in (o.id, o.label, *o.synonyms)},
    }
    return labels.get(text)
