"""No subtraction of published group figures singles out fewer than the minimum group size.

The adversary knows the organization's figures and every shown group's n and mean for one
``--by`` field, per principle, domain and the overall index, and may combine them linearly
(total minus groups, sums of groups). Whatever set of people such a combination describes must
be empty, the whole organization, or at least the minimum group size.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tila import load_questionnaire, read_responses, score
from tila.scoring.serialize import result_dict

STARTER_ITEMS: list[str] = []
ROLES = ["Leadership", "Direct service", "Other"]


@pytest.fixture(scope="module")
def starter():
    q = load_questionnaire("tila-starter")
    STARTER_ITEMS[:] = list(q.item_ids)
    return q


def _write(path: Path, q, rows: list[dict[str, str]]) -> Path:
    cols = ["respondent_id", "role", "site", *q.item_ids]
    lines = [",".join(cols)] + [",".join(r.get(c, "") for c in cols) for r in rows]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_reported_leak_is_closed(starter, tmp_path: Path, cli) -> None:
    # 5 direct service, 5 leadership, 1 "Prefer not to say": before, organization n x mean
    # minus both groups gave that one person's safety mean.
    rows = [{"respondent_id": f"d{i}", "role": "Direct service",
             **dict.fromkeys(starter.item_ids, "4")} for i in range(5)]
    rows += [{"respondent_id": f"l{i}", "role": "Leadership",
              **dict.fromkeys(starter.item_ids, "5")} for i in range(5)]
    rows.append({"respondent_id": "x", "role": "Prefer not to say",
                 **dict.fromkeys(starter.item_ids, "1")})
    path = _write(tmp_path / "leak.csv", starter, rows)
    run = cli("score", str(path), "-q", "tila-starter", "--by", "role", "--format", "json")
    assert run.exit_code == 0, run.stderr
    doc = json.loads(run.stdout)
    role = doc["groups"]["role"]
    shown = {v: g for v, g in role["values"].items() if not g.get("suppressed")}
    assert len(shown) == 1  # one group had to be hidden with the person who did not say
    assert role["not_stated"] is None
    assert role["not_stated_fewer_than"] == 5
    for pid, org in doc["principles"].items():
        rest_n = org["n"] - sum(g["principles"][pid]["n"] for g in shown.values())
        assert rest_n == 0 or rest_n >= 5
    table = cli("score", str(path), "-q", "tila-starter", "--by", "role")
    assert "Fewer than 5 respondents left 'Your role' blank" in " ".join(table.stdout.split())
    csv = cli("score", str(path), "-q", "tila-starter", "--by", "role", "-f", "csv")
    assert csv.stdout.count(",suppressed,") == 1


def _cells(assign: list[int], scored: np.ndarray) -> dict[int, int]:
    """Size of each cell (group code, -1 = did not say) among people with a score."""
    out: dict[int, int] = {}
    for g, ok in zip(assign, scored, strict=True):
        if ok:
            out[g] = out.get(g, 0) + 1
    return out


def _isolated_sets(sizes: dict[int, int], published: list[set[int]]) -> list[int]:
    """Sizes of every set of cells whose indicator is a linear combination of the published
    sets' indicators (the organization total is always published)."""
    cells = sorted(sizes)
    basis = np.array([[1.0 if c in p else 0.0 for c in cells] for p in published])
    rank = np.linalg.matrix_rank(basis)
    found = []
    for k in range(1, len(cells) + 1):
        for subset in itertools.combinations(range(len(cells)), k):
            v = np.zeros(len(cells))
            v[list(subset)] = 1.0
            if np.linalg.matrix_rank(np.vstack([basis, v])) == rank:
                found.append(sum(sizes[cells[i]] for i in subset))
    return found


