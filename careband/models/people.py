"""Who is cared for, where, by whom, and who may see them.

The government side is a tree of areas: civil-affairs bureau (district) → street (街道) → community
(社区) → grid (网格). A guardian is a portal user responsible for one area and sees every subject in
that area's subtree — a grid worker only their grid. Each area keeps its ``path`` ("/3/7/12/") so
"everything under this area" is one ``startswith`` filter.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.core.models import AuditedModel, TenantOwnedModel


class AreaLevel(models.TextChoices):
    DISTRICT = "district", _("Civil-affairs bureau (district)")
    STREET = "street", _("Street")
    COMMUNITY = "community", _("Community")
    GRID = "grid", _("Grid")


LEVEL_ORDER = [AreaLevel.DISTRICT, AreaLevel.STREET, AreaLevel.COMMUNITY, AreaLevel.GRID]


class CareArea(TenantOwnedModel):
    level = models.CharField(_("level"), max_length=12, choices=AreaLevel.choices)
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent area"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["tenant", "parent", "name"], name="carearea_unique_name")]
        verbose_name = _("care area")
        verbose_name_plural = _("care areas")

    def __str__(self) -> str:
        return self.name

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]


class Guardian(TenantOwnedModel):
    """A user on the government side answering for one area (a user may hold several)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_guardianships")
    area = models.ForeignKey(CareArea, verbose_name=_("area"), on_delete=models.CASCADE, related_name="guardians")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "user", "area"], name="guardian_unique")]
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")

    def __str__(self) -> str:
        return f"{self.user} · {self.area}"


class CareSubject(AuditedModel):
    class Category(models.TextChoices):
        ELDERLY_ALONE = "elderly_alone", _("Elderly person living alone")
        HARDSHIP = "hardship", _("Household in hardship")
        DISABILITY = "disability", _("Person with a disability")
        OTHER = "other", _("Other")

    personal_fields = {"name": "name", "phone": "phone", "id_number": "id_number", "address": "address"}

    name = models.CharField(_("name"), max_length=60)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    grid = models.ForeignKey(CareArea, verbose_name=_("grid"), on_delete=models.PROTECT, related_name="subjects")
    # Consent: who agreed, when, to what. Withdrawal stops scoring and hides the history.
    consent_by = models.CharField(_("consent given by"), max_length=60)
    consent_at = models.DateTimeField(_("consent given at"))
    consent_scope = models.CharField(_("consent covers"), max_length=200)
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn at"), null=True, blank=True)
    paused_until = models.DateField(_("paused until"), null=True, blank=True)
    pause_reason = models.CharField(_("pause reason"), max_length=100, blank=True)
    # ≥ 1: widened by each false alarm a visit records (see ``services.alerts``).
    tolerance = models.FloatField(_("threshold tolerance"), default=1.0)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "id_number"], condition=~Q(id_number=""), name="caresubject_unique_id_number"
            ),
            models.CheckConstraint(condition=Q(tolerance__gte=1) & Q(tolerance__lte=3), name="caresubject_tolerance"),
        ]
        verbose_name = _("care subject")
        verbose_name_plural = _("care subjects")

    def __str__(self) -> str:
        return self.name

    @property
    def consenting(self) -> bool:
        return self.consent_withdrawn_at is None


class SubjectMeter(TenantOwnedModel):
    """A meter whose daily consumption counts for the subject (usually one; a few for a split home)."""

    subject = models.ForeignKey(CareSubject, on_delete=models.CASCADE, related_name="meters")
    meter_no = models.CharField(_("meter number"), max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "meter_no"], name="subjectmeter_unique")]
        verbose_name = _("subject meter")
        verbose_name_plural = _("subject meters")

    def __str__(self) -> str:
        return self.meter_no


def _invitation_code() -> str:
    return secrets.token_urlsafe(9)


class Invitation(TenantOwnedModel):
    """A code the staff hand to a relative; the first signed-in user to accept it follows the subject."""

    subject = models.ForeignKey(CareSubject, on_delete=models.CASCADE, related_name="invitations")
    code = models.CharField(max_length=16, unique=True, default=_invitation_code, editable=False)
    relationship = models.CharField(_("relationship"), max_length=30)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField(_("expires"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("relative invitation")
        verbose_name_plural = _("relative invitations")

    def __str__(self) -> str:
        return f"{self.subject} · {self.relationship}"


class Relative(TenantOwnedModel):
    """A portal user following exactly one subject (the relative side, 亲属侧)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_relatives")
    subject = models.ForeignKey(CareSubject, on_delete=models.CASCADE, related_name="relatives")
    relationship = models.CharField(_("relationship"), max_length=30)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "subject"], name="relative_unique")]
        verbose_name = _("relative")
        verbose_name_plural = _("relatives")

    def __str__(self) -> str:
        return f"{self.user} → {self.subject}"


class CareKeyScope(TenantOwnedModel):
    """The one area a partner API key may read care data of (a civil-affairs bureau's key: its district).

    Fail closed: a key without a scope row reads no care data at all.
    """

    api_key = models.OneToOneField("api.ApiKey", on_delete=models.CASCADE, related_name="care_scope")
    area = models.ForeignKey(CareArea, verbose_name=_("area"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("care API key area")
        verbose_name_plural = _("care API key areas")

    def __str__(self) -> str:
        return f"{self.api_key} · {self.area}"
