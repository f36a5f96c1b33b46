"""What every list/detail endpoint of the partner API promises, written once.

A model's API test declares the endpoint, how to make one of its rows in a tenant, and the personal
fields with the values a partner sees; it inherits the matrix (see docs/testing.md)::

    class TestPersonEndpoint(EndpointContract):
        basename = "person"
        personal = {"name": ("张三", "张*"), "phone": ("13812345678", "138****5678")}

        def make_row(self, world, tenant, n):
            return Person.objects.create(tenant=tenant, name="张三", phone="13812345678")

The matrix, for Alice (Binhai's administrator, by her browser session), a Binhai partner key, and
Wuqing (Charlie's session and a Wuqing partner key):

- Alice reads the list and the row unmasked, a partner key masked (张*, 138****5678, ID first 6 and
  last 4), and each read of personal data is logged once (``PersonalDataAccess``) — or none is, for
  an endpoint without personal data;
- a partner key may not create, change or delete (403), and nothing changes;
- Wuqing gets 404 for Binhai's row and never sees it in its list (which does show Wuqing's own row);
- the list costs the committed number of queries at 3 rows and at 30 (``query_counts.json``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from portal.api.models import ApiKey
from portal.audit.models import PersonalDataAccess
from portal.tenancy.models import Tenant
from tests.api_testing import query_counts
from tests.personas import World


def session_client(user: Any) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def key_client(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def row_state(row: models.Model) -> dict[str, Any]:
    """The row as the database has it now (to show that a refused write changed nothing)."""
    manager: Any = type(row)._default_manager
    state: dict[str, Any] = manager.all_tenants().filter(pk=row.pk).values().get()
    return state


class EndpointContract:
    """Inherit in a ``Test…`` class; declare ``basename``, ``make_row`` and ``personal``."""

    # The router's basename: the endpoint is ``api:<basename>-list`` / ``api:<basename>-detail``.
    basename: ClassVar[str]
    # The programme a partner key needs for this endpoint ("core": none).
    programme: ClassVar[str] = "core"
    # Personal fields the endpoint shows: name → (the value stored, the value a partner sees).
    personal: ClassVar[Mapping[str, tuple[str, str]]] = {}

    # --- what a test class provides ----------------------------------------------------------------
    def make_row(self, world: World, tenant: Tenant, n: int) -> models.Model:
        """Row number ``n`` of this endpoint in ``tenant``, with what it needs; it holds the values
        of ``personal``. Called again with other ``n`` for the query counts: keep unique fields unique."""
        raise NotImplementedError

    def partner_token(self, world: World, tenant: Tenant) -> str:
        """A partner key of ``tenant`` that may read this endpoint (override to add what it needs)."""
        programmes = [] if self.programme == "core" else [self.programme]
        _key, token = ApiKey.issue(tenant, f"伙伴·{tenant.slug}", programmes=programmes)
        return token

    # --- the matrix ----------------------------------------------------------------------------------
    @pytest.fixture
    def row(self, world: World) -> models.Model:
        return self.make_row(world, world.binhai, 0)

    def list_url(self) -> str:
        return reverse(f"api:{self.basename}-list")

    def detail_url(self, row: models.Model) -> str:
        return reverse(f"api:{self.basename}-detail", kwargs={"pk": row.pk})

    def test_alice_reads_the_list_and_the_row_unmasked_and_each_read_is_logged(
        self, world: World, row: models.Model
    ) -> None:
        self.assert_reads(world, session_client(world.alice), row, masked=False)

    def test_a_partner_key_reads_the_list_and_the_row_masked_and_each_read_is_logged(
        self, world: World, row: models.Model
    ) -> None:
        self.assert_reads(world, key_client(self.partner_token(world, world.binhai)), row, masked=True)

    def test_a_partner_key_can_neither_create_nor_change_nor_delete(self, world: World, row: models.Model) -> None:
        client = key_client(self.partner_token(world, world.binhai))
        manager: Any = type(row)._default_manager
        before, rows_before = row_state(row), manager.all_tenants().count()
        answers = {
            "POST": client.post(self.list_url(), {}, format="json").status_code,
            "PATCH": client.patch(self.detail_url(row), {}, format="json").status_code,
            "DELETE": client.delete(self.detail_url(row)).status_code,
        }
        assert answers == {"POST": 403, "PATCH": 403, "DELETE": 403}
        assert (row_state(row), manager.all_tenants().count()) == (before, rows_before)

    def test_another_tenant_gets_404_for_the_row_and_never_sees_it_listed(
        self, world: World, row: models.Model
    ) -> None:
        theirs = self.make_row(world, world.wuqing, 1)
        callers = {
            "Wuqing's partner key": key_client(self.partner_token(world, world.wuqing)),
            "Charlie's session": session_client(world.charlie),
        }
        for caller, client in callers.items():
            assert client.get(self.detail_url(row)).status_code == 404, caller
            # Charlie may write in Wuqing: on a read-only endpoint his PATCH is a 405, the same for
            # every id, so it reveals nothing either.
            assert client.patch(self.detail_url(row), {}, format="json").status_code in (404, 405), caller
            listed = client.get(self.list_url())
            assert listed.status_code == 200, caller
            assert [r["id"] for r in listed.json()["results"]] == [theirs.pk], caller

    @pytest.mark.parametrize("rows", query_counts.ROWS)
    def test_the_list_costs_the_committed_number_of_queries_at_3_and_at_30_rows(self, world: World, rows: int) -> None:
        for n in range(rows):
            self.make_row(world, world.binhai, n)
        client = key_client(self.partner_token(world, world.binhai))
        client.get(self.list_url())  # the first request fills Django's content-type cache
        with CaptureQueriesContext(connection) as captured:
            response = client.get(self.list_url())
        assert response.status_code == 200
        assert len(response.json()["results"]) == rows
        query_counts.check(f"api:{self.basename}-list", rows, [q["sql"] for q in captured.captured_queries])

    # --- the checks --------------------------------------------------------------------------------
    def assert_reads(self, world: World, client: APIClient, row: models.Model, *, masked: bool) -> None:
        listed = client.get(self.list_url())
        assert listed.status_code == 200
        rows = listed.json()["results"]
        assert [r["id"] for r in rows] == [row.pk]
        detail = client.get(self.detail_url(row))
        assert detail.status_code == 200
        shown = {name: (rows[0][name], detail.json()[name]) for name in self.personal}
        expected = {name: (values[masked],) * 2 for name, values in self.personal.items()}
        assert shown == expected
        reads = PersonalDataAccess.objects.for_tenant(world.binhai).order_by("id")
        if not self.personal:
            assert list(reads) == []  # nothing personal shown, nothing to log
            return
        assert [(r.channel, r.masked, r.object_ids) for r in reads] == [("api", masked, [str(row.pk)])] * 2
        assert [set(self.personal) - set(r.fields) for r in reads] == [set(), set()]
