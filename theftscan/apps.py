from django.apps import AppConfig


class TheftscanConfig(AppConfig):
    name = "theftscan"
    label = "theftscan"
