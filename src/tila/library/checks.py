"""Cross-checks for library files that a schema alone cannot express.

Every problem is located at the line of the offending value, so an author fixes a file in one
pass. Ids are checked against tila's framework (principles, domains), the references known to
the library, and the items of the built-in questionnaires.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, MutableMapping, Sequence
from typing import Any, get_args

from tila.errors import Location, Problem
from tila.framework import DOMAIN_IDS, PRINCIPLE_IDS
from tila.library.model import BandId, ReferencesFile, Suggestion, SuggestionsFile
from tila.questionnaire.load import locate

#: Given a questionnaire id, its item ids, or None when tila has no such built-in questionnaire.
ItemsOf = Callable[[str], Collection[str] | None]


def _hint(word: str, options: Collection[str], what: str) -> str:
    close = difflib.get_close_matches(word, sorted(options), n=1)  # sorted: stable hints
    if close:
        return f"did you mean '{close[0]}'?"
    shown = ", ".join(sorted(options)[:12])
    return f"known {what}: {shown}" + (" ..." if len(options) > 12 else "")


def check_suggestions(
    sf: SuggestionsFile,
    data: Any,
    file: str,
    references: Collection[str],
    items_of: ItemsOf,
    seen: MutableMapping[str, str] | None = None,
) -> list[Problem]:
    """Problems in one suggestions file; ``seen`` (id -> file) spots ids repeated across files."""
    seen = {} if seen is None else seen
    out: list[Problem] = []

    def err(code: str, message: str, loc: list[str | int], hint: str | None = None,
            severity: str = "error") -> None:
        out.append(Problem(code=code, message=message, hint=hint,
                           location=locate(data, ["suggestions", *loc], file),
                           severity="warning" if severity == "warning" else "error"))

    if not sf.suggestions:
        err("no-suggestions", "the file lists no suggestions", [], "add at least one")
    for i, s in enumerate(sf.suggestions):
        if s.id in seen:
            err("duplicate-suggestion", f"suggestion id '{s.id}' is already used in "
                f"{seen[s.id]}", [i, "id"], "give every suggestion its own id")
        else:
            seen[s.id] = file
        if s.principle not in PRINCIPLE_IDS:
            err("unknown-principle", f"unknown principle '{s.principle}'", [i, "principle"],
                _hint(s.principle, PRINCIPLE_IDS, "principles"))
        if s.domain not in DOMAIN_IDS:
            err("unknown-domain", f"unknown domain '{s.domain}'", [i, "domain"],
                _hint(s.domain, DOMAIN_IDS, "domains"))
        for j, ref in enumerate(s.references):
            if ref not in references:
                err("unknown-reference", f"no reference with id '{ref}'",
                    [i, "references", j], _hint(ref, references, "references"))
        if not s.items:
            # Without statements a plan cannot say which answers a suggestion responds to, nor
            # keep it away from the organization's strongest statements.
            err("no-items", f"suggestion '{s.id}' names no statements it answers", [i, "id"],
                "list them under 'items', for example 'tila-org:saf04'", severity="warning")
        for k, (qid, item) in enumerate(s.item_refs):
            ids = items_of(qid)
            if ids is None:
                err("unknown-questionnaire", f"'{qid}' is not a built-in questionnaire, so "
                    f"item '{item}' cannot be checked", [i, "items", k],
                    "built-in questionnaires can be listed with 'tila questionnaires'",
                    severity="warning")
            elif item not in ids:
                err("unknown-item", f"questionnaire '{qid}' has no item '{item}'",
                    [i, "items", k], _hint(item, ids, "items"))
    return out


def check_references(
    rf: ReferencesFile, data: Any, file: str, seen: MutableMapping[str, str] | None = None
) -> list[Problem]:
    """Duplicate reference ids, within this file or across the files already seen."""
    seen = {} if seen is None else seen
    out = []
    if not rf.references:
        out.append(Problem(code="no-references", message="the file lists no references",
                           hint="add at least one", location=locate(data, ["references"], file)))
    for i, ref in enumerate(rf.references):
        if ref.id in seen:
            out.append(Problem(
                code="duplicate-reference",
                message=f"reference id '{ref.id}' is already used in {seen[ref.id]}",
                hint="give every reference its own id",
                location=locate(data, ["references", i, "id"], file)))
        else:
            seen[ref.id] = file
    return out


#: The stage bands of the built-in questionnaires, lowest first.
BAND_IDS: tuple[str, ...] = get_args(BandId)


def check_coverage(
    suggestions: Sequence[Suggestion],
    where: str,
    minimum: int,
    questionnaire: str | None = None,
    principles: Collection[str] = PRINCIPLE_IDS,
    bands: Sequence[str] = BAND_IDS,
) -> list[Problem]:
    """Principle and band pairs with fewer than ``minimum`` suggestions, as warnings.

    A report offers two or three suggestions for each focus area from those written for the
    principle's band, so a thin pair gives a plan that does not fit the stage. With
    ``questionnaire``, only suggestions naming one of its statements count: the leader report
    draws on those alone. ``where`` names the library folder for the problem's location.
    """
    out = []
    for principle in principles:
        for band in bands:
            n = sum(1 for s in suggestions
                    if s.principle == principle and band in s.bands
                    and (questionnaire is None
                         or any(q == questionnaire for q, _ in s.item_refs)))
            if n >= minimum:
                continue
            naming = f" naming {questionnaire} statements" if questionnaire else ""
            out.append(Problem(
                code="thin-coverage", severity="warning",
                message=f"principle '{principle}' has {n} suggestion(s){naming} for the "
                        f"'{band}' band; at least {minimum} are needed",
                hint=f"write a suggestion for {principle} with '{band}' in its bands",
                location=Location(file=where, path=f"principles.{principle}.{band}")))
    return out
