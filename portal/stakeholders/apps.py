from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    name = "portal.stakeholders"
    label = "stakeholders"
