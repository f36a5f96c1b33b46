from __future__ import annotations

from django.contrib import admin

from careband.models import CareArea, CareKeyScope, CareSettings, CareSubject, Guardian
from portal.core.admin import TenantScopedAdmin

for model in (CareArea, CareKeyScope, CareSettings, CareSubject, Guardian):
    admin.site.register(model, TenantScopedAdmin)
