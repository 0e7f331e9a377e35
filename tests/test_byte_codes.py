"""Numeric files are kept as one byte per cell (responses/codes.py) and scored from the bytes.

The byte path must give exactly the figures of the float path it replaces for large files:
scores, exclusions, distributions, "Don't know" counts, alpha and groups.
"""

from __future__ import annotations

import numpy as np
import pytest

from tila import load_questionnaire, read_responses, score
from tila.errors import ResponseError
from tila.responses.table import NON_SCORED_BASE, SKIPPED, ResponseTable
from tila.scoring.serialize import result_dict

QUESTIONNAIRE = """\
id: bytes-test
version: "1"
title: Byte codes test
scales:
  agree5:
    points:
      - {value: 1, label: Strongly disagree}
      - {value: 2, label: Disagree}
      - {value: 3, label: Neutral}
      - {value: 4, label: Agree}
      - {value: 5, label: Strongly agree}
    non_scored:
      - {id: dont_know, label: Don't know, code: 9}
      - {id: not_applicable, label: Not applicable, code: 8}
  often:
    points:
      - {value: 0, label: Never}
      - {value: 1, label: Rarely}
      - {value: 2, label: Sometimes}
      - {value: 3, label: Often}
      - {value: 4, label: Always}
respondent_fields:
  - {id: role, label: Role}
items:
"""
PRINCIPLES = ["safety", "trustworthiness", "peer_support", "collaboration", "empowerment",
              "cultural"]
DOMAINS = ["governance", "policy", "environment", "engagement", "workforce"]
K = 20  # 16 or more items: the width at which numpy 2.4 mis-wrote strided one-row views


def questionnaire_text() -> str:
    lines = [QUESTIONNAIRE]
    for j in range(K):
        scale = "often" if j % 4 == 3 else "agree5"
        principle = (f"{{{PRINCIPLES[j % 6]}: 2, {PRINCIPLES[(j + 1) % 6]}: 1}}" if j == 5
                     else PRINCIPLES[j % 6])
        lines.append(f"  - {{id: i{j:02d}, text: 'Item {j}', principle: {principle}, "
                     f"domain: {DOMAINS[j % 5]}, scale: {scale}, "
                     f"reverse: {'true' if j % 7 == 2 else 'false'}}}\n")
    lines.append("scoring:\n  bands:\n    - {id: low, label: Low, min: 0, max: 50}\n"
                 "    - {id: high, label: High, min: 50, max: 100}\n")
    return "".join(lines)


def random_answers(tmp_path, seed: int, n: int):
    """The test questionnaire, and n respondents' whole-number answers as CSV cells."""
    qpath = tmp_path / "q.yaml"
    qpath.write_text(questionnaire_text())
    q = load_questionnaire(qpath)
    rng = np.random.default_rng(seed)
    agree = np.array([q.item(i).scale == "agree5" for i in q.item_ids])
    cells = np.where(agree, rng.integers(1, 6, (n, K)), rng.integers(0, 5, (n, K))).astype(object)
    return q, rng, agree, cells


def set_cell(path, line: int, value: str) -> None:
    """Write ``value`` into item i00 (the third column) of the given line of a CSV file."""
    lines = path.read_text().splitlines()
    row = lines[line].split(",")
    row[2] = value
    lines[line] = ",".join(row)
    path.write_text("\n".join(lines) + "\n")


@pytest.fixture
def setup(tmp_path):
    n = 500
    q, rng, agree, cells = random_answers(tmp_path, 7, n)
    draw = rng.random((n, K))
    cells[draw < 0.08] = ""
    cells[(draw > 0.95) & agree] = 9
    cells[(draw > 0.93) & (draw <= 0.95) & agree] = 8
    cells[rng.random(n) < 0.05] = ""  # whole rows left blank: excluded
    roles = rng.choice(["Leadership", "Direct service", "Support", "Peer"], n)
    lines = ["respondent_id,role," + ",".join(q.item_ids)]
    lines += [f"r{i},{roles[i]}," + ",".join(str(c) for c in cells[i]) for i in range(n)]
    path = tmp_path / "responses.csv"
    path.write_text("\n".join(lines) + "\n")
    return q, path, cells, roles


