"""Template helpers of the stakeholder pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from portal.core.programmes import programme_name
from portal.stakeholders.personal import shown_value

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context: dict[str, Any], obj: models.Model, field: str) -> str:
    """``{% personal person "phone" %}``: the value, masked unless the user may see personal data."""
    return shown_value(context["request"], obj, field)


@register.filter
def programme_label(code: str) -> str:
    return programme_name(code)
