"""Errors answer in the portal's layout and in Chinese: what happened and the way back."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.tickets import services as tickets
from tests.personas import World


def test_a_page_that_does_not_exist_answers_a_chinese_404_in_the_layout(alice_client: Client) -> None:
    response = alice_client.get("/tickets/999999999/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in body
    assert "返回工作台" in body
    assert 'class="topbar"' in body  # the portal's own header, menu included


def test_another_tenants_ticket_is_the_same_404_as_a_missing_one(world: World, charlie_client: Client) -> None:
    ticket = tickets.create_ticket(world.binhai, world.alice, title="路灯不亮")
    response = charlie_client.get(reverse("tickets:detail", args=[ticket.pk]))
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_a_missing_capability_answers_a_chinese_403(bob_client: Client) -> None:
    # Bob is field staff: he may work tickets but not manage the unit's members.
    response = bob_client.get(reverse("tenancy:member-list"))
    body = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in body
    assert "管理员" in body


def test_the_500_page_renders_without_a_request_in_chinese() -> None:
    with translation.override("zh-hans"):
        body = render_to_string("500.html")
    assert "出错了" in body
    assert "{%" not in body


def test_an_expired_form_says_nothing_was_saved(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.alice)
    response = client.post(reverse("web:switch-tenant"), {"tenant": "binhai"})
    assert response.status_code == 403
    assert "表单已失效" in response.content.decode()


def test_the_blank_choice_of_every_select_is_chinese(alice_client: Client) -> None:
    # Django 6.1 labels the blank choice "- Select an option -" and does not translate it yet.
    body = alice_client.get(reverse("tickets:create")).content.decode()
    assert "- 请选择 -" in body
    assert "Select an option" not in body