def dense_table(q, cells, roles) -> ResponseTable:
    """The same answers as floats and statuses, built by hand."""
    n = cells.shape[0]
    values = np.full((n, K), np.nan)
    status = np.zeros((n, K), dtype=np.int8)
    for (r, j), c in np.ndenumerate(cells):
        if c == "":
            status[r, j] = SKIPPED
        elif c in (9, 8):
            status[r, j] = NON_SCORED_BASE + (0 if c == 9 else 1)
        else:
            values[r, j] = c
    return ResponseTable.build(item_ids=q.item_ids, values=values, status=status,
                               respondent_ids=np.array([f"r{i}" for i in range(n)], dtype=object),
                               fields={"role": roles.astype(object)})


@pytest.mark.parametrize("block", [64, 8192])
def test_byte_table_scores_exactly_like_floats(setup, monkeypatch, block):
    import tila.scoring.accumulate as accumulate

    monkeypatch.setattr(accumulate, "BLOCK", block)  # several blocks over two threads, or one
    q, path, cells, roles = setup
    table = read_responses(path, q)
    assert table.codes is not None, "a file of small whole numbers is kept as bytes"
    dense = dense_table(q, cells, roles)
    assert dense.codes is None
    got = result_dict(score(q, table, by=["role"], min_group_size=5))
    want = result_dict(score(q, dense, by=["role"], min_group_size=5))
    for key in ("respondents", "excluded", "principles", "domains", "overall", "groups",
                "items"):
        assert got[key] == want[key], key
    assert got["excluded"], "the blank rows were excluded"
    first = got["items"]["i00"]
    assert first["non_scored"]["dont_know"] > 0
    assert first["non_scored"]["not_applicable"] > 0


def test_byte_table_gives_the_same_values_and_statuses(setup):
    q, path, cells, roles = setup
    table = read_responses(path, q)
    dense = dense_table(q, cells, roles)
    np.testing.assert_array_equal(table.values, dense.values)
    np.testing.assert_array_equal(table.status, dense.status)
    assert list(table.respondent_ids[:3]) == ["r0", "r1", "r2"]
    picked = table.take(np.array([2, 0]))
    assert list(picked.respondent_ids) == ["r2", "r0"]
    np.testing.assert_array_equal(picked.values, dense.values[[2, 0]])


def test_both_kinds_of_answers_take_and_stack_alike(setup):
    """A table's answers are bytes or dense (responses/answers.py): picking rows keeps the kind,
    and stacking a byte table with a dense one gives the same values as stacking dense ones."""
    from tila.responses.answers import DenseAnswers
    from tila.responses.codes import AnswerCodes
    from tila.responses.table import concat

    q, path, cells, roles = setup
    coded, dense = read_responses(path, q), dense_table(q, cells, roles)
    rows = np.array([5, 1, 3])
    assert isinstance(coded.take(rows).answers, AnswerCodes)
    assert isinstance(dense.take(rows).answers, DenseAnswers)
    np.testing.assert_array_equal(coded.take(rows).status, dense.take(rows).status)
    both_coded = concat([coded, coded.take(rows)])
    assert isinstance(both_coded.answers, AnswerCodes)
    mixed = concat([coded, dense.take(rows)])
    assert isinstance(mixed.answers, DenseAnswers)
    np.testing.assert_array_equal(mixed.values, both_coded.values)
    np.testing.assert_array_equal(mixed.status, both_coded.status)


@pytest.mark.parametrize("bad", ["7", "255", "300", "-1", "2.5"])
def test_a_value_off_the_scale_is_still_reported(setup, bad):
    q, path, _, _ = setup
    set_cell(path, 3, bad)  # item i00, agree5
    with pytest.raises(ResponseError) as caught:
        read_responses(path, q)
    problem = caught.value.problems[0]
    assert problem.code == "out-of-range"
    assert (problem.location.row, problem.location.field) == (4, "i00")


