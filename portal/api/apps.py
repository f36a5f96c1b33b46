from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "portal.api"
    label = "api"

    def ready(self) -> None:
        # Registers the API key's security scheme with drf-spectacular.
        from portal.api import schema  # noqa: F401
