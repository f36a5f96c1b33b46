"""The admin for non-superusers: a staff member of one tenant (Charlie, Wuqing) with every model
permission still finds none of Binhai's rows — every change page and object-permissions page of
Alice's objects answers 404, and no change list shows them."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from portal.core.admin import TenantScopedAdmin
from tests.isolation_objects import MARKER, AliceObjects, make_alice_objects
from tests.personas import World


@pytest.fixture
def staff_charlie(world: World) -> Client:
    world.charlie.is_staff = True
    world.charlie.save(update_fields=["is_staff"])
    world.charlie.user_permissions.set(Permission.objects.all())
    client = Client()
    client.force_login(world.charlie)
    return client


@pytest.fixture
def alice_objects(world: World) -> AliceObjects:
    return make_alice_objects(world)


def _scoped_admin_objects(objects: AliceObjects) -> list[tuple[str, object]]:
    found = []
    for label, obj in objects.by_model.items():
        model_admin = admin.site._registry.get(type(obj))
        if isinstance(model_admin, TenantScopedAdmin):
            found.append((label, obj))
    return found


def test_every_tenant_owned_model_in_the_admin_is_scoped(alice_objects: AliceObjects) -> None:
    plain = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if hasattr(model, "tenant_id") and not isinstance(model_admin, TenantScopedAdmin)
    ]
    assert plain == []


def test_charlie_as_staff_gets_404_for_alices_rows_in_the_admin(
    alice_objects: AliceObjects, staff_charlie: Client
) -> None:
    checked = _scoped_admin_objects(alice_objects)
    assert len(checked) >= 10  # the walk is not vacuous
    failures = []
    for label, obj in checked:
        meta = obj._meta  # type: ignore[attr-defined]
        for view in ("change", "permissions"):
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])  # type: ignore[attr-defined]
            status = staff_charlie.get(url).status_code
            if status != 404:
                failures.append(f"{label} {view}: {status}")
    assert failures == []


def test_charlies_admin_lists_never_show_alices_rows(alice_objects: AliceObjects, staff_charlie: Client) -> None:
    leaks = []
    for label, obj in _scoped_admin_objects(alice_objects):
        meta = obj._meta  # type: ignore[attr-defined]
        response = staff_charlie.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        if response.status_code != 200 or MARKER in response.content.decode():
            leaks.append(f"{label}: {response.status_code}")
    assert leaks == []
