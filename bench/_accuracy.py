"""Accuracy of a screening against a generator's truth, the same figures for every generator.

A generator's truth comes in as ``Truth`` (per area: theft or not, stolen share; per user: theft type
or -1, first day of stealing), indexed like the arrays the screening was given. Figures:

- ``area_recall_ge_5pct``: flagged / theft areas whose stolen share is at least 5 %;
- ``area_recall_all``: flagged / every area with a thief;
- ``area_precision``: flagged areas that have a thief / flagged;
- ``user_auc_h1_h4`` and ``user_auc_h1`` … ``user_auc_h6``: AUC of the user score, thieves of those
  types against honest users, within flagged areas;
- ``top3_hit_rate``: flagged theft areas with a true thief among their three top-ranked users;
- ``top3_share_h1`` … ``top3_share_h6``: the share of a type's thieves (in flagged areas) ranked in
  the top three of their area — what the inspector visits first;
- ``start_error_days_h1_h4``: median |suspected start − true start| of the h1–h4 thieves ranked in
  the top three of their area (what an inspector would back-bill from).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from theftscan.analytics.screen import Screening

THEFT_TYPES = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class Truth:
    area_theft: np.ndarray  # [areas] bool: the area has at least one thief
    area_share: np.ndarray  # [areas] stolen share of the area's energy (0 for honest areas)
    user_kind: np.ndarray  # [users] 0..5 for h1..h6, -1 honest
    user_start: np.ndarray  # [users] column of the first day of stealing, -1 honest


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    if not len(positive) or not len(negative):
        return float("nan")
    ranks = pd.Series(np.concatenate([positive, negative])).rank().to_numpy()
    n_pos, n_neg = len(positive), len(negative)
    return float((ranks[:n_pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _rounded(value: float) -> float | None:
    return None if np.isnan(value) else round(float(value), 4)


def figures(result: Screening, truth: Truth) -> dict[str, float | int | None]:
    flagged = result.flags.flagged
    big = truth.area_theft & (truth.area_share >= 0.05)
    s = result.scores
    kind = truth.user_kind[s.user]
    honest = s.score[kind == -1]
    stealing = np.isin(kind, [0, 1, 2, 3])
    top3 = s.rank_in_area <= 3
    flagged_theft = np.flatnonzero(flagged & truth.area_theft)
    hit_areas = np.unique(s.area[top3 & (kind >= 0)])
    out: dict[str, float | int | None] = {
        "area_recall_ge_5pct": _rounded((flagged & big).sum() / max(big.sum(), 1)),
        "area_recall_all": _rounded((flagged & truth.area_theft).sum() / max(truth.area_theft.sum(), 1)),
        "area_precision": _rounded((flagged & truth.area_theft).sum() / max(flagged.sum(), 1)),
        "user_auc_h1_h4": _rounded(auc(s.score[stealing], honest)),
        "top3_hit_rate": _rounded(np.isin(flagged_theft, hit_areas).mean() if len(flagged_theft) else np.nan),
    }
    for code, name in enumerate(THEFT_TYPES):
        out[f"user_auc_{name}"] = _rounded(auc(s.score[kind == code], honest))
    for code, name in enumerate(THEFT_TYPES):
        of_type = kind == code
        out[f"top3_share_{name}"] = _rounded(top3[of_type].mean() if of_type.any() else np.nan)
    ranked_thieves = top3 & stealing
    errors = np.abs(s.start[ranked_thieves] - truth.user_start[s.user[ranked_thieves]])
    out["start_error_days_h1_h4"] = _rounded(float(np.median(errors)) if len(errors) else np.nan)
    out["flagged_areas"] = int(flagged.sum())
    out["theft_areas"] = int(truth.area_theft.sum())
    out["theft_areas_ge_5pct"] = int(big.sum())
    return out


def thieves_by_type(truth: Truth) -> dict[str, int]:
    return {name: int((truth.user_kind == code).sum()) for code, name in enumerate(THEFT_TYPES)}
