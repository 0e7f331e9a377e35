"""Cronbach's alpha: pairwise (shown) and complete-case, the rules that withhold it, the warnings
and the report sentence (scoring/reliability.py, docs/scoring.md "Reliability").

The pairwise oracle below is the definition, written pair by pair with numpy: for items i and j,
the covariance over the people who answered both (R's ``cov(x, use="pairwise")``), then
``k/(k-1) * (1 - tr(C)/sum(C))``. tila gets the same figure from gram matrices summed in its one
pass; when R and psych are installed, psych::alpha itself is the oracle too.
"""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from tila import read_responses, score
from tila.questionnaire.model import Questionnaire
from tila.report.sections import alpha_note
from tila.responses.table import ResponseTable
from tila.scoring.reliability import MIN_CASES, MIN_ITEMS
from tila.scoring.result import Rules
from tila.scoring.serialize import result_dict

from .test_byte_codes import dense_table, random_answers


def pairwise_cov_oracle(x: np.ndarray) -> np.ndarray:
    """Pairwise-complete covariances of the (respondents, items) keyed answers."""
    k = x.shape[1]
    c = np.empty((k, k))
    for i in range(k):
        for j in range(k):
            both = ~np.isnan(x[:, i]) & ~np.isnan(x[:, j])
            c[i, j] = np.cov(x[both, i], x[both, j], ddof=1)[0, 1]
    return c


def pairwise_alpha_oracle(x: np.ndarray) -> float:
    """Raw alpha from pairwise-complete covariances of the (respondents, items) keyed answers."""
    k = x.shape[1]
    c = pairwise_cov_oracle(x)
    return float(k / (k - 1) * (1 - np.trace(c) / c.sum()))


def item_rest_oracle(x: np.ndarray, i: int) -> float:
    """psych's r.drop for column i, written as psych writes it: the covariance of the item with
    the sum of the others over the sum of the other items' covariance block."""
    c = pairwise_cov_oracle(x)
    others = [j for j in range(x.shape[1]) if j != i]
    return float((c[:, i].sum() - c[i, i]) / np.sqrt(c[i, i] * c[np.ix_(others, others)].sum()))


def complete_alpha_oracle(x: np.ndarray) -> float:
    done = x[~np.isnan(x).any(axis=1)]
    k = done.shape[1]
    return float(k / (k - 1) * (1 - done.var(axis=0, ddof=1).sum()
                                / done.sum(axis=1).var(ddof=1)))


def keyed(q: Questionnaire, values: np.ndarray) -> np.ndarray:
    out = values.astype(float).copy()
    for i, it in enumerate(q.items):
        if it.reverse:
            scale = q.scales[it.scale]
            out[:, i] = scale.min + scale.max - out[:, i]
    return out


def members(q: Questionnaire, target: str, kind: str) -> list[int]:
    """Items of a target: every item with a weight toward a principle (unweighted), a
    domain's items, or all of them."""
    if kind == "overall":
        return list(range(len(q.items)))
    if kind == "principle":
        return [i for i, it in enumerate(q.items) if it.weights.get(target, 0) > 0]
    return [i for i, it in enumerate(q.items) if it.domain == target]


def all_summaries(result):
    yield from (("principle", t, s) for t, s in result.principles.items())
    yield from (("domain", t, s) for t, s in result.domains.items())
    yield "overall", "overall", result.overall


def _mixed_answers(tmp_path, seed: int = 11, n: int = 400):
    """The byte-codes test questionnaire (two scales, reverse-keyed items, an item weighted
    toward two principles) with Don't know, blanks and excluded rows; as a byte table read from
    CSV and as the same answers in floats."""
    q, rng, agree, cells = random_answers(tmp_path, seed, n)
    # Answers that hang together: a shared trait moves every item.
    trait = rng.normal(0, 1.0, (n, 1))
    lo = np.where(agree, 1, 0)
    hi = lo + 4
    raw = np.clip(np.rint(lo + 2 + trait + rng.normal(0, 0.9, cells.shape)), lo, hi)
    rev = np.array([it.reverse for it in q.items])
    raw = np.where(rev, lo + hi - raw, raw).astype(int)
    cells = raw.astype(object)
    draw = rng.random(cells.shape)
    cells[draw < 0.12] = ""
    cells[(draw > 0.9) & agree] = 9  # Don't know
    cells[rng.random(n) < 0.03] = ""  # excluded respondents
    roles = rng.choice(["A", "B"], n)
    lines = ["respondent_id,role," + ",".join(q.item_ids)]
    lines += [f"r{i},{roles[i]}," + ",".join(str(c) for c in cells[i]) for i in range(n)]
    path = tmp_path / "answers.csv"
    path.write_text("\n".join(lines) + "\n")
    return q, path, dense_table(q, cells, roles)


