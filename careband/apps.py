from django.apps import AppConfig


class CarebandConfig(AppConfig):
    name = "careband"
    label = "careband"
