"""Cross-checks for library files that a schema alone cannot express.

Every problem is located at the line of the offending value, so an author fixes a file in one
pass. Ids are checked against tila's framework (principles, domains), the references known to
the library, and the items of the built-in questionnaires.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, MutableMapping
from typing import Any

from tila.errors import Problem
from tila.framework import DOMAIN_IDS, PRINCIPLE_IDS
from tila.library.model import ReferencesFile, SuggestionsFile
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
