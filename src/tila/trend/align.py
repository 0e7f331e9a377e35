"""Making waves comparable: the statements every wave asked in the same way.

Waves answered with one questionnaire version compare on every statement. Waves answered with
different questionnaires (a revised version, a pulse drawn from the full form) compare on the
statements they share only, and the result says so: a statement counts as shared when every
wave's questionnaire has it under the same id with the same wording, scale, keying, principle
weights and domain. Anything less and the "same" statement could mean something else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tila.errors import Problem, ScoringError
from tila.questionnaire.model import Item, Questionnaire
from tila.responses.table import ResponseTable
from tila.trend.waves import Wave


@dataclass(frozen=True)
class Alignment:
    questionnaire: Questionnaire  # what every wave is scored with
    shared_only: bool  # True when some wave's questionnaire differs from the others
    items: tuple[str, ...]  # the statements compared
    left_out: dict[str, tuple[str, ...]]  # wave label -> statements it asked that are not shared
    note: str | None  # one sentence for readers when the waves are compared on shared items


def _signature(q: Questionnaire, it: Item) -> tuple[Any, ...]:
    scale = q.scale_of(it).model_dump(mode="json")
    return (it.text, repr(scale), it.reverse, sorted(it.weights.items()), it.domain)


def align(labels: Sequence[str], questionnaires: Sequence[Questionnaire]) -> Alignment:
    """The questionnaire all waves are scored with, and what is left out of each wave."""
    first = questionnaires[0]
    if all((q.id, q.version) == (first.id, first.version) for q in questionnaires):
        return Alignment(first, False, first.item_ids, dict.fromkeys(labels, ()), None)
    sigs = [{it.id: _signature(q, it) for it in q.items} for q in questionnaires]
    shared = tuple(i for i in first.item_ids
                   if all(i in s and s[i] == sigs[0][i] for s in sigs[1:]))
    if not shared:
        raise ScoringError("the waves' questionnaires share no statement asked in the same way",
                           code="no-shared-items")
    keep = set(shared)
    data = first.model_dump(mode="json", exclude_none=True)
    data["items"] = [d for d in data["items"] if d["id"] in keep]
    versions = list(dict.fromkeys(f"{q.id} {q.version}" for q in questionnaires))
    data["version"] = f"{first.version} (statements shared with " + ", ".join(versions[1:]) + ")"
    q = Questionnaire.model_validate(data)
    left_out = {label: tuple(i for i in qq.item_ids if i not in keep)
                for label, qq in zip(labels, questionnaires, strict=True)}
    total = len({i for qq in questionnaires for i in qq.item_ids})
    note = (f"The waves were answered with different questionnaires ({', '.join(versions)}), so "
            f"they are compared on the {len(shared)} of {total} statements that every wave "
            "asked in the same words on the same scale; the other statements are left out of "
            "every figure here.")
    return Alignment(q, True, shared, left_out, note)


def restrict(table: ResponseTable, items: tuple[str, ...]) -> ResponseTable:
    """The same respondents with only these statements' answers (in this order)."""
    if table.item_ids == items:
        return table
    where = {i: k for k, i in enumerate(table.item_ids)}
    missing = [i for i in items if i not in where]
    if missing:
        raise ScoringError(f"the responses have no column for {', '.join(missing[:5])}",
                           code="questionnaire-mismatch")
    cols = np.array([where[i] for i in items], dtype=np.intp)
    return ResponseTable.build(item_ids=items, values=table.values[:, cols],
                               status=table.status[:, cols], respondent_ids=table.respondent_ids,
                               fields=dict(table.fields.items()), texts=dict(table.texts),
                               sources=table.sources, form=table.form)


