"""The synthetic grid as a whole: reproducible, labelled, and only missing where the truth says so."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from portal.meters.synthetic import GeneratorConfig, SyntheticData, calendar, export, generate
from portal.meters.synthetic.events import CareEvents, apply_care_events
from portal.meters.synthetic.households import Profile
from portal.meters.synthetic.spells import Spells, place_spells, spell_mask

SPRING = GeneratorConfig(
    meters=1500, areas=12, days=75, seed=11, start=dt.date(2025, 1, 1), theft_areas=4, care_subjects=40
)


@pytest.fixture(scope="module")
def data() -> SyntheticData:
    return generate(SPRING)


def test_spring_festival_dates_are_the_lunar_new_year_days() -> None:
    dates = np.array(["2024-02-10", "2025-01-29", "2025-02-03", "2026-02-17"], dtype="datetime64[D]")
    assert calendar.spring_festival_offset(dates).tolist() == [0, 0, 5, 0]


def test_a_year_without_a_known_spring_festival_is_refused() -> None:
    with pytest.raises(ValueError, match="1990"):
        calendar.spring_festival_offset(np.array(["1990-01-01"], dtype="datetime64[D]"))


def test_weekday_counts_from_monday() -> None:
    # 2025-01-01 was a Wednesday, 2025-01-05 a Sunday.
    dates = calendar.day_range(dt.date(2025, 1, 1), 5)
    assert calendar.weekday(dates).tolist() == [2, 3, 4, 5, 6]


def test_heating_season_runs_from_15_november_to_15_march() -> None:
    dates = np.array(["2025-03-15", "2025-03-16", "2025-11-14", "2025-11-15"], dtype="datetime64[D]")
    assert calendar.heating_season(dates).tolist() == [True, False, False, True]


def test_spells_of_one_row_never_overlap() -> None:
    rng = np.random.default_rng(5)
    spells = place_spells(rng, np.arange(200), 0, 90, 1 / 10, 1, 5)
    mask_days = spell_mask(spells, 200, 90).sum()
    assert mask_days == (spells.end - spells.start).sum()
    assert ((spells.end - spells.start >= 1) & (spells.end - spells.start <= 5)).all()


def test_care_events_multiply_exactly_the_labelled_days() -> None:
    x = np.ones((2, 6), dtype=np.float32)
    events = CareEvents(
        Spells(np.array([0, 1]), np.array([1, 4]), np.array([3, 5])),
        np.array(["inactivity", "surge"]),
        np.array([0.1, 3.0], dtype=np.float32),
    )
    apply_care_events(x, events)
    expected = np.array([[1, 0.1, 0.1, 1, 1, 1], [1, 1, 1, 1, 3, 1]], dtype=np.float64)
    np.testing.assert_allclose(x.astype(np.float64), expected, rtol=1e-6)


def test_the_same_seed_gives_identical_arrays(data: SyntheticData) -> None:
    again = generate(SPRING)
    np.testing.assert_array_equal(again.readings, data.readings)
    np.testing.assert_array_equal(again.supplied, data.supplied)
    assert (again.grid.customer_name == data.grid.customer_name).all()


def test_the_same_seed_gives_byte_identical_files(data: SyntheticData) -> None:
    again = generate(SPRING)
    assert export.to_csv(export.meter_daily_table(again)) == export.to_csv(export.meter_daily_table(data))
    assert export.to_parquet(export.area_daily_table(again)) == export.to_parquet(export.area_daily_table(data))
    assert export.truth_json(again) == export.truth_json(data)


def test_a_different_seed_gives_different_data(data: SyntheticData) -> None:
    other = generate(GeneratorConfig(**{**SPRING.__dict__, "seed": 12}))
    assert not np.array_equal(np.nan_to_num(other.readings), np.nan_to_num(data.readings))
    assert export.to_csv(export.meter_daily_table(other)) != export.to_csv(export.meter_daily_table(data))


def test_csv_has_the_import_columns_and_one_row_per_present_reading(data: SyntheticData) -> None:
    lines = export.to_csv(export.meter_daily_table(data)).decode("utf-8").splitlines()
    assert lines[0] == "meter_no,date,kwh"
    assert len(lines) - 1 == int((~np.isnan(data.readings)).sum())
    meter_no, day, kwh = lines[1].split(",")
    assert meter_no == data.grid.meter_no[0]
    assert day == "2025-01-01"
    assert float(kwh) == pytest.approx(float(data.readings[0, 0]), abs=0.005)


def test_readings_are_nan_exactly_on_the_labelled_outage_days(data: SyntheticData) -> None:
    truth = export.truth(data)
    index = {m: i for i, m in enumerate(data.grid.meter_no)}
    expected = np.zeros(data.readings.shape, dtype=bool)
    for event in (e for e in truth["events"] if e["type"] == "outage"):
        first = (np.datetime64(event["start"]) - data.dates[0]).astype(int)
        last = (np.datetime64(event["end"]) - data.dates[0]).astype(int)
        expected[index[event["meter_no"]], first : last + 1] = True
    assert expected.any()
    np.testing.assert_array_equal(np.isnan(data.readings), expected)


def test_area_readings_are_nan_only_on_labelled_area_outages(data: SyntheticData) -> None:
    expected = spell_mask(data.area_outages, data.config.areas, data.config.days)
    np.testing.assert_array_equal(np.isnan(data.supplied), expected)


def test_care_spells_are_in_the_truth_and_visible_in_the_data(data: SyntheticData) -> None:
    truth = export.truth(data)
    care = [e for e in truth["events"] if e["type"] in ("inactivity", "surge")]
    assert {e["type"] for e in care} == {"inactivity", "surge"}
    index = {m: i for i, m in enumerate(data.grid.meter_no)}
    for event in care:
        i = index[event["meter_no"]]
        first = int((np.datetime64(event["start"]) - data.dates[0]).astype(int))
        last = int((np.datetime64(event["end"]) - data.dates[0]).astype(int))
        assert event["meter_no"] in truth["care_subjects"]
        assert 1 <= event["days"] <= 5
        days = data.readings[i, first : last + 1]
        assert not np.isnan(days).any()  # no outage hides a labelled event
        assert event["magnitude"] < 0.2 if event["type"] == "inactivity" else event["magnitude"] >= 2.5


def test_theft_areas_lose_two_to_fifteen_percent_and_thieves_show_less_than_they_use(data: SyntheticData) -> None:
    assert data.thieves is not None
    assert data.theft_areas is not None
    assert ((data.theft_areas.stolen_share >= 0.02 - 1e-9) & (data.theft_areas.stolen_share <= 0.15 + 1e-9)).all()
    window = np.arange(SPRING.days)[None, :] >= data.thieves.start[:, None]
    stealing = data.thieves.kind < 4
    shown = np.nansum(np.where(window, data.readings[data.thieves.meter], 0), axis=1)
    used = np.sum(np.where(window, data.true_kwh[data.thieves.meter], 0), axis=1)
    assert (shown[stealing] < used[stealing]).all()
    others = np.setdiff1d(np.arange(SPRING.meters), data.thieves.meter)
    present = ~np.isnan(data.readings[others])
    np.testing.assert_allclose(data.readings[others][present], data.true_kwh[others][present], atol=0.006)


def test_returnees_come_home_for_the_spring_festival(data: SyntheticData) -> None:
    offset = calendar.spring_festival_offset(data.dates)
    home = (offset >= -10) & (offset <= 8)
    returnees = data.true_kwh[data.population.profile == Profile.RETURNEE]
    assert returnees[:, home].mean() > 5 * returnees[:, ~home].mean()
    shops = data.true_kwh[data.population.profile == Profile.COMMERCIAL]
    closed = (offset >= 0) & (offset <= 4)
    assert shops[:, closed].mean() < 0.6 * shops[:, (offset > 20)].mean()


def test_vacant_houses_use_only_standby(data: SyntheticData) -> None:
    vacant = data.true_kwh[data.population.profile == Profile.VACANT]
    assert vacant.mean() < 0.5
    families = data.true_kwh[data.population.profile == Profile.FAMILY]
    assert 4 < np.median(families) < 20


def test_truth_file_is_json_with_thieves_and_no_personal_names(data: SyntheticData) -> None:
    parsed = json.loads(export.truth_json(data))
    assert len(parsed["theft_areas"]) == 4
    assert {t["type"] for t in parsed["thieves"]} <= {"h1", "h2", "h3", "h4", "h5", "h6"}
    assert parsed["spring_festival"] == ["2025-01-29"]
    assert data.grid.customer_name[0] not in export.truth_json(data).decode("utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"areas": 2000}, "areas must not exceed meters"),
        ({"days": 0}, "at least 1"),
        ({"theft_areas": 13}, "theft areas"),
        ({"days": 10}, "14 days"),
    ],
)
def test_impossible_configurations_are_refused_with_a_reason(change: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        GeneratorConfig(**{**SPRING.__dict__, **change}).validate()
