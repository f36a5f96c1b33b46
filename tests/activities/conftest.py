"""Activities reuse the stakeholder records (organisers and partners are organisations)."""

from tests.stakeholders.conftest import _page_test_settings, alices, charlies

__all__ = ["_page_test_settings", "alices", "charlies"]