@pytest.mark.parametrize("path_kind", ["bytes", "floats"])
def test_pairwise_and_complete_alpha_equal_their_definitions(tmp_path, path_kind):
    q, path, dense = _mixed_answers(tmp_path)
    table = read_responses(path, q) if path_kind == "bytes" else dense
    assert (table.codes is not None) == (path_kind == "bytes")
    result = score(q, table, per_respondent=True)
    kept = result.per_respondent.excluded_code == 0
    assert not kept.all(), "some respondents are excluded and must count nowhere"
    x = keyed(q, dense.values[kept])
    shown = rested = 0
    for kind, target, s in all_summaries(result):
        cols = members(q, target, kind)
        want_pw = pairwise_alpha_oracle(x[:, cols])
        assert s.alpha_pairwise == pytest.approx(want_pw, abs=1e-10), target
        assert s.alpha == s.alpha_pairwise  # pairwise is the one shown
        if s.alpha_n >= MIN_CASES:
            assert s.alpha_complete == pytest.approx(complete_alpha_oracle(x[:, cols]),
                                                     abs=1e-10), target
            shown += 1
        else:
            assert s.alpha_complete is None
        both = ~np.isnan(x[:, cols])
        assert s.alpha_pair_n == int((both.astype(int).T @ both.astype(int)).min())
        assert s.alpha_n == int(both.all(axis=1).sum())
        if kind == "principle":  # item-rest: against the item's primary principle only
            for pos, i in enumerate(cols):
                got = result.items[q.items[i].id].item_rest
                if q.items[i].primary_principle == target:
                    assert got == pytest.approx(item_rest_oracle(x[:, cols], pos), abs=1e-10)
                    rested += 1
    assert rested == len(q.items), "every item has an item-rest correlation"
    assert shown >= 3, "the data leave enough complete cases to check the complete alpha"
    weighted = [it for it in q.items if len(it.weights) > 1]
    assert weighted, "an item weighted toward two principles counts in both, unweighted"


def test_byte_and_float_paths_give_the_same_alphas(tmp_path):
    q, path, dense = _mixed_answers(tmp_path, seed=5)
    a, b = score(q, read_responses(path, q),
                 per_respondent=True), score(q, dense, per_respondent=True)
    for (_, t, s), (_, _, u) in zip(all_summaries(a), all_summaries(b), strict=True):
        assert (s.alpha_pairwise, s.alpha_complete, s.alpha_pair_n, s.alpha_n) == pytest.approx(
            (u.alpha_pairwise, u.alpha_complete, u.alpha_pair_n, u.alpha_n), abs=1e-12), t
    for item, stat in a.items.items():
        assert stat.item_rest is not None
        assert stat.item_rest == pytest.approx(b.items[item].item_rest, abs=1e-12), item


def test_a_block_boundary_does_not_change_alpha(tmp_path, monkeypatch):
    import tila.scoring.accumulate as accumulate

    q, path, _ = _mixed_answers(tmp_path, seed=3)
    whole = score(q, read_responses(path, q), per_respondent=True)
    monkeypatch.setattr(accumulate, "BLOCK", 64)  # many blocks over two threads
    blocks = score(q, read_responses(path, q), per_respondent=True)
    assert blocks.overall.alpha == pytest.approx(whole.overall.alpha, abs=1e-12)
    for t, s in whole.principles.items():
        assert blocks.principles[t].alpha_pairwise == pytest.approx(s.alpha_pairwise, abs=1e-12)


# --- R psych as the oracle -------------------------------------------------------------------

def _psych_available() -> bool:
    if shutil.which("Rscript") is None:
        return False
    run = subprocess.run(["Rscript", "-e", "library(psych)"], capture_output=True, check=False)
    return run.returncode == 0


