"""load_demo builds the tenant tree and the demo logins of the brief, and demo_logins lists them."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from portal.accounts.models import User
from portal.tenancy.models import Membership, Tenant

UNITS = {
    "binhai": "国网天津滨海公司",
    "chengnan": "国网天津城南公司",
    "marketing": "国网天津营销服务中心（计量中心）",
    "highvoltage": "国网天津高压公司",
    "jizhou": "国网天津蓟州公司",
    "materials": "国网天津物资公司",
    "energyservices": "国网（天津）综合能源服务有限公司",
    "jinghai": "国网天津静海供电有限公司",
    "chengxi": "国网天津城西公司",
    "wuqing": "国网天津武清公司",
}


def test_it_creates_the_fourteen_tenants_in_their_tree(demo: Counter[str]) -> None:
    tree = {t.slug: (t.name, t.kind, t.parent.slug if t.parent else None) for t in Tenant.objects.all()}
    expected = {
        "sgcc": ("国家电网有限公司", "group", None),
        "tianjin": ("国网天津市电力公司", "province", "sgcc"),
        "fujian": ("国网福建省电力有限公司", "province", "sgcc"),
        "xinjiang": ("国网新疆电力有限公司", "province", "sgcc"),
        **{slug: (name, "unit", "tianjin") for slug, name in UNITS.items()},
    }
    assert tree == expected
    assert demo["tenancy.Tenant"] == 14


def test_every_unit_has_an_admin_a_staff_member_and_a_grid_worker(demo: Counter[str]) -> None:
    roles = set(Membership.objects.values_list("user__username", "tenant__slug", "role"))
    expected = set()
    for slug in UNITS:
        expected |= {
            (f"{slug}-admin", slug, "tenant_admin"),
            (f"{slug}-staff", slug, "programme_manager"),
            (f"{slug}-staff", slug, "field_staff"),
            (f"{slug}-grid", slug, "grid_worker"),
        }
    assert roles == expected
    assert User.objects.count() == 31


def test_admin_is_a_superuser_and_the_unit_users_are_not(demo: Counter[str]) -> None:
    admin = User.objects.get(username="admin")
    assert (admin.is_superuser, admin.is_staff) == (True, True)
    assert User.objects.filter(is_superuser=True).count() == 1
    assert User.objects.get(username="binhai-grid").display_name == "张建华"


@pytest.mark.parametrize("username", ["admin", "binhai-admin", "wuqing-staff", "marketing-grid"])
def test_the_demo_password_logs_in(demo: Counter[str], username: str) -> None:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": "portal-demo-2026"})
    assert response.status_code == 302
    assert response.wsgi_request.user.username == username


def test_a_wrong_password_does_not_log_in(demo: Counter[str]) -> None:
    response = Client().post(reverse("accounts:login"), {"username": "binhai-admin", "password": "portal-demo-2025"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_demo_logins_prints_each_login_with_role_unit_and_the_url(demo: Counter[str]) -> None:
    out = StringIO()
    call_command("demo_logins", "--base-url", "http://demo.example:8000/", stdout=out)
    lines = out.getvalue().splitlines()
    binhai_staff = next(line for line in lines if line.startswith("binhai-staff "))
    assert "国网天津滨海公司" in binhai_staff
    assert "何雨晴" in binhai_staff
    assert sum(1 for line in lines if line.split(" ")[0].endswith(("-admin", "-staff", "-grid"))) == 30
    assert "Password for every demo login: portal-demo-2026" in lines
    assert "Log in at: http://demo.example:8000/accounts/login/" in lines


def test_demo_logins_says_to_load_the_demo_first_on_an_empty_database(db: None) -> None:
    out, err = StringIO(), StringIO()
    call_command("demo_logins", stdout=out, stderr=err)
    assert out.getvalue() == ""
    assert "load_demo" in err.getvalue()
