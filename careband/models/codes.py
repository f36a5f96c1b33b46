"""Today's code per subject (history lives in Parquet, see ``careband.history``) and per-tenant settings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from careband.reasons import ReasonInputs, reason_text
from careband.scoring import Colour, Thresholds
from portal.core.models import TenantOwnedModel

_DEFAULT = Thresholds()


class ColourChoice(models.IntegerChoices):
    GREY = Colour.GREY, _("Grey: no data")
    GREEN = Colour.GREEN, _("Green: steady")
    YELLOW = Colour.YELLOW, _("Yellow: fluctuating")
    RED = Colour.RED, _("Red: clearly abnormal")


class CareCode(TenantOwnedModel):
    """The latest colour of one subject; replaced wholesale by each nightly run."""

    # No database foreign-key constraints on this derived table: the nightly COPY of a million rows
    # would otherwise run two referential-integrity lookups per row. The one writer (``save_codes``)
    # takes the ids from the rows it just read; deletes still cascade through the ORM.
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="+", editable=False, db_constraint=False
    )
    subject = models.OneToOneField(
        "careband.CareSubject", on_delete=models.CASCADE, related_name="code", db_constraint=False
    )
    day = models.DateField(_("day"))
    colour = models.SmallIntegerField(_("colour"), choices=ColourChoice.choices)
    # The reason is stored as its code and numbers and put into words when shown, in the reader's
    # language (``reason_text``): a million short rows, not a million sentences, every night.
    reason = models.SmallIntegerField(_("reason"))
    value = models.FloatField(_("kWh"), null=True)
    baseline = models.FloatField(_("baseline kWh"), null=True)
    basis = models.SmallIntegerField(default=0)
    missing_days = models.SmallIntegerField(default=0)
    streak = models.SmallIntegerField(default=0)
    valid_days = models.SmallIntegerField(default=0)
    contacted_at = models.DateTimeField(_("relative contacted them"), null=True, blank=True)

    class Meta:
        verbose_name = _("care code")
        verbose_name_plural = _("care codes")

    def __str__(self) -> str:
        return f"{self.subject_id} {self.day} {self.colour}"

    @property
    def reason_text(self) -> str:
        nan = float("nan")
        value = nan if self.value is None else self.value
        baseline = nan if self.baseline is None else self.baseline
        item = ReasonInputs(
            reason=self.reason,
            colour=self.colour,
            value=value,
            baseline=baseline,
            ratio=value / baseline if baseline and baseline == baseline else nan,
            basis=self.basis,
            missing_days=self.missing_days,
            streak=self.streak,
            valid_days=self.valid_days,
        )
        return reason_text(item)


class CareSettings(TenantOwnedModel):
    """One row per tenant; absent means the defaults."""

    red_low = models.FloatField(_("red below (share of baseline)"), default=_DEFAULT.red_low)
    yellow_low = models.FloatField(_("yellow below (share of baseline)"), default=_DEFAULT.yellow_low)
    yellow_high = models.FloatField(_("yellow above (times baseline)"), default=_DEFAULT.yellow_high)
    red_high = models.FloatField(_("red above (times baseline)"), default=_DEFAULT.red_high)
    acknowledge_minutes = models.PositiveIntegerField(_("acknowledge alert within (minutes)"), default=120)
    visit_minutes = models.PositiveIntegerField(_("visit within (minutes)"), default=24 * 60)
    # Rural revitalisation index weights (vacancy, use per occupied house, its trend, festival return).
    weight_vacancy = models.FloatField(_("weight: vacant-house rate"), default=0.4)
    weight_use = models.FloatField(_("weight: use per occupied house"), default=0.2)
    weight_trend = models.FloatField(_("weight: trend of use"), default=0.2)
    weight_return = models.FloatField(_("weight: Spring Festival return"), default=0.2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant"], name="caresettings_one_per_tenant")]
        verbose_name = _("care-code settings")
        verbose_name_plural = _("care-code settings")

    def __str__(self) -> str:
        return str(self.tenant)

    def thresholds(self) -> Thresholds:
        return Thresholds(
            red_low=self.red_low, yellow_low=self.yellow_low, yellow_high=self.yellow_high, red_high=self.red_high
        )
