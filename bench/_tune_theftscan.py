"""How the screening's thresholds and weights were set: grids on the TUNING seeds of the portal's own
generator only. Not part of ``make bench`` (its name starts with "_"); run it by hand:

    .venv/bin/python bench/_tune_theftscan.py

Tuning data: ``portal.meters.synthetic``, seeds 101-104, 30,000 meters in 300 areas, 120 days from
2025-01-01, theft in 100 areas; the judged window starting on day 0, 30 and 60 (so thefts fall before,
at and inside the window's start). The held-out generator (``portal.meters.synthetic_heldout``) and
the reporting seeds of ``bench/theftscan.py`` are never used here.

1. Area rules: for each (rise, step_t), mean and worst recall / precision over the 12 runs. Chosen:
   the lowest t with no honest area flagged in any run, and the rise that keeps every run at
   precision 1 (``flags.FlagRules``: rise 0.01, step_t 6).
2. Score weights: every weight vector on a 0-0.4 grid, scored by mean AUC (h1-h4) plus half the top-3
   hit rate over seeds 101-103 with the window from day 30 (``scoring.ScoreRules.weights``).
"""

from __future__ import annotations

import datetime as dt
import itertools

import _common  # noqa: F401  (Django set up, repository on the path)
import numpy as np
from _accuracy import Truth, auc

from portal.meters.synthetic import GeneratorConfig, SyntheticData, generate
from theftscan.analytics.flags import FlagRules
from theftscan.analytics.scoring import FEATURES, ScoreRules, rank_within
from theftscan.analytics.screen import screen

TUNING_SEEDS = (101, 102, 103, 104)
WINDOW_STARTS = (0, 30, 60)
DAYS = 120


def portal_truth(data: SyntheticData) -> Truth:
    """The portal generator's labels as ``Truth`` (h2's theft starts where its meter reads zero)."""
    n_areas, n_users = data.config.areas, data.config.meters
    area_theft = np.zeros(n_areas, dtype=bool)
    share = np.zeros(n_areas)
    kind = np.full(n_users, -1)
    start = np.full(n_users, -1)
    if data.thieves is not None and data.theft_areas is not None:
        thieves, areas = data.thieves, data.theft_areas
        share[areas.area] = areas.stolen_share
        area_theft[areas.area] = True
        kind[thieves.meter] = thieves.kind
        start[thieves.meter] = np.where(thieves.zero_from >= 0, thieves.zero_from, thieves.start)
    return Truth(area_theft, share, kind, start)


def tuning_data(seed: int) -> SyntheticData:
    config = GeneratorConfig(meters=30_000, areas=300, days=DAYS, seed=seed, start=dt.date(2025, 1, 1), theft_areas=100)
    return generate(config)


def area_grid(datasets: list[tuple[SyntheticData, Truth]]) -> None:
    for rise, step_t in itertools.product((0.005, 0.0075, 0.01, 0.015, 0.02), (4, 5, 6, 7, 8)):
        recall, precision = [], []
        for data, truth in datasets:
            for judge_from in WINDOW_STARTS:
                rules = FlagRules(rise=rise, step_t=step_t)
                result = screen(
                    data.supplied, data.readings, data.grid.area_of_meter, rules, ScoreRules(), judge_from=judge_from
                )
                hit = (result.flags.flagged & truth.area_theft).sum()
                recall.append(hit / truth.area_theft.sum())
                precision.append(hit / max(result.flags.flagged.sum(), 1))
        print(
            f"rise {rise:<6} t {step_t}: recall mean {np.mean(recall):.3f} worst {np.min(recall):.3f}; "
            f"precision mean {np.mean(precision):.4f} worst {np.min(precision):.3f}"
        )


def weight_grid(datasets: list[tuple[SyntheticData, Truth]]) -> None:
    prepared = []
    for data, truth in datasets[:3]:
        result = screen(data.supplied, data.readings, data.grid.area_of_meter, FlagRules(), ScoreRules(), judge_from=30)
        s = result.scores
        features = np.stack([s.features[name] for name in FEATURES], axis=1)
        prepared.append((features, truth.user_kind[s.user], s.area, truth.area_theft))
    ranked = []
    for weights in itertools.product((0.0, 0.1, 0.2, 0.3, 0.4), repeat=len(FEATURES)):
        if not sum(weights):
            continue
        vector = np.array(weights)
        aucs, top3 = [], []
        for features, kind, area, theft in prepared:
            score = features @ vector
            stealing, honest = np.isin(kind, [0, 1, 2, 3]), kind == -1
            aucs.append(auc(score[stealing], score[honest]))
            hit = np.unique(area[(rank_within(score, area) <= 3) & (kind >= 0)])
            top3.append(np.isin(np.unique(area[theft[area]]), hit).mean())
        ranked.append((np.mean(aucs) + np.mean(top3) / 2, np.mean(aucs), np.mean(top3), weights))
    ranked.sort(reverse=True)
    for objective, mean_auc, mean_top3, weights in ranked[:10]:
        named = dict(zip(FEATURES, weights, strict=True))
        print(f"{named}: AUC {mean_auc:.4f} top-3 {mean_top3:.3f} ({objective:.4f})")


def main() -> None:
    datasets = [(data, portal_truth(data)) for data in map(tuning_data, TUNING_SEEDS)]
    area_grid(datasets)
    weight_grid(datasets)


if __name__ == "__main__":
    main()
