"""Random answers to a deployed questionnaire, and the check that an export of them comes back
exactly: the same values, the same "Don't know"/"Not applicable", the same respondent fields
and the same scores as the answers written in tila's own CSV."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tila import read_responses, score
from tila.deploy.survey import PREFER_NOT
from tila.questionnaire.model import Questionnaire
from tila.responses.readers import ReadOptions
from tila.responses.table import NON_SCORED_BASE
from tila.scoring.serialize import result_dict

Answer = float | str | None  # a scale value, a non-scored option id, or skipped


@dataclass(frozen=True)
class Respondent:
    answers: dict[str, Answer]  # item id -> answer
    fields: dict[str, str | None]  # field id -> choice or text (None: not answered)


def random_respondents(q: Questionnaire, n: int, seed: int) -> list[Respondent]:
    rng = np.random.default_rng(seed)
    out = []
    for r in range(n):
        answers: dict[str, Answer] = {}
        for it in q.items:
            scale = q.scale_of(it)
            roll = rng.random()
            if roll < 0.08 and scale.non_scored:
                answers[it.id] = scale.non_scored[int(rng.integers(len(scale.non_scored)))].id
            elif roll < 0.12:
                answers[it.id] = None
            else:
                answers[it.id] = float(scale.values[int(rng.integers(len(scale.values)))])
        fields: dict[str, str | None] = {}
        for f in q.respondent_fields:
            if f.choices:
                pool = [*f.choices, *([PREFER_NOT] if f.prefer_not_to_say else []), None]
                fields[f.id] = pool[int(rng.integers(len(pool)))]
            else:
                fields[f.id] = None if r % 7 == 3 else f"Site {'ABC'[r % 3]}"
        out.append(Respondent(answers, fields))
    return out


def label(q: Questionnaire, item_id: str, answer: Answer) -> str:
    scale = q.scale_of(q.item(item_id))
    if answer is None:
        return ""
    if isinstance(answer, str):
        return next(o.label for o in scale.non_scored if o.id == answer)
    return next(p.label for p in scale.points if p.value == answer)


def write_native(q: Questionnaire, people: list[Respondent], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["respondent_id", *(f.id for f in q.respondent_fields), *q.item_ids])
        for k, p in enumerate(people):
            w.writerow([f"n{k}", *(p.fields[f.id] or "" for f in q.respondent_fields),
                        *(label(q, i, p.answers[i]) for i in q.item_ids)])


def assert_round_trip(q: Questionnaire, people: list[Respondent], export: Path, tmp: Path,
                      *, platform: str, form: str | None = None, **options: object) -> None:
    """Import ``export`` with no map and check it against the answers that made it: detected
    as ``platform``, every item found, no warning, the same answers, fields and scores."""
    table = read_responses(export, q, ReadOptions(form=form, **options))  # type: ignore[arg-type]
    [source] = table.sources
    assert source.format == platform
    assert [w.render() for w in source.warnings] == []
    assert table.n_respondents == len(people)
    expected = np.array([[np.nan if not isinstance(p.answers[i], float) else p.answers[i]
                          for i in q.item_ids] for p in people])
    got = table.values[:, [table.item_ids.index(i) for i in q.item_ids]]
    np.testing.assert_array_equal(got, expected)
    for item_id in q.item_ids:
        scale = q.scale_of(q.item(item_id))
        col = table.item_ids.index(item_id)
        for r, p in enumerate(people):
            a = p.answers[item_id]
            if isinstance(a, str):  # the same non-scored option, not just "missing"
                opt = [o.id for o in scale.non_scored].index(a)
                assert int(table.status[r, col]) == NON_SCORED_BASE + opt, (item_id, r)
    for f in q.respondent_fields:
        want = [None if v in (None, PREFER_NOT) else v for v in (p.fields[f.id] for p in people)]
        assert [None if v in (None, "") else v for v in table.fields[f.id]] == want, f.id
    native = tmp / "expected_native.csv"
    write_native(q, people, native)
    mine = result_dict(score(q, table), per_respondent=False)
    theirs = result_dict(score(q, read_responses(native, q, ReadOptions(form=form))))
    for key in ("principles", "domains", "overall", "items", "respondents"):
        assert mine[key] == theirs[key], key

