"""Official calendar days are national: superusers edit them in the admin, tenant admins never see them."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from portal.accounts.models import User
from portal.calendars.models import CalendarDay
from portal.calendars.official import enter_days
from tests.personas import World

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:calendars_calendarday_changelist"
NOTICE_2025 = "国办发明电〔2024〕12号"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_superuser_enters_a_make_up_working_day(world: World) -> None:
    root = User.objects.create_superuser(username="root", password="x-long-password-1")
    response = _client(root).post(
        reverse("admin:calendars_calendarday_add"),
        {"calendar": "CN", "day": "2025-10-11", "working": "on", "name": "国庆节调休上班", "source": NOTICE_2025},
    )
    assert response.status_code == 302
    entered = CalendarDay.objects.get()
    assert (entered.day, entered.working, entered.source) == (date(2025, 10, 11), True, NOTICE_2025)
    assert _client(root).get(reverse(CHANGELIST)).status_code == 200


def test_alice_as_tenant_staff_cannot_open_the_national_calendar(world: World) -> None:
    world.alice.is_staff = True
    world.alice.save(update_fields=["is_staff"])
    world.alice.user_permissions.set(Permission.objects.filter(content_type__app_label="calendars"))
    assert _client(world.alice).get(reverse(CHANGELIST)).status_code == 403


def test_a_data_migration_enters_a_notices_days_and_takes_them_back() -> None:
    operation = enter_days("CN", NOTICE_2025, [("2025-10-08", False, "国庆节"), ("2025-10-11", True, "上班")])
    operation.code(apps, None)  # type: ignore[arg-type]  # the live registry stands in for a migration's
    operation.code(apps, None)  # type: ignore[arg-type]  # safe to repeat
    assert list(CalendarDay.objects.values_list("day", "working")) == [
        (date(2025, 10, 8), False),
        (date(2025, 10, 11), True),
    ]
    assert operation.reverse_code is not None
    operation.reverse_code(apps, None)  # type: ignore[arg-type]
    assert CalendarDay.objects.count() == 0
