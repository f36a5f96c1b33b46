"""Screening results (area-day figures, area windows, suspects), cases and the tenant's rules.

Results are written by the ``theftscan.screen`` job under unique keys, so a rerun of the same window
replaces its own rows and nothing else. Cases are audited: they record what was found on site and the
money that followed.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.models import AuditedModel, TenantOwnedModel
from theftscan.analytics.lineloss import DayStatus

_RATE = [MinValueValidator(Decimal("0.001")), MaxValueValidator(Decimal("0.999"))]


class DayStatusChoice(models.IntegerChoices):
    OK = DayStatus.OK, _("Complete")
    USERS_ESTIMATED = DayStatus.USERS_ESTIMATED, _("Some users not read (estimated)")
    USERS_NOT_READ = DayStatus.USERS_NOT_READ, _("Too many users not read")
    AREA_METER_MISSING = DayStatus.AREA_METER_MISSING, _("Area meter not read")
    NEGATIVE = DayStatus.NEGATIVE, _("More sold than supplied (area meter or CT fault?)")
    NO_SUPPLY = DayStatus.NO_SUPPLY, _("No supply recorded")


class ScreeningRules(AuditedModel):
    """A tenant's flag and scoring rules (one row per tenant; defaults when absent)."""

    threshold = models.DecimalField(
        _("loss-rate threshold"), max_digits=4, decimal_places=3, default=Decimal("0.100"), validators=_RATE
    )
    rise = models.DecimalField(
        _("least step up of the loss rate"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.010"),
        validators=_RATE,
        help_text=_("A step is also judged against the area's own day-to-day noise."),
    )
    baseline_days = models.PositiveSmallIntegerField(
        _("least days before a step"), default=14, validators=[MinValueValidator(3), MaxValueValidator(365)]
    )
    persistence_days = models.PositiveSmallIntegerField(
        _("persistence (days)"), default=7, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    window_days = models.PositiveSmallIntegerField(
        _("nightly window (days)"), default=90, validators=[MinValueValidator(14), MaxValueValidator(366)]
    )
    history_days = models.PositiveSmallIntegerField(
        _("history read before the window (days)"),
        default=90,
        validators=[MaxValueValidator(365)],
        help_text=_("The level before a theft that began before the window is read from these days."),
    )
    suspects_per_area = models.PositiveSmallIntegerField(
        _("suspects kept per area"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    minutes_per_household_check = models.PositiveSmallIntegerField(
        _("minutes per household check on site"), default=20, validators=[MaxValueValidator(600)]
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant"], name="theftscan_rules_one_per_tenant")]
        verbose_name = _("screening rules")
        verbose_name_plural = _("screening rules")

    def __str__(self) -> str:
        return str(_("Screening rules"))


class AreaDay(TenantOwnedModel):
    area = models.ForeignKey("meters.TransformerArea", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    supplied_kwh = models.FloatField(_("supplied (kWh)"), null=True)
    sold_kwh = models.FloatField(_("sold (kWh)"))
    estimated_kwh = models.FloatField(_("estimated (kWh)"), default=0)
    loss_kwh = models.FloatField(_("loss (kWh)"), null=True)
    loss_rate = models.FloatField(_("loss rate"), null=True)
    users = models.PositiveIntegerField(_("users"), default=0)
    users_missing = models.PositiveIntegerField(_("users not read"), default=0)
    status = models.PositiveSmallIntegerField(_("status"), choices=DayStatusChoice.choices, default=DayStatus.OK)

    class Meta:
        ordering = ["area", "day"]
        constraints = [models.UniqueConstraint(fields=["tenant", "area", "day"], name="theftscan_areaday_unique")]
        verbose_name = _("area day")
        verbose_name_plural = _("area days")

    def __str__(self) -> str:
        return f"{self.area_id} {self.day}"


class AreaPeriod(TenantOwnedModel):
    """One area over one screening window: totals, trend, flag and suspicion."""

    area = models.ForeignKey("meters.TransformerArea", on_delete=models.CASCADE, related_name="+")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    supplied_kwh = models.FloatField(_("supplied (kWh)"))
    sold_kwh = models.FloatField(_("sold (kWh)"))
    loss_kwh = models.FloatField(_("loss (kWh)"))
    loss_rate = models.FloatField(_("loss rate"), null=True)
    recent_rate = models.FloatField(_("recent loss rate"), null=True)
    baseline_rate = models.FloatField(_("baseline loss rate"), null=True)
    trend = models.FloatField(_("trend (per 30 days)"), null=True)
    usable_days = models.PositiveSmallIntegerField(_("usable days"), default=0)
    excluded_days = models.PositiveSmallIntegerField(_("excluded days"), default=0)
    flagged = models.BooleanField(_("flagged"), default=False)
    flag_reasons = models.PositiveSmallIntegerField(_("flag reasons"), default=0)
    longest_run = models.PositiveSmallIntegerField(_("longest run of days over"), default=0)
    change_day = models.DateField(_("loss rose from"), null=True, blank=True)
    step = models.FloatField(_("step up of the loss rate"), null=True)
    step_t = models.FloatField(_("step against own noise (t)"), null=True)
    noise = models.FloatField(_("day-to-day noise of the loss rate"), null=True)
    history_from = models.DateField(_("history read from"), null=True, blank=True)
    suspicion = models.FloatField(_("suspicion"), default=0)
    job_run = models.ForeignKey("jobs.JobRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-suspicion", "area"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "area", "start", "end"], name="theftscan_areaperiod_unique")
        ]
        indexes = [models.Index(fields=["tenant", "end", "flagged"])]
        verbose_name = _("area screening")
        verbose_name_plural = _("area screenings")

    def __str__(self) -> str:
        return f"{self.area_id} {self.start}–{self.end}"


class Suspect(TenantOwnedModel):
    period = models.ForeignKey(AreaPeriod, on_delete=models.CASCADE, related_name="suspects")
    area = models.ForeignKey("meters.TransformerArea", on_delete=models.CASCADE, related_name="+")
    meter = models.ForeignKey("meters.Meter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    meter_no = models.CharField(_("meter number"), max_length=40)
    score = models.FloatField(_("score"))
    rank_in_area = models.PositiveIntegerField(_("rank in area"))
    rank_in_tenant = models.PositiveIntegerField(_("rank in unit"))
    reasons = models.PositiveSmallIntegerField(_("reasons"), default=0)
    start_day = models.DateField(_("suspected start"), null=True, blank=True)
    features = models.JSONField(_("figures"), default=dict)

    class Meta:
        ordering = ["rank_in_tenant"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "period", "meter_no"], name="theftscan_suspect_unique")
        ]
        verbose_name = _("suspect")
        verbose_name_plural = _("suspects")

    def __str__(self) -> str:
        return self.meter_no


class Case(AuditedModel):
    """An on-site inspection opened from a suspect, and what it found."""

    class Result(models.TextChoices):
        PENDING = "pending", _("Not yet checked")
        THEFT = "theft", _("Theft confirmed")
        VIOLATION = "violation", _("Contract violation")
        NORMAL = "normal", _("Normal")
        METER_FAULT = "meter_fault", _("Meter fault")

    suspect = models.ForeignKey(Suspect, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases")
    area = models.ForeignKey("meters.TransformerArea", on_delete=models.PROTECT, related_name="+")
    meter_no = models.CharField(_("meter number"), max_length=40)
    rank_in_area = models.PositiveIntegerField(_("rank in area when opened"), null=True, blank=True)
    ticket = models.OneToOneField("tickets.Ticket", on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("result"), max_length=12, choices=Result.choices, default=Result.PENDING)
    violation_rule = models.ForeignKey(
        "theftscan.BillingRule",
        verbose_name=_("type of violation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finding = models.TextField(_("finding"), blank=True, max_length=2000)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    calculation = models.JSONField(_("calculation"), default=dict, blank=True)
    energy_kwh = models.DecimalField(_("energy back-billed (kWh)"), max_digits=14, decimal_places=2, default=Decimal(0))
    back_billed_yuan = models.DecimalField(_("back-billed (yuan)"), max_digits=14, decimal_places=2, default=Decimal(0))
    penalty_yuan = models.DecimalField(_("penalty (yuan)"), max_digits=14, decimal_places=2, default=Decimal(0))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["tenant", "suspect"], name="theftscan_case_one_per_suspect")]
        verbose_name = _("inspection case")
        verbose_name_plural = _("inspection cases")

    def __str__(self) -> str:
        return f"{self.meter_no} ({self.get_result_display()})"


class BillingRule(AuditedModel):
    """One rule of the calculator as data: its formula kind, parameters and the article it rests on."""

    code = models.SlugField(_("code"), max_length=40)
    formula = models.CharField(_("formula"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    article = models.CharField(_("article of the rules"), max_length=200)
    params = models.JSONField(_("parameters"), default=dict)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["tenant", "code"], name="theftscan_billingrule_unique")]
        verbose_name = _("billing rule")
        verbose_name_plural = _("billing rules")

    def __str__(self) -> str:
        return self.name

    @property
    def is_theft(self) -> bool:
        return self.formula == "theft"
