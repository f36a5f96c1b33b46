"""Forms: screening run, case result, calculator inputs, screening rules."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.forms import TenantForm, TenantModelForm
from theftscan.models import BillingRule, Case, ScreeningRules

# A date input takes ISO values only; the Chinese locale would render 2025/03/21, which it shows as empty.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RunForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The last day is before the first day."))
            elif end - start < timedelta(days=13):
                self.add_error("end", _("Screen at least 14 days: the rules need a baseline and a run of days."))
            elif end - start > timedelta(days=365):
                self.add_error("end", _("Screen at most one year at a time."))
        return data


class ResultForm(TenantForm):
    result = forms.ChoiceField(label=_("Result"), choices=Case.Result.choices)
    violation_rule = forms.ModelChoiceField(
        label=_("Type of violation"), queryset=BillingRule.objects.exclude(formula="theft"), required=False
    )
    finding = forms.CharField(
        label=_("Finding"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    checked_on = forms.DateField(label=_("Checked on"), widget=DATE, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("result") == Case.Result.VIOLATION and not data.get("violation_rule"):
            self.add_error("violation_rule", _("Say which kind of contract violation was found."))
        return data


class CalculatorForm(TenantForm):
    rule = forms.ModelChoiceField(label=_("Rule"), queryset=BillingRule.objects.all())
    method = forms.ChoiceField(
        label=_("Stolen energy from"),
        required=False,
        choices=[("capacity", _("connected capacity")), ("rated_current", _("meter rated current"))],
    )
    capacity_kva = forms.DecimalField(
        label=_("Capacity (kVA, taken as kW)"), required=False, max_digits=12, decimal_places=3
    )
    rated_current_a = forms.DecimalField(label=_("Rated current (A)"), required=False, max_digits=10, decimal_places=3)
    phases = forms.TypedChoiceField(
        label=_("Phases"),
        coerce=int,
        required=False,
        choices=[(1, _("single-phase 220 V")), (3, _("three-phase 380 V"))],
    )
    ct_ratio = forms.DecimalField(label=_("CT ratio"), required=False, max_digits=8, decimal_places=2)
    user_class = forms.ChoiceField(
        label=_("User class"), required=False, choices=[("power", _("power user")), ("lighting", _("lighting user"))]
    )
    start = forms.DateField(label=_("First day"), widget=DATE, required=False)
    end = forms.DateField(label=_("Last day"), widget=DATE, required=False)
    period_unknown = forms.BooleanField(label=_("The period cannot be established"), required=False)
    hours_per_day = forms.DecimalField(
        label=_("Hours a day (if known)"), required=False, max_digits=4, decimal_places=1
    )
    price_yuan_per_kwh = forms.DecimalField(label=_("Price (yuan/kWh)"), required=False, max_digits=8, decimal_places=4)
    energy_kwh = forms.DecimalField(label=_("Energy used (kWh)"), required=False, max_digits=14, decimal_places=2)
    price_difference = forms.DecimalField(
        label=_("Price difference (yuan/kWh)"), required=False, max_digits=8, decimal_places=4
    )
    tariff = forms.ChoiceField(
        label=_("Tariff"),
        required=False,
        choices=[("two_part", _("two-part tariff")), ("single", _("single-part tariff"))],
    )
    basic_price_yuan_per_kva_month = forms.DecimalField(
        label=_("Basic charge (yuan/kVA·month)"), required=False, max_digits=8, decimal_places=2
    )
    months = forms.DecimalField(label=_("Months"), required=False, max_digits=6, decimal_places=1)
    occasions = forms.IntegerField(label=_("Occasions"), required=False)
    residential = forms.BooleanField(label=_("Residential user"), required=False)


class RulesForm(TenantModelForm):
    class Meta:
        model = ScreeningRules
        fields = [
            "threshold",
            "rise",
            "baseline_days",
            "persistence_days",
            "window_days",
            "history_days",
            "suspects_per_area",
            "minutes_per_household_check",
        ]
