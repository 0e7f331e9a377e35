"""Descriptive statistics, confidence intervals, reliability and small-group suppression.

Everything works on numpy arrays with NaN for missing values and is vectorized over columns.
The t quantile is computed here rather than pulling in SciPy for one function: the regularized
incomplete beta function with Lentz's continued fraction (Numerical Recipes, 3rd ed., 6.4),
inverted by bisection, is exact to well below the precision a report shows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from tila._threads import thread_count

Floats = npt.NDArray[np.float64]
K = TypeVar("K")


def _betacf(a: float, b: float, x: float) -> float:
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def incomplete_beta(a: float, b: float, x: float) -> float:
    """Regularized incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    lbeta = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    front = math.exp(lbeta + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """Student's t distribution function."""
    x = df / (df + t * t)
    tail = 0.5 * incomplete_beta(df / 2.0, 0.5, x)
    return 1.0 - tail if t > 0 else tail


def t_pdf(t: float, df: float) -> float:
    lognorm = (math.lgamma((df + 1) / 2) - math.lgamma(df / 2)
               - 0.5 * math.log(df * math.pi))
    return math.exp(lognorm - (df + 1) / 2 * math.log1p(t * t / df))


@lru_cache(maxsize=4096)
def t_quantile(p: float, df: float) -> float:
    """The p-quantile of Student's t with df degrees of freedom (p in (0.5, 1)).

    Starts from the Cornish-Fisher expansion around the normal quantile and polishes it with
    Newton steps on the exact distribution function, so each new df costs a few evaluations of
    the incomplete beta function rather than a bisection's fifty.
    """
    z = _normal_quantile(p)
    t = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2)
    if df > 1e5:  # the expansion's next term is below 1e-12 here
        return t
    if df < 3:  # the expansion is poor for tiny df; a safe start above the root
        t = max(t, 1.0)
    for _ in range(50):
        step = (t_cdf(t, df) - p) / t_pdf(t, df)
        t -= step
        if abs(step) < 1e-12 * max(1.0, abs(t)):
            break
    return t


