"""A page shared by a unit's staff and an outside organisation's members: staff see every row, a member
sees their organisation's rows only, and another organisation's row is not found."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.http import Http404, HttpRequest, HttpResponse
from django.test import RequestFactory
from django.views.generic import DetailView

from portal.core.organisation_views import OrganisationScopedMixin
from portal.core.types import PortalRequest
from portal.stakeholders.models import Need, Organisation
from portal.tenancy.members import add_organisation_member
from portal.tenancy.middleware import access_for, activate
from portal.tenancy.roles import Capability
from portal.tenancy.scoping import strict_scope
from tests.personas import World, make_user


class NeedPage(OrganisationScopedMixin, DetailView):
    """An organisation's need (诉求): a stand-in for a programme's operator- or supplier-owned rows."""

    model = Need
    organisation_lookup = "organisation"

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        return HttpResponse(self.object.description)


class NeedEditPage(NeedPage):
    required_capability = Capability.MANAGE_RECORDS


@pytest.fixture
def needs(world: World) -> dict[str, Need]:
    mine = Organisation.objects.create(tenant=world.binhai, name="特来电", kind="enterprise")
    theirs = Organisation.objects.create(tenant=world.binhai, name="星星充电", kind="enterprise")
    return {
        "mine": Need.objects.create(tenant=world.binhai, organisation=mine, description="增加快充桩"),
        "theirs": Need.objects.create(tenant=world.binhai, organisation=theirs, description="降低服务费"),
    }


def _request(user: Any) -> HttpRequest:
    request = cast(PortalRequest, RequestFactory().get("/"))
    request.user = user
    access = access_for(user)
    activate(request, access.tenants[0], access)
    return request


def _open(view: Any, user: Any, need: Need) -> int:
    with strict_scope():
        try:
            return int(view.as_view()(_request(user), pk=need.pk).status_code)
        except Http404:
            return 404


def test_an_organisations_member_sees_its_own_row_and_not_another_organisations(
    world: World, needs: dict[str, Need]
) -> None:
    zhao = make_user("zhao", world.binhai)
    add_organisation_member(world.binhai, needs["mine"].organisation, zhao)
    assert _open(NeedPage, zhao, needs["mine"]) == 200
    assert _open(NeedPage, zhao, needs["theirs"]) == 404


def test_the_units_staff_see_every_organisations_rows(world: World, needs: dict[str, Need]) -> None:
    assert _open(NeedPage, world.bob, needs["mine"]) == 200
    assert _open(NeedPage, world.bob, needs["theirs"]) == 200


def test_a_member_may_do_only_what_the_page_grants_organisations(world: World, needs: dict[str, Need]) -> None:
    from django.core.exceptions import PermissionDenied

    zhao = make_user("zhao", world.binhai)
    add_organisation_member(world.binhai, needs["mine"].organisation, zhao)
    with strict_scope(), pytest.raises(PermissionDenied):
        NeedEditPage.as_view()(_request(zhao), pk=needs["mine"].pk)


def test_a_member_of_another_units_organisation_finds_nothing(world: World, needs: dict[str, Need]) -> None:
    foreign = Organisation.objects.create(tenant=world.wuqing, name="武清充电", kind="enterprise")
    qian = make_user("qian", world.wuqing)
    add_organisation_member(world.wuqing, foreign, qian)
    assert _open(NeedPage, qian, needs["mine"]) == 404
