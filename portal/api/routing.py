"""The one router of ``/api/v1/``. Each package registers its viewsets in its own ``api.py``."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
