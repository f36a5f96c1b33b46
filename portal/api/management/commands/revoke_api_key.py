"""``manage.py revoke_api_key --tenant binhai --name 区民政局``: the key stops working at once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from portal.api.keys import revoke_key
from portal.api.management.commands._tenant import tenant_by_slug


class Command(BaseCommand):
    help = "Revoke a tenant's active partner API key by name."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", required=True, help="Tenant code (slug), e.g. binhai.")
        parser.add_argument("--name", required=True, help="The key's name.")

    def handle(self, *args: Any, **options: Any) -> None:
        tenant = tenant_by_slug(options["tenant"])
        if revoke_key(tenant, name=options["name"]) == 0:
            raise CommandError(
                _("%(tenant)s has no active key named “%(name)s”.") % {"tenant": tenant.slug, "name": options["name"]}
            )
        self.stdout.write(
            _("Revoked the key “%(name)s” of %(tenant)s.") % {"name": options["name"], "tenant": tenant.slug}
        )
