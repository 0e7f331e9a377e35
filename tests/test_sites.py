"""Split by site: which sites get a report, and the honest rest-of-organization figures."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tila.questionnaire.parse import load_questionnaire
from tila.scoring.disclosure import find_leak
from tila.scoring.sites import refuse_sites, split_by_site

from .site_support import site_table


@st.composite
def layouts(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, int, int]:
    n_sites = draw(st.integers(1, 6))
    sizes = draw(st.lists(st.integers(0, 14), min_size=n_sites + 1, max_size=n_sites + 1))
    codes = np.repeat(np.arange(-1, n_sites), sizes).astype(np.intp)  # -1: not stated
    targets = draw(st.integers(1, 4))
    seed = draw(st.integers(0, 10_000))
    gaps = draw(st.floats(0.0, 0.4))
    has = np.random.default_rng(seed).random((codes.size, targets)) >= gaps
    return has, codes, n_sites, draw(st.integers(2, 6))


@settings(max_examples=300, deadline=None)
@given(layouts())
def test_no_combination_of_published_site_figures_isolates_a_small_set(layout):
    # Published per target: the organization's total, each shown site, and each shown site's
    # "rest of the organization" (total minus the site). The exact search of
    # tila.scoring.disclosure must find no set of 1 to min - 1 people they describe.
    has, codes, n_sites, min_size = layout
    refused = refuse_sites(has, codes, n_sites, min_size)
    shown = [s for s in range(n_sites) if s not in refused and (codes == s).any()]
    cells = np.arange(-1, n_sites)
    for t in range(has.shape[1]):
        sizes = np.array([int(has[codes == c, t].sum()) for c in cells], dtype=np.int64)
        total = np.ones(cells.size, dtype=bool)
        published = [total]
        for s in shown:
            assert sizes[s + 1] >= min_size
            published += [cells == s, cells != s]
        assert find_leak(sizes, published, min_size) is None
        pool = int(sizes.sum() - sum(sizes[s + 1] for s in shown))
        # (With no site shown the pool is the whole organization, which is its own report's
        # business, not a subtraction.)
        assert pool == 0 or pool >= min_size or not shown


def test_refusal_is_not_more_than_needed():
    # Three big sites and nobody unstated: nothing to refuse.
    has = np.ones((60, 2), dtype=bool)
    codes = np.repeat([0, 1, 2], 20).astype(np.intp)
    assert refuse_sites(has, codes, 3, 5) == {}


def test_small_site_is_refused_and_pulls_in_the_smallest_other_when_its_pool_is_small():
    q = load_questionnaire("tila-starter")
    split = split_by_site(q, site_table({"North": 30, "South": 22, "East": 3}), "site")
    reasons = {s.value: s.refused for s in split.sites}
    # East (3) is refused; its 3 people alone would be North + South subtracted from the
    # total, so the smaller of those (South) is refused too.
    assert reasons == {"North": None, "South": "complementary", "East": "small-site"}
    assert [s.value for s in split.shown] == ["North"]
    north = split.shown[0]
    assert north.rest is not None
    assert north.rest["overall"].n == 25


def test_people_who_did_not_state_a_site_count_in_the_pool():
    q = load_questionnaire("tila-starter")
    split = split_by_site(q, site_table({"North": 30, "South": 20, None: 2}), "site")
    assert {s.value: s.refused for s in split.sites} == {"North": None,
                                                         "South": "complementary"}
    assert split.not_stated == 2
    split = split_by_site(q, site_table({"North": 30, "South": 20, None: 6}, unknown=0.0),
                          "site")
    assert [s.value for s in split.shown] == ["North", "South"]


def test_rest_of_organization_excludes_the_site_and_sees_a_known_difference():
    q = load_questionnaire("tila-starter")
    table = site_table({"North": 40, "South": 40, "West": 40},
                       shifts={"North": 1.0, "South": -0.5, "West": -0.5})
    split = split_by_site(q, table, "site")
    north = next(s for s in split.sites if s.value == "North")
    assert north.result is not None
    assert north.rest is not None
    org = split.organization.per_respondent.overall_score
    others = np.array([v != "North" for v in table.fields["site"]])
    expected = org[others][~np.isnan(org[others])]
    assert north.rest["overall"].n == expected.size == 80
    assert np.isclose(north.rest["overall"].score, expected.mean())
    assert np.isclose(north.result.overall.score, np.nanmean(org[~others]))
    # North was generated a whole scale point above the rest: the gap is large.
    assert north.result.overall.score - north.rest["overall"].score > 15


def _with_roles(table, roles):
    from tila.responses.table import ResponseTable

    return ResponseTable.build(item_ids=table.item_ids, values=table.values, status=table.status,
                               respondent_ids=table.respondent_ids,
                               fields={"site": table.fields["site"],
                                 "role": np.array(roles, dtype=object)})


def test_groups_inside_site_reports_are_withheld_when_subtraction_across_sites_isolates_few():
    q = load_questionnaire("tila-starter")
    base = site_table({"North": 20, "South": 20, None: 6}, unknown=0.0)
    # 5 leaders at each site and 2 among the people who named no site: the organization's
    # 12 leaders minus North's 5 and South's 5 would be those 2.
    roles = (["Leadership"] * 5 + ["Direct service"] * 15) * 2 + \
        ["Leadership"] * 2 + ["Direct service"] * 4
    split = split_by_site(q, _with_roles(base, roles), "site", by=("role",))
    assert [s.value for s in split.shown] == ["North", "South"]
    assert split.withheld == ("role",)
    assert all("role" not in s.result.groups for s in split.shown)
    # With the 2 unnamed-site people not leaders, nothing small is derivable: roles stay.
    roles = (["Leadership"] * 5 + ["Direct service"] * 15) * 2 + ["Direct service"] * 6
    split = split_by_site(q, _with_roles(base, roles), "site", by=("role",))
    assert split.withheld == ()
    assert all("role" in s.result.groups for s in split.shown)
