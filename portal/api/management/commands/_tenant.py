"""Helpers shared by the API key commands."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from portal.tenancy.models import Tenant


def tenant_by_slug(slug: str) -> Tenant:
    tenant = Tenant.objects.filter(slug=slug, is_active=True).first()
    if tenant is None:
        raise CommandError(_("Unknown tenant “%(slug)s” (use the tenant's code, e.g. binhai).") % {"slug": slug})
    return tenant


def command_error(exc: ValidationError) -> CommandError:
    return CommandError(" ".join(str(m) for m in exc.messages))
