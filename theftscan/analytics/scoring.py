"""Inside flagged areas: how well each user's consumption explains the area's loss.

Each user's daily use is first divided by the area's *supply profile* (the area meter's supply on
the day over its mean): the area meter sees what everybody really used, thieves included, so this
takes out what moves the whole area — summer air-conditioning, weekends, holidays — and leaves each
user's own changes. Around the area's change day (``Flags.change_day``) five features follow, each in
[0, 1] where 1 is most suspicious:

- ``anti_correlation``: minus the correlation of the user's normalised use with the area's daily
  loss rate, over the history and the window. This is the feature the literature finds strongest —
  Zheng et al. 2019 (IEEE TII 15(11), "A novel combined data-driven approach for electricity theft
  detection") measure it with the maximal information coefficient (MIC); we use Pearson's
  coefficient, because MIC's grid search per pair cannot be vectorised over a hundred thousand users
  (and ``minepy`` has no build for Python 3.13), and the relation sought here — use falls when loss
  rises, day by day and at the step — is a linear one that Pearson's coefficient measures directly;
- ``drop_own``: the fall of the user's normalised use after the change against before;
- ``drop_peers``: how much more it fell than the median user of the same area;
- ``explained``: the share of the area's loss step (kWh a day) that the user's fall, beyond what its
  peers did, accounts for;
- ``near_zero``: the longest run of near-zero days while the area was losing, against the
  persistence the tenant asks for.

The score is their weighted sum (weights in ``ScoreRules``), so every suspect's reasons are the
features that pushed it up. The first four look at six weeks either side of the change
(``LOCAL_DAYS``), so a household that moved out months before, or one whose heating season ended,
does not read as a fall at the change. Each user also gets a *start day*: where its own normalised use stepped
down most clearly, if it fell by at least ``START_MIN_DROP``, else the area's change day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntFlag

import numpy as np

from theftscan.analytics.flags import Flags, longest_run
from theftscan.analytics.lineloss import LineLoss, supply_profile

FEATURES = ("anti_correlation", "drop_own", "drop_peers", "explained", "near_zero")
# The features compare the weeks either side of the area's change day, this many days each way.
LOCAL_DAYS = 42
# A user's own step down counts as its start when it fell at least this much (a fifth of its use).
START_MIN_DROP = 0.2
# ... and the segments either side of it have at least this many days.
START_MIN_DAYS = 5


@dataclass(frozen=True)
class ScoreRules:
    near_zero_kwh: float = 0.2  # a day at or below this is near zero ...
    near_zero_share: float = 0.15  # ... or at or below this share of the user's own mean before
    min_active_kwh: float = 0.5  # users using less before the change are not judged on a fall
    persistence_days: int = 7
    # Set once on the tuning seeds of the portal's generator (bench/_tune_theftscan.py, the best of
    # the grid): the falls and the near-zero run add nothing to what the correlation and the energy
    # balance already say there; they stay as stated reasons.
    weights: dict[str, float] = field(
        default_factory=lambda: {
            "anti_correlation": 0.4,
            "drop_own": 0.0,
            "drop_peers": 0.0,
            "explained": 0.2,
            "near_zero": 0.0,
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
    start: np.ndarray  # column of the user's suspected start day
    features: dict[str, np.ndarray]  # the FEATURES, plus raw figures for the reasons' wording


def _zero_nan(x: np.ndarray, fill: float = 0.0) -> np.ndarray:
    """``x`` with NaN replaced (``np.nan_to_num`` also looks for infinities and is far slower)."""
    return np.where(np.isnan(x), fill, x)


def _local(x: np.ndarray, first: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the ``width`` columns from ``first`` on, and which of them exist."""
    columns = first[:, None] + np.arange(width)[None, :]
    inside = columns < x.shape[1]
    return np.take_along_axis(x, np.minimum(columns, x.shape[1] - 1), axis=1), inside


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


