from django.apps import AppConfig


class MetersConfig(AppConfig):
    name = "portal.meters"
    label = "meters"
