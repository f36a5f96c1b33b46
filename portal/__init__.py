"""The stakeholder alliance portal: the shared core every programme app builds on."""

from portal.celery import app as celery_app

__all__ = ["celery_app"]
