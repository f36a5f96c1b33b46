"""``/api/v1/tickets/``: the endpoint matrix (tests/api_testing), and what tickets add to it — the
transition and comments actions, events, SLA figures — with Alice's and Bob's sessions, a Binhai
partner key and Charlie's Wuqing key."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from rest_framework.test import APIClient

from portal.stakeholders.models import Organisation
from portal.tenancy.models import Tenant
from portal.tickets import services
from portal.tickets.models import Comment, Ticket
from portal.tickets.workflow import Status
from tests.api_testing import EndpointContract
from tests.personas import World

LIST = "/api/v1/tickets/"


def _detail(ticket: Ticket, suffix: str = "") -> str:
    return f"/api/v1/tickets/{ticket.pk}/{suffix}"


@pytest.fixture
def alice_api(world: World) -> APIClient:
    client = APIClient()
    client.force_login(world.alice)
    return client


@pytest.fixture
def bob_api(world: World) -> APIClient:
    client = APIClient()
    client.force_login(world.bob)
    return client


def test_alice_lists_her_tenants_tickets_without_events(
    alice_api: APIClient, alice_ticket: Ticket, charlie_ticket: Ticket
) -> None:
    response = alice_api.get(LIST)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["reference"] for row in rows] == [alice_ticket.reference]
    assert rows[0]["requester_name"] == "张三丰"
    assert rows[0]["sla_state"] == {"acknowledge": "ok", "resolve": "ok"}
    assert "events" not in rows[0]


def test_the_list_filters_and_searches(world: World, alice_api: APIClient, alice_ticket: Ticket) -> None:
    alert = services.create_ticket(world.binhai, world.alice, title="线路告警", kind="alert", programme="birdguard")

    def refs(**params: str) -> list[str]:
        response = alice_api.get(LIST, params)
        assert response.status_code == 200
        return [row["reference"] for row in response.json()["results"]]

    assert refs(kind="alert") == [alert.reference]
    assert refs(programme="birdguard") == [alert.reference]
    assert refs(priority="normal", status="new", search="路灯") == [alice_ticket.reference]
    assert refs(overdue="true") == []


def test_a_bad_filter_is_a_400_with_the_field(alice_api: APIClient) -> None:
    response = alice_api.get(LIST, {"status": "lost"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["status"]


def test_the_partner_sees_the_public_events_and_its_read_is_logged_under_the_keys_name(
    bob_api: APIClient, partner_api: APIClient, alice_ticket: Ticket
) -> None:
    from portal.audit.models import PersonalDataAccess

    bob_api.post(_detail(alice_ticket, "transition/"), {"to_status": "acknowledged", "public": False}, format="json")
    staff_view = bob_api.get(_detail(alice_ticket)).json()
    assert [(e["kind"], e["public"]) for e in staff_view["events"]] == [("created", True), ("status", False)]
    row = partner_api.get(_detail(alice_ticket)).json()
    assert [e["kind"] for e in row["events"]] == ["created"]  # the internal acknowledgement is not shown
    assert PersonalDataAccess.objects.get(masked=True).actor_label == "区民政局"


@pytest.mark.parametrize(
    ("method", "suffix", "payload"),
    [
        ("post", "", {"title": "伙伴建单"}),
        ("patch", "{pk}", {"title": "改标题"}),
        ("post", "{pk}transition/", {"to_status": "acknowledged"}),
        ("post", "{pk}comments/", {"body": "伙伴留言"}),
    ],
)
def test_the_partner_gets_403_on_every_write(
    partner_api: APIClient, alice_ticket: Ticket, method: str, suffix: str, payload: dict[str, str]
) -> None:
    url = LIST + suffix.format(pk=f"{alice_ticket.pk}/")
    response = getattr(partner_api, method)(url, payload, format="json")
    assert response.status_code == 403
    alice_ticket.refresh_from_db()
    assert (alice_ticket.title, alice_ticket.status, Ticket.objects.count()) == ("小区路灯不亮", "new", 1)
    assert not Comment.objects.exists()


@pytest.fixture
def charlie_session_api(world: World) -> APIClient:
    client = APIClient()
    client.force_login(world.charlie)
    return client


@pytest.mark.parametrize(
    ("method", "suffix", "payload"),
    [
        ("get", "", None),
        ("patch", "", {"title": "改标题"}),
        ("post", "transition/", {"to_status": "acknowledged"}),
        ("get", "comments/", None),
        ("post", "comments/", {"body": "武清留言"}),
    ],
)
def test_charlie_gets_404_for_alices_ticket_on_every_endpoint(
    charlie_session_api: APIClient, alice_ticket: Ticket, method: str, suffix: str, payload: Any
) -> None:
    # Charlie is tenant admin of Wuqing: he may write there, so only the scoping stops him here.
    response = getattr(charlie_session_api, method)(_detail(alice_ticket, suffix), payload, format="json")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}
    alice_ticket.refresh_from_db()
    assert (alice_ticket.title, alice_ticket.status) == ("小区路灯不亮", "new")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("get", ""), ("get", "comments/"), ("patch", ""), ("post", "transition/"), ("post", "comments/")],
)
def test_charlies_partner_key_gets_404_not_403_for_alices_ticket(
    charlie_api: APIClient, alice_ticket: Ticket, method: str, suffix: str
) -> None:
    # The key may not write at all, but a 403 here would confirm that the ticket exists.
    response = getattr(charlie_api, method)(_detail(alice_ticket, suffix), {"to_status": "new"}, format="json")
    assert response.status_code == 404


def test_alice_creates_a_ticket_through_the_api(world: World, alice_api: APIClient, binhai_org: Organisation) -> None:
    payload = {
        "title": "充电桩故障",
        "programme": "charging",
        "kind": "request",
        "priority": "high",
        "assignee_org": binhai_org.pk,
        "latitude": "39.1",
        "longitude": "117.2",
    }
    response = alice_api.post(LIST, payload, format="json")
    assert response.status_code == 201
    body = response.json()
    ticket = Ticket.objects.get()
    assert body["reference"] == ticket.reference
    assert (ticket.channel, ticket.owner, ticket.assignee_org) == ("api", world.alice, binhai_org)
    assert [e["kind"] for e in body["events"]] == ["created", "assigned"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "title"),
        ({"title": "长" * 201}, "title"),
        ({"title": "x", "latitude": "91"}, "latitude"),
        ({"title": "x", "longitude": "east"}, "longitude"),
        ({"title": "x", "priority": 3}, "priority"),
        ({"title": "x", "kind": "complaint"}, "kind"),
    ],
)
def test_bad_input_on_create_is_a_400_and_nothing_is_written(
    alice_api: APIClient, payload: dict[str, Any], field: str
) -> None:
    response = alice_api.post(LIST, payload, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not Ticket.objects.exists()


def test_another_tenants_ids_are_refused_as_foreign_keys(
    world: World, alice_api: APIClient, wuqing_org: Organisation, charlie_ticket: Ticket
) -> None:
    payload = {
        "title": "x",
        "assignee_org": wuqing_org.pk,
        "assignee_user": world.charlie.pk,
        "parent": charlie_ticket.pk,
    }
    response = alice_api.post(LIST, payload, format="json")
    assert response.status_code == 400
    assert sorted(response.json()["errors"]) == ["assignee_org", "assignee_user", "parent"]
    assert Ticket.objects.count() == 1  # Charlie's only


def test_bob_patches_the_priority_and_the_due_times_follow(bob_api: APIClient, alice_ticket: Ticket) -> None:
    response = bob_api.patch(_detail(alice_ticket), {"priority": "urgent"}, format="json")
    assert response.status_code == 200
    alice_ticket.refresh_from_db()
    # Urgent by the code defaults: 15 minutes and 4 hours from creation.
    assert alice_ticket.acknowledge_due_at is not None
    assert alice_ticket.due_at is not None
    assert alice_ticket.acknowledge_due_at - alice_ticket.created_at == timedelta(minutes=15)
    assert alice_ticket.due_at - alice_ticket.created_at == timedelta(hours=4)
    assert [e["kind"] for e in response.json()["events"]] == ["created", "updated"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [({"title": ""}, "title"), ({"latitude": "-90.5"}, "latitude"), ({"assignee_org": 999999}, "assignee_org")],
)
def test_bad_input_on_patch_changes_nothing(
    bob_api: APIClient, alice_ticket: Ticket, payload: dict[str, Any], field: str
) -> None:
    response = bob_api.patch(_detail(alice_ticket), payload, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    alice_ticket.refresh_from_db()
    assert (alice_ticket.title, alice_ticket.latitude, alice_ticket.events.count()) == ("小区路灯不亮", None, 1)


def test_status_cannot_be_patched(bob_api: APIClient, alice_ticket: Ticket) -> None:
    bob_api.patch(_detail(alice_ticket), {"status": "closed"}, format="json")
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW


def test_bob_moves_a_ticket_through_the_api(bob_api: APIClient, alice_ticket: Ticket) -> None:
    response = bob_api.post(_detail(alice_ticket, "transition/"), {"to_status": "in_progress"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    assert [(e["from_status"], e["to_status"]) for e in response.json()["events"]] == [
        ("", "new"),
        ("new", "in_progress"),
    ]


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"to_status": "closed"}, "to_status", "不能从“新建”变为“已关闭”。"),
        ({"to_status": "rejected"}, "note", "请说明理由：“退回”需要填写说明。"),
        ({"to_status": "sideways"}, "to_status", None),
        ({}, "to_status", None),
    ],
)
def test_a_refused_move_is_a_400_json_error(
    bob_api: APIClient, alice_ticket: Ticket, payload: dict[str, str], field: str, message: str | None
) -> None:
    response = bob_api.post(_detail(alice_ticket, "transition/"), payload, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field]
    if message:
        assert errors[field] == [message]
    alice_ticket.refresh_from_db()
    assert (alice_ticket.status, alice_ticket.events.count()) == ("new", 1)


def test_comments_through_the_api_hide_internal_ones_from_partners(
    bob_api: APIClient, partner_api: APIClient, alice_ticket: Ticket
) -> None:
    assert bob_api.post(_detail(alice_ticket, "comments/"), {"body": "已到现场"}, format="json").status_code == 201
    created = bob_api.post(_detail(alice_ticket, "comments/"), {"body": "内部备注", "internal": True}, format="json")
    assert created.json()["author"] == "Bob"
    assert [c["body"] for c in bob_api.get(_detail(alice_ticket, "comments/")).json()] == ["已到现场", "内部备注"]
    assert [c["body"] for c in partner_api.get(_detail(alice_ticket, "comments/")).json()] == ["已到现场"]


@pytest.mark.parametrize("payload", [{}, {"body": ""}, {"body": "字" * 5001}])
def test_a_bad_comment_is_a_400(bob_api: APIClient, alice_ticket: Ticket, payload: dict[str, str]) -> None:
    response = bob_api.post(_detail(alice_ticket, "comments/"), payload, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["body"]
    assert not Comment.objects.exists()


def test_tickets_cannot_be_deleted(alice_api: APIClient, alice_ticket: Ticket) -> None:
    assert alice_api.delete(_detail(alice_ticket)).status_code == 405
    assert Ticket.objects.filter(pk=alice_ticket.pk).exists()


# --- the endpoint matrix ------------------------------------------------------------------------

# 滨海新区新港街道港福里3号楼 has 14 characters: the first max(14 // 2, 6) = 7 stay, then ****.
REQUESTER = {
    "requester_name": ("张三丰", "张**"),
    "requester_phone": ("13812345678", "138****5678"),
    "address": ("滨海新区新港街道港福里3号楼", "滨海新区新港街****"),
}


class TestTicketEndpoint(EndpointContract):
    basename = "ticket"
    personal = REQUESTER

    def make_row(self, world: World, tenant: Tenant, n: int) -> Ticket:
        admin = world.alice if tenant == world.binhai else world.charlie
        org = Organisation.objects.create(tenant=tenant, name=f"新港街道{n}", kind=Organisation.Kind.GOVERNMENT)
        values: dict[str, Any] = {name: stored for name, (stored, _shown) in REQUESTER.items()}
        return services.create_ticket(
            tenant, admin, title=f"工单{n}", assignee_user=admin, assignee_org=org, parent=None, **values
        )
