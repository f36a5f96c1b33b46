"""Where an area's loss rate stepped up, by how much, and how sure: one step fit for all areas at once.

Method: for every area, the loss rate is modelled as its load-dependent technical level plus one
step, ``r_t = b0 + b1·l_t + b2/l_t + Δ·[t ≥ τ] + e_t`` (``l_t`` = the area meter's supply on day
``t`` over its mean: copper losses grow with the load, iron losses weigh more at low load), and the
step day ``τ`` is the one whose least-squares fit reduces the residual sum of squares most for an
upward step — the single change-point in the mean of a regression (the likelihood-ratio / CUSUM
statistic of Page 1954 and Hinkley 1971, with regressors as in Bai & Perron 1998). The step's
t-statistic is taken against the area's own noise: the residual spread of the fitted model, widened
for day-to-day persistence by the long-run variance factor ``(1 + ρ) / (1 − ρ)`` of an AR(1) residual
(ρ its lag-1 autocorrelation), so a wandering area meter needs a bigger step than a steady one.

Why hand-written: the change-point libraries (``ruptures``, ``changepy``) fit one series at a time in
Python loops — minutes for ten thousand areas — and none fits regressors beside the step. Here every
split of every area is scored with reverse cumulative sums of an orthonormalised design, so the
whole tenant is a few array passes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Regressors whose residual (after the ones before them) is this small against their own spread
# are left out: a flat load gives nothing to regress on.
_COLLINEAR = 1e-3
_RHO_MAX = 0.9


@dataclass(frozen=True)
class StepFit:
    change: np.ndarray  # [areas] index of the first day of the higher level; -1 where nothing fits
    step: np.ndarray  # [areas] Δ, the rise of the loss rate at the change (NaN where nothing fits)
    t: np.ndarray  # [areas] Δ over its standard error, persistence-corrected (NaN where nothing fits)
    noise: np.ndarray  # [areas] σ, the day-to-day spread of the rate around the fitted model
    rho: np.ndarray  # [areas] lag-1 autocorrelation of that residual (0 … 0.9)
    level_before: np.ndarray  # [areas] median usable rate before the change (NaN where nothing fits)
    level_after: np.ndarray  # [areas] median usable rate from the change on


def _dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("at,at->a", a, b)


def orthonormal_design(columns: list[np.ndarray], valid: np.ndarray) -> list[np.ndarray]:
    """Gram–Schmidt per row over the valid days: an orthonormal basis of the columns' span
    (columns that add nothing are returned as zeros)."""
    weight = valid.astype(np.float64)
    basis: list[np.ndarray] = []
    for column in columns:
        v = np.where(valid, column, 0.0) * weight
        spread = np.sqrt(_dot(v, v))
        for e in basis:
            v = v - _dot(v, e)[:, None] * e
        norm = np.sqrt(_dot(v, v))
        keep = norm > _COLLINEAR * np.maximum(spread, 1e-12)
        basis.append(np.where(keep[:, None], v / np.where(keep, norm, 1.0)[:, None], 0.0))
    return basis


def _reverse_cumsum(x: np.ndarray) -> np.ndarray:
    """[rows, T + 1]: column τ is the sum over days τ … T − 1 (column T is 0)."""
    out = np.zeros((x.shape[0], x.shape[1] + 1))
    out[:, :-1] = np.cumsum(x[:, ::-1], axis=1)[:, ::-1]
    return out


def _row_median(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    masked = np.where(mask, values, np.nan)
    out = np.full(len(values), np.nan)
    has = mask.any(axis=1)
    if has.any():
        out[has] = np.nanmedian(masked[has], axis=1)
    return out


def fit_step(
    rate: np.ndarray,
    load: np.ndarray,
    *,
    min_before: int,
    min_after: int,
    judge_from: int = 0,
    at: np.ndarray | None = None,
) -> StepFit:
    """The best upward step of each row of ``rate`` [areas, days] (NaN = not usable).

    ``load`` [areas, days] is the supply (any scale; NaN or ≤ 0 where unknown). The step must leave
    at least ``min_before`` usable days before it and ``min_after`` usable days after it that fall on
    or after ``judge_from`` (the first day of the window being judged: a step that ended before the
    window says nothing about the window). With ``at`` (a column per row, -1 for none) the step is
    not searched but evaluated there."""
    n_areas, n_days = rate.shape
    with np.errstate(invalid="ignore", divide="ignore"):
        valid = ~np.isnan(rate) & np.isfinite(load) & (load > 0)
        counts = valid.sum(axis=1)
        mean_load = np.where(counts > 0, np.where(valid, load, 0).sum(axis=1) / np.maximum(counts, 1), 1.0)
        relative = np.where(valid, load / mean_load[:, None], 1.0)
    basis = orthonormal_design([np.ones((n_areas, n_days)), relative, 1.0 / relative], valid)
    y = np.where(valid, rate, 0.0)
    for e in basis:
        y = y - _dot(y, e)[:, None] * e

    s_y = _reverse_cumsum(y)
    n_after = _reverse_cumsum(valid.astype(np.float64))
    zz = n_after.copy()
    tails = [_reverse_cumsum(e) for e in basis]
    for tail in tails:
        zz -= tail * tail
    n_before = counts[:, None] - n_after
    in_window = n_after[:, [min(judge_from, n_days)]]
    after_judged = np.where(np.arange(n_days + 1)[None, :] <= judge_from, in_window, n_after)
    allowed = (n_before >= min_before) & (after_judged >= min_after) & (zz > 1e-9)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(allowed, s_y / np.sqrt(np.where(allowed, zz, 1.0)), -np.inf)
    if at is None:
        best = score.argmax(axis=1)
        fitted = np.isfinite(score[np.arange(n_areas), best])
    else:
        best = np.clip(at, 0, n_days)
        fitted = (at >= 0) & (zz[np.arange(n_areas), best] > 1e-9)
    rows = np.arange(n_areas)
    zz_best = np.where(fitted, zz[rows, best], 1.0)
    step = np.where(fitted, s_y[rows, best] / zz_best, np.nan)

    # The residual of the full model: y minus the step's part orthogonal to the design.
    after = np.arange(n_days)[None, :] >= best[:, None]
    z = np.where(valid & after, 1.0, 0.0)
    for e, tail in zip(basis, tails, strict=True):
        z = z - tail[rows, best][:, None] * e
    residual = np.where(valid, y - np.nan_to_num(step)[:, None] * z, 0.0)
    used = sum((np.abs(e).sum(axis=1) > 0).astype(np.int64) for e in basis)
    # The area's own noise is measured before the change: after it, a thief's day-to-day changes add
    # their own spread, which is the signal, not the noise. Median absolute residual: a day of bad
    # estimates does not set the scale.
    rmask = valid & ~after
    sigma = 1.4826 * _row_median(np.abs(residual), rmask)
    r = np.where(rmask, residual, 0.0)
    pairs = rmask[:, 1:] & rmask[:, :-1]
    lagged = np.where(pairs, r[:, 1:] * r[:, :-1], 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = np.clip(np.nan_to_num(lagged / _dot(r, r)), 0.0, _RHO_MAX)
        inflation = np.sqrt((1 + rho) / (1 - rho))
        t = np.where(fitted & (sigma > 0), step * np.sqrt(zz_best) / (sigma * inflation), np.nan)
    t = np.where(fitted & (sigma == 0) & (step > 0), np.inf, t)
    return StepFit(
        change=np.where(fitted, best, -1),
        step=step,
        t=t,
        noise=np.where(counts > used + 1, sigma, np.nan),
        rho=rho,
        level_before=np.where(fitted, _row_median(rate, valid & ~after), np.nan),
        level_after=np.where(fitted, _row_median(rate, valid & after), np.nan),
    )


def first_rise(
    rate: np.ndarray,
    load: np.ndarray,
    *,
    min_before: int,
    min_after: int,
    judge_from: int,
    min_step: float,
    min_t: float,
    passes: int = 3,
) -> tuple[StepFit, np.ndarray]:
    """The step fit at the *first* significant rise, and which rows have one.

    Loss that rises in stages (thieves starting on different days, one switching a bypass on for a
    while) is one step to the fit, placed at the biggest jump. Binary segmentation (Scott & Knott
    1974; Vostrikova 1981): fit again on the days before it, and while an earlier significant rise is
    found there, move the change to it. The result is then evaluated at that first rise over all the
    days, so its noise is measured on days without theft."""
    fit = fit_step(rate, load, min_before=min_before, min_after=min_after, judge_from=judge_from)
    significant = (fit.change >= 0) & (fit.step >= min_step) & (fit.t >= min_t)
    # Search before any big enough step, significant or not: an earlier stage inflates the noise
    # measured before the later one, which is why the later one alone may not look significant.
    candidate = (fit.change >= 0) & (fit.step >= min_step)
    change = np.where(candidate, fit.change, -1)
    columns = np.arange(rate.shape[1])[None, :]
    for _ in range(passes):
        earlier = fit_step(
            np.where(columns < change[:, None], rate, np.nan), load, min_before=min_before, min_after=min_after
        )
        moved = candidate & (earlier.change >= 0) & (earlier.step >= min_step) & (earlier.t >= min_t)
        if not moved.any():
            break
        change = np.where(moved, earlier.change, change)
    final = fit_step(
        rate,
        load,
        min_before=min_before,
        min_after=min_after,
        judge_from=judge_from,
        at=np.where(candidate, change, fit.change),
    )
    stepped = significant | ((final.change >= 0) & (final.step >= min_step) & (final.t >= min_t))
    return final, stepped
