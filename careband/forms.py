"""Forms of the care-code pages (all scoped to the active tenant)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from careband.models import AreaLevel, CareArea, CareSubject, Visit
from careband.services.subjects import clean_meter_numbers
from portal.core.forms import TenantModelForm


class SubjectForm(TenantModelForm):
    meters = forms.CharField(label=_("Meter numbers"), max_length=220, help_text=_("Separate several with commas."))

    class Meta:
        model = CareSubject
        fields = ["name", "id_number", "phone", "address", "category", "grid", "consent_by", "consent_at",
                  "consent_scope"]  # fmt: skip
        widgets = {"consent_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grid"].queryset = CareArea.objects.for_tenant(self.tenant).filter(level=AreaLevel.GRID)  # type: ignore[attr-defined]

    def clean_meters(self) -> list[str]:
        return clean_meter_numbers(self.cleaned_data["meters"])


class EnrolUploadForm(forms.Form):
    file = forms.FileField(label=_("Civil-affairs list (CSV or XLSX)"))


class PauseForm(forms.Form):
    paused_until = forms.DateField(
        label=_("Paused until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    pause_reason = forms.CharField(label=_("Reason"), max_length=100, required=False)


class InviteForm(forms.Form):
    relationship = forms.CharField(label=_("Relationship"), max_length=30)


class VisitForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["outcome", "note", "photo"]
        widgets = {"outcome": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}


class JoinForm(forms.Form):
    code = forms.CharField(label=_("Invitation code"), max_length=16)
