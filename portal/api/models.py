"""Partner API keys: stored hashed, expiring, scoped to one tenant and a set of programmes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.models import TenantOwnedModel

KEY_PREFIX = "sap"


def hash_secret(secret: str) -> str:
    # Keys are 256 random bits, so a fast hash is enough: nothing to brute-force.
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiKey(TenantOwnedModel):
    name = models.CharField(_("name"), max_length=100)
    lookup = models.CharField(max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    programmes = models.JSONField(
        _("programme scopes"), default=list, blank=True, help_text=_("Programme codes; empty means core only.")
    )
    can_see_personal_data = models.BooleanField(_("may see unmasked personal data"), default=False)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        # At most one usable key per name in a tenant, so "revoke the key named X" means one key.
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "name"], condition=models.Q(revoked_at__isnull=True), name="apikey_unique_active_name"
            )
        ]
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")

    def __str__(self) -> str:
        return self.name

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def allows_programme(self, programme: str) -> bool:
        return programme == "core" or programme in self.programmes

    @classmethod
    def issue(
        cls,
        tenant: object,
        name: str,
        *,
        programmes: list[str] | None = None,
        days: int = 365,
        can_see_personal_data: bool = False,
        created_by: object = None,
    ) -> tuple[ApiKey, str]:
        """Create a key and return it with the plain token, which is shown once and never stored."""
        lookup = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        key = cls.objects.create(
            tenant=tenant,
            name=name,
            lookup=lookup,
            secret_hash=hash_secret(secret),
            programmes=sorted(set(programmes or [])),
            can_see_personal_data=can_see_personal_data,
            expires_at=timezone.now() + timedelta(days=days),
            created_by=created_by,
        )
        return key, f"{KEY_PREFIX}_{lookup}_{secret}"
