"""The alliance's members, the service types each answers for, the places it serves and their contacts."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.models import AuditedModel, TenantOwnedModel


class Utility(models.TextChoices):
    WATER = "water", _("Water")
    POWER = "power", _("Power")
    GAS = "gas", _("Gas")
    HEATING = "heating", _("Heating")
    TELECOM = "telecom", _("Telecom")
    SEWAGE = "sewage", _("Sewage")


# Tianjin 12345 practice: these utilities must confirm receipt within 30 minutes (the others within
# one working day); a request where life or property is at risk within 15 minutes whatever its utility.
ESSENTIAL_UTILITIES = frozenset({Utility.WATER, Utility.POWER, Utility.GAS, Utility.HEATING})


class Member(AuditedModel):
    """A member company of the alliance: one stakeholder organisation answering for one utility."""

    organisation = models.ForeignKey(
        "stakeholders.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    utility = models.CharField(_("utility"), max_length=10, choices=Utility.choices)
    hotline = models.CharField(_("service hotline"), max_length=30, blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff of this member"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["utility", "id"]
        constraints = [models.UniqueConstraint(fields=["tenant", "organisation"], name="alliance_member_unique_org")]
        verbose_name = _("alliance member")
        verbose_name_plural = _("alliance members")

    def __str__(self) -> str:
        return str(self.organisation)


class ServiceType(AuditedModel):
    """What a resident can ask for (a GeoReport ``service``), with its clocks.

    Receipt clock: ``receipt_minutes`` when set, else ``receipt_working_days`` working days. The
    defaults follow Tianjin 12345 practice (see ``clocks.default_receipt``); a tenant edits them.
    """

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    utility = models.CharField(_("utility"), max_length=10, choices=Utility.choices)
    member = models.ForeignKey(
        Member, verbose_name=_("responsible member"), on_delete=models.PROTECT, related_name="service_types"
    )
    life_risk = models.BooleanField(_("life or property at risk"), default=False)
    receipt_minutes = models.PositiveIntegerField(_("confirm receipt within (minutes)"), null=True, blank=True)
    receipt_working_days = models.PositiveSmallIntegerField(
        _("confirm receipt within (working days)"), null=True, blank=True
    )
    resolve_hours = models.PositiveIntegerField(_("resolve within (hours)"), default=72)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["utility", "code"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="alliance_servicetype_unique_code"),
            models.CheckConstraint(
                condition=models.Q(receipt_minutes__isnull=False) | models.Q(receipt_working_days__isnull=False),
                name="alliance_servicetype_has_receipt_clock",
            ),
        ]
        verbose_name = _("service type")
        verbose_name_plural = _("service types")

    def __str__(self) -> str:
        return self.name


class ServiceAttribute(TenantOwnedModel):
    """An extra question of a service type (a GeoReport service-definition attribute)."""

    class Datatype(models.TextChoices):
        STRING = "string", _("Short text")
        NUMBER = "number", _("Number")
        DATETIME = "datetime", _("Date and time")
        TEXT = "text", _("Long text")
        SINGLE = "singlevaluelist", _("One choice")
        MULTI = "multivaluelist", _("Several choices")

    service_type = models.ForeignKey(ServiceType, on_delete=models.CASCADE, related_name="attributes")
    code = models.SlugField(_("code"), max_length=40)
    description = models.CharField(_("question"), max_length=200)
    datatype = models.CharField(_("answer type"), max_length=16, choices=Datatype.choices)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    # [{"key": "...", "name": "..."}] for the two list types.
    values = models.JSONField(_("choices"), default=list, blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "service_type", "code"], name="alliance_attribute_unique_code")
        ]
        verbose_name = _("service attribute")
        verbose_name_plural = _("service attributes")

    def __str__(self) -> str:
        return self.code


class ServicePlace(AuditedModel):
    """An old community, industrial park or village the alliance serves; its card links to ``public_key``."""

    class Kind(models.TextChoices):
        COMMUNITY = "community", _("Old community without property management")
        PARK = "park", _("Industrial park")
        VILLAGE = "village", _("Village")

    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    wechat_group = models.CharField(_("WeChat group"), max_length=80, blank=True)
    organisation = models.ForeignKey(
        "stakeholders.Organisation",
        verbose_name=_("committee or administration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    public_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["tenant", "name"], name="alliance_place_unique_name")]
        verbose_name = _("service place")
        verbose_name_plural = _("service places")

    def __str__(self) -> str:
        return self.name


class PlaceContact(AuditedModel):
    """Who answers for one utility at one place: the card lists these, and routing follows them."""

    personal_fields = {"contact_name": "name"}

    place = models.ForeignKey(ServicePlace, on_delete=models.CASCADE, related_name="contacts")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="places")
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30)

    class Meta:
        ordering = ["member__utility", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "place", "member"], name="alliance_contact_unique_member")
        ]
        verbose_name = _("place contact")
        verbose_name_plural = _("place contacts")

    def __str__(self) -> str:
        return f"{self.place} · {self.member}"
