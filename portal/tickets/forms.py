"""Ticket forms. They validate and scope choices; saving goes through ``services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from portal.core.forms import TenantForm, TenantModelForm
from portal.stakeholders.models import Organisation
from portal.tenancy.models import Tenant
from portal.tickets.models import Ticket
from portal.tickets.services import COMMENT_MAX_LENGTH, NOTE_MAX_LENGTH
from portal.tickets.workflow import Status

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_COORDINATE = {"step": "0.000001"}


def members_of(tenant: Tenant) -> Any:
    """Users who hold a role in ``tenant``: the only people a ticket can be assigned to."""
    return get_user_model().objects.filter(memberships__tenant=tenant).distinct().order_by("username")


class _TicketFieldsForm(TenantModelForm):
    def __init__(self, *args: Any, tenant: Tenant, **kwargs: Any) -> None:
        super().__init__(*args, tenant=tenant, **kwargs)
        if "assignee_user" in self.fields:
            self.fields["assignee_user"].queryset = members_of(tenant)  # type: ignore[attr-defined]
        for name in ("latitude", "longitude"):
            if name in self.fields:
                self.fields[name].widget.attrs.update(_COORDINATE)


class TicketCreateForm(_TicketFieldsForm):
    class Meta:
        model = Ticket
        fields = [
            "title",
            "description",
            "programme",
            "kind",
            "category",
            "priority",
            "channel",
            "requester_name",
            "requester_phone",
            "address",
            "latitude",
            "longitude",
            "assignee_user",
            "assignee_org",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class TicketEditForm(_TicketFieldsForm):
    class Meta:
        model = Ticket
        fields = [
            "title",
            "description",
            "priority",
            "assignee_user",
            "assignee_org",
            "due_at",
            "address",
            "latitude",
            "longitude",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "due_at": _DATETIME}
        help_texts = {"due_at": _("Leave as is to keep the due time; a new priority recomputes it.")}


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
    public = forms.BooleanField(label=_("Visible to the requester"), required=False, initial=True)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))
    internal = forms.BooleanField(label=_("Internal (staff only)"), required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))


class ChildTicketsForm(TenantForm):
    """A joint visit: one child task per chosen member organisation."""

    organisations = forms.ModelMultipleChoiceField(
        label=_("Member organisations"), queryset=Organisation.objects.all(), widget=forms.CheckboxSelectMultiple
    )
