"""Adversarial checks of the split-by-site set (issue 18 privacy review): a reader holding the
organization's own report and every site report must not be able to work out, by subtraction,
the answers of fewer than the minimum group size."""

from __future__ import annotations

import numpy as np

from tests.site_support import site_table
from tila.questionnaire.parse import load_questionnaire
from tila.scoring.engine import score
from tila.scoring.sites import split_by_site

Q = "tila-starter"


def _leaky_statement_layout():
    """North 6, South 6 and 5 people who did not name a site; four of those five answer
    "Don't know" to the second statement, so one of them is the only answer in no site."""
    q = load_questionnaire(Q)
    table = site_table({"North": 6, "South": 6, None: 5}, unknown=0.0, seed=8)
    values, status = table.values, table.status
    values[12:16, 1], status[12:16, 1] = np.nan, 2  # "Don't know"
    values[16, 1] = 1.0  # the one answer an attacker must not learn
    return q, table


def test_a_statement_answered_by_one_person_outside_every_site_is_not_derivable():
    q, table = _leaky_statement_layout()
    item = q.item_ids[1]
    org = score(q, table, per_respondent=True).items[item]
    north = score(q, table.take(np.arange(0, 6)), per_respondent=True).items[item]
    south = score(q, table.take(np.arange(6, 12)), per_respondent=True).items[item]
    # Had both sites a report, the statement's published scores (to one decimal) would give
    # that one person's answer: 13 x org - 6 x North - 6 x South.
    assert (org.n, north.n, south.n) == (13, 6, 6)
    guess = 13 * round(org.score, 1) - 6 * round(north.score, 1) - 6 * round(south.score, 1)
    truth = score(q, table.take(np.array([16])), per_respondent=True).items[item].score
    assert round(guess / 25) * 25 == truth
    split = split_by_site(q, table, "site", min_size=5)
    # The principles alone would let both sites have a report (pool of 5 on every target);
    # the statement's pool of 1 holds one site back, so the pool is 7 answers.
    assert len(split.shown) == 1
    (refused,) = split.refused
    assert refused.refused == "complementary"
    assert refused.because == item


def test_no_statement_pool_of_a_split_is_small_for_random_layouts():
    """For generated layouts with many "Don't know" answers: for every statement the
    organization shows, the answers outside every shown site's shown figure are 0 or at
    least the minimum."""
    q = load_questionnaire(Q)
    rng = np.random.default_rng(2)
    for trial in range(25):
        sizes: dict[str | None, int] = {f"S{k}": int(rng.integers(0, 12)) for k in range(4)}
        sizes[None] = int(rng.integers(0, 6))
        if sum(sizes.values()) < 5:
            continue
        table = site_table(sizes, unknown=0.3, seed=trial)
        m = int(rng.integers(3, 6))
        split = split_by_site(q, table, "site", min_size=m)
        answered = ~np.isnan(table.values)
        for j in range(len(q.item_ids)):
            total = int(answered[:, j].sum())
            if total < m:
                continue
            shown = [int(answered[s.rows, j].sum()) for s in split.shown]
            pool = total - sum(c for c in shown if c >= m)
            assert pool == 0 or pool >= m, (trial, j, sizes)


def test_site_reports_show_no_comments_so_none_is_tied_to_a_site_or_to_the_pool(tmp_path):
    """Comments are never shown by group. With 10 people at North and South and 5 who did not
    name a site, comments in the site reports would also tell, by difference with the
    organization's report, which 5 comments come from those 5 people (fewer than the
    comment threshold of 10)."""
    from tila.report.options import ReportOptions
    from tila.report.split import render_split
    from tila.responses.table import ResponseTable

    q = load_questionnaire(Q)
    base = site_table({"North": 10, "South": 10, None: 5}, seed=4, unknown=0.0)
    said = np.array([f"zqx said {k:02d}" for k in range(25)], dtype=object)
    table = ResponseTable.build(item_ids=base.item_ids, values=base.values, status=base.status,
                                respondent_ids=base.respondent_ids,
                                fields=dict(base.fields.given()), texts={"comment": said})
    assert len(score(q, table).comments) == 25  # the organization's report shows them all
    split = split_by_site(q, table, "site", min_size=5)
    assert [s.value for s in split.shown] == ["North", "South"]
    assert all(s.result is not None and s.result.comments == () for s in split.shown)
    files = render_split(split, tmp_path, fmt="html", options=ReportOptions(org="Org"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "zqx said" not in text, path.name
    north = (tmp_path / "site-north.html").read_text(encoding="utf-8")
    assert "comments are in the organization’s report only" in north.replace("&#39;", "’") \
        or "comments are in the organization's report only" in north


def test_site_reports_and_the_organizations_breakdown_by_site_leave_no_small_pool():
    """The organization's own report broken down by the same field (``--by site``) is
    published beside the site reports. Before, the two chose differently (the site reports
    showed S3 only, the breakdown S2 only on Safety), and the total minus S2 minus S3 was 4
    people. For generated layouts: on every target, the people in neither a site report nor
    a shown group of the breakdown are none, everyone, or at least the minimum."""
    from tila.scoring.sites import target_ids

    q = load_questionnaire(Q)
    rng = np.random.default_rng(1)
    for trial in range(40):
        sizes: dict[str | None, int] = {f"S{k}": int(rng.integers(0, 10)) for k in range(4)}
        sizes[None] = int(rng.integers(0, 4))
        if sum(sizes.values()) < 5:
            continue
        table = site_table(sizes, unknown=float(rng.choice([0.05, 0.2, 0.35])), seed=trial)
        split = split_by_site(q, table, "site", min_size=5)
        org = score(q, table, by=("site",), min_group_size=5, per_respondent=True)
        site = np.array(dict(table.fields.given())["site"], dtype=object)
        shown = {s.value for s in split.shown}
        for j, tid in enumerate(target_ids(org)):
            has = ~np.isnan(org.per_respondent.scores[:, j])
            union = shown | {g.value for g in org.groups["site"].groups if not g.suppressed
                             and (g.overall is not None if tid == "overall" else
                                  tid in (g.principles or {}) or tid in (g.domains or {}))}
            pool = int(has.sum()) - sum(int((has & (site == v)).sum()) for v in union)
            assert pool == 0 or pool >= 5 or pool == int(has.sum()), (trial, tid, sizes)
