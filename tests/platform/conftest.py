from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _platform_urls(settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.platform.urls"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: Any) -> None:
    # The manifest storage of a deployment needs `collectstatic`, which the test run does not do;
    # page tests only need `{% static %}` to produce /static/ URLs.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
