from __future__ import annotations

from collections import Counter

import pytest

from portal.demo.loader import load_demo


@pytest.fixture
def demo(db: None) -> Counter[str]:
    """The demo loaded once into an empty database; returns what the first run created."""
    return load_demo()
