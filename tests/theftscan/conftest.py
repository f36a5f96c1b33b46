"""A screened synthetic grid for Binhai: 8 areas, 400 meters, 42 days, 4 theft areas, in a private store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from portal.api.models import ApiKey
from portal.tenancy.scoping import strict_scope
from tests.personas import World
from theftscan.models import AreaPeriod, Suspect
from theftscan.persist import run_screening

START = dt.date(2025, 3, 1)
END = START + dt.timedelta(days=41)


@pytest.fixture(autouse=True)
def _private_store(settings: Any, tmp_path: Path) -> None:
    settings.METER_STORE_PATH = tmp_path / "store"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def screened(world: World, tmp_path: Path) -> World:
    call_command(
        "generate_meter_data",
        tenant="binhai",
        meters=400,
        areas=8,
        days=42,
        seed=5,
        start=START,
        theft_areas=4,
        out=tmp_path / "gen",
        stdout=open("/dev/null", "w"),  # noqa: SIM115 - the command's chatter is not under test
    )
    with strict_scope():
        run_screening(world.binhai, START, END)
    return world


def top_suspect(world: World) -> Suspect:
    return Suspect.objects.for_tenant(world.binhai).order_by("rank_in_tenant").first()


def flagged_period(world: World) -> AreaPeriod:
    return AreaPeriod.objects.for_tenant(world.binhai).filter(flagged=True).order_by("-suspicion").first()


@pytest.fixture
def theftscan_partner_api(world: World) -> APIClient:
    _key, token = ApiKey.issue(world.binhai, "区工信局", programmes=["theftscan"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client
