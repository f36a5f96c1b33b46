"""Labelled events in the life of a meter: care subjects' inactivity spells and surges, meter outages."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from portal.meters.synthetic.households import Population, Profile
from portal.meters.synthetic.spells import Spells, overlaps, place_spells, spell_days, spell_mask

# A care subject has about one event every 45 days: enough for the care-code benchmark to count,
# rare enough that most weeks are normal.
CARE_EVENT_RATE = 1 / 45
INACTIVITY_SHARE = 0.7
INACTIVITY_DAYS = (1, 5)
SURGE_MAX_DAYS = 3
# Near-standby: what is left when nobody cooks, washes or watches TV (the example is 14 %).
INACTIVITY_FACTOR = (0.05, 0.2)
SURGE_FACTOR = (2.5, 4.0)
# The care code's baseline needs some weeks of normal behaviour before the first event.
CARE_BASELINE_DAYS = 28

METER_OUTAGE_RATE = 1 / 250
METER_OUTAGE_DAYS = (1, 5)
AREA_OUTAGE_RATE = 1 / 600
AREA_OUTAGE_DAYS = (1, 3)


@dataclass(frozen=True)
class CareEvents:
    spells: Spells  # rows are meter indices
    kind: np.ndarray  # "inactivity" / "surge"
    factor: np.ndarray  # multiplier applied to the day's consumption


def choose_care_subjects(rng: np.random.Generator, population: Population, count: int) -> np.ndarray:
    """Meter indices of ``count`` care subjects: old people living alone first, then small families
    (households in hardship), then any other occupied home."""
    profile, size = population.profile, population.family_size
    tier = np.full(len(profile), 3)
    tier[(profile == Profile.FAMILY) | (profile == Profile.RETURNEE)] = 2
    tier[(profile == Profile.FAMILY) & (size == 2)] = 1
    tier[profile == Profile.ELDERLY_ALONE] = 0
    eligible = np.isin(profile, [Profile.ELDERLY_ALONE, Profile.FAMILY])
    order = np.lexsort((rng.random(len(profile)), tier))
    order = order[eligible[order]]
    if count > len(order):
        raise ValueError(f"only {len(order)} occupied homes can be care subjects, {count} were asked for")
    return np.sort(order[:count])


def place_care_events(rng: np.random.Generator, subjects: np.ndarray, n_days: int) -> CareEvents:
    first = min(CARE_BASELINE_DAYS, n_days // 3)
    spells = place_spells(rng, subjects, first, n_days, CARE_EVENT_RATE, *INACTIVITY_DAYS)
    inactive = rng.random(len(spells)) < INACTIVITY_SHARE
    # Surges (a heater left on, a sick person at home all day) are short.
    spells = Spells(
        spells.row, spells.start, np.where(inactive, spells.end, np.minimum(spells.end, spells.start + SURGE_MAX_DAYS))
    )
    factor = np.where(
        inactive, rng.uniform(*INACTIVITY_FACTOR, len(spells)), rng.uniform(*SURGE_FACTOR, len(spells))
    ).astype(np.float32)
    kind = np.where(inactive, "inactivity", "surge")
    return CareEvents(spells, kind, factor)


def apply_care_events(consumption: np.ndarray, events: CareEvents) -> None:
    """Scale the event days in place: the person really used that much, so the area meter sees it too."""
    row, day, which = spell_days(events.spells)
    consumption[row, day] *= events.factor[which]


def place_meter_outages(rng: np.random.Generator, n_meters: int, n_days: int, keep_clear: Spells) -> Spells:
    """Days a meter sent nothing. None fall on a care event, so every labelled event is visible."""
    outages = place_spells(rng, np.arange(n_meters), 0, n_days, METER_OUTAGE_RATE, *METER_OUTAGE_DAYS)
    if len(keep_clear) == 0 or len(outages) == 0:
        return outages
    rows = np.unique(keep_clear.row)
    compact = np.searchsorted(rows, keep_clear.row)
    clear_mask = spell_mask(Spells(compact, keep_clear.start, keep_clear.end), len(rows), n_days)
    on_subject = np.isin(outages.row, rows)
    candidates = outages.select(on_subject)
    hit = overlaps(Spells(np.searchsorted(rows, candidates.row), candidates.start, candidates.end), clear_mask)
    drop = np.zeros(len(outages), dtype=bool)
    drop[np.flatnonzero(on_subject)[hit]] = True
    return outages.select(~drop)


def place_area_outages(rng: np.random.Generator, n_areas: int, n_days: int) -> Spells:
    return place_spells(rng, np.arange(n_areas), 0, n_days, AREA_OUTAGE_RATE, *AREA_OUTAGE_DAYS)


def blank_out(values: np.ndarray, outages: Spells) -> None:
    """Set the outage days to NaN in place (missing, not zero)."""
    row, day, _ = spell_days(outages)
    values[row, day] = np.nan