layouts = st.tuples(
    st.lists(st.integers(1, 12), min_size=1, max_size=5),  # people per stated group
    st.integers(0, 10),  # people who did not say
    st.lists(st.integers(0, 4), min_size=1, max_size=5),  # how many of each group skip safety
    st.integers(3, 6),  # minimum group size
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(layout=layouts)
def test_no_combination_of_published_figures_isolates_a_small_set(starter, tmp_path_factory,
                                                                   layout) -> None:
    groups, unstated, skippers, m = layout
    names = [f"G{i}" for i in range(len(groups))]
    rows, assign = [], []
    rng = np.random.default_rng(sum(groups) * 31 + unstated)
    for g, (name, size) in enumerate(zip(names, groups, strict=True)):
        for i in range(size):
            skip_safety = i < (skippers[g] if g < len(skippers) else 0)
            answers = {it: str(rng.integers(1, 6)) for it in starter.item_ids}
            if skip_safety:  # no safety score, still scored overall
                answers.update({it: "" for it in starter.item_ids if it.startswith("saf")})
            rows.append({"respondent_id": f"{name}-{i}", "site": name, **answers,
                         "role": ROLES[int(rng.integers(0, len(ROLES)))]})
            assign.append(g)
    for i in range(unstated):
        rows.append({"respondent_id": f"u{i}", "site": "Prefer not to say",
                     "role": ROLES[int(rng.integers(0, len(ROLES)))],
                     **{it: str(rng.integers(1, 6)) for it in starter.item_ids}})
        assign.append(-1)
    path = _write(tmp_path_factory.mktemp("layout") / "r.csv", starter, rows)
    # Grouped by two fields at once: each field's figures must hold on their own.
    result = score(starter, read_responses(path, starter), by=["site", "role"],
                   min_group_size=m, per_respondent=True)
    doc = result_dict(result)
    roles = list(result.per_respondent.ids)  # row order = input order
    role_of = {r["respondent_id"]: ROLES.index(r["role"]) for r in rows}
    for field, codes, values in (("site", assign, names),
                                 ("role", [role_of[i] for i in roles], ROLES)):
        _check_field(result, doc["groups"][field], codes, values, m, layout)
    _check_across_fields(result, doc, [assign, [role_of[i] for i in roles]],
                         [("site", names), ("role", ROLES)], m, layout)
    site = doc["groups"]["site"]
    if site["not_stated"] is not None:
        assert site["not_stated"] == unstated
    else:
        assert 0 < unstated < m


def _check_field(result, published_field, codes, values, m, layout) -> None:
    pr = result.per_respondent
    targets = [(t, pr.principle_scores[:, j]) for j, t in enumerate(pr.principle_ids)]
    targets.append(("overall", pr.overall_score))
    for target, scores in targets:
        sizes = _cells(codes, ~np.isnan(scores))
        if not sizes:
            continue
        published = [set(sizes)]
        for g, name in enumerate(values):
            fig = published_field["values"].get(name, {})
            shown = (fig.get("overall") if target == "overall"
                     else fig.get("principles", {}).get(target)) or {}
            if "n" in shown:
                assert shown["n"] == sizes.get(g, 0)
                published.append({g})
        everyone = sum(sizes.values())
        for n in _isolated_sets(sizes, published):
            assert n == everyone or n >= m, (layout, target, n)


def _check_across_fields(result, doc, codes, fields, m, layout) -> None:
    """Both fields' figures together: subtraction across them isolates no small set either.
    Only sets of cells smaller than the minimum can be small, so those are enumerated."""
    pr = result.per_respondent
    targets = [(t, pr.principle_scores[:, j]) for j, t in enumerate(pr.principle_ids)]
    targets.append(("overall", pr.overall_score))
    people = list(zip(*codes, strict=True))
    for target, scores in targets:
        has = ~np.isnan(scores)
        sizes: dict[tuple[int, ...], int] = {}
        for cell, ok in zip(people, has, strict=True):
            if ok:
                sizes[cell] = sizes.get(cell, 0) + 1
        cells = sorted(sizes)
        everyone = sum(sizes.values())
        if everyone < m:
            continue
        published = [np.ones(len(cells))]
        for k, (field, values) in enumerate(fields):
            for g, name in enumerate(values):
                fig = doc["groups"][field]["values"].get(name, {})
                shown = (fig.get("overall") if target == "overall"
                         else fig.get("principles", {}).get(target)) or {}
                if "n" in shown:
                    published.append(np.array([1.0 if c[k] == g else 0.0 for c in cells]))
        basis = np.array(published)
        rank = np.linalg.matrix_rank(basis)
        small = [i for i, c in enumerate(cells) if sizes[c] < m]
        for k in range(1, m):
            for subset in itertools.combinations(small, k):
                n = sum(sizes[cells[i]] for i in subset)
                if n >= m:
                    continue
                v = np.zeros(len(cells))
                v[list(subset)] = 1.0
                assert np.linalg.matrix_rank(np.vstack([basis, v])) > rank, (layout, target, n)


def test_a_breakdown_nested_in_another_cannot_be_subtracted(starter, tmp_path: Path) -> None:
    # All five leaders work at North, with two other staff: North minus Leadership would be
    # those two people. One of the two figures has to go.
    rows = [{"respondent_id": f"l{i}", "role": "Leadership", "site": "North",
             **dict.fromkeys(starter.item_ids, "5")} for i in range(5)]
    rows += [{"respondent_id": f"n{i}", "role": "Direct service", "site": "North",
              **dict.fromkeys(starter.item_ids, "1")} for i in range(2)]
    rows += [{"respondent_id": f"s{i}", "role": "Direct service", "site": "South",
              **dict.fromkeys(starter.item_ids, "3")} for i in range(8)]
    path = _write(tmp_path / "nested.csv", starter, rows)
    result = score(starter, read_responses(path, starter), by=["role", "site"], per_respondent=True)
    alone = score(starter, read_responses(path, starter), by=["role"], per_respondent=True)
    shown = {(f, g.value) for f, b in result.groups.items() for g in b.groups
             if g.overall is not None}
    assert not {("role", "Leadership"), ("site", "North")} <= shown
    assert any(g.hidden_figures.get("overall") == "overlap" or g.reason
               for b in result.groups.values() for g in b.groups)
    # One field alone has nothing to subtract from: leaders are shown.
    assert next(g for g in alone.groups["role"].groups if g.value == "Leadership").overall


def test_when_the_exact_check_is_too_large_only_the_first_field_is_shown(
        starter, tmp_path: Path, monkeypatch) -> None:
    from tila.scoring import disclosure

    rows = [{"respondent_id": f"r{i}", "role": ROLES[i % 3], "site": f"S{i % 4}",
             **dict.fromkeys(starter.item_ids, str(1 + i % 5))} for i in range(36)]
    path = _write(tmp_path / "r.csv", starter, rows)
    monkeypatch.setattr(disclosure, "SEARCH_BUDGET", 1)
    result = score(starter, read_responses(path, starter), by=["role", "site"], per_respondent=True)
    assert all(g.overall is not None for g in result.groups["role"].groups)
    assert all(g.overall is None and g.hidden_figures["overall"] == "overlap"
               for g in result.groups["site"].groups)
