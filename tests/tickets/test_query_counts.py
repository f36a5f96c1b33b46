"""The list page runs a fixed number of queries, however many tickets there are (the API list's count
is part of its endpoint matrix: tests/tickets/test_api.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from portal.stakeholders.models import Organisation
from portal.tickets import services
from tests.personas import World

# Measured once and committed: a change here means a query was added to every page view.
LIST_PAGE_QUERIES = 6  # session, user, memberships, programmes the unit runs (menu), count, page


def _tickets(world: World, n: int) -> None:
    org = Organisation.objects.create(tenant=world.binhai, name="新港街道", kind="government")
    for i in range(n):
        services.create_ticket(
            world.binhai,
            world.alice,
            title=f"工单{i}",
            assignee_user=world.bob,
            assignee_org=org,
            requester_name="王五",
            address="港福里",
        )


@pytest.mark.parametrize("n", [3, 30])
def test_the_list_page_query_count_does_not_grow(
    world: World, alice_client: Client, django_assert_num_queries: Any, n: int
) -> None:
    _tickets(world, n)
    with django_assert_num_queries(LIST_PAGE_QUERIES):
        response = alice_client.get(reverse("tickets:list"))
    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(n, 25)
