"""What every care-code page shares: the visible subjects of the request's user."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from careband.models import CareSubject
from careband.services.access import visible_subjects
from portal.core.views import TenantRequiredMixin


class CareMixin(TenantRequiredMixin):
    def subjects(self) -> QuerySet[CareSubject]:
        return visible_subjects(self.tenant, self.request.user, self.request.capabilities)  # type: ignore[attr-defined]


def caps(request: HttpRequest) -> Any:
    return request.capabilities  # type: ignore[attr-defined]
