"""The programme-app contract: a folder with a ``programme.py`` is all a programme app needs, and the
core wires what it declares (URLs, beat entries, settings, menu entries, demo hooks, public routes)."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from portal.core.checks import check_app, route_names
from portal.core.contract import BeatEntry, Navigation, ProgrammeApp, PublicRoute, Setting
from portal.core.discovery import beat_schedule, check_declaration, discover_programmes, setting_values
from portal.env import SettingError
from portal.tenancy.models import TenantProgramme
from portal.tenancy.roles import Role
from tests.personas import World, make_user

ROOT = Path(__file__).resolve().parents[2]


# --- discovery --------------------------------------------------------------------------------------


def test_the_portal_discovers_the_three_programme_apps_of_this_checkout_in_catalogue_order() -> None:
    codes = [app.code for app in discover_programmes(ROOT)]
    # Catalogue order: alliance (1st), careband (3rd), theftscan (10th); more apps only add to this list.
    assert [c for c in codes if c in {"alliance", "careband", "theftscan"}] == ["alliance", "careband", "theftscan"]


def test_a_deployment_may_run_fewer_programmes_and_is_told_about_a_code_with_no_folder() -> None:
    assert [app.code for app in discover_programmes(ROOT, ["theftscan"])] == ["theftscan"]
    with pytest.raises(ImproperlyConfigured, match="no app folder: nosuchapp"):
        discover_programmes(ROOT, ["theftscan", "nosuchapp"])


def test_a_new_folder_with_a_programme_py_is_found_without_any_core_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "renovation"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "programme.py").write_text(
        textwrap.dedent(
            """
            from portal.core.contract import BeatEntry, ProgrammeApp, Setting
            PROGRAMME = ProgrammeApp(
                code="renovation",
                beat=(BeatEntry("renovation-overdue", "renovation.tasks.escalate", 600.0),),
                settings=(Setting("RENOVATION_NODE_WARNING_DAYS", 3, "Days before a node task is due."),),
            )
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("renovation", "renovation.programme"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    (app,) = discover_programmes(tmp_path)
    assert app.code == "renovation"
    assert app.urlconf == "renovation.urls"
    assert app.isolation_module == "tests.renovation.isolation"
    assert beat_schedule([app]) == {"renovation-overdue": {"task": "renovation.tasks.escalate", "schedule": 600.0}}
    assert setting_values([app]) == {"RENOVATION_NODE_WARNING_DAYS": 3}


def test_a_declaration_that_breaks_the_naming_rules_stops_start_up_with_every_problem_named() -> None:
    app = ProgrammeApp(
        code="outage",
        beat=(BeatEntry("nightly", "outage.tasks.nightly", 60.0),),
        settings=(Setting("NOTICE_DAYS", 3, "Lead time."),),
        public_routes=(PublicRoute("outage:public", " "),),
        demo="outage.demo.load",
    )
    with pytest.raises(ImproperlyConfigured) as raised:
        check_declaration(app, "outages")
    message = str(raised.value)
    for expected in (
        "its code 'outage' differs from its folder name 'outages'",
        "setting NOTICE_DAYS must start with OUTAGE_",
        "beat entry nightly must start with outage-",
        "public route outage:public needs a reason",
        "demo hook 'outage.demo.load' must read 'module:function'",
    ):
        assert expected in message


def test_a_code_outside_the_catalogue_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured, match="not in the programme catalogue"):
        check_declaration(ProgrammeApp(code="karaoke"), "karaoke")


# --- what the core wires ----------------------------------------------------------------------------


def test_the_programmes_beat_entries_join_the_core_schedule() -> None:
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["theftscan-nightly-screen"] == {
        "task": "theftscan.tasks.enqueue_nightly_screens",
        "schedule": crontab(hour=2, minute=30),
    }
    assert schedule["alliance-requester-updates"]["schedule"] == 60.0
    assert "tickets-sla-sweep" in schedule  # the core's own entries stay


def test_the_extra_mount_of_an_app_is_served_outside_its_own_prefix() -> None:
    assert reverse("open311:discovery", kwargs={"fmt": "json"}) == "/open311/v2/discovery.json"


def test_a_declared_setting_reads_its_environment_variable_and_refuses_a_malformed_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    factor = Setting("CHARGING_CO2_KG_PER_KWH", 0.5366, "Grid emission factor.", env="PORTAL_CHARGING_CO2")
    assert factor.value() == 0.5366
    monkeypatch.setenv("PORTAL_CHARGING_CO2", "0.581")
    assert factor.value() == 0.581
    monkeypatch.setenv("PORTAL_CHARGING_CO2", "a lot")
    with pytest.raises(SettingError, match="PORTAL_CHARGING_CO2 must be a number"):
        factor.value()


def test_the_system_check_names_a_menu_entry_a_public_route_and_a_beat_task_that_do_not_exist() -> None:
    app = ProgrammeApp(
        code="theftscan",
        navigation=(Navigation("nowhere"),),
        public_routes=(PublicRoute("theftscan:secret", "none"),),
        beat=(BeatEntry("theftscan-ghost", "theftscan.tasks.no_such_task", 60.0),),
    )
    messages = [error.msg for error in check_app(app, set(route_names()))]
    assert messages == [
        "menu entries name routes that do not exist: ['nowhere']",
        "public routes that do not exist: ['theftscan:secret']",
        messages[2],  # the import error's own wording follows
    ]
    assert messages[2].startswith("beat entry theftscan-ghost: task theftscan.tasks.no_such_task does not import")


def test_the_installed_apps_pass_their_own_system_check() -> None:
    names = set(route_names())
    from portal.core.programmes import programme_apps

    assert [error.msg for app in programme_apps() for error in check_app(app, names)] == []


# --- the menu ---------------------------------------------------------------------------------------


def _menu(client: Client) -> list[str]:
    response = client.get(reverse("web:dashboard"))
    return [str(programme.code) for programme, _url in response.context["programme_links"]]


def test_the_menu_offers_a_unit_only_the_programmes_it_runs(alice_client: Client, world: World) -> None:
    assert _menu(alice_client) == ["alliance", "careband", "theftscan"]
    TenantProgramme.objects.filter(tenant=world.binhai).exclude(programme="alliance").delete()
    assert _menu(alice_client) == ["alliance"]


def test_a_relative_is_offered_the_person_they_follow_and_nothing_else(world: World) -> None:
    relative = make_user("daughter", world.binhai, Role.RELATIVE)
    client = Client()
    client.force_login(relative)
    response = client.get(reverse("careband:mine"))
    assert [url for _p, url in response.context["programme_links"]] == [reverse("careband:mine")]
