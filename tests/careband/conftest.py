"""Care-code fixtures: Binhai's area tree with a grid worker each for two grids, subjects with meters,
readings in a private meter store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from django.utils import timezone

from careband.models import CareArea, CareSubject, Guardian
from careband.services.areas import grid_path
from careband.services.subjects import enrol
from portal.meters.store import Readings, dataset_lock, stage
from portal.tenancy.models import Membership
from portal.tenancy.roles import Role
from tests.personas import World, make_user

DAY = date.today() - timedelta(days=1)  # the scored day: yesterday, as in the nightly run
HISTORY = np.tile(np.array([1.9, 2.1, 2.0, 2.05, 1.95, 2.0, 2.1], dtype=np.float32), 5)  # 35 days, median 2.0


@pytest.fixture(autouse=True)
def _private_store(settings: Any, tmp_path: Path) -> None:
    settings.METER_STORE_PATH = tmp_path / "store"
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class Care:
    world: World
    grid_a: CareArea
    grid_b: CareArea
    community: CareArea
    street: CareArea
    wang: CareSubject  # grid A, meter M1
    li: CareSubject  # grid B, meter M2
    zhao: CareSubject  # Wuqing
    gwa: Any  # grid worker of A
    gwb: Any  # grid worker of B
    community_worker: Any
    street_worker: Any


def _subject(tenant: Any, grid: CareArea, name: str, meter: str, id_number: str) -> CareSubject:
    subject = CareSubject(
        name=name,
        id_number=id_number,
        phone="13800138000",
        address=f"{grid.name}1号楼101",
        category=CareSubject.Category.ELDERLY_ALONE,
        grid=grid,
        consent_by=name,
        consent_at=timezone.make_aware(datetime(2026, 1, 5, 9)),
        consent_scope="用电数据用于关爱服务",
    )
    return enrol(tenant, "test", subject, [meter])


def _worker(username: str, tenant: Any, area: CareArea) -> Any:
    user = make_user(username, tenant, Role.GRID_WORKER)
    Guardian.objects.create(tenant=tenant, user=user, area=area)
    return user


@pytest.fixture
def care(world: World) -> Care:
    b = world.binhai
    grid_a = grid_path(b, "滨海新区民政局", "新港街道", "金江社区", "第一网格")
    grid_b = grid_path(b, "滨海新区民政局", "新港街道", "金江社区", "第二网格")
    community = grid_a.parent
    street = community.parent  # type: ignore[union-attr]
    wq_grid = grid_path(world.wuqing, "武清区民政局", "杨村街道", "光明社区", "一网格")
    return Care(
        world=world,
        grid_a=grid_a,
        grid_b=grid_b,
        community=community,  # type: ignore[arg-type]
        street=street,  # type: ignore[arg-type]
        wang=_subject(b, grid_a, "王秀英", "M1", "120107194501011234"),
        li=_subject(b, grid_b, "李建国", "M2", "120107194802021234"),
        zhao=_subject(world.wuqing, wq_grid, "赵桂兰", "W1", "120222194003031234"),
        gwa=_worker("gwa", b, grid_a),
        gwb=_worker("gwb", b, grid_b),
        community_worker=_worker("community", b, community),  # type: ignore[arg-type]
        street_worker=_worker("street", b, street),  # type: ignore[arg-type]
    )


def write_readings(tenant_id: int, series: dict[str, np.ndarray], last_day: date = DAY, batch_id: int = 1) -> None:
    """Daily kWh per meter, the last value on ``last_day``; NaN values are left out (missing)."""
    keys = list(series)
    key_index, times, values = [], [], []
    for i, key in enumerate(keys):
        values_of = series[key]
        days = np.datetime64(last_day, "D") - np.arange(len(values_of))[::-1]
        keep = ~np.isnan(values_of)
        key_index.append(np.full(keep.sum(), i, np.int32))
        times.append(days[keep])
        values.append(values_of[keep].astype(np.float32))
    readings = Readings(pa.array(keys), np.concatenate(key_index), np.concatenate(times), np.concatenate(values))
    with dataset_lock(tenant_id, "meter_daily") as root:
        stage(root, "meter_daily", batch_id, readings).publish()


def with_today(value: float) -> np.ndarray:
    return np.append(HISTORY[:-1], np.float32(value))


def relative_of(world: World, subject: CareSubject, username: str = "daughter") -> Any:
    from careband.models import Relative

    user = make_user(username, subject.tenant, Role.RELATIVE)
    Relative.objects.create(tenant=subject.tenant, user=user, subject=subject, relationship="女儿")
    return user


def member(user: Any, tenant: Any, role: Role) -> None:
    Membership.objects.get_or_create(user=user, tenant=tenant, role=role)


__all__ = ["DAY", "Care", "member", "relative_of", "timedelta", "with_today", "write_readings"]


# The browser test uses the browser suite's fixtures (personas committed, Chinese browser).
from tests.browser.conftest import browser_context_args, browser_world  # noqa: E402

__all__ += ["browser_context_args", "browser_world"]