R_ALPHAS = """
suppressMessages(library(psych))
x <- as.matrix(read.csv(commandArgs(TRUE)[1], na.strings = "NA"))
groups <- readLines(commandArgs(TRUE)[2])
for (g in groups) {
  cols <- as.integer(strsplit(g, " ")[[1]])
  pw <- alpha(x[, cols], check.keys = FALSE, warnings = FALSE)$total$raw_alpha
  a <- alpha(x[, cols], check.keys = FALSE, warnings = FALSE)
  cc <- alpha(na.omit(x[, cols]), check.keys = FALSE, warnings = FALSE)$total$raw_alpha
  cat(sprintf("%.17g", c(a$total$raw_alpha, cc, a$item.stats$r.drop)), "\\n")
}
"""


@pytest.mark.skipif(not _psych_available(), reason="needs Rscript with the psych package")
def test_alphas_equal_r_psych(tmp_path):
    """psych::alpha(x, check.keys=FALSE)$total$raw_alpha on the keyed answers (pairwise by
    default), and the same on na.omit(x) for the complete-case alpha; each item's item-rest
    correlation is psych's item.stats$r.drop within its principle (pairwise too)."""
    rng = np.random.default_rng(2026)
    n, k = 150, 9
    reverse = [j % 4 == 1 for j in range(k)]
    principles = ["safety", "trustworthiness", "cultural"]
    q = Questionnaire.model_validate({
        "id": "psych", "version": "1", "title": "t",
        "scales": {"s": {"points": [{"value": v, "label": str(v)} for v in range(1, 6)]}},
        "items": [{"id": f"i{j}", "text": f"Item {j}", "principle": principles[j % 3],
                   "domain": "policy" if j < 5 else "governance", "scale": "s",
                   "reverse": reverse[j]} for j in range(k)],
        "scoring": {"bands": [{"id": "b", "label": "B", "min": 0, "max": 100}]},
    })
    trait = rng.normal(0, 1, (n, 1))
    values = np.clip(np.rint(3 + trait + rng.normal(0, 1, (n, k))), 1, 5)
    values[:, reverse] = 6 - values[:, reverse]
    values[rng.random((n, k)) < 0.15] = np.nan
    table = ResponseTable.build(item_ids=q.item_ids, values=values,
                                status=np.where(np.isnan(values), 1, 0).astype(np.int8),
                                respondent_ids=np.array([f"r{i}" for i in range(n)], dtype=object))
    result = score(q, table, per_respondent=True)
    kept = result.per_respondent.excluded_code == 0
    x = keyed(q, values[kept])
    data = tmp_path / "x.csv"
    np.savetxt(data, x, delimiter=",", header=",".join(q.item_ids), comments="", fmt="%g")
    data.write_text(data.read_text().replace("nan", "NA"))
    targets = list(all_summaries(result))
    groups = tmp_path / "groups.txt"
    groups.write_text("\n".join(" ".join(str(i + 1) for i in members(q, t, kind))
                                for kind, t, _ in targets) + "\n")
    script = tmp_path / "alphas.R"
    script.write_text(R_ALPHAS)
    run = subprocess.run(["Rscript", str(script), str(data), str(groups)], capture_output=True,
                         text=True, check=True)
    lines = run.stdout.strip().split("\n")
    checked = 0
    for (kind, t, s), line in zip(targets, lines, strict=True):
        pw, cc, *r_drop = (float(v) for v in line.split())
        assert s.alpha_pairwise == pytest.approx(pw, abs=1e-10), t
        if s.alpha_complete is not None:
            assert s.alpha_complete == pytest.approx(cc, abs=1e-10), t
        if kind == "principle":
            for i, want in zip(members(q, t, kind), r_drop, strict=True):
                assert result.items[q.items[i].id].item_rest == pytest.approx(want, abs=1e-10)
                checked += 1
    assert checked == k
    assert sum(s.alpha_complete is not None for _, _, s in targets) >= 3


# --- withholding and warnings ----------------------------------------------------------------

def _small_questionnaire(reverse: tuple[bool, ...] = (False,) * 5) -> Questionnaire:
    """Peer support has 3 statements (p0-p2), Safety 2 (s0, s1)."""
    ids = ["p0", "p1", "p2", "s0", "s1"]
    return Questionnaire.model_validate({
        "id": "small", "version": "1", "title": "t",
        "scales": {"s": {"points": [{"value": v, "label": str(v)} for v in range(1, 6)]}},
        "items": [{"id": i, "text": f"Statement {i}",
                   "principle": "peer_support" if i[0] == "p" else "safety",
                   "domain": "policy", "scale": "s", "reverse": r}
                  for i, r in zip(ids, reverse, strict=True)],
        "scoring": {"bands": [{"id": "b", "label": "B", "min": 0, "max": 100}]},
    })


