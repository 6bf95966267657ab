from __future__ import annotations

from django.apps import AppConfig


class SimhostConfig(AppConfig):
    name = "visual.simhost"
    label = "simhost"
    verbose_name = "Simulation host"
    default_auto_field = "django.db.models.BigAutoField"
