"""``manage.py create_api_key --tenant binhai --name 区民政局 --programmes alliance --days 365``.

Prints the key's details, then the token alone on the last line so scripts can take it with
``| tail -n 1``. The token is shown only here: the database keeps its hash.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.api.keys import issue_key
from portal.api.management.commands._tenant import command_error, tenant_by_slug


class Command(BaseCommand):
    help = "Issue a partner API key for a tenant and print its token once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", required=True, help="Tenant code (slug), e.g. binhai.")
        parser.add_argument("--name", required=True, help="Who the key is for, e.g. the partner's name.")
        parser.add_argument("--programmes", default="", help="Comma-separated programme codes; empty: core only.")
        parser.add_argument("--days", type=int, default=365, help="Days until the key expires (default 365).")
        parser.add_argument(
            "--personal-data", action="store_true", help="Let the key see unmasked personal data (rarely needed)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        tenant = tenant_by_slug(options["tenant"])
        try:
            key, token = issue_key(
                tenant,
                options["name"],
                programmes=options["programmes"].split(","),
                days=options["days"],
                can_see_personal_data=options["personal_data"],
            )
        except ValidationError as exc:
            raise command_error(exc) from exc
        expires = timezone.localtime(key.expires_at).strftime("%Y-%m-%d %H:%M")
        details = [
            (_("Tenant"), f"{tenant.slug} ({tenant.name})"),
            (_("Name"), key.name),
            (_("Programmes"), ", ".join(["core", *key.programmes])),
            (_("Personal data"), _("unmasked") if key.can_see_personal_data else _("masked")),
            (_("Expires"), expires),
        ]
        for label, value in details:
            self.stdout.write(f"{label}: {value}")
        self.stdout.write(_("Token (shown once, store it now):"))
        self.stdout.write(token)
