"""Park hookups (大项目互通机制): an enterprise's profile shared with the members it authorises, hookup
templates per utility (the standard and the alliance process), and projects tracked step by step."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alliance.models.members import Member, ServicePlace, Utility
from portal.core.models import AuditedModel, TenantOwnedModel


class EnterpriseProfile(AuditedModel):
    """Entered once; only staff of the members in ``authorised_members`` (and managers) may read it."""

    personal_fields = {"contact_name": "name", "contact_phone": "phone", "credit_code": "id_number"}

    organisation = models.OneToOneField(
        "stakeholders.Organisation", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    park = models.ForeignKey(ServicePlace, verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    site_area_m2 = models.PositiveIntegerField(_("site area (m²)"), null=True, blank=True)
    power_kva = models.PositiveIntegerField(_("power demand (kVA)"), null=True, blank=True)
    water_m3_day = models.PositiveIntegerField(_("water demand (m³/day)"), null=True, blank=True)
    gas_m3_day = models.PositiveIntegerField(_("gas demand (m³/day)"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    authorised_members = models.ManyToManyField(
        Member, verbose_name=_("members authorised to see it"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("enterprise profile")
        verbose_name_plural = _("enterprise profiles")

    def __str__(self) -> str:
        return str(self.organisation)


class ProfileRead(TenantOwnedModel):
    """Who saw which enterprise's profile, as which member (or as manager)."""

    profile = models.ForeignKey(EnterpriseProfile, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]


class HookupTemplate(TenantOwnedModel):
    class Process(models.TextChoices):
        STANDARD = "standard", _("Standard process")
        ALLIANCE = "alliance", _("Alliance process")

    utility = models.CharField(_("utility"), max_length=10, choices=Utility.choices)
    process = models.CharField(_("process"), max_length=10, choices=Process.choices)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["process", "utility"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "utility", "process"], name="alliance_template_unique")
        ]
        verbose_name = _("hookup template")
        verbose_name_plural = _("hookup templates")

    def __str__(self) -> str:
        return self.name


class HookupStep(TenantOwnedModel):
    template = models.ForeignKey(HookupTemplate, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("step"), max_length=80)
    expected_days = models.PositiveSmallIntegerField(_("expected days"))

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["tenant", "template", "order"], name="alliance_step_unique")]

    def __str__(self) -> str:
        return self.name


class Project(AuditedModel):
    enterprise = models.ForeignKey(EnterpriseProfile, verbose_name=_("enterprise"), on_delete=models.PROTECT)
    name = models.CharField(_("project"), max_length=120)
    started_on = models.DateField(_("started on"))

    class Meta:
        ordering = ["-started_on", "name"]
        constraints = [models.UniqueConstraint(fields=["tenant", "name"], name="alliance_project_unique_name")]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name


class Hookup(TenantOwnedModel):
    """One utility's hookup of a project, following one template."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="hookups")
    template = models.ForeignKey(HookupTemplate, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["template__utility"]
        constraints = [models.UniqueConstraint(fields=["tenant", "project", "template"], name="alliance_hookup_unique")]

    def __str__(self) -> str:
        return f"{self.project} · {self.template}"


class StepProgress(TenantOwnedModel):
    hookup = models.ForeignKey(Hookup, on_delete=models.CASCADE, related_name="progress")
    step = models.ForeignKey(HookupStep, on_delete=models.PROTECT, related_name="+")
    done_on = models.DateField(_("done on"))

    class Meta:
        ordering = ["step__order"]
        constraints = [models.UniqueConstraint(fields=["tenant", "hookup", "step"], name="alliance_progress_unique")]
