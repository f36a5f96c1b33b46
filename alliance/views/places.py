"""Members, places and the printable contact card (公共服务联络卡)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.views.generic import DetailView, ListView

from alliance.card import qr_svg
from alliance.models import Member, ServicePlace
from portal.core.views import TenantObjectMixin


class MemberListView(TenantObjectMixin, ListView):
    model = Member
    template_name = "alliance/member_list.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("organisation").prefetch_related("service_types")


class PlaceListView(TenantObjectMixin, ListView):
    model = ServicePlace
    template_name = "alliance/place_list.html"
    paginate_by = 50


class PlaceDetailView(TenantObjectMixin, DetailView):
    model = ServicePlace
    template_name = "alliance/place_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["contacts"] = self.object.contacts.select_related("member__organisation")
        context["form_url"] = self.request.build_absolute_uri(
            reverse("alliance:public-form", kwargs={"key": self.object.public_key})
        )
        return context


class PlaceCardView(PlaceDetailView):
    """The A6 card, one per household: each utility's number for this place and the QR code."""

    template_name = "alliance/place_card.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["qr_svg"] = qr_svg(context["form_url"])
        return context
