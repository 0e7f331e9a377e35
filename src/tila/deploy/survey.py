"""What every deployed survey holds, computed once: the questionnaire as a respondent sees it.

Each target format (REDCap, Qualtrics, ...) only lays this out in its own file format, so the
wording, order, scale and options are the same everywhere and the same as the questionnaire's:
a survey that drifts from the questionnaire would need a column map to come back.
"""

from __future__ import annotations

from dataclasses import dataclass

from tila.errors import OutputError, Problem
from tila.framework import principle
from tila.questionnaire.model import Questionnaire, RespondentField, Scale

PREFER_NOT = "Prefer not to say"


@dataclass(frozen=True)
class Statement:
    id: str
    text: str


@dataclass(frozen=True)
class Section:
    """Statements of one principle that share a scale: one matrix or grid on every platform."""

    id: str  # principle id, with the scale id appended when a principle mixes scales
    title: str
    scale_id: str
    scale: Scale
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Survey:
    q: Questionnaire
    form: str | None
    title: str
    stamp: str  # "tila-starter 1.0.0": questionnaire id and version, on every generated file
    opening: tuple[str, ...]  # paragraphs shown before the first question
    instructions: str
    sections: tuple[Section, ...]
    fields: tuple[RespondentField, ...]

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for sec in self.sections for s in sec.statements)


def field_choices(f: RespondentField) -> tuple[str, ...]:
    """The answers a respondent field offers, "Prefer not to say" last when the field has it."""
    if f.choices is None:
        return ()
    return (*f.choices, PREFER_NOT) if f.prefer_not_to_say else f.choices


def answer_labels(scale: Scale) -> tuple[str, ...]:
    """Scale labels lowest first, then the non-scored options."""
    return (*(p.label for p in scale.points), *(o.label for o in scale.non_scored))


def whole(value: float, where: str) -> int:
    """A scale value as the whole-number code survey platforms need."""
    if value != int(value):
        raise OutputError([Problem(
            code="fractional-scale",
            message=f"scale value {value:g} is not a whole number; {where} needs whole-number "
                    "answer codes", hint="deploy to paper or the data-entry workbook instead")])
    return int(value)


def non_scored_codes(scale: Scale) -> list[tuple[int, str]]:
    """A numeric code for each non-scored option: its own ``code`` when set, else the first
    whole numbers above the scale that no other option uses (8, 9 on a 1-5 scale, as is usual),
    so no answer code ever reads as a scale value."""
    taken = {int(o.code) for o in scale.non_scored if o.code is not None}
    taken |= {int(v) for v in scale.values}
    out = []
    nxt = max(8, int(scale.max) + 3)
    for opt in scale.non_scored:
        if opt.code is not None and opt.code == int(opt.code):
            out.append((int(opt.code), opt.label))
            continue
        while nxt in taken:
            nxt += 1
        taken.add(nxt)
        out.append((nxt, opt.label))
    return out


def build_survey(q: Questionnaire, form: str | None = None) -> Survey:
    forms = [f.id for f in q.forms]
    if forms and form is None:
        raise OutputError([Problem(
            code="form-needed", message=f"{q.id} has forms ({', '.join(forms)}): say which one "
            "to deploy", hint=f"add `form={forms[0]}` (deploy each form as its own survey)")])
    if form is not None and form not in forms:
        raise OutputError([Problem(
            code="unknown-form", message=f"{q.id} has no form '{form}'",
            hint=f"choose one of: {', '.join(forms)}" if forms else
            f"{q.id} has one form: leave out `form`")])
    sections: list[Section] = []
    for pid in q.principles_used():
        items = [it for it in q.items if it.primary_principle == pid]
        scales = list(dict.fromkeys(it.scale for it in items))
        for sid in scales:
            rows = tuple(Statement(it.id, it.text_for(form)) for it in items if it.scale == sid)
            sections.append(Section(id=pid if len(scales) == 1 else f"{pid}_{sid}",
                                    title=principle(pid).title, scale_id=sid,
                                    scale=q.scales[sid], statements=rows))
    form_obj = next((f for f in q.forms if f.id == form), None)
    opening = tuple(t for t in (q.description, form_obj.description if form_obj else None) if t)
    return Survey(q=q, form=form, title=q.title + (f": {form_obj.label}" if form_obj else ""),
                  stamp=f"{q.id} {q.version}" + (f" (form {form})" if form else ""),
                  opening=opening, instructions=instructions(q), sections=tuple(sections),
                  fields=q.respondent_fields)


def instructions(q: Questionnaire) -> str:
    """How to answer, naming the options this questionnaire's scales really have."""
    text = "For each statement, choose the answer that fits your experience best."
    options = list(dict.fromkeys(o.label for s in q.scales.values() for o in s.non_scored))
    if options:
        quoted = " or ".join(f"\u201c{o}\u201d" for o in options)
        text += f" When you cannot answer a statement, choose {quoted}."
    return text
