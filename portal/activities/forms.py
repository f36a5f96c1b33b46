"""The activity form: partners and organiser limited to the tenant's own organisations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.activities.models import Activity
from portal.core.forms import TenantModelForm
from portal.stakeholders import validators
from portal.stakeholders.forms import RulesMixin

MAX_METRICS = 20


def validate_metrics(value: Any) -> None:
    """Programme figures are named counts: {"cables_removed": 78}."""
    if not isinstance(value, dict):
        raise ValidationError(_('Enter the figures as a JSON object, e.g. {"cables_removed": 78}.'), code="not_object")
    if len(value) > MAX_METRICS:
        raise ValidationError(_("At most %(n)d figures.") % {"n": MAX_METRICS}, code="too_many")
    for key, count in value.items():
        if not (isinstance(key, str) and 0 < len(key) <= 40):
            raise ValidationError(_("Each figure needs a name of at most 40 characters."), code="bad_name")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValidationError(
                _("The figure %(name)s must be a whole number of at least 0.") % {"name": key}, code="bad_count"
            )


class ActivityForm(RulesMixin, TenantModelForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "kind",
            "programme",
            "start_date",
            "end_date",
            "place",
            "organiser",
            "partners",
            "people_reached",
            "volunteers",
            "materials_handed_out",
            "metrics",
            "description",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "partners": forms.CheckboxSelectMultiple,
            "metrics": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"metrics": _('Programme figures as JSON, e.g. {"cables_removed": 78}.')}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["metrics"].validators.append(validate_metrics)

    def clean_metrics(self) -> dict[str, int]:
        # An emptied box means "no figures", not NULL (the column is not nullable).
        return self.cleaned_data.get("metrics") or {}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        self.apply_rule(validators.check_date_order, cleaned.get("start_date"), cleaned.get("end_date"), "end_date")
        return cleaned