def own_step_down(x: np.ndarray, valid: np.ndarray, min_days: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the split where the mean falls most clearly (a t-like statistic of mean before minus
    mean after) and the relative fall there: (column of the first lower day or -1, 1 − after/before)."""
    v = np.where(valid, x, 0.0)
    n_total = valid.sum(axis=1, keepdims=True)
    s_total = v.sum(axis=1, keepdims=True)
    n_before = np.cumsum(valid, axis=1) - valid
    s_before = np.cumsum(v, axis=1) - v
    n_after = n_total - n_before
    with np.errstate(divide="ignore", invalid="ignore"):
        before = s_before / n_before
        after = (s_total - s_before) / n_after
        stat = (before - after) * np.sqrt(n_before * n_after / n_total)
    allowed = (n_before >= min_days) & (n_after >= min_days) & np.isfinite(stat) & (before > 0)
    stat = np.where(allowed, stat, -np.inf)
    if not stat.shape[1]:
        return np.full(len(x), -1), np.zeros(len(x))
    best = stat.argmax(axis=1)
    rows = np.arange(len(x))
    found = np.isfinite(stat[rows, best])
    with np.errstate(divide="ignore", invalid="ignore"):
        drop = np.where(found, 1 - after[rows, best] / before[rows, best], 0.0)
    return np.where(found, best, -1), drop


def score_users(
    readings: np.ndarray, area_of_user: np.ndarray, ll: LineLoss, flags: Flags, rules: ScoreRules
) -> UserScores:
    """Score every user of every flagged area; ``readings`` grouped by area as for ``line_loss``."""
    users = np.flatnonzero(flags.flagged[area_of_user])
    area = area_of_user[users]
    n_days = readings.shape[1]
    change_by_area = np.where(flags.change_day >= 0, flags.change_day, n_days // 2)
    profile = supply_profile(ll.supplied[area])

    x = readings[users].astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        normalised = x / profile
    read = ~np.isnan(normalised)
    columns = np.arange(n_days)[None, :]
    change = change_by_area[area][:, None]
    # Judged around the change only: a household that went away for good months earlier, or one
    # whose heating season ended, is not a fall at the change.
    valid = read & (columns >= change - LOCAL_DAYS) & (columns < change + LOCAL_DAYS)
    after = columns >= change
    before_kwh = _masked_mean(x, valid & ~after)
    after_kwh = _masked_mean(x, valid & after)
    before_n = _masked_mean(normalised, valid & ~after)
    after_n = _masked_mean(normalised, valid & after)
    active = before_kwh >= rules.min_active_kwh
    ratio = np.where(active, after_n / np.maximum(before_n, 1e-9), 1.0)
    drop_own = np.where(active, 1 - ratio, 0.0)
    peer_ratio = group_median(ratio, area) if len(users) else np.zeros(0)
    drop_peers = peer_ratio - ratio
    # The fall beyond the peers', back in kWh a day at the profile after the change.
    profile_after = _masked_mean(profile, valid & after)  # valid days have a profile: no NaN taken
    fall_kwh = np.where(active, (before_n * peer_ratio - after_n) * profile_after, 0.0)
    area_supply_after = _masked_mean(ll.supplied[area], ll.usable[area] & after)
    rise_kwh = np.nan_to_num(flags.step[area]) * area_supply_after
    explained = np.divide(fall_kwh, rise_kwh, out=np.zeros(len(users)), where=rise_kwh > 0)

    area_usable = ll.usable[area]
    rate = _zero_nan(ll.rate[area])
    corr = _correlation(_zero_nan(normalised), rate, valid & area_usable)

    near = read & (x <= np.maximum(rules.near_zero_kwh, rules.near_zero_share * before_kwh)[:, None])
    raised = flags.baseline[area] + np.maximum(np.nan_to_num(flags.step[area]), 0) / 2
    losing = area_usable & (ll.rate[area] > raised[:, None])
    near_run = np.where(active, longest_run(near & losing, read & area_usable), 0)

    first = np.maximum(change_by_area[area] - LOCAL_DAYS, 0)
    local, inside = _local(normalised, first, 2 * LOCAL_DAYS)
    local_start, own_drop = own_step_down(local, inside & ~np.isnan(local), START_MIN_DAYS)
    own_start = np.where(local_start >= 0, first + local_start, -1)
    start = np.where(active & (own_start >= 0) & (own_drop >= START_MIN_DROP), own_start, change_by_area[area])

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
        "before_kwh": before_kwh,
        "after_kwh": after_kwh,
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
        start=start.astype(np.int64),
        features={**features, **raw},
    )


def area_suspicion(scores: UserScores, n_areas: int) -> np.ndarray:
    """Per area, the highest user score (0 for areas not scored)."""
    result = np.zeros(n_areas)
    np.maximum.at(result, scores.area, scores.score)
    return result
