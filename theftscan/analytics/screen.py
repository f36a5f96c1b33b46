"""The whole screening of one tenant in one call: loss, flags, scores.

The arrays cover the history read before the window as well as the window itself; ``judge_from``
is the first column of the window. The step fit and the users' features use every column (a theft
that began before the window is seen beginning); the window's totals, its trend and the threshold
rule use the window's columns only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from theftscan.analytics.flags import FlagRules, Flags, flag_areas, trend
from theftscan.analytics.lineloss import LineLoss, Totals, line_loss, totals
from theftscan.analytics.scoring import ScoreRules, UserScores, area_suspicion, score_users


@dataclass(frozen=True)
class Screening:
    order: np.ndarray  # readings row -> position in the area-sorted order (users[order] are sorted)
    loss: LineLoss
    judge_from: int  # first column of the judged window
    window: Totals  # over the whole window
    recent: Totals  # over the last ``persistence_days``
    trend: np.ndarray  # [areas] slope of the rate per 30 days, over the window
    flags: Flags
    scores: UserScores  # ``user`` indexes the ORIGINAL readings rows
    suspicion: np.ndarray  # [areas]


# A day whose sold energy is more than this share estimated (users not read) is left out of the step
# fit: one big user's estimate can be a point of loss rate off, as much as a small theft.
FIT_MAX_ESTIMATED = 0.02


def fit_rate(ll: LineLoss) -> np.ndarray:
    """The loss rate on the days reliable enough to fit a step on (NaN on the others)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(ll.sold > 0, ll.estimated / ll.sold, 0.0)
    return np.where(share <= FIT_MAX_ESTIMATED, ll.rate, np.nan)


def screen(
    supplied: np.ndarray,
    readings: np.ndarray,
    area_of_user: np.ndarray,
    flag_rules: FlagRules,
    score_rules: ScoreRules,
    *,
    judge_from: int = 0,
) -> Screening:
    """``supplied`` [areas, days]; ``readings`` [users, days] in any order, ``area_of_user`` [users]
    (0 .. areas - 1). Users of no area (-1) are left out. Columns before ``judge_from`` are history."""
    if readings.shape[1] != supplied.shape[1]:
        raise ValueError("supplied and readings must cover the same days")
    n_days = supplied.shape[1]
    if not 0 <= judge_from < n_days:
        raise ValueError("the judged window must start inside the days given")
    known = np.flatnonzero(area_of_user >= 0)
    order = known[np.argsort(area_of_user[known], kind="stable")]
    areas_sorted = area_of_user[order]
    sorted_readings = readings[order] if not np.array_equal(order, np.arange(len(readings))) else readings
    ll = line_loss(supplied, sorted_readings, areas_sorted)
    flags = flag_areas(ll.rate, flag_rules, load=ll.supplied, judge_from=judge_from, fit_rate=fit_rate(ll))
    scores = score_users(sorted_readings, areas_sorted, ll, flags, score_rules)
    scores = UserScores(
        user=order[scores.user],
        area=scores.area,
        score=scores.score,
        rank_in_area=scores.rank_in_area,
        rank_in_tenant=scores.rank_in_tenant,
        reasons=scores.reasons,
        start=scores.start,
        features=scores.features,
    )
    return Screening(
        order=order,
        loss=ll,
        judge_from=judge_from,
        window=totals(ll, slice(judge_from, n_days)),
        recent=totals(ll, slice(max(judge_from, n_days - flag_rules.persistence_days), n_days)),
        trend=trend(ll.rate[:, judge_from:]),
        flags=flags,
        scores=scores,
        suspicion=area_suspicion(scores, supplied.shape[0]),
    )
