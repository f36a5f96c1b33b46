"""Tenants (implementing units, nested State Grid → province → unit) and memberships."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.programmes import catalogue_choices
from portal.tenancy.roles import Role


class Tenant(models.Model):
    class Kind(models.TextChoices):
        GROUP = "group", _("Group headquarters")
        PROVINCE = "province", _("Provincial company")
        UNIT = "unit", _("Implementing unit")

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.UNIT)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tenant")
        verbose_name_plural = _("tenants")

    def __str__(self) -> str:
        return self.short_name or self.name

    def ancestors(self) -> list[Tenant]:
        chain: list[Tenant] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def descendants(self) -> list[Tenant]:
        """Every tenant below this one (the tree is small: a few dozen rows)."""
        by_parent: dict[int | None, list[Tenant]] = {}
        for tenant in Tenant.objects.all():
            by_parent.setdefault(tenant.parent_id, []).append(tenant)
        found: list[Tenant] = []
        stack = list(by_parent.get(self.pk, []))
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(by_parent.get(node.pk, []))
        return sorted(found, key=lambda t: t.slug)


class Membership(models.Model):
    """One role of one user in one tenant; a user may hold several roles and several tenants.

    A member of an outside organisation (``Role.ORGANISATION_MEMBER``) names the organisation they act
    for — one of the tenant's stakeholders; every other role names none.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        "stakeholders.Organisation",
        verbose_name=_("acting for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "tenant", "role"], name="membership_unique_role"),
            models.CheckConstraint(
                condition=(
                    models.Q(role=Role.ORGANISATION_MEMBER, organisation__isnull=False)
                    | (~models.Q(role=Role.ORGANISATION_MEMBER) & models.Q(organisation__isnull=True))
                ),
                name="membership_organisation_iff_organisation_member",
            ),
        ]
        ordering = ["tenant__slug", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.tenant.slug}: {self.role}"


class TenantProgramme(models.Model):
    """A programme a tenant runs. The menu and the dashboard offer a tenant only the programmes it runs;
    the pages themselves stay reachable (a link from a ticket of another programme still opens)."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="programme_rows")
    programme = models.CharField(_("programme"), max_length=20, choices=catalogue_choices)
    started_on = models.DateField(_("started on"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "programme"], name="tenant_programme_unique"),
        ]
        ordering = ["tenant__slug", "programme"]
        verbose_name = _("programme run by a unit")
        verbose_name_plural = _("programmes run by units")

    def __str__(self) -> str:
        return f"{self.tenant.slug}: {self.programme}"


def programmes_run_by(tenant: Tenant) -> frozenset[str]:
    return frozenset(TenantProgramme.objects.filter(tenant=tenant).values_list("programme", flat=True))
