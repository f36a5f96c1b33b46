"""`create_api_key` and `revoke_api_key`: what an operator types, what the partner's system then gets."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from portal.api.models import ApiKey
from tests.conftest import api_client_for_key
from tests.personas import World


def create(*args: str) -> list[str]:
    out = StringIO()
    call_command("create_api_key", *args, stdout=out)
    return out.getvalue().splitlines()


def test_it_creates_a_key_and_prints_the_token_alone_on_the_last_line(world: World) -> None:
    lines = create("--tenant", "binhai", "--name", "区民政局", "--programmes", "alliance,charging", "--days", "30")

    key = ApiKey.objects.for_tenant(world.binhai).get()
    token = lines[-1]
    assert token.startswith(f"sap_{key.lookup}_")
    assert " " not in token
    assert key.name == "区民政局"
    assert key.programmes == ["alliance", "charging"]
    assert key.can_see_personal_data is False
    assert 29 <= (key.expires_at - timezone.now()).days <= 30
    assert lines[:5] == [
        "单位: binhai (国网天津滨海公司)",
        "名称: 区民政局",
        "项目: core, alliance, charging",
        "个人信息: 脱敏",
        f"到期时间: {timezone.localtime(key.expires_at):%Y-%m-%d %H:%M}",
    ]
    assert api_client_for_key(token).get("/api/v1/").status_code == 200


def test_personal_data_flag_grants_unmasked_access(world: World) -> None:
    create("--tenant", "binhai", "--name", "审计署", "--personal-data")

    assert ApiKey.objects.for_tenant(world.binhai).get().can_see_personal_data is True


def test_the_token_is_not_stored_in_the_database(world: World) -> None:
    token = create("--tenant", "binhai", "--name", "区民政局")[-1]

    key = ApiKey.objects.for_tenant(world.binhai).get()
    assert token.rsplit("_", 1)[-1] not in key.secret_hash


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tenant", "nowhere", "--name", "x"], "未知单位“nowhere”"),
        (["--tenant", "binhai", "--name", "x", "--programmes", "alliance,fishing"], "未知的项目编码：fishing。"),
        (["--tenant", "binhai", "--name", "x", "--days", "0"], "密钥有效期须为 1 至 1095 天。"),
        (["--tenant", "binhai", "--name", "x", "--days", "-5"], "密钥有效期须为 1 至 1095 天。"),
        (["--tenant", "binhai", "--name", "x", "--days", "5000"], "密钥有效期须为 1 至 1095 天。"),
        (["--tenant", "binhai", "--name", "   "], "请为密钥填写名称。"),
        (["--tenant", "binhai", "--name", "长" * 101], "名称最多 100 个字符。"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(world: World, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        create(*args)

    assert ApiKey.objects.all_tenants().count() == 0


def test_days_that_are_not_a_number_are_refused(world: World) -> None:
    with pytest.raises(CommandError, match="invalid int value"):
        create("--tenant", "binhai", "--name", "x", "--days", "ten")

    assert ApiKey.objects.all_tenants().count() == 0


def test_a_second_active_key_with_the_same_name_is_refused(world: World) -> None:
    create("--tenant", "binhai", "--name", "区民政局")

    with pytest.raises(CommandError, match="本单位已有名为“区民政局”的有效密钥。"):
        create("--tenant", "binhai", "--name", "区民政局")

    assert ApiKey.objects.for_tenant(world.binhai).count() == 1


def test_another_tenant_may_use_the_same_name(world: World) -> None:
    create("--tenant", "binhai", "--name", "区民政局")
    create("--tenant", "wuqing", "--name", "区民政局")

    assert ApiKey.objects.for_tenant(world.wuqing).count() == 1


def test_the_command_exits_non_zero_from_the_shell(world: World) -> None:
    # call_command raises; the real entry point turns that into exit status 1 and a message on stderr.
    from django.core.management import ManagementUtility

    utility = ManagementUtility(["manage.py", "create_api_key", "--tenant", "nowhere", "--name", "x"])
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code == 1


def test_revoking_a_key_stops_it_at_once(world: World) -> None:
    token = create("--tenant", "binhai", "--name", "区民政局")[-1]
    out = StringIO()

    call_command("revoke_api_key", "--tenant", "binhai", "--name", "区民政局", stdout=out)

    assert ApiKey.objects.for_tenant(world.binhai).get().revoked_at is not None
    response = api_client_for_key(token).get("/api/v1/")
    assert response.status_code == 401
    assert response.json() == {"detail": "该 API 密钥已过期或已被吊销。"}


def test_revoking_leaves_the_other_tenants_key_of_the_same_name_alone(world: World) -> None:
    create("--tenant", "binhai", "--name", "区民政局")
    create("--tenant", "wuqing", "--name", "区民政局")

    call_command("revoke_api_key", "--tenant", "wuqing", "--name", "区民政局", stdout=StringIO())

    assert ApiKey.objects.for_tenant(world.binhai).get().revoked_at is None
    assert ApiKey.objects.for_tenant(world.wuqing).get().revoked_at is not None


def test_revoking_an_unknown_or_already_revoked_key_is_an_error(world: World) -> None:
    create("--tenant", "binhai", "--name", "区民政局")
    call_command("revoke_api_key", "--tenant", "binhai", "--name", "区民政局", stdout=StringIO())
    first_revocation = ApiKey.objects.for_tenant(world.binhai).get().revoked_at

    with pytest.raises(CommandError, match="binhai 没有名为“区民政局”的有效密钥。"):
        call_command("revoke_api_key", "--tenant", "binhai", "--name", "区民政局")
    with pytest.raises(CommandError, match="未知单位“nowhere”"):
        call_command("revoke_api_key", "--tenant", "nowhere", "--name", "区民政局")

    assert ApiKey.objects.for_tenant(world.binhai).get().revoked_at == first_revocation
