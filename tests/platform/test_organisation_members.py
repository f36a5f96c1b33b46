"""People acting for an outside organisation of a unit (a charging operator, a supplier, a party of a
consultation): a membership naming the organisation, no tenant-wide capability, no core menu."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from portal.stakeholders.models import Organisation
from portal.tenancy.members import add_organisation_member
from portal.tenancy.models import Membership
from portal.tenancy.roles import Role
from tests.personas import World, make_user


@pytest.fixture
def operator(world: World) -> Organisation:
    return Organisation.objects.create(tenant=world.binhai, name="特来电滨海分公司", kind=Organisation.Kind.ENTERPRISE)


def test_a_member_of_an_outside_organisation_acts_for_it_and_holds_no_tenant_wide_capability(
    world: World, operator: Organisation
) -> None:
    user = make_user("zhao", world.binhai)
    add_organisation_member(world.binhai, operator, user)
    client = Client()
    client.force_login(user)
    response = client.get(reverse("careband:join"))  # any page that renders the layout for them
    request = response.wsgi_request
    assert request.acting_for == frozenset({operator.pk})  # type: ignore[attr-defined]
    assert request.capabilities == frozenset()  # type: ignore[attr-defined]
    body = response.content.decode()
    assert reverse("tickets:list") not in body  # the unit's own pages are not offered
    assert client.get(reverse("tickets:list")).status_code == 403


def test_adding_the_same_person_twice_changes_nothing_and_a_second_organisation_is_refused(
    world: World, operator: Organisation
) -> None:
    user = make_user("zhao", world.binhai)
    first = add_organisation_member(world.binhai, operator, user)
    assert add_organisation_member(world.binhai, operator, user).pk == first.pk
    other = Organisation.objects.create(tenant=world.binhai, name="星星充电", kind=Organisation.Kind.ENTERPRISE)
    with pytest.raises(ValidationError, match="此人已代表本单位的另一家组织"):
        add_organisation_member(world.binhai, other, user)


def test_an_organisation_of_another_unit_is_refused(world: World) -> None:
    foreign = Organisation.objects.create(tenant=world.wuqing, name="武清充电", kind=Organisation.Kind.ENTERPRISE)
    with pytest.raises(ValidationError, match="请选择本单位的组织"):
        add_organisation_member(world.binhai, foreign, make_user("qian", world.binhai))


def test_the_database_refuses_an_organisation_member_without_an_organisation_and_staff_with_one(
    world: World, operator: Organisation
) -> None:
    user = make_user("sun", world.binhai)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, tenant=world.binhai, role=Role.ORGANISATION_MEMBER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, tenant=world.binhai, role=Role.FIELD_STAFF, organisation=operator)
