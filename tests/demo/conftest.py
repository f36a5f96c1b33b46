from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from portal.demo.loader import load_demo


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: Any) -> None:
    # The manifest storage of a deployment needs `collectstatic`, which a test run does not do;
    # the login page (rendered on a failed login) links the stylesheet.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def demo(db: None) -> Counter[str]:
    """The demo loaded once into an empty database; returns what the first run created."""
    return load_demo()