def _table(q: Questionnaire, values: np.ndarray, **fields: np.ndarray) -> ResponseTable:
    n = values.shape[0]
    return ResponseTable.build(item_ids=q.item_ids, values=values,
                               status=np.where(np.isnan(values), 2, 0).astype(np.int8),
                               respondent_ids=np.array([f"r{i}" for i in range(n)], dtype=object),
                               fields=fields)


def _consistent(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    trait = rng.integers(1, 6, (n, 1))
    return np.clip(trait + rng.integers(-1, 2, (n, 5)), 1, 5).astype(float)


def _warnings(result, code: str) -> dict[str | None, str]:
    return {w.location.path: w.message for w in result.warnings if w.code == code}


@pytest.mark.parametrize(("people", "shown"), [(9, False), (10, True)])
def test_alpha_needs_ten_people(people, shown):
    q = _small_questionnaire()
    result = score(q, _table(q, _consistent(people)), per_respondent=True)
    peer = result.principles["peer_support"]
    assert (peer.alpha is not None) is shown
    assert (peer.alpha_complete is not None) is shown
    withheld = _warnings(result, "alpha-withheld")
    if shown:
        assert "principles.peer_support" not in withheld
        assert peer.alpha_withheld is None
    else:
        assert peer.alpha_withheld == "few-respondents"
        assert withheld["principles.peer_support"] == (
            f"Reliability (alpha) for {peer.title} is not reported: only 9 people answered "
            "some two of its statements together; at least 10 are needed.")
        assert withheld["overall"].startswith(
            "Reliability (alpha) for the overall index is not reported: only 9 people")


def test_pairwise_alpha_is_shown_when_every_pair_has_ten_people_but_few_answered_all():
    # 9 answer everything; three more skip one statement each, a different one, so every pair
    # of Peer support's statements was answered together by 10 people, all three by only 9.
    values = _consistent(12, seed=3)
    for r, item in zip((9, 10, 11), (0, 1, 2), strict=True):
        values[r, item] = np.nan
    q = _small_questionnaire()
    peer = score(q, _table(q, values), per_respondent=True).principles["peer_support"]
    assert peer.alpha_n == 9
    assert peer.alpha_pair_n == 10
    assert peer.alpha_complete is None
    assert peer.alpha is not None
    assert peer.alpha == peer.alpha_pairwise


@pytest.mark.parametrize(("items", "shown"), [(2, False), (3, True)])
def test_alpha_needs_three_statements(items, shown):
    q = _small_questionnaire()
    result = score(q, _table(q, _consistent(40)), per_respondent=True)
    s = result.principles["peer_support" if items == 3 else "safety"]
    assert len(s.item_ids) == items
    assert (s.alpha is not None) is shown
    withheld = _warnings(result, "alpha-withheld")
    if not shown:
        assert s.alpha_withheld == "few-items"
        assert s.alpha_pairwise is None
        assert withheld["principles.safety"] == ("Reliability (alpha) for Safety is not "
                                                 "reported: it has only 2 statements; at least "
                                                 "3 are needed.")
    else:
        assert "principles.peer_support" not in withheld


def test_a_negative_alpha_is_reported_with_a_plain_warning():
    # p1 is worded the other way round but not marked reversed: it runs against p0 and p2.
    rng = np.random.default_rng(4)
    trait = rng.integers(1, 6, (30, 1)).astype(float)
    values = np.hstack([trait, 6 - trait, np.clip(trait + rng.integers(-1, 2, (30, 1)), 1, 5),
                        _consistent(30)[:, 3:]])
    q = _small_questionnaire()
    result = score(q, _table(q, values), per_respondent=True)
    peer = result.principles["peer_support"]
    assert peer.alpha is not None
    assert peer.alpha < 0
    message = _warnings(result, "alpha-negative")["principles.peer_support"]
    value = f"{peer.alpha:.2f}".replace("-", "\u2212")
    assert message == (f"The statements of {peer.title} do not move together in these answers "
                       f"(alpha {value}): treat this score with caution.")
    note = alpha_note(peer)
    assert "consistent" not in note
    assert "below zero" in note
    # The same statement marked as reversed: the principle hangs together again.
    fixed = score(_small_questionnaire((False, True, False, False, False)), _table(q, values),
                  per_respondent=True)
    assert fixed.principles["peer_support"].alpha > 0.7
    assert "principles.peer_support" not in _warnings(fixed, "alpha-negative")


def test_domains_carry_the_reason_but_no_warning():
    q = _small_questionnaire()
    result = score(q, _table(q, _consistent(5)), per_respondent=True)
    assert result.domains["policy"].alpha_withheld == "few-respondents"
    paths = {w.location.path for w in result.warnings if w.code.startswith("alpha-")}
    assert paths == {"principles.peer_support", "principles.safety", "overall"}


def test_groups_have_no_alpha():
    q = Questionnaire.model_validate({**_small_questionnaire().model_dump(exclude_none=True),
                                      "respondent_fields": [{"id": "role", "label": "Role"}]})
    table = _table(q, _consistent(40), role=np.array(["A", "B"] * 20, dtype=object))
    result = score(q, table, by=["role"], per_respondent=True)
    assert result.overall.alpha is not None
    group = result.groups["role"].groups[0]
    assert group.overall is not None
    assert group.overall.alpha is None
    assert group.overall.alpha_withheld == "not-for-groups"


# --- what the reader sees --------------------------------------------------------------------

@pytest.mark.parametrize("data", ["all-high", "all-low", "tiny", "heavy-dont-know", "reverse"])
def test_the_report_sentence_is_true_for_each_kind_of_data(data):
    rng = np.random.default_rng(9)
    q = _small_questionnaire((False, True, False, False, False) if data == "reverse" else
                             (False,) * 5)
    n = 6 if data == "tiny" else 80
    values = _consistent(n, seed=9)
    if data == "all-high":
        values = np.clip(values + 3, 1, 5)
    elif data == "all-low":
        values = np.clip(values - 3, 1, 5)
    elif data == "heavy-dont-know":
        values[rng.random(values.shape) < 0.4] = np.nan
    elif data == "reverse":
        values[:, 1] = 6 - values[:, 1]
    peer = score(q, _table(q, values), per_respondent=True).principles["peer_support"]
    note = alpha_note(peer)
    if peer.alpha is None:
        assert note.startswith("Reliability (Cronbach's alpha) is not reported")
        assert data in ("tiny", "all-high", "all-low")
        return
    assert note.startswith(f"Cronbach's alpha is {peer.alpha:.2f}".replace("-", "\u2212"))
    assert ("consistently" in note) == (peer.alpha >= 0.8)
    assert ("below zero" in note) == (peer.alpha < 0)


def test_json_shows_both_alphas_and_the_rule_names_its_thresholds(tmp_path):
    q, path, _ = _mixed_answers(tmp_path, seed=8)
    result = score(q, read_responses(path, q), per_respondent=True)
    doc = result_dict(result)
    overall = doc["overall"]
    assert set(overall) >= {"alpha", "alpha_n", "alpha_pairwise", "alpha_complete",
                            "alpha_pair_n", "alpha_withheld"}
    assert overall["alpha"] == overall["alpha_pairwise"]
    assert overall["alpha_pairwise"] == pytest.approx(result.overall.alpha_pairwise, abs=1e-3)
    rule = Rules(min_answered=0.5, min_group_size=5).alpha
    assert doc["scoring"]["alpha"] == rule
    assert "pairwise" in rule
    assert f"fewer than {MIN_ITEMS} items" in rule
    assert f"fewer than {MIN_CASES} respondents" in rule


def test_answers_that_do_not_vary_give_no_alpha_and_say_why():
    q = _small_questionnaire()
    result = score(q, _table(q, np.full((12, 5), 4.0)), per_respondent=True)
    peer = result.principles["peer_support"]
    assert peer.alpha is None
    assert peer.alpha_withheld == "no-variance"
    assert _warnings(result, "alpha-withheld")["principles.peer_support"] == (
        f"Reliability (alpha) for {peer.title} is not reported: the answers to its statements "
        "do not vary together enough to work it out.")
    assert alpha_note(peer).startswith("Reliability (Cronbach's alpha) is not reported")