def _normal_quantile(p: float) -> float:
    """Acklam's rational approximation to the standard normal quantile (|error| < 1.2e-9)."""
    a = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
         1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
    b = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
         6.680131188771972e01, -1.328068155288572e01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
         -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00,
         3.754408661907416e00)
    if p > 1 - 0.02425:
        r = math.sqrt(-2 * math.log(1 - p))
        return -(((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / \
            ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1)
    r = p - 0.5
    s = r * r
    return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / \
        (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1)


@dataclass(frozen=True)
class Descriptives:
    n: npt.NDArray[np.int64]
    mean: Floats
    sd: Floats
    median: Floats
    ci_low: Floats
    ci_high: Floats


def describe(x: Floats, rows: npt.NDArray[np.intp] | None = None, *,
             threads: int | None = None) -> Descriptives:
    """Column-wise n, mean, SD (ddof=1), median and 95% t interval, ignoring NaN.

    ``rows`` selects respondents. Columns are handled one at a time (each a contiguous read of
    a column-major matrix, gathered to the rows wanted) and in ``threads`` threads (see
    tila._threads), since numpy releases the GIL while it sorts: the medians are most of the
    cost at a million rows.
    """
    x = x if x.ndim == 2 else x[:, None]
    g = x.shape[1]
    n = np.zeros(g, dtype=np.int64)
    mean, sd, median = (np.full(g, np.nan) for _ in range(3))

    def one(j: int) -> None:  # one column (target), never one respondent
        col = x[:, j] if rows is None else x[:, j][rows]
        values = col[~np.isnan(col)]
        n[j] = values.size
        if values.size == 0:
            return
        mean[j] = values.mean(dtype=np.float64)
        if values.size > 1:
            sd[j] = values.std(ddof=1, dtype=np.float64)
        median[j] = float(np.median(values, overwrite_input=True))

    share = min(thread_count(threads), g)
    if share > 1 and x.shape[0] * g > 200_000:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(share) as pool:
            list(pool.map(one, range(g)))
    else:
        for j in range(g):
            one(j)
    return with_interval(n, mean, sd, median)


def with_interval(n: npt.NDArray[np.int64], mean: Floats, sd: Floats,
                  median: Floats) -> Descriptives:
    """Descriptives with the 95% t interval of each mean."""
    half = np.full(n.shape[0], np.nan)
    for c in np.flatnonzero(n > 1):
        half[c] = t_quantile(0.975, float(n[c] - 1)) * sd[c] / math.sqrt(n[c])
    return Descriptives(n=n, mean=mean, sd=sd, median=median, ci_low=mean - half,
                        ci_high=mean + half)


@dataclass(frozen=True)
class Reliability:
    alpha: float | None  # over complete cases; None when not computable
    n_complete: int
    item_rest: Floats  # one per item, NaN where undefined
    alpha_pairwise: float | None = None  # see pairwise_alpha
    pair_n: int = 0  # fewest respondents behind one pairwise covariance


def cronbach(x: Floats) -> Reliability:
    """Raw Cronbach's alpha and item-rest correlations over rows with every item answered."""
    complete = x[~np.isnan(x).any(axis=1)]
    total = complete.sum(axis=1)
    return reliability_from_moments(
        float(complete.shape[0]), complete.sum(axis=0), (complete * complete).sum(axis=0),
        (complete * total[:, None]).sum(axis=0), float(total.sum()), float((total * total).sum()))


def reliability_from_moments(
    n: float, sx: Floats, sx2: Floats, sxt: Floats | None, st: float, st2: float
) -> Reliability:
    """Alpha and item-rest correlations from complete-case sums (one pass over the data).

    ``sx``, ``sx2`` and ``sxt`` are per item the sums of x, x² and x times the total; ``st`` and
    ``st2`` the sums of the total and its square, over the ``n`` respondents who answered every
    item. This is the same alpha as ``cronbach`` on those respondents. Without ``sxt`` the
    item-rest correlations are NaN.
    """
    k = sx.shape[0]
    rest = np.full(k, np.nan)
    if k < 2 or n < 2:
        return Reliability(None, int(n), rest)
    var_i = (sx2 - sx * sx / n) / (n - 1)
    var_t = (st2 - st * st / n) / (n - 1)
    alpha = None
    if var_t > 1e-12:
        alpha = float(k / (k - 1) * (1.0 - var_i.sum() / var_t))
    if sxt is None:
        return Reliability(alpha, int(n), rest)
    cov_it = (sxt - sx * st / n) / (n - 1)
    rest_var = var_t - 2.0 * cov_it + var_i
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (cov_it - var_i) / np.sqrt(var_i * rest_var)
    rest = np.where((var_i > 1e-12) & (rest_var > 1e-12), r, np.nan)
    return Reliability(alpha, int(n), rest)


def pairwise_cov(gram: Floats, idx: npt.NDArray[np.intp]) -> tuple[Floats | None, int]:
    """Pairwise-complete covariances of the items ``idx`` (R's ``cov(x, use="pairwise")``),
    and the fewest respondents behind any one of them.

    ``gram`` is the (2k, 2k) gram matrix of [x | m] over respondents, where m marks an answer
    and x is the keyed answer, 0 where missing. For items i and j, the respondents who answered
    both number N = m_i'm_j; their sums of x_i, x_j and x_i x_j are x_i'm_j, x_j'm_i and x_i'x_j.
    So C_ij = (x_i'x_j - x_i'm_j x_j'm_i / N) / (N - 1). None when a covariance is undefined (a
    pair answered together by fewer than two people) or there are no items.
    """
    k_all = gram.shape[0] // 2
    if idx.size == 0:
        return None, 0
    xx = gram[np.ix_(idx, idx)]
    xm = gram[np.ix_(idx, idx + k_all)]  # xm[i, j]: sum of x_i where j was answered
    n = gram[np.ix_(idx + k_all, idx + k_all)]
    fewest = int(n.min())
    if fewest < 2:
        return None, fewest
    return (xx - xm * xm.T / n) / (n - 1.0), fewest


def alpha_of_cov(c: Floats) -> float | None:
    """Raw alpha k/(k-1) (1 - tr C / sum C) of a covariance matrix, as R psych::alpha computes
    it; None for fewer than two items or when the summed covariances are not positive."""
    k = c.shape[0]
    total = float(c.sum())
    if k < 2 or total <= 1e-12:
        return None
    return float(k / (k - 1) * (1.0 - float(np.trace(c)) / total))


def item_rest_of_cov(c: Floats) -> Floats:
    """Each item's correlation with the sum of the other items, from their covariance matrix:
    psych::alpha's ``item.stats$r.drop``, which it works out from the same (by default
    pairwise) covariances as alpha: cov(i, rest) = sum_k C_ik - C_ii, var(rest) = the sum of C
    without row and column i. NaN where either variance is not positive (a lone item, an
    item or a rest that does not vary)."""
    col = c.sum(axis=0)
    var_i = np.diag(c).copy()
    var_rest = c.sum() - 2.0 * col + var_i  # sum of C without row and column i
    cov_rest = col - var_i
    with np.errstate(invalid="ignore", divide="ignore"):
        r = cov_rest / np.sqrt(var_i * var_rest)
    return np.where((var_i > 1e-12) & (var_rest > 1e-12), r, np.nan)


def pairwise_alpha(gram: Floats, idx: npt.NDArray[np.intp]) -> tuple[float | None, int]:
    """Raw alpha from pairwise-complete covariances (pairwise_cov), as R psych::alpha computes
    it by default, over the items ``idx``; and the fewest respondents behind any one
    covariance. None when a covariance is undefined or the summed covariances are not
    positive."""
    c, fewest = pairwise_cov(gram, idx)
    return (None if c is None else alpha_of_cov(c)), fewest


def complementary(shown: Mapping[K, int], pool: int, min_size: int) -> list[K]:
    """Shown cells to hide, smallest first (ties in the mapping's order), while the people not
    shown (``pool``, which subtraction from the total recovers as one set) number 1 to
    ``min_size - 1``."""
    left = sorted(shown.items(), key=lambda kv: kv[1])
    more: list[K] = []
    while 0 < pool < min_size and left:
        key, n = left.pop(0)
        more.append(key)
        pool += n
    return more


def suppress_small_groups(sizes: Mapping[str, int], min_size: int,
                          unstated: int = 0) -> dict[str, str]:
    """Groups to hide, with the reason: ``small-group`` or ``complementary``.

    ``sizes`` are the people in each group, ``unstated`` those who did not say which group they
    are in: they are never shown, but they are in the organization's total, so they are one
    more hidden cell of the partition. A group smaller than ``min_size`` is hidden. Everyone not
    shown can then be recovered as one pool, by subtracting the shown groups from the total; so
    while that pool holds between 1 and ``min_size - 1`` people, the smallest group still shown
    is hidden too. Only the pool as a whole is ever derivable: hidden groups show no figures,
    so no subtraction separates one hidden cell from another (docs/scoring.md has the proof).
    """
    hidden = {g: "small-group" for g, n in sizes.items() if n < min_size}
    shown = {g: sizes[g] for g in sorted(sizes) if g not in hidden}
    pool = unstated + sum(sizes[g] for g in hidden)
    hidden.update(dict.fromkeys(complementary(shown, pool, min_size), "complementary"))
    return hidden