def check_labels(labels: Sequence[str]) -> list[Problem]:
    """Wave labels name columns and chart ticks: each must be given and used once."""
    problems = []
    if len(labels) < 2:
        problems.append(Problem(code="too-few-waves", message=f"a trend needs at least two "
                                f"waves; got {len(labels)}", hint="give each wave with its "
                                "own label (`waves`)"))
    seen: set[str] = set()
    for label in labels:
        if not label.strip():
            problems.append(Problem(code="bad-wave-label", message="a wave label is empty",
                                    hint="label every wave, e.g. `waves=Spring 2026=spring.csv`"))
        elif label in seen:
            problems.append(Problem(code="duplicate-wave", message=f"wave label '{label}' is "
                                    "used twice", hint="give every wave its own label"))
        seen.add(label)
    return problems


def check_repeats(labels: Sequence[str], tables: Sequence[ResponseTable]) -> list[Problem]:
    """Waves that repeat another wave's people with the very same answers.

    A cumulative export (wave 2 = wave 1's rows plus the newcomers) makes the difference of the
    two waves' totals the newcomers' total, which can single out one or two people; it would
    also count unchanged answers as "no change". A real panel answers afresh, so at most a few
    people give an identical set of answers: half the shared ids or more means a copy.
    """
    from tila.trend.change import GENERATED_ID

    problems = []
    for i, a in enumerate(tables):
        rows_a = {str(r): k for k, r in enumerate(a.respondent_ids)
                  if not GENERATED_ID.search(str(r))}
        for j in range(i + 1, len(tables)):
            b = tables[j]
            if a.item_ids != b.item_ids:
                continue
            pairs = [(rows_a[str(r)], k) for k, r in enumerate(b.respondent_ids)
                     if str(r) in rows_a]
            if len(pairs) < 2:
                continue
            ia = np.array([p[0] for p in pairs], dtype=np.intp)
            ib = np.array([p[1] for p in pairs], dtype=np.intp)
            same = (np.all((a.status[ia] == b.status[ib]), axis=1) &
                    np.all(np.isclose(a.values[ia], b.values[ib], equal_nan=True), axis=1))
            if int(same.sum()) * 2 >= len(pairs):
                problems.append(Problem(
                    code="repeated-answers",
                    message=f"wave '{labels[j]}' repeats the answers of {int(same.sum())} of the "
                            f"{len(pairs)} people it shares with wave '{labels[i]}' unchanged; "
                            "it looks like a cumulative export, and the difference between the "
                            "two waves could single out the people added",
                    hint="give each wave's own responses only"))
    return problems


def score_waves(labels: Sequence[str], questionnaires: Sequence[Questionnaire],
                tables: Sequence[ResponseTable], *, by: Sequence[str] = (),
                min_group_size: int = 5) -> tuple[Alignment, list[Wave]]:
    """Score every wave on the statements they share; each wave's groups are suppressed by
    scoring's own rules, wave by wave. Returns the alignment and the scored waves."""
    from tila.errors import raise_if_errors
    from tila.scoring.engine import score

    raise_if_errors(check_labels(labels), ScoringError)
    alignment = align(labels, questionnaires)
    raise_if_errors(check_repeats(labels, [restrict(t, alignment.items) for t in tables]),
                    ScoringError)
    # A breakdown present in some waves only would compare groups with nothing: refuse.
    raise_if_errors([Problem(code="wave-missing-field", message=f"wave '{label}' has no "
                             f"'{f}' column to break down by",
                             hint="break down (`by`) only by fields every wave has")
                     for label, t in zip(labels, tables, strict=True) for f in by
                     if f not in t.fields], ScoringError)
    waves = []
    for label, table in zip(labels, tables, strict=True):
        values = {f: _values(table, f) for f in by}
        waves.append(Wave(label, score(alignment.questionnaire, restrict(table, alignment.items),
                                       by=tuple(by), min_group_size=min_group_size,
                                       per_respondent=True), values))
    return alignment, waves


def _values(table: ResponseTable, field: str) -> list[str]:
    """Each row's group value in ``field`` ("" when not stated), for the pairing check."""
    codes, values = table.group_codes(field)
    return [values[c] if c >= 0 else "" for c in codes.tolist()]
