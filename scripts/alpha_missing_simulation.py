"""How far pairwise and complete-case Cronbach's alpha stray when answers are missing.

Simulates surveys whose statements share one trait, removes answers ("Don't know") at random or
more often among people low on the trait, and compares both alphas with the alpha of the same
people's full answers. The figures are quoted in docs/scoring.md ("Reliability").
Usage: PYTHONPATH=src python scripts/alpha_missing_simulation.py [--runs 300]
"""

from __future__ import annotations

import argparse

import numpy as np

from tila.statistics import cronbach, pairwise_alpha


def one_survey(rng: np.random.Generator, n: int, k: int, dont_know: float,
               engaged_answer_more: bool) -> tuple[float, float, float, int]:
    trait = rng.normal(size=(n, 1))
    x = np.clip(np.rint(3.2 + 0.8 * trait + rng.normal(size=(n, k))), 1, 5)
    full = cronbach(x).alpha
    p = np.full((n, k), dont_know)
    if engaged_answer_more:  # twice the rate at the low end of the trait, near 0 at the top
        p = dont_know * 2 / (1 + np.exp(1.5 * trait)) * np.ones((1, k))
    y = np.where(rng.random((n, k)) < p, np.nan, x)
    answered = ~np.isnan(y)
    z = np.hstack([np.where(answered, y, 0.0), answered.astype(float)])
    pairwise, _ = pairwise_alpha(z.T @ z, np.arange(k))
    complete = cronbach(y)
    nan = float("nan")
    return (nan if full is None else full, nan if pairwise is None else pairwise,
            nan if complete.alpha is None else complete.alpha, complete.n_complete)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    rng = np.random.default_rng(13)
    for n, k, dk in ((180, 10, 0.15), (500, 60, 0.05)):
        for mnar in (False, True):
            runs = np.array([one_survey(rng, n, k, dk, mnar) for _ in range(args.runs)])
            full, pw, cc, n_complete = runs.T
            how = "more among the less engaged" if mnar else "at random"
            print(f"{n} people, {k} statements, {dk:.0%} Don't know {how}: "
                  f"complete cases median {np.median(n_complete):.0f}; "
                  f"pairwise error mean {np.nanmean(pw - full):+.3f} "
                  f"SD {np.nanstd(pw - full):.3f}; "
                  f"complete-case error mean {np.nanmean(cc - full):+.3f} "
                  f"SD {np.nanstd(cc - full):.3f}")


if __name__ == "__main__":
    main()
