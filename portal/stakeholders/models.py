"""Stakeholders: the organisations and people every programme's analysis starts with, their needs
(诉求) and resources (优势资源), the agreements they sign (共建协议) and the meetings they hold."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.models import AuditedModel, TenantOwnedModel
from portal.core.programmes import CORE, programme_choices


class Organisation(AuditedModel):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government body")
        UTILITY_MEMBER = "utility_member", _("Utility member company")
        POWER_UNIT = "power_unit", _("Power supply unit")
        ENTERPRISE = "enterprise", _("Enterprise")
        NGO = "ngo", _("NGO / social organisation")
        VILLAGE_COMMITTEE = "village_committee", _("Village committee")
        RESIDENTS_COMMITTEE = "residents_committee", _("Residents' committee")
        PROPERTY_COMPANY = "property_company", _("Property management company")
        SCHOOL = "school", _("School")
        MEDIA = "media", _("Media")
        SUPPLIER = "supplier", _("Supplier")
        RESEARCH = "research", _("Research institute")
        OTHER = "other", _("Other")

    personal_fields = {"contact_name": "name", "contact_phone": "phone"}

    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("type"), max_length=24, choices=Kind.choices)
    programmes = models.JSONField(_("programmes"), default=list, blank=True)
    district = models.CharField(_("district"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["tenant", "name"], name="organisation_unique_name")]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.short_name or self.name


class Person(AuditedModel):
    class Kind(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        OFFICIAL = "official", _("Official")
        STAFF = "staff", _("Utility staff")
        GRID_WORKER = "grid_worker", _("Community grid worker")
        VOLUNTEER = "volunteer", _("Volunteer")
        EXPERT = "expert", _("Expert")
        ENTREPRENEUR = "entrepreneur", _("Enterprise contact")
        OTHER = "other", _("Other")

    personal_fields = {"name": "name", "phone": "phone", "id_number": "id_number", "address": "address"}

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    position = models.CharField(_("position"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class Need(TenantOwnedModel):
    """What a stakeholder wants from a programme (诉求)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="needs")
    programme = models.CharField(_("programme"), max_length=20, choices=programme_choices(), default=CORE)
    description = models.CharField(_("need"), max_length=300)

    class Meta:
        ordering = ["id"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.description


class Resource(TenantOwnedModel):
    """What a stakeholder brings to a programme (优势资源)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="resources")
    programme = models.CharField(_("programme"), max_length=20, choices=programme_choices(), default=CORE)
    description = models.CharField(_("resource"), max_length=300)

    class Meta:
        ordering = ["id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.description


class Agreement(AuditedModel):
    """A co-operation agreement (共建协议) between the unit and its partners."""

    title = models.CharField(_("title"), max_length=200)
    programme = models.CharField(_("programme"), max_length=20, choices=programme_choices(), default=CORE)
    parties = models.ManyToManyField(Organisation, verbose_name=_("parties"), related_name="agreements")
    signed_on = models.DateField(_("signed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    document = models.FileField(_("document"), upload_to="agreements/%Y/", blank=True)

    class Meta:
        ordering = ["-signed_on", "title"]
        constraints = [models.UniqueConstraint(fields=["tenant", "title"], name="agreement_unique_title")]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title


class Meeting(AuditedModel):
    class Kind(models.TextChoices):
        SYMPOSIUM = "symposium", _("Symposium (座谈会)")
        JOINT = "joint", _("Joint meeting (联席会)")
        ROUND_TABLE = "round_table", _("Round-table meeting (圆桌会议)")
        CONSULTATION = "consultation", _("Multi-party consultation (共议会)")
        ON_SITE = "on_site", _("On-site meeting (现场会)")
        WORKING = "working", _("Working meeting (例会)")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    programme = models.CharField(_("programme"), max_length=20, choices=programme_choices(), default=CORE)
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("parties present"), related_name="meetings", blank=True
    )
    attendees = models.ManyToManyField(Person, verbose_name=_("attendees"), related_name="meetings", blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        ordering = ["-held_at"]
        constraints = [models.UniqueConstraint(fields=["tenant", "title", "held_at"], name="meeting_unique_title_time")]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title


class Decision(TenantOwnedModel):
    """One decision taken at a meeting; its follow-up work is a ticket linked to the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(_("decision"), max_length=500)

    class Meta:
        ordering = ["id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text