def test_one_respondent_with_many_items_and_gaps(tmp_path):
    """One row, 20 items, blanks in the middle: each blank must count as missing exactly
    where it is (numpy 2.4 wrote np.isnan of a strided one-row view into the wrong cells)."""
    qpath = tmp_path / "q.yaml"
    qpath.write_text(questionnaire_text())
    q = load_questionnaire(qpath)
    row = ["4"] * K
    row[3] = row[4] = ""
    path = tmp_path / "one.csv"
    path.write_text("respondent_id," + ",".join(q.item_ids) + "\nr1," + ",".join(row) + "\n")
    result = score(q, read_responses(path, q))
    assert [result.items[i].skipped for i in ("i01", "i03", "i04")] == [0, 1, 1]
    assert result.items["i01"].n == 1


def test_choice_text_is_kept_as_bytes_and_scores_like_floats(setup, tmp_path):
    """An export of labels ("Agree", "Don't know") takes the byte path with the same figures."""
    q, path, cells, roles = setup
    names = {scale_id: {p.value: p.label for p in scale.points}
             for scale_id, scale in q.scales.items()}
    options = {9: "Don't know", 8: "not applicable "}  # labels match case- and space-blind
    lines = path.read_text().splitlines()
    out = [lines[0]]
    for r, line in enumerate(lines[1:]):
        head = line.split(",")[:2]
        row = []
        for j, c in enumerate(cells[r]):
            scale = q.item(q.item_ids[j]).scale
            row.append("" if c == "" else options.get(c) or names[scale][c])
        out.append(",".join([*head, *row]))
    labelled = tmp_path / "labels.csv"
    labelled.write_text("\n".join(out) + "\n")
    table = read_responses(labelled, q)
    assert table.codes is not None
    got = result_dict(score(q, table, by=["role"]))
    want = result_dict(score(q, dense_table(q, cells, roles), by=["role"]))
    for key in ("principles", "domains", "overall", "groups", "items"):
        assert got[key] == want[key], key


def test_an_unknown_label_is_still_reported(setup, tmp_path):
    q, path, _, _ = setup
    set_cell(path, 5, "Sort of")
    with pytest.raises(ResponseError) as caught:
        read_responses(path, q)
    problem = caught.value.problems[0]
    assert problem.code == "unknown-label"
    assert (problem.location.row, problem.location.field) == (6, "i00")
    assert "'Sort of'" in problem.message


def test_which_scales_are_kept_as_bytes():
    from tila.questionnaire.model import Scale
    from tila.responses.codes import BLANK, byte_codes

    def scale(values, codes=(None,)):
        return Scale(points=[{"value": v, "label": f"p{v}"} for v in values],
                     non_scored=[{"id": f"o{i}", "label": f"o{i}", "code": c}
                                 for i, c in enumerate(codes)])

    five = byte_codes(scale([1, 2, 3, 4, 5], codes=(9, None)))
    assert five is not None
    assert {v: five[v] for v in (1, 5, 9)} == {1: 0, 5: 0, 9: 2}  # answered, option 0
    assert five[BLANK - 1] == 3  # option 1 has no code: it gets the highest free byte
    assert byte_codes(scale([0, 1, 2, 3, 4])) is not None  # zero is a value like any other
    assert byte_codes(scale([1, 2, 4, 5])) is None  # not a run: a 3 would look like an answer
    assert byte_codes(scale([1, 1.5, 2])) is None  # halves are read as floats
    assert byte_codes(scale([-2, -1, 0, 1, 2])) is None
    assert byte_codes(scale(range(1, 256))) is None  # 255 is the blank byte
    assert byte_codes(scale(range(0, 220))) is None  # no spare bytes left for the pass
    assert byte_codes(scale([1, 2, 3], codes=(2,))) is None  # a code that is also a value
