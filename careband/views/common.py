"""What every care-code page shares: the visible subjects of the request's user."""

from __future__ import annotations

from django.db.models import QuerySet

from careband.models import CareSubject
from careband.services.access import visible_subjects
from portal.core.views import TenantRequiredMixin


class CareMixin(TenantRequiredMixin):
    def subjects(self) -> QuerySet[CareSubject]:
        return visible_subjects(self.tenant, self.request.user, self.capabilities)
