"""The care code for the demo: the metering centre's synthetic grid (loaded through the import pipeline),
its care subjects enrolled in three grids of
one community, with consent, a grid worker for the first grid, and the code scored for the last fortnight
of data.

Illustrative: the district, street and community names are plausible, not taken from the seed. The
subjects are the meters the generator marked as care subjects (its labelled inactivity spells make
some of them yellow or red), named and addressed as the generated meter rows are. Idempotent: a
subject whose meter is already enrolled is skipped; re-scoring the same day rewrites the same codes
and opens no second alert for a subject whose alert is still open.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from careband.models import CareSubject, Guardian, SubjectMeter
from careband.services.areas import grid_path
from careband.services.nightly import run_tenant
from careband.services.subjects import enrol
from portal.accounts.models import User
from portal.demo.anchor import demo_days_before
from portal.demo.meters import DemoGrid, load_grid
from portal.demo.records import ACTOR
from portal.meters.models import Meter
from portal.meters.synthetic import GeneratorConfig, generate
from portal.tenancy.models import Tenant
from portal.tenancy.scoping import strict_scope

CARE_UNIT = "marketing"
DAYS = 120


def demo_grid() -> DemoGrid:
    """120 days of readings ending on the demo's yesterday (see portal/demo/anchor.py)."""
    config = GeneratorConfig(meters=300, areas=10, days=DAYS, seed=2104, start=demo_days_before(DAYS), care_subjects=60)
    return DemoGrid(CARE_UNIT, config)


GRIDS = ("第一网格", "第二网格", "第三网格")
SCORED_NIGHTS = 14


def load(tally: Counter[str]) -> None:
    grid_spec = demo_grid()
    load_grid(grid_spec, tally)
    # Consent was given at the enrolment visits, the week before the readings start.
    consent_at = timezone.make_aware(dt.datetime.combine(grid_spec.config.start - dt.timedelta(days=6), dt.time(10)))
    tenant = Tenant.objects.get(slug=CARE_UNIT)
    grids = [grid_path(tenant, "河北区民政局", "望海楼街道", "建昌道社区", name) for name in GRIDS]
    _guardian(tenant, grids[0])
    data = generate(grid_spec.config)
    care_meters = [str(data.grid.meter_no[i]) for i in data.care_subjects]
    enrolled = set(SubjectMeter.objects.for_tenant(tenant).values_list("meter_no", flat=True))
    meters = {m.meter_no: m for m in Meter.objects.for_tenant(tenant).filter(meter_no__in=care_meters)}
    for index, meter_no in enumerate(care_meters):
        if meter_no in enrolled or meter_no not in meters:
            continue
        meter = meters[meter_no]
        subject = CareSubject(
            name=meter.customer_name,
            address=meter.address,
            category=CareSubject.Category.ELDERLY_ALONE,
            grid=grids[index % len(grids)],
            consent_by=meter.customer_name,
            consent_at=consent_at,
            consent_scope="用电数据用于关爱服务（关爱码）",
        )
        enrol(tenant, ACTOR, subject, [meter_no])
        tally["careband.CareSubject"] += 1
    # The last fortnight, night by night: the colour strips have a history and the reds of those
    # nights have opened their alerts.
    last_day = grid_spec.config.start + dt.timedelta(days=grid_spec.config.days - 1)
    with strict_scope():
        for back in range(SCORED_NIGHTS - 1, -1, -1):
            run_tenant(tenant, day=last_day - dt.timedelta(days=back))


def _guardian(tenant: Tenant, grid: object) -> None:
    """The unit's demo grid worker looks after the first grid."""
    worker = User.objects.get(username=f"{CARE_UNIT}-grid")
    Guardian.objects.for_tenant(tenant).get_or_create(tenant=tenant, user=worker, area=grid)
