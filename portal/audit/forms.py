"""Filters of the audit log pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from portal.audit.retention import MAX_RETENTION_DAYS, MIN_RETENTION_DAYS
from portal.tenancy.members import member_users


class AuditFilterForm(forms.Form):
    """By model, by actor (a member of the unit) and by date range; every field optional.

    ``logged`` is the tenant's log queryset: the model choices are the models it mentions.
    """

    model = forms.TypedChoiceField(label=_("Record type"), required=False, coerce=int, empty_value=None)
    actor = forms.TypedChoiceField(label=_("Changed by"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, tenant: Any, logged: Any, actor_label: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if actor_label is not None:
            self.fields["actor"].label = actor_label
        type_ids = set(logged.order_by().values_list("content_type", flat=True).distinct())
        types = sorted(ContentType.objects.filter(pk__in=type_ids), key=_type_label)
        self.fields["model"].choices = [("", _("All")), *((t.pk, _type_label(t)) for t in types)]  # type: ignore[attr-defined]
        users = member_users(tenant)
        self.fields["actor"].choices = [("", _("Anyone")), *((u.pk, f"{u} ({u.username})") for u in users)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def apply(self, queryset: Any) -> Any:
        """Narrow ``queryset`` by the fields that are valid (a bad field is reported, not applied)."""
        data = getattr(self, "cleaned_data", {})
        if data.get("model"):
            queryset = queryset.filter(content_type_id=data["model"])
        if data.get("actor"):
            queryset = queryset.filter(actor_id=data["actor"])
        if data.get("date_from"):
            queryset = queryset.filter(created_at__date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(created_at__date__lte=data["date_to"])
        return queryset


class PurgeForm(forms.Form):
    days = forms.IntegerField(
        label=_("Keep the last (days)"),
        min_value=MIN_RETENTION_DAYS,
        max_value=MAX_RETENTION_DAYS,
        initial=lambda: settings.ACCESS_LOG_KEEP_DAYS,
    )


def _type_label(content_type: ContentType) -> str:
    model = content_type.model_class()
    return str(model._meta.verbose_name) if model is not None else content_type.model
