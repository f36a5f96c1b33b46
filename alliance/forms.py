"""Forms of the request desk: the resident's mobile form, staff entry, and the desk's actions."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alliance.intake import DESCRIPTION_MAX_LENGTH
from alliance.models import CannedReply, Member, ServicePlace, ServiceType
from portal.core.forms import TenantForm
from portal.tickets.models import Channel

PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


class _RequestFields(TenantForm):
    service_type = forms.ModelChoiceField(
        ServiceType.objects.filter(active=True), label=_("What is the problem about?"), empty_label=None
    )
    description = forms.CharField(
        label=_("Describe the problem"), max_length=DESCRIPTION_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )
    address = forms.CharField(label=_("Building, unit or spot"), max_length=200, required=False)
    latitude = forms.DecimalField(max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False)
    longitude = forms.DecimalField(max_digits=9, decimal_places=6, min_value=-180, max_value=180, required=False)
    life_risk = forms.BooleanField(
        label=_("Life or property is at risk (gas smell, sparks, flooding …)"), required=False
    )
    requester_name = forms.CharField(label=_("Your name"), max_length=60, required=False)
    requester_phone = forms.CharField(label=_("Mobile number"), max_length=30, required=False)

    def clean_requester_phone(self) -> str:
        phone: str = self.cleaned_data["requester_phone"].strip()
        if phone and not PHONE.fullmatch(phone):
            raise forms.ValidationError(_("Enter an 11-digit mobile number."))
        return phone


class PublicRequestForm(_RequestFields):
    """The no-login form the card's QR code opens; the place comes from the card."""

    latitude = forms.DecimalField(
        max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        max_digits=9, decimal_places=6, min_value=-180, max_value=180, required=False, widget=forms.HiddenInput
    )
    sms_updates = forms.BooleanField(label=_("Send me progress by SMS"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_point = data.get("latitude") is not None and data.get("longitude") is not None
        if not (data.get("address") or "").strip() and not has_point:
            self.add_error("address", _("Say where the problem is: the building and unit, or share your location."))
        if data.get("sms_updates") and not data.get("requester_phone"):
            self.add_error("requester_phone", _("Give your mobile number to receive SMS updates."))
        return data


class DeskEntryForm(_RequestFields):
    """Staff enter a request on a caller's behalf; a pasted WeChat message goes in the description."""

    place = forms.ModelChoiceField(ServicePlace.objects.all(), label=_("Place"), required=False)
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[(c.value, c.label) for c in (Channel.HOTLINE, Channel.WECHAT, Channel.WALK_IN)],
    )
    sms_updates = forms.BooleanField(label=_("Send the caller progress by SMS"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A pasted message often carries the caller's number: take it when none was typed.
        if not data.get("requester_phone") and data.get("description"):
            found = PHONE.search(data["description"])
            if found:
                data["requester_phone"] = found.group(0)
        has_point = data.get("latitude") is not None and data.get("longitude") is not None
        if not data.get("place") and not (data.get("address") or "").strip() and not has_point:
            self.add_error("address", _("Say where the problem is: a place, an address or coordinates."))
        return data


class StatusForm(TenantForm):
    to_status = forms.ChoiceField(label=_("New status"))
    canned = forms.ModelChoiceField(CannedReply.objects.all(), label=_("Canned reply"), required=False)
    note = forms.CharField(
        label=_("Note to the requester"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    one_visit = forms.TypedChoiceField(
        label=_("Solved in one visit?"),
        choices=[("", _("Not recorded")), ("yes", _("Yes")), ("no", _("No"))],
        required=False,
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = choices  # type: ignore[attr-defined]

    def note_text(self) -> str:
        note: str = self.cleaned_data["note"].strip()
        canned: CannedReply | None = self.cleaned_data.get("canned")
        return note or (canned.text if canned else "")


class NotOursForm(TenantForm):
    to_member = forms.ModelChoiceField(Member.objects.all(), label=_("Pass to"))
    reason = forms.CharField(label=_("Why it is not ours"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class JointVisitForm(TenantForm):
    members = forms.ModelMultipleChoiceField(
        Member.objects.all(), label=_("Members on the visit"), widget=forms.CheckboxSelectMultiple
    )
    lead = forms.ModelChoiceField(Member.objects.all(), label=_("Lead member"))


class RatingForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you?"),
        choices=[(str(n), "★" * n) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Anything to add?"), max_length=500, required=False)
