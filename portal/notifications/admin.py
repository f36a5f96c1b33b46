"""Deliveries for staff: what went out, what is waiting to retry, what failed and why; failed ones can be sent again."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.core.admin import TenantScopedAdmin
from portal.notifications import services
from portal.notifications.masking import mask_address
from portal.notifications.models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(TenantScopedAdmin):
    """Read-only: rows change through ``services``. Addresses are shown masked."""

    list_display = ("created_at", "programme", "channel", "masked_address", "status", "attempts", "next_attempt_at")
    list_filter = ("status", "channel", "programme")  # the base admin declares it as an instance variable
    fields = readonly_fields = (
        "programme",
        "channel",
        "masked_address",
        "subject",
        "body",
        "status",
        "attempts",
        "attempted_at",
        "next_attempt_at",
        "last_error",
        "backend",
        "sent_at",
        "key",
    )
    actions = ["send_again"]

    @admin.display(description=_("to"))
    def masked_address(self, obj: Delivery) -> str:
        return mask_address(obj.channel, obj.address)

    @admin.action(description=_("Send the selected failed messages again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        count = sum(services.send_again(delivery) for delivery in queryset)
        messages.success(
            request, ngettext("%(n)d message queued again.", "%(n)d messages queued again.", count) % {"n": count}
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
