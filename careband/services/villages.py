"""The revitalisation index for a tenant's villages, from the meter register and the meter store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from careband.revival import Weights, village_index
from careband.services.alerts import settings_for
from portal.meters.models import Meter, Village
from portal.meters.store import read_matrix
from portal.meters.synthetic.calendar import spring_festival_offset
from portal.tenancy.models import Tenant

YEAR = 365


@dataclass(frozen=True)
class VillageRow:
    village: Village
    homes: int
    vacant_rate: float
    use_per_home: float
    trend: float
    festival_return: float
    score: float


def weights_for(tenant: Tenant) -> Weights:
    care = settings_for(tenant)
    return Weights(care.weight_vacancy, care.weight_use, care.weight_trend, care.weight_return)


def festival_days(start: date, days: int) -> np.ndarray:
    dates = np.datetime64(start, "D") + np.arange(days)
    try:
        offset = spring_festival_offset(dates)
    except ValueError:  # a year outside the festival table: no festival window rather than a wrong one
        return np.zeros(days, dtype=bool)
    return (offset >= -10) & (offset <= 8)


def village_rows(tenant: Tenant, end: date) -> list[VillageRow]:
    """Every village with residential meters, lowest score (most hollow) first."""
    villages = list(Village.objects.for_tenant(tenant).filter(kind=Village.Kind.VILLAGE).order_by("pk"))
    if not villages:
        return []
    position = {v.pk: i for i, v in enumerate(villages)}
    meters = list(
        Meter.objects.for_tenant(tenant)
        .filter(village_id__in=position, customer_type=Meter.CustomerType.RESIDENTIAL)
        .values_list("meter_no", "village_id")
    )
    if not meters:
        return []
    start = end - timedelta(days=YEAR - 1)
    matrix = read_matrix(tenant.pk, "meter_daily", start, end, keys=[m[0] for m in meters])
    village_of_key = dict(meters)
    village = np.array([position[village_of_key[str(k)]] for k in matrix.keys], dtype=np.int64)
    index = village_index(matrix.values, village, len(villages), festival_days(start, YEAR), weights_for(tenant))
    rows = [
        VillageRow(
            v,
            int(index.homes[i]),
            float(index.vacant_rate[i]),
            float(index.use_per_home[i]),
            float(index.trend[i]),
            float(index.festival_return[i]),
            float(index.score[i]),
        )
        for i, v in enumerate(villages)
        if index.homes[i] > 0
    ]
    return sorted(rows, key=lambda r: r.score)
