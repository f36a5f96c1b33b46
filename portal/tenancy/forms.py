"""Forms of the tenant administration pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.api.keys import MAX_DAYS, NAME_MAX_LENGTH
from portal.core.programmes import PROGRAMMES


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Who the key is for, e.g. the partner organisation."),
    )
    programmes = forms.MultipleChoiceField(
        label=_("Programmes"),
        choices=[(p.code, p.name) for p in PROGRAMMES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The key can always read the core data; tick the programmes it may read as well."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=365,
    )
    can_see_personal_data = forms.BooleanField(
        label=_("May see unmasked personal data"),
        required=False,
        help_text=_("Leave unticked unless an agreement with the partner requires full names and numbers."),
    )
