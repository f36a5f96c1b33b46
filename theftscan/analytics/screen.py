"""The whole screening of one tenant's window in one call: loss, flags, scores."""

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
    window: Totals  # over the whole window
    recent: Totals  # over the last ``persistence_days``
    trend: np.ndarray  # [areas] slope of the rate per 30 days
    flags: Flags
    scores: UserScores  # ``user`` indexes the ORIGINAL readings rows
    suspicion: np.ndarray  # [areas]


def screen(
    supplied: np.ndarray,
    readings: np.ndarray,
    area_of_user: np.ndarray,
    flag_rules: FlagRules,
    score_rules: ScoreRules,
) -> Screening:
    """``supplied`` [areas, days]; ``readings`` [users, days] in any order, ``area_of_user`` [users]
    (0 .. areas - 1). Users of no area (-1) are left out."""
    if readings.shape[1] != supplied.shape[1]:
        raise ValueError("supplied and readings must cover the same days")
    known = np.flatnonzero(area_of_user >= 0)
    order = known[np.argsort(area_of_user[known], kind="stable")]
    areas_sorted = area_of_user[order]
    sorted_readings = readings[order] if not np.array_equal(order, np.arange(len(readings))) else readings
    ll = line_loss(supplied, sorted_readings, areas_sorted)
    flags = flag_areas(ll.rate, flag_rules)
    scores = score_users(sorted_readings, areas_sorted, ll, flags, score_rules)
    scores = UserScores(
        user=order[scores.user],
        area=scores.area,
        score=scores.score,
        rank_in_area=scores.rank_in_area,
        rank_in_tenant=scores.rank_in_tenant,
        reasons=scores.reasons,
        features=scores.features,
    )
    n_days = supplied.shape[1]
    return Screening(
        order=order,
        loss=ll,
        window=totals(ll),
        recent=totals(ll, slice(max(0, n_days - flag_rules.persistence_days), n_days)),
        trend=trend(ll.rate),
        flags=flags,
        scores=scores,
        suspicion=area_suspicion(scores, supplied.shape[0]),
    )
