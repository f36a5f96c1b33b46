"""The admin for non-superusers: a staff member of one tenant (Charlie, Wuqing) with every model
permission still finds none of Binhai's rows — every change page and object-permissions page of
Alice's objects answers 404, and no change list shows them."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory
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
    found: list[tuple[str, object]] = []
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


def _staff(client_user: Any) -> Client:
    client_user.is_staff = True
    client_user.save(update_fields=["is_staff"])
    client_user.user_permissions.set(Permission.objects.all())
    client = Client()
    client.force_login(client_user)
    return client


def _admin_pages(objects: AliceObjects, user: Any) -> list[tuple[str, str]]:
    """Every add page of a scoped model that allows adding (tickets, say, are opened through their
    services only), and the change page of each of Alice's rows, inlines included."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = []
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, TenantScopedAdmin) and model_admin.has_add_permission(request):
            meta = model._meta
            pages.append((f"{meta.label} add", reverse(f"admin:{meta.app_label}_{meta.model_name}_add")))
    for label, obj in _scoped_admin_objects(objects):
        meta = obj._meta  # type: ignore[attr-defined]
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])  # type: ignore[attr-defined]
        pages.append((f"{label} change", url))
    return pages


@pytest.mark.parametrize("who", ["alice as staff of her unit", "a superuser"])
def test_every_admin_add_and_change_page_opens_with_its_inlines(
    alice_objects: AliceObjects, world: World, who: str
) -> None:
    if who == "a superuser":
        world.alice.is_superuser = True
        world.alice.save(update_fields=["is_superuser"])
    client = _staff(world.alice)
    failures = [
        f"{name}: {status}"
        for name, url in _admin_pages(alice_objects, world.alice)
        if (status := client.get(url).status_code) != 200
    ]
    assert failures == []


def test_a_new_inline_row_takes_its_parents_tenant(alice_objects: AliceObjects, world: World) -> None:
    from alliance.models import HookupStep, HookupTemplate

    client = _staff(world.alice)
    template = HookupTemplate.objects.create(tenant=world.binhai, utility="power", process="alliance", name="供电")
    url = reverse("admin:alliance_hookuptemplate_change", args=[template.pk])
    prefix = "steps"
    response = client.post(
        url,
        {
            "name": "供电",
            "utility": "power",
            "process": "alliance",
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-0-order": "1",
            f"{prefix}-0-name": "联合勘查受理",
            f"{prefix}-0-expected_days": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    step = HookupStep.objects.for_tenant(world.binhai).get(template=template)
    assert (step.name, step.tenant_id) == ("联合勘查受理", world.binhai.pk)
