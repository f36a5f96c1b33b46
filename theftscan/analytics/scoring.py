"""Inside flagged areas: how well each user's consumption explains the area's loss.

Five features per user, each in [0, 1] where 1 is most suspicious, around the area's change day
(the day its loss rate rose most clearly, from ``flags.change_day``):

- ``anti_correlation``: minus the correlation of the user's daily use with the area's daily loss
  energy (a thief's use falls when the loss rises);
- ``drop_own``: the fall of the user's mean daily use after the change against before;
- ``drop_peers``: how much more it fell than the median user of the same area (seasons and
  holidays move everyone; theft moves one);
- ``explained``: the share of the area's rise in loss energy that the user's fall accounts for;
- ``near_zero``: the longest run of near-zero days while the area was losing, against the
  persistence the tenant asks for.

The score is their weighted sum (weights in ``ScoreRules``), so every suspect's reasons are the
features that pushed it up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntFlag

import numpy as np

from theftscan.analytics.flags import Flags, longest_run
from theftscan.analytics.lineloss import LineLoss

FEATURES = ("anti_correlation", "drop_own", "drop_peers", "explained", "near_zero")


@dataclass(frozen=True)
class ScoreRules:
    near_zero_kwh: float = 0.2  # a day at or below this is near zero ...
    near_zero_share: float = 0.15  # ... or at or below this share of the user's own mean before
    min_active_kwh: float = 0.5  # users using less before the change are not judged on a fall
    persistence_days: int = 7
    rise: float = 0.025
    weights: dict[str, float] = field(
        default_factory=lambda: {
            "anti_correlation": 0.40,
            "drop_own": 0.15,
            "drop_peers": 0.15,
            "explained": 0.20,
            "near_zero": 0.10,
        }
    )


class Reason(IntFlag):
    NONE = 0
    ANTI_CORRELATION = 1
    DROP_OWN = 2
    DROP_PEERS = 4
    EXPLAINED = 8
    NEAR_ZERO = 16


# A feature becomes a stated reason from these values on.
REASON_FROM = {
    Reason.ANTI_CORRELATION: ("anti_correlation", 0.3),
    Reason.DROP_OWN: ("drop_own", 0.3),
    Reason.DROP_PEERS: ("drop_peers", 0.2),
    Reason.EXPLAINED: ("explained", 0.25),
    Reason.NEAR_ZERO: ("near_zero", 1.0),
}


@dataclass(frozen=True)
class UserScores:
    user: np.ndarray  # row in the (area-sorted) readings
    area: np.ndarray
    score: np.ndarray  # [0, 1]
    rank_in_area: np.ndarray  # 1 = most suspicious
    rank_in_tenant: np.ndarray
    reasons: np.ndarray  # Reason bits
    features: dict[str, np.ndarray]  # the FEATURES, plus raw figures for the reasons' wording


def _masked_mean(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    n = mask.sum(axis=1)
    return np.divide(np.where(mask, x, 0).sum(axis=1), n, out=np.zeros(len(x)), where=n > 0)


def _correlation(x: np.ndarray, y: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Row-wise Pearson correlation over the masked days (0 where it is undefined)."""
    xm = x - _masked_mean(x, mask)[:, None]
    ym = y - _masked_mean(y, mask)[:, None]
    xm, ym = np.where(mask, xm, 0), np.where(mask, ym, 0)
    cov = (xm * ym).sum(axis=1)
    scale = np.sqrt((xm * xm).sum(axis=1) * (ym * ym).sum(axis=1))
    return np.divide(cov, scale, out=np.zeros(len(x)), where=scale > 0)


