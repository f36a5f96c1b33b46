"""Base forms for tenant-owned models: choices limited to the active tenant's rows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_noop

from portal.tenancy.scoping import TenantQuerySet

# Django 6.1's label for the blank choice of every select. Django's own Chinese catalogue does not
# translate it yet; naming it here puts it in ours (portal.core comes first, so ours is used).
BLANK_CHOICE_LABEL = gettext_noop("- Select an option -")


def scope_choice_fields(fields: dict[str, forms.Field], tenant: Any) -> None:
    """Limit every model choice field to ``tenant``'s rows.

    A foreign key to another tenant's row then fails validation as an invalid choice, the same
    answer as for an id that does not exist.
    """
    for field in fields.values():
        queryset = getattr(field, "queryset", None)
        if isinstance(queryset, TenantQuerySet):
            field.queryset = queryset.for_tenant(tenant)  # type: ignore[attr-defined]


class TenantModelForm(forms.ModelForm):
    """Takes ``tenant=``; scopes every model choice to it and stamps it on new rows."""

    def __init__(self, *args: Any, tenant: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        scope_choice_fields(self.fields, tenant)
        if self.instance._state.adding and hasattr(self.instance, "tenant_id"):
            self.instance.tenant = tenant


class TenantForm(forms.Form):
    """A plain form that still needs the tenant to scope its choices."""

    def __init__(self, *args: Any, tenant: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        scope_choice_fields(self.fields, tenant)
