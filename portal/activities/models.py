"""Campaigns and volunteer events (宣传、志愿服务、培训): where the programmes' results figures
(people reached, materials handed out, cables removed …) come from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.models import AuditedModel
from portal.core.programmes import CORE, programme_choices


class Activity(AuditedModel):
    class Kind(models.TextChoices):
        PUBLICITY = "publicity", _("Publicity (宣传)")
        VOLUNTEER = "volunteer", _("Volunteer service (志愿服务)")
        TRAINING = "training", _("Training (培训)")
        CAMPAIGN = "campaign", _("Joint campaign (专项行动)")
        SAFETY_CHECK = "safety_check", _("Safety check (安全检查)")
        SCHOOL = "school", _("School activity (进校园)")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    programme = models.CharField(_("programme"), max_length=20, choices=programme_choices(), default=CORE)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        "stakeholders.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_activities",
    )
    partners = models.ManyToManyField(
        "stakeholders.Organisation", verbose_name=_("partners"), related_name="activities", blank=True
    )
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)
    volunteers = models.PositiveIntegerField(_("volunteers"), default=0)
    materials_handed_out = models.PositiveIntegerField(_("materials handed out"), default=0)
    # Programme-specific counts, e.g. {"cables_removed": 78}; keys are documented by each programme.
    metrics = models.JSONField(_("other figures"), default=dict, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-start_date", "title"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "title", "start_date"], name="activity_unique_title_date"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="activity_end_after_start",
            ),
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title
