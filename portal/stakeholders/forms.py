"""Forms of the stakeholder pages. Every choice of a related row is limited to the active tenant."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.core.forms import TenantModelForm
from portal.core.programmes import programme_choices
from portal.stakeholders import validators
from portal.stakeholders.models import Agreement, Decision, Meeting, Need, Organisation, Person, Resource

AGREEMENT_EXTENSIONS = (".pdf", ".ofd", ".doc", ".docx", ".jpg", ".jpeg", ".png")


class RulesMixin:
    """Runs the cross-field rules of ``validators`` and files their errors under the right field."""

    def apply_rule(self, rule: Any, *args: Any) -> None:
        try:
            rule(*args)
        except ValidationError as exc:
            self.add_error(None, exc)  # type: ignore[attr-defined]


class OrganisationForm(RulesMixin, TenantModelForm):
    programmes = forms.MultipleChoiceField(
        label=_("programmes"), choices=programme_choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "kind",
            "programmes",
            "district",
            "address",
            "latitude",
            "longitude",
            "contact_name",
            "contact_phone",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["latitude"].validators.append(validators.validate_latitude)
        self.fields["longitude"].validators.append(validators.validate_longitude)
        self.fields["contact_phone"].validators.append(validators.validate_phone)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if "latitude" not in self.errors and "longitude" not in self.errors:
            self.apply_rule(validators.check_coordinates, cleaned.get("latitude"), cleaned.get("longitude"))
        return cleaned


class PersonForm(TenantModelForm):
    class Meta:
        model = Person
        fields = ["name", "kind", "organisation", "position", "phone", "id_number", "address", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(validators.validate_phone)
        self.fields["id_number"].validators.append(validators.validate_id_number)

    def clean_id_number(self) -> str:
        # Store the check character as printed on the card: upper-case X.
        return str(self.cleaned_data.get("id_number", "")).strip().upper()


class AgreementForm(RulesMixin, TenantModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "programme", "parties", "signed_on", "valid_until", "summary", "document"]
        widgets = {
            "parties": forms.CheckboxSelectMultiple,
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 4}),
            # A plain file input: the clearable one links to the media URL, which is never served.
            "document": forms.FileInput(attrs={"accept": ",".join(AGREEMENT_EXTENSIONS)}),
        }

    def clean_document(self) -> Any:
        document = self.cleaned_data.get("document")
        if isinstance(document, UploadedFile):
            if Path(document.name or "").suffix.lower() not in AGREEMENT_EXTENSIONS:
                raise ValidationError(
                    _("Upload a PDF, OFD, Word document or image (%(types)s).")
                    % {"types": ", ".join(AGREEMENT_EXTENSIONS)}
                )
            if document.size is not None and document.size > settings.ATTACHMENT_MAX_BYTES:
                raise ValidationError(
                    _("The file is larger than %(limit)s.") % {"limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
                )
        return document

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        self.apply_rule(
            validators.check_date_order, cleaned.get("signed_on"), cleaned.get("valid_until"), "valid_until"
        )
        return cleaned


class MeetingForm(RulesMixin, TenantModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "kind", "programme", "held_at", "place", "organisations", "attendees", "minutes"]
        widgets = {
            "held_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "organisations": forms.CheckboxSelectMultiple,
            "attendees": forms.CheckboxSelectMultiple,
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        self.apply_rule(validators.check_meeting_time, cleaned.get("held_at"))
        return cleaned


class NeedForm(TenantModelForm):
    prefix = "need"

    class Meta:
        model = Need
        fields = ["programme", "description"]


class ResourceForm(TenantModelForm):
    prefix = "resource"

    class Meta:
        model = Resource
        fields = ["programme", "description"]


class DecisionForm(TenantModelForm):
    class Meta:
        model = Decision
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
