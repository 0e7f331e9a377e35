"""LimeSurvey survey structure in its tab-separated text format (.txt): *Create survey >
Import*, which accepts .lss, .txt and .zip.

One row per survey setting (class ``S``), language setting (``SL``), question group (``G``),
question (``Q``), subquestion (``SQ``) and answer option (``A``); LimeSurvey links rows by their
order, so no ids need tracking. Each principle is a group holding one array question (type
``F``) whose subquestions are the statements; respondent fields are list (``L``) or short text
(``S``) questions. LimeSurvey codes may hold letters and digits only, so every code is the
item or field id with anything else removed (``peer_support`` -> ``peersupport``): ``tila
import`` applies the same rule to a "Question code" export and needs no map. Answer codes are
the scale values, then the non-scored options' codes.
"""

from __future__ import annotations

import csv
import io

from tila.deploy.survey import Survey, field_choices, non_scored_codes, whole
from tila.errors import OutputError, Problem
from tila.responses.mapping import letters_digits

COLUMNS = ["id", "related_id", "class", "type/scale", "name", "relevance", "text", "help",
           "language", "validation", "mandatory", "other", "default", "same_default"]
MAX_CODE = 20  # LimeSurvey's limit for question and subquestion codes


def _cell(text: str) -> str:
    # Tabs and line breaks would end the cell or the row: LimeSurvey text is HTML anyway.
    return " ".join(text.replace("\t", " ").split())


class _Codes:
    """Codes handed out once each, refusing the ids LimeSurvey cannot tell apart."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def take(self, ident: str, what: str) -> str:
        code = letters_digits(ident)
        if not code or not code[0].isalpha() or len(code) > MAX_CODE:
            raise OutputError([Problem(
                code="bad-code", message=f"{what} '{ident}' cannot be a LimeSurvey code "
                f"(letters and digits, starting with a letter, at most {MAX_CODE})",
                hint="shorten the id in the questionnaire")])
        if code.casefold() in self.seen:
            raise OutputError([Problem(
                code="name-clash", message=f"{what} '{ident}' and {self.seen[code.casefold()]} "
                f"both become the LimeSurvey code '{code}'",
                hint="give them ids that differ in letters or digits")])
        self.seen[code.casefold()] = f"{what} '{ident}'"
        return code


def survey_txt(survey: Survey) -> str:
    lang = survey.q.language
    rows: list[list[str]] = []

    def row(cls: str, name: str, text: str = "", *, kind: str = "", relevance: str = "",
            help_: str = "", language: str = "", mandatory: str = "", ident: str = "") -> None:
        rows.append([ident, "", cls, kind, _cell(name), relevance, _cell(text), _cell(help_),
                     language, "", mandatory, "N" if cls == "Q" else "", "", "0" if cls in
                     ("Q", "SQ") else ""])

    for name, value in (("language", lang), ("additional_languages", ""), ("format", "G"),
                        ("anonymized", "Y"), ("datestamp", "N"), ("ipaddr", "N"),
                        ("refurl", "N"), ("showwelcome", "Y"), ("showprogress", "Y"),
                        ("allowprev", "Y"), ("showqnumcode", "X")):
        row("S", name, value)
    welcome = "".join(f"<p>{p}</p>" for p in (*survey.opening, survey.instructions))
    for name, value in (("surveyls_title", f"{survey.title}"),
                        ("surveyls_description", f"{survey.title} ({survey.stamp})"),
                        ("surveyls_welcometext", welcome + f"<p><small>{survey.stamp}</small></p>"),
                        ("surveyls_endtext", "Thank you for your answers.")):
        row("SL", name, value, language=lang)
    codes = _Codes()
    ident = 0

    def next_id() -> str:
        nonlocal ident
        ident += 1
        return str(ident)

    if survey.fields:
        row("G", "About you", "", kind="0", relevance="1", language=lang, ident=next_id())
        for f in survey.fields:
            options = field_choices(f)
            code = codes.take(f.id, "respondent field")
            row("Q", code, f.label, kind="L" if options else "S", relevance="1",
                help_=f.help or "", language=lang, mandatory="N", ident=next_id())
            for k, label in enumerate(options):
                row("A", f"A{k + 1}", label, kind="0", relevance="0", language=lang)
    for sec in survey.sections:
        row("G", sec.title, "", kind="0", relevance="1", language=lang, ident=next_id())
        code = codes.take(sec.id, "section")
        row("Q", code, f"{sec.title}: choose one answer for each statement.", kind="F",
            relevance="1", language=lang, mandatory="N", ident=next_id())
        for st in sec.statements:
            row("SQ", codes.take(st.id, "item"), st.text, kind="0", relevance="1",
                language=lang, ident=next_id())
        answers = [(whole(p.value, "LimeSurvey"), p.label) for p in sec.scale.points]
        for answer_code, label in [*answers, *non_scored_codes(sec.scale)]:
            row("A", str(answer_code), label, kind="0", relevance="0", language=lang)
    buf = io.StringIO()
    # Cells holding a double quote are quoted, as LimeSurvey's own export does.
    csv.writer(buf, delimiter="\t", lineterminator="\n").writerows([COLUMNS, *rows])
    return buf.getvalue()
