"""The care code's objects for the isolation walk (tests/test_isolation.py): a subject and its alert in
Binhai, and the area scope a partner key of another tenant needs to reach the care-code endpoints."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from careband.models import CareKeyScope, CareSubject
from careband.services.alerts import open_alert
from careband.services.areas import grid_path
from careband.services.subjects import enrol
from portal.api.models import ApiKey
from tests.isolation_objects import MARKER, AliceObjects
from tests.personas import World


def build(world: World, found: AliceObjects) -> None:
    tenant = world.binhai
    grid = grid_path(tenant, "滨海新区民政局", "新港街道", "金江社区", "第一网格")
    subject = CareSubject(
        name=f"{MARKER} 王秀英",
        phone="13800138000",
        address="金江社区1号楼101",
        category=CareSubject.Category.ELDERLY_ALONE,
        grid=grid,
        consent_by="王秀英",
        consent_at=timezone.make_aware(dt.datetime(2026, 1, 5, 9)),
        consent_scope="用电数据用于关爱服务",
    )
    subject = enrol(tenant, "test", subject, ["BH000000001"])
    alert = open_alert(subject, dt.date(2026, 11, 25), "昨日用电 0.1 kWh")
    assert alert is not None
    found.add(subject, alert)
    subject_routes = ("subject", "withdraw", "pause", "invite", "contacted")
    found.explicit.update({f"careband:{name}": {"pk": subject.pk} for name in subject_routes})
    found.explicit["careband:alert-visit"] = {"pk": alert.pk}


def prepare_key(world: World, key: ApiKey) -> None:
    """A civil-affairs key reads the care code only inside its area: give the other tenant's key one of
    its own, so what refuses it Alice's subjects is the tenant scoping, not a missing area."""
    area = grid_path(key.tenant, "武清区民政局", "杨村街道", "光明社区", "一网格")
    CareKeyScope.objects.create(tenant=key.tenant, api_key=key, area=area)
