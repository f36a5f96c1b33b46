from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "portal.imports"
    label = "imports"

    def ready(self) -> None:
        from portal.imports import checks  # noqa: F401  (registers the system check of the data sets)
