"""The ticket pages with Alice (Binhai admin), Bob (Binhai field staff), the Binhai partner viewer and
Charlie (Wuqing): isolation, capabilities, masking and bad input on every form."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from portal.audit.models import PersonalDataAccess
from portal.stakeholders.models import Organisation
from portal.tenancy.roles import Role
from portal.tickets import services
from portal.tickets.models import Attachment, Comment, Ticket, TicketEvent
from portal.tickets.workflow import Status
from tests.personas import World, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment(world: World, alice_ticket: Ticket) -> Attachment:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("现场.pdf", b"%PDF-1.7 test", content_type="application/pdf")
    return services.add_attachment(alice_ticket, world.alice, upload)


def _urls(ticket: Ticket, attachment: Attachment) -> dict[str, tuple[str, str]]:
    pk = ticket.pk
    return {
        "detail": ("get", reverse("tickets:detail", args=[pk])),
        "edit": ("get", reverse("tickets:edit", args=[pk])),
        "edit-post": ("post", reverse("tickets:edit", args=[pk])),
        "transition": ("post", reverse("tickets:transition", args=[pk])),
        "comment": ("post", reverse("tickets:comment", args=[pk])),
        "attachment-upload": ("post", reverse("tickets:attachment-upload", args=[pk])),
        "attachment-download": ("get", reverse("tickets:attachment-download", args=[pk, attachment.pk])),
        "children": ("post", reverse("tickets:children", args=[pk])),
    }


OBJECT_URLS = [
    "detail",
    "edit",
    "edit-post",
    "transition",
    "comment",
    "attachment-upload",
    "attachment-download",
    "children",
]


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_charlie_gets_404_for_every_url_of_alices_ticket(
    charlie_client: Client, alice_ticket: Ticket, attachment: Attachment, name: str
) -> None:
    method, url = _urls(alice_ticket, attachment)[name]
    response = getattr(charlie_client, method)(url, {"to_status": "acknowledged", "body": "x", "title": "x"})
    assert response.status_code == 404
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert not Comment.objects.exists()


def test_charlies_list_does_not_show_alices_ticket(charlie_client: Client, alice_ticket: Ticket) -> None:
    response = charlie_client.get(reverse("tickets:list"))
    assert response.status_code == 200
    assert alice_ticket.reference not in response.content.decode()


def test_a_partner_reads_the_list_and_the_ticket(partner_client: Client, alice_ticket: Ticket) -> None:
    assert alice_ticket.reference in partner_client.get(reverse("tickets:list")).content.decode()
    page = partner_client.get(reverse("tickets:detail", args=[alice_ticket.pk])).content.decode()
    assert alice_ticket.title in page
    assert 'name="to_status"' not in page  # no buttons to press


@pytest.mark.parametrize("name", ["edit", "edit-post", "transition", "comment", "attachment-upload", "children"])
def test_a_partner_gets_403_on_every_write(
    partner_client: Client, alice_ticket: Ticket, attachment: Attachment, name: str
) -> None:
    method, url = _urls(alice_ticket, attachment)[name]
    response = getattr(partner_client, method)(url, {"to_status": "acknowledged", "body": "看看"})
    assert response.status_code == 403
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert not Comment.objects.exists()


def test_a_partner_may_not_create_or_export(partner_client: Client) -> None:
    assert partner_client.get(reverse("tickets:create")).status_code == 403
    assert partner_client.post(reverse("tickets:create"), {"title": "伙伴建单"}).status_code == 403
    assert partner_client.post(reverse("tickets:export"), {"format": "csv"}).status_code == 403
    assert not Ticket.objects.exists()


def test_personal_data_is_masked_for_the_partner_and_the_read_is_logged(
    world: World, partner_client: Client, bob_client: Client, alice_ticket: Ticket
) -> None:
    url = reverse("tickets:detail", args=[alice_ticket.pk])
    partner_page = partner_client.get(url).content.decode()
    assert ("张**" in partner_page, "138****5678" in partner_page) == (True, True)
    assert ("张三丰" in partner_page, "13812345678" in partner_page) == (False, False)
    bob_page = bob_client.get(url).content.decode()
    assert ("张三丰" in bob_page, "13812345678" in bob_page) == (True, True)
    reads = PersonalDataAccess.objects.order_by("id")
    assert list(reads.values_list("actor__username", "channel", "masked", "object_ids")) == [
        ("partner", "web", True, [str(alice_ticket.pk)]),
        ("bob", "web", False, [str(alice_ticket.pk)]),
    ]


# --- creating ------------------------------------------------------------------------------------


def _valid_create(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "井盖缺失",
        "description": "人行道井盖丢失",
        "programme": "alliance",
        "kind": "request",
        "category": "manhole",
        "priority": "high",
        "channel": "hotline",
        "requester_name": "李四",
        "requester_phone": "13900001111",
        "address": "滨海新区新港二号路",
        "latitude": "39.012345",
        "longitude": "117.712345",
    }
    data.update(overrides)
    return data


def test_bob_creates_a_ticket_with_reference_sla_and_history(world: World, bob_client: Client) -> None:
    response = bob_client.post(reverse("tickets:create"), _valid_create())
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("tickets:detail", args=[ticket.pk])
    assert ticket.reference.startswith("BH-")
    assert (ticket.tenant, ticket.owner, ticket.status, ticket.priority) == (world.binhai, world.bob, "new", "high")
    assert ticket.due_at is not None
    assert ticket.acknowledge_due_at is not None
    assert list(ticket.events.values_list("kind", flat=True)) == [TicketEvent.Kind.CREATED]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "长" * 201}, "title"),
        ({"latitude": "91"}, "latitude"),
        ({"latitude": "北纬"}, "latitude"),
        ({"longitude": "-180.5"}, "longitude"),
        ({"priority": "extreme"}, "priority"),
        ({"programme": "nonexistent"}, "programme"),
        ({"category": "not a slug!"}, "category"),
    ],
)
def test_bad_input_on_the_create_form_is_refused_with_nothing_written(
    alice_client: Client, overrides: dict[str, str], field: str
) -> None:
    response = alice_client.post(reverse("tickets:create"), _valid_create(**overrides))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Ticket.objects.exists()


def test_another_tenants_organisation_cannot_be_the_assignee(
    alice_client: Client, wuqing_org: Organisation, world: World
) -> None:
    response = alice_client.post(
        reverse("tickets:create"), _valid_create(assignee_org=wuqing_org.pk, assignee_user=world.charlie.pk)
    )
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["assignee_org", "assignee_user"]
    assert not Ticket.objects.exists()


# --- editing -------------------------------------------------------------------------------------


def test_bob_edits_the_ticket_and_assigns_an_organisation(
    bob_client: Client, alice_ticket: Ticket, binhai_org: Organisation
) -> None:
    url = reverse("tickets:edit", args=[alice_ticket.pk])
    form = bob_client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(title="小区路灯不亮（已核实）", assignee_org=binhai_org.pk, due_at="2026-12-01T18:00")
    response = bob_client.post(url, data)
    assert response.status_code == 302
    alice_ticket.refresh_from_db()
    assert (alice_ticket.title, alice_ticket.assignee_org) == ("小区路灯不亮（已核实）", binhai_org)
    assert alice_ticket.due_at is not None
    assert alice_ticket.due_at.isoformat() == "2026-12-01T10:00:00+00:00"
    kinds = list(alice_ticket.events.values_list("kind", flat=True))
    assert kinds == ["created", "assigned", "updated"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"longitude": "200"}, "longitude"),
        ({"due_at": "明天"}, "due_at"),
    ],
)
def test_bad_input_on_the_edit_form_changes_nothing(
    alice_client: Client, alice_ticket: Ticket, overrides: dict[str, str], field: str
) -> None:
    data = {"title": "新标题", "priority": "normal", **overrides}
    response = alice_client.post(reverse("tickets:edit", args=[alice_ticket.pk]), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    alice_ticket.refresh_from_db()
    assert alice_ticket.title == "小区路灯不亮"
    assert alice_ticket.events.count() == 1


def test_the_edit_form_refuses_another_tenants_organisation(
    alice_client: Client, alice_ticket: Ticket, wuqing_org: Organisation
) -> None:
    data = {"title": "新标题", "priority": "normal", "assignee_org": wuqing_org.pk}
    response = alice_client.post(reverse("tickets:edit", args=[alice_ticket.pk]), data)
    assert list(response.context["form"].errors) == ["assignee_org"]
    alice_ticket.refresh_from_db()
    assert alice_ticket.assignee_org is None


# --- status moves --------------------------------------------------------------------------------


def test_the_detail_page_offers_one_button_per_allowed_move(bob_client: Client, alice_ticket: Ticket) -> None:
    page = bob_client.get(reverse("tickets:detail", args=[alice_ticket.pk])).content.decode()
    for target in ("acknowledged", "in_progress", "rejected", "cancelled"):
        assert f'value="{target}"' in page
    assert 'value="resolved"' not in page


def test_bob_acknowledges_with_htmx_and_gets_the_status_panel(bob_client: Client, alice_ticket: Ticket) -> None:
    response = bob_client.post(
        reverse("tickets:transition", args=[alice_ticket.pk]),
        {"to_status": "acknowledged", "note": "已派人核实", "public": "on"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<section class="card" id="status-panel"')
    assert ("已受理" in body, 'hx-swap-oob="true"' in body, "已派人核实" in body) == (True, True, True)
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.ACKNOWLEDGED


def test_without_htmx_the_move_redirects_with_a_message(bob_client: Client, alice_ticket: Ticket) -> None:
    response = bob_client.post(
        reverse("tickets:transition", args=[alice_ticket.pk]), {"to_status": "in_progress"}, follow=True
    )
    assert response.redirect_chain == [(reverse("tickets:detail", args=[alice_ticket.pk]), 302)]
    assert "状态已变为“处理中”。" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"to_status": "closed"}, "不能从“新建”变为“已关闭”。"),
        ({"to_status": "rejected", "note": ""}, "请说明理由：“退回”需要填写说明。"),
        ({"to_status": "flying"}, "选择一个有效的选项"),
        ({"to_status": "rejected", "note": "长" * 2001}, "2000"),
    ],
)
def test_a_refused_move_answers_with_the_reason_and_changes_nothing(
    bob_client: Client, alice_ticket: Ticket, data: dict[str, str], message: str
) -> None:
    url = reverse("tickets:transition", args=[alice_ticket.pk])
    plain = bob_client.post(url, data)
    assert plain.status_code == 400
    assert message in plain.content.decode()
    htmx = bob_client.post(url, data, headers={"HX-Request": "true"})
    assert htmx.status_code == 200
    assert message in htmx.content.decode()
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.NEW
    assert alice_ticket.events.count() == 1


def test_bob_gets_403_reopening_a_closed_ticket(world: World, bob_client: Client, alice_ticket: Ticket) -> None:
    Ticket.objects.filter(pk=alice_ticket.pk).update(status=Status.CLOSED)
    response = bob_client.post(
        reverse("tickets:transition", args=[alice_ticket.pk]), {"to_status": "in_progress", "note": "复发"}
    )
    assert response.status_code == 403
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == Status.CLOSED


# --- comments and child tickets ------------------------------------------------------------------


def test_bob_comments_and_partners_do_not_see_internal_comments(
    bob_client: Client, partner_client: Client, alice_ticket: Ticket
) -> None:
    url = reverse("tickets:comment", args=[alice_ticket.pk])
    assert bob_client.post(url, {"body": "已联系物业"}).status_code == 302
    assert bob_client.post(url, {"body": "内部：费用待定", "internal": "on"}).status_code == 302
    assert list(alice_ticket.comments.values_list("body", "internal")) == [
        ("已联系物业", False),
        ("内部：费用待定", True),
    ]
    page = partner_client.get(reverse("tickets:detail", args=[alice_ticket.pk])).content.decode()
    assert ("已联系物业" in page, "费用待定" in page) == (True, False)


@pytest.mark.parametrize("body", ["", "   ", "字" * 5001])
def test_an_empty_or_too_long_comment_is_refused(bob_client: Client, alice_ticket: Ticket, body: str) -> None:
    response = bob_client.post(reverse("tickets:comment", args=[alice_ticket.pk]), {"body": body})
    assert response.status_code == 400
    assert list(response.context["comment_form"].errors) == ["body"]
    assert not Comment.objects.exists()


def test_a_joint_visit_creates_one_child_task_per_organisation(
    world: World, bob_client: Client, alice_ticket: Ticket, binhai_org: Organisation
) -> None:
    other = Organisation.objects.create(tenant=world.binhai, name="港福里社区居委会", kind="residents_committee")
    url = reverse("tickets:children", args=[alice_ticket.pk])
    assert bob_client.post(url, {"organisations": [binhai_org.pk, other.pk]}).status_code == 302
    assert bob_client.post(url, {"organisations": [binhai_org.pk]}).status_code == 302  # repeated: nothing new
    children = alice_ticket.children.order_by("id")
    assert [(c.kind, c.assignee_org, c.title) for c in children] == [
        ("task", binhai_org, "小区路灯不亮 — 新港街道办事处"),
        ("task", other, "小区路灯不亮 — 港福里社区居委会"),
    ]


def test_a_joint_visit_refuses_another_tenants_organisation(
    bob_client: Client, alice_ticket: Ticket, wuqing_org: Organisation
) -> None:
    response = bob_client.post(reverse("tickets:children", args=[alice_ticket.pk]), {"organisations": [wuqing_org.pk]})
    assert response.status_code == 400
    assert list(response.context["children_form"].errors) == ["organisations"]
    assert not alice_ticket.children.exists()


# --- the list ------------------------------------------------------------------------------------


def test_the_list_filters_searches_and_sorts(world: World, bob_client: Client, alice_ticket: Ticket) -> None:
    urgent = services.create_ticket(world.binhai, world.alice, title="变压器冒烟", priority="urgent", kind="alert")
    mine = services.create_ticket(world.binhai, world.alice, title="回访", assignee_user=world.bob, kind="task")
    url = reverse("tickets:list")

    def refs(**params: str) -> list[str]:
        return [t.reference for t in bob_client.get(url, params).context["object_list"]]

    assert refs(kind="alert") == [urgent.reference]
    assert refs(assignee="me") == [mine.reference]
    assert refs(assignee="unassigned", sort="created_at") == [alice_ticket.reference, urgent.reference]
    assert refs(q="路灯") == [alice_ticket.reference]
    assert refs(q="港福里") == [alice_ticket.reference]  # Bob may see addresses, so he may search them
    assert refs(sort="-priority")[0] == urgent.reference
    assert refs(overdue="true") == []
    assert refs(status="resolved") == []


def test_a_masked_reader_cannot_search_by_address(partner_client: Client, alice_ticket: Ticket) -> None:
    response = partner_client.get(reverse("tickets:list"), {"q": "港福里"})
    assert list(response.context["object_list"]) == []


def test_a_bad_filter_value_is_reported(bob_client: Client, alice_ticket: Ticket) -> None:
    response = bob_client.get(reverse("tickets:list"), {"status": "lost"})
    assert response.status_code == 200
    assert list(response.context["filter_form"].errors) == ["status"]


@pytest.mark.parametrize("name", ["edit", "edit-post", "transition", "comment", "attachment-upload", "children"])
def test_a_partner_of_another_tenant_gets_404_not_403_on_writes(
    world: World, alice_ticket: Ticket, attachment: Attachment, name: str
) -> None:
    client = Client()
    client.force_login(make_user("wuqing-partner", world.wuqing, Role.PARTNER_VIEWER))
    method, url = _urls(alice_ticket, attachment)[name]
    assert getattr(client, method)(url, {"to_status": "acknowledged", "body": "x"}).status_code == 404
