"""The list page and the API list run a fixed number of queries, however many tickets there are."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from portal.stakeholders.models import Organisation
from portal.tickets import services
from tests.personas import World

# Measured once and committed: a change here means a query was added to every page view.
LIST_PAGE_QUERIES = 6  # session, user, memberships, programmes the unit runs (menu), count, page
API_LIST_QUERIES = 4  # key lookup, key last-used stamp, page of tickets, personal-data read log


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


@pytest.mark.parametrize("n", [3, 30])
def test_the_api_list_query_count_does_not_grow(
    world: World, partner_api: APIClient, django_assert_num_queries: Any, n: int
) -> None:
    _tickets(world, n)
    with django_assert_num_queries(API_LIST_QUERIES):
        response = partner_api.get("/api/v1/tickets/")
    assert response.status_code == 200
    assert len(response.json()["results"]) == n
