"""Running load_demo again changes nothing: no new rows anywhere, no new change records."""

from __future__ import annotations

from collections import Counter
from io import StringIO

from django.apps import apps
from django.core.management import call_command

from portal.accounts.models import User
from portal.audit.models import ChangeRecord
from portal.demo.loader import load_demo
from portal.demo.users import DEMO_PASSWORD


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_a_second_run_leaves_every_table_as_it_was(demo: Counter[str]) -> None:
    before = row_counts()
    assert before["audit.ChangeRecord"] > 0
    again = load_demo()
    assert again == Counter()
    assert row_counts() == before


def test_a_second_run_through_the_command_says_there_is_nothing_to_do(demo: Counter[str]) -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert out.getvalue().strip() == "Demo data already loaded; nothing to do."


def test_the_first_run_records_one_creation_per_audited_row(demo: Counter[str]) -> None:
    audited = sum(demo[label] for label in (
        "stakeholders.Organisation", "stakeholders.Person", "stakeholders.Agreement",
        "stakeholders.Meeting", "activities.Activity", "careband.CareSubject",
    ))  # fmt: skip
    creations = ChangeRecord.objects.all_tenants().filter(action="create", actor_label="load_demo").count()
    assert creations == audited


def test_existing_users_keep_their_changed_password(demo: Counter[str]) -> None:
    user = User.objects.get(username="binhai-admin")
    user.set_password("a-new-password-2027")
    user.save()
    load_demo()
    user.refresh_from_db()
    assert user.check_password("a-new-password-2027")
    assert not user.check_password(DEMO_PASSWORD)