def group_median(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Median of ``values`` within each group, returned per element (groups need not be sorted)."""
    order = np.lexsort((values, groups))
    sorted_groups = groups[order]
    uniq, first, counts = np.unique(sorted_groups, return_index=True, return_counts=True)
    low = values[order][first + (counts - 1) // 2]
    high = values[order][first + counts // 2]
    medians = (low + high) / 2
    return medians[np.searchsorted(uniq, groups)]


def rank_within(score: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """1-based rank of each score inside its group, highest first (ties: earlier row first)."""
    order = np.lexsort((np.arange(len(score)), -score, groups))
    sorted_groups = groups[order]
    first = np.searchsorted(sorted_groups, sorted_groups, side="left")
    rank = np.empty(len(score), dtype=np.int64)
    rank[order] = np.arange(len(score)) - first + 1
    return rank


def _area_rise(ll: LineLoss, areas: np.ndarray, change: np.ndarray) -> np.ndarray:
    """Per area: mean daily loss energy after the change minus before (usable days)."""
    loss = ll.loss[areas]
    usable = ll.usable[areas]
    after = np.arange(loss.shape[1])[None, :] >= change[:, None]
    return _masked_mean(loss, usable & after) - _masked_mean(loss, usable & ~after)


def score_users(
    readings: np.ndarray, area_of_user: np.ndarray, ll: LineLoss, flags: Flags, rules: ScoreRules
) -> UserScores:
    """Score every user of every flagged area; ``readings`` grouped by area as for ``line_loss``."""
    users = np.flatnonzero(flags.flagged[area_of_user])
    area = area_of_user[users]
    n_days = readings.shape[1]
    change_by_area = np.where(flags.change_day >= 0, flags.change_day, n_days // 2)
    flagged_areas = np.flatnonzero(flags.flagged)
    rise_by_area = np.zeros(len(flags.flagged))
    rise_by_area[flagged_areas] = _area_rise(ll, flagged_areas, change_by_area[flagged_areas])

    x = readings[users].astype(np.float64)
    valid = ~np.isnan(x)
    after = np.arange(n_days)[None, :] >= change_by_area[area][:, None]
    before_mean = _masked_mean(x, valid & ~after)
    after_mean = _masked_mean(x, valid & after)
    active = before_mean >= rules.min_active_kwh
    ratio = np.where(active, after_mean / np.maximum(before_mean, 1e-9), 1.0)
    drop_own = np.where(active, 1 - ratio, 0.0)
    drop_peers = group_median(ratio, area) - ratio if len(users) else np.zeros(0)
    fall_kwh = before_mean - after_mean
    rise = rise_by_area[area]
    explained = np.divide(fall_kwh, rise, out=np.zeros(len(users)), where=rise > 0)

    area_loss = ll.loss[area]
    area_usable = ll.usable[area]
    corr = _correlation(np.nan_to_num(x), np.nan_to_num(area_loss), valid & area_usable)

    near = valid & (x <= np.maximum(rules.near_zero_kwh, rules.near_zero_share * before_mean)[:, None])
    losing = area_usable & (ll.rate[area] > (flags.baseline[area] + rules.rise / 2)[:, None])
    near_run = np.where(active, longest_run(near & losing, valid & area_usable), 0)

    features = {
        "anti_correlation": np.clip(-corr, 0, 1),
        "drop_own": np.clip(drop_own, 0, 1),
        "drop_peers": np.clip(drop_peers, 0, 1),
        "explained": np.clip(explained, 0, 1),
        "near_zero": np.clip(near_run / (2 * rules.persistence_days), 0, 1),
    }
    score = sum(rules.weights[name] * features[name] for name in FEATURES) / sum(rules.weights.values())
    score = np.asarray(score, dtype=np.float64)
    reasons = np.zeros(len(users), dtype=np.int64)
    for bit, (name, threshold) in REASON_FROM.items():
        value = near_run / rules.persistence_days if name == "near_zero" else features[name]
        reasons |= np.where(value >= threshold, int(bit), 0)
    raw = {
        "correlation": corr,
        "before_kwh": before_mean,
        "after_kwh": after_mean,
        "near_zero_days": near_run.astype(np.float64),
        "change_day": change_by_area[area].astype(np.float64),
    }
    return UserScores(
        user=users,
        area=area,
        score=score,
        rank_in_area=rank_within(score, area),
        rank_in_tenant=rank_within(score, np.zeros(len(score), dtype=np.int64)),
        reasons=reasons,
        features={**features, **raw},
    )


def area_suspicion(scores: UserScores, n_areas: int) -> np.ndarray:
    """Per area, the highest user score (0 for areas not scored)."""
    result = np.zeros(n_areas)
    np.maximum.at(result, scores.area, scores.score)
    return result
