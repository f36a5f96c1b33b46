from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "portal.activities"
    label = "activities"
